"""Russian renderings of the English texts that are not keyed messages yet, and of keyed
messages read back as plain text.

:func:`render_ru` renders the import warnings (templates of :mod:`i18n.warnings_ru`: English
with ``{name}`` placeholders, Russian with the same; the values carried over verbatim).
:func:`parse_stored` recognises the English of a keyed message (:data:`incidents.messages.EN`)
in plain text: reasons read back from the store's quarantine table, which keeps no key, and
the checks of ``analysis.registry`` that write the same English as the actions' keyed ones.
The rejection reasons, record errors and action/review checks themselves are keyed
(:mod:`incidents.messages`, :mod:`i18n.messages_ru`) and never pass through here. User data
is never translated, re-quoted or escaped here: the app shows it in dataframes or escapes it.
Patterns are compiled once, at import.
"""
from __future__ import annotations

import re
from functools import lru_cache

from i18n.messages_ru import WORDS
from i18n.warnings_ru import WARNING_TEMPLATES
from incidents.messages import EN, Msg

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# params of the keyed messages that are numbers or ranges, never free text
_NUMERIC = {"range": r"-?[\d.]+\.\.-?[\d.]+", "n": r"\d+", "width": r"\d+", "row": r"\d+",
            "lat_range": r"-?[\d.]+\.\.-?[\d.]+", "lon_range": r"-?[\d.]+\.\.-?[\d.]+"}


def _compile(english: str, words: dict[str, dict[str, str]] | None = None) -> re.Pattern:
    parts = _PLACEHOLDER.split(english)  # literal, name, literal, name, ..., literal
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif words and part in words:  # a closed set of English words
            alts = sorted(words[part], key=len, reverse=True)
            out.append(f"(?P<{part}>{'|'.join(map(re.escape, alts))})")
        elif words and part in _NUMERIC:
            out.append(f"(?P<{part}>{_NUMERIC[part]})")
        else:
            out.append(f"(?P<{part}>.*?)")
    return re.compile("".join(out), re.DOTALL)


_STORED: tuple[tuple[re.Pattern, str], ...] = tuple(
    (_compile(en, WORDS), key) for key, en in EN.items())


@lru_cache(maxsize=4096)
def parse_stored(text: str) -> Msg | None:
    """The keyed message whose English is ``text``, for reasons read back as plain text (the
    store's quarantine table keeps the English only), or None. Built from the one English
    table, :data:`incidents.messages.EN`; a reason still held as a ``Msg`` never comes here."""
    for pattern, key in _STORED:
        m = pattern.fullmatch(text)
        if m:
            return Msg(key, **m.groupdict())
    return None


_COMPILED: tuple[tuple[re.Pattern, str], ...] = tuple(
    (_compile(en), ru) for en, ru in WARNING_TEMPLATES)


@lru_cache(maxsize=4096)
def render_ru(reason: str) -> str | None:
    """The Russian text of an English import warning, or None when no template matches."""
    for pattern, ru in _COMPILED:
        m = pattern.fullmatch(reason)
        if m:
            return ru.format(**m.groupdict())
    return None
