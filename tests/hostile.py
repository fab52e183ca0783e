"""Hostile strings for every output that shows user text (issue 15, "Script injection").

One corpus for all tests: HTML, JavaScript template-literal text, a string that closes a
template literal, ``</script>``, mathtext, right-to-left override marks, NUL and a 10 kB
string. Browser checks hook ``window.alert`` and set ``window.__kgtj_pwned`` from the
payloads, so any of them running is seen."""
from __future__ import annotations

# each payload that could run calls alert() or sets the flag; none may do either
HTML_IMG = '<img src=x onerror="window.__kgtj_pwned=1;alert(1)">'
TEMPLATE = "${window.__kgtj_pwned=2,alert(2)}"
TEMPLATE_BREAK = "`;window.__kgtj_pwned=3;alert(106);//"
SCRIPT_CLOSE = "</script><script>window.__kgtj_pwned=4;alert(4)</script>"
MATHTEXT = r"$\undefinedmacro{x}$"
RTL = "\u202eevil\u202c Ak-Say"
NUL = "Ak\x00Say"
QUOTES = "O'Neil \"Ak\" Say"
LONG = "Ak-Say " + "x" * 10_000

HOSTILE = (HTML_IMG, TEMPLATE, TEMPLATE_BREAK, SCRIPT_CLOSE, MATHTEXT, RTL, NUL, QUOTES, LONG)
"""Every hostile string, for text fields (names, places, notes, sources)."""

SHORT = tuple(h for h in HOSTILE if h is not LONG)

# installed before any page script runs (Playwright ``add_init_script``, every frame)
ALERT_HOOK = """
window.__kgtj_pwned = 0; window.__kgtj_alerts = 0;
window.alert = function(){ window.__kgtj_alerts += 1; };
"""
PWNED_JS = "() => (window.__kgtj_pwned || 0) + (window.__kgtj_alerts || 0)"


def hostile(i: int) -> str:
    """The ``i``-th hostile string, cycling through :data:`HOSTILE`."""
    return HOSTILE[i % len(HOSTILE)]


def storable(text: str) -> str:
    """``text`` as an import keeps it: NUL and other control characters removed."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
