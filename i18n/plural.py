"""Plural-aware text templates, with the plural rules of Babel (CLDR).

A template names the word forms after a number in a format spec::

    "{n} {n:plural:incident|incidents}"                                    # en: one|other
    "{n} {n:plural:инцидент|инцидента|инцидентов|инцидента}"               # ru: one|few|many|other

The forms are listed in CLDR order (zero, one, two, few, many, other), only those the
language has (``plural_tags``); "other" is always last. ``{n:plural:...}`` renders only the
word; the number itself is written by its own ``{n}``. Everything else formats as
``str.format`` does, except that in Russian a float under a ``f`` or ``g`` spec gets the
decimal comma ("{x:.1f}" → "1,5"). Pure: no Streamlit.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache

from babel import Locale

CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
_SPEC = "plural:"
_DECIMAL = re.compile(r"\{\w+:[^{}]*[fg]\}")  # a float spec: Russian writes a decimal comma
_ABBREV_STOP = re.compile(r"(\bгг?\.)\.(?!\.)")  # "2025 г.." (not an ellipsis "г...")


@lru_cache(maxsize=8)
def plural_tags(lang: str) -> tuple[str, ...]:
    """The plural categories of ``lang`` in CLDR order, "other" last ('en': one, other;
    'ru': one, few, many, other)."""
    tags = Locale.parse(lang).plural_form.tags | {"other"}
    return tuple(t for t in CLDR_ORDER if t in tags)


def plural_category(n, lang: str) -> str:
    """The CLDR plural category of the number ``n`` in ``lang`` ('one', 'few', 'many',
    'other')."""
    return Locale.parse(lang).plural_form(abs(n))


def plural_word(n, forms, lang: str) -> str:
    """The form of ``forms`` (a tuple in the order of :func:`plural_tags`, or "a|b|c") that
    follows the number ``n`` in ``lang``. Raises ``ValueError`` when the count of forms
    does not match the language."""
    if isinstance(forms, str):
        forms = forms.split("|")
    tags = plural_tags(lang)
    if len(forms) != len(tags):
        raise ValueError(f"{lang} needs {len(tags)} plural forms ({', '.join(tags)}), "
                         f"got {len(forms)}: {'|'.join(forms)}")
    return forms[tags.index(plural_category(n, lang))]


class PluralFormatter(string.Formatter):
    """``str.format`` plus the ``{n:plural:...}`` spec for one language."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def format_field(self, value, format_spec: str):
        if format_spec.startswith(_SPEC):
            forms = format_spec[len(_SPEC):]
            try:
                n = _number(value)
            except (TypeError, ValueError):  # not a count (None, "–"): the general form
                n = 0.5
            return plural_word(n, forms, self.lang)
        text = super().format_field(value, format_spec)
        if self.lang == "ru" and isinstance(value, float) and format_spec[-1:] in ("f", "g"):
            return text.replace(".", ",")  # '{x:.1f}' / '{x:g}': the Russian decimal comma
        return text


def _number(value):
    """A count given as a number or as text ('1 234', '12')."""
    if isinstance(value, (int, float)) and value == value:  # not NaN
        return value
    text = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return float(text) if "." in text else int(text)


def format_text(template: str, lang: str = "en", **values) -> str:
    """``template`` filled with ``values``, the plural specs resolved for ``lang``."""
    if _SPEC not in template and (lang != "ru" or not _DECIMAL.search(template)):
        text = template.format(**values)
    else:
        text = PluralFormatter(lang if lang in ("en", "ru") else "en").vformat(template, (),
                                                                              values)
    # a Russian sentence that ends on "г." (год) takes no second full stop: "…2025 г.."
    return _ABBREV_STOP.sub(r"\1", text) if lang == "ru" and ".." in text else text


def plural_specs(template: str) -> list[tuple[str, str]]:
    """Every (field, forms) plural spec of ``template`` (for tests)."""
    return [(field, spec[len(_SPEC):])
            for _, field, spec, _ in string.Formatter().parse(template)
            if field is not None and spec and spec.startswith(_SPEC)]
