"""A standalone interactive map: one HTML file that opens offline in any browser.

Takes the folium map of :func:`maps.web.webmap.build_map` (already pointed at the vendored
assets by :func:`maps.web.offline.localize`), renders it, and inlines every script and
stylesheet from ``static/vendor/``; fonts and images referenced by the stylesheets become
``data:`` URIs. A fixed note with the production date, every source's attribution, the
neutral disclaimer and the data protection applied is added (text HTML-escaped). The result
must load nothing from the network: :func:`external_resources` is checked before returning.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import mimetypes
import re
from collections.abc import Sequence
from pathlib import Path

from fileio import product_filename
from maps.print.print_layout import short_title

MIME = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
        ".eot": "application/vnd.ms-fontobject", ".svg": "image/svg+xml",
        ".png": "image/png", ".gif": "image/gif", ".jpg": "image/jpeg"}
FALLBACK_FONTS = (".ttf", ".eot", ".woff")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_TAG_SRC = re.compile(r"""<(script|img|iframe|source|audio|video)\b[^>]*\bsrc\s*=\s*["']?"""
                      r"""(https?:)?//""", re.IGNORECASE)
_LINK_HREF = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?(https?:)?//""", re.IGNORECASE)
_CSS_REMOTE = re.compile(r"""url\(\s*['"]?(https?:)?//|@import\s+(url\()?\s*['"]?(https?:)?//""",
                         re.IGNORECASE)


class StandaloneError(RuntimeError):
    """The map links something that cannot be inlined."""


def external_resources(doc: str) -> list[str]:
    """Snippets of ``doc`` that would make a browser fetch from the network: script/img
    ``src``, ``<link href>``, CSS ``url()`` and ``@import`` with http(s) or ``//`` URLs.
    (Plain links a reader may click, e.g. in the attribution, are not fetched.)"""
    found = []
    for rx in (_TAG_SRC, _LINK_HREF, _CSS_REMOTE):
        found += [doc[m.start():m.start() + 120] for m in rx.finditer(doc)]
    return found


def _data_uri(path: Path) -> str:
    mime = MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or \
        "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(css: str, css_path: Path) -> str:
    """Replace relative ``url()`` references of a stylesheet by data URIs.

    References to files that are not vendored become an empty data URI (the glyph or image
    is then missing, but nothing is fetched).
    """
    def repl(m: re.Match) -> str:
        ref = m.group(2).strip()
        if ref.startswith(("data:", "#")):
            return m.group(0)
        if re.match(r"(https?:)?//", ref):
            raise StandaloneError(f"{css_path.name} loads {ref} from the network")
        target = (css_path.parent / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            return 'url("data:,")'
        if target.suffix.lower() in FALLBACK_FONTS and target.with_suffix(".woff2").is_file():
            return 'url("data:,")'  # every current browser takes the woff2 listed first
        return f'url("{_data_uri(target)}")'

    return _CSS_URL.sub(repl, css)


def _assets(m) -> list[tuple[str, str, Path]]:
    """(kind, local URL, file) of every vendored asset the map links."""
    from maps.web.offline import STATIC_URL, VENDOR_DIR, asset_files

    out = []
    for kind, path in asset_files(m):
        rel = Path(path).resolve().relative_to(VENDOR_DIR.resolve()).as_posix()
        out.append((kind, f"{STATIC_URL}/{rel}", Path(path)))
    return out


def _note(lines: Sequence[str]) -> str:
    """A fixed, collapsible box (top centre) with the page's title, sources and notes."""
    body = "<br>".join(html.escape(x) for x in lines if x)
    return ('<details id="kgtj-offline-note" open style="position:fixed;top:8px;left:60px;'
            'z-index:1000;max-width:min(640px,60%);max-height:45%;overflow:auto;'
            'background:rgba(255,255,255,.94);font:11px/1.35 sans-serif;padding:4px 8px;'
            'border-radius:6px;box-shadow:0 0 4px rgba(0,0,0,.3)">'
            '<summary style="cursor:pointer;font-weight:bold">About this map, sources and '
            'data protection / О карте, источники и защита данных</summary>'
            f'{body}</details>')


def standalone_html(m, note_lines: Sequence[str] = (), title: str = "Map") -> bytes:
    """Render ``m`` (a folium.Map built with ``offline=True``) as one self-contained file.

    Parameters
    ----------
    m : folium.Map from :func:`maps.web.webmap.build_map`.
    note_lines : lines of the fixed note (production date, sources, disclaimer,
        protection); escaped here.
    title : the page title (escaped).

    Raises
    ------
    StandaloneError : an asset is missing or something would still load from the network.
    """
    doc = m.get_root().render()
    for kind, url, path in _assets(m):
        if not path.is_file():
            raise StandaloneError(f"vendored asset {path} is missing: run "
                                  "`python -m maps.web.vendor_assets`")
        text = path.read_text(encoding="utf-8")
        esc = re.escape(url)
        if kind == "js":
            inline = "<script>" + text.replace("</script", "<\\/script") + "</script>"
            pattern = rf"""<script\b[^>]*\bsrc\s*=\s*["']{esc}["'][^>]*>\s*</script>"""
        else:
            css = inline_css(text, path).replace("</style", "<\\/style")
            inline = "<style>" + css + "</style>"
            pattern = rf"""<link\b[^>]*\bhref\s*=\s*["']{esc}["'][^>]*/?>"""
        doc, n = re.subn(pattern, lambda _m, s=inline: s, doc)
        if n == 0 and url in doc:
            raise StandaloneError(f"could not inline {url}")
    from maps.web.offline import STATIC_URL

    # the default-icon folder (maps.web.offline) is a served path: a single file has none, and
    # none of our layers uses Leaflet's default marker image
    doc = re.sub(r'L\.Icon\.Default\.imagePath = "[^"]*";\s*', "", doc)
    leftover = [u for u in re.findall(rf"""["']({re.escape(STATIC_URL)}[^"']*)["']""", doc)]
    if leftover:
        raise StandaloneError(f"links to local assets left: {leftover[:5]}")
    doc = doc.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    doc = doc.replace("</body>", _note(note_lines) + "</body>", 1)
    remote = external_resources(doc)
    if remote:
        raise StandaloneError(f"the page would load from the network: {remote[:3]}")
    return doc.encode("utf-8")


def standalone_filename(title: str, date: dt.date) -> str:
    """``KGZ-TJK_<short-title>_web_<YYYYMMDD>.html``."""
    return product_filename(short_title(title), "web", date, "html")
