"""Russian renderings of the English texts that are not keyed messages yet: the checks of
actions and reviews (:mod:`incidents.actions`, :mod:`incidents.review_store`) and the import
warnings (:mod:`i18n.warnings_ru`). The importers' rejection reasons and the record errors
of :mod:`incidents.validation` are keyed (:mod:`incidents.messages`, :mod:`i18n.messages_ru`)
and never pass through these templates; only their plain-text copies read back from the
store's quarantine table are recognised, by :func:`parse_stored`, from the one English table.

Each English text is paired, as a template, with its Russian text: the English pattern has
``{name}`` placeholders for the parts that vary (the user's values, lists of allowed values,
numbers), the Russian text has the same placeholders, carried over verbatim (user data is
never translated, re-quoted or escaped here: the app shows it in dataframes or escapes it).

:func:`render_ru` returns the Russian text, or None when no template matches (the caller
then shows the English reason). Patterns are compiled once, at import.
"""
from __future__ import annotations

import re
from functools import lru_cache

from i18n.messages_ru import WORDS
from i18n.warnings_ru import WARNING_TEMPLATES
from incidents.messages import EN, Msg

# (English reason with placeholders, Russian text with the same placeholders), in the order
# they are tried: a more specific pattern comes before a more general one it overlaps.
TEMPLATES: tuple[tuple[str, str], ...] = (  # incidents.actions, incidents.review_store
    ("id '{value}' is already used", "идентификатор «{value}» уже занят"),
    ("missing (a title is required)", "не указано (нужно название)"),
    ("missing (at least one is required)", "не указано (нужно хотя бы одно значение)"),
    ("missing (whose action is it?)", "не указано (чьё это действие?)"),
    ("missing (the settlement's name)", "не указано (название населённого пункта)"),
    ("missing (a start date is required)", "не указано (нужна дата начала)"),
    ("missing (which pair or hotspot?)", "не указано (какая пара или очаг?)"),
    ("{value} is not one of {allowed}",
     "{value} – недопустимое значение; допустимые: {allowed}"),
    ("unknown value(s) {value}; use {allowed}",
     "неизвестные значения {value}; допустимы: {allowed}"),
    ("no community '{value}' in the registry", "в реестре нет сообщества «{value}»"),
    ("a joint action needs the other side's community",
     "для совместного действия нужно сообщество другой стороны"),
    ("a parallel action needs the other side's community",
     "для параллельного действия нужно сообщество другой стороны"),
    ("'{value}' is not a finite number", "«{value}» — не конечное число"),
    ("'{value}' is not a count of people", "«{value}» — не число людей"),
    ("'{value}' is not a number", "«{value}» — не число"),
    ("a line needs a WKT LINESTRING (lon lat, lon lat, ...)",
     "для линии нужен WKT LINESTRING (долгота широта, долгота широта, ...)"),
    ("the line leaves the project region", "линия выходит за пределы региона проекта"),
    ("a point needs coordinates", "для точки нужны координаты"),
    ("a settlement needs coordinates", "для населённого пункта нужны координаты"),
    ("({lon}, {lat}) is outside the project region",
     "({lon}, {lat}) — за пределами региона проекта"),
    ("a radius in metres above 0 and at most {value} is required",
     "нужен радиус в метрах больше 0 и не больше {value}"),
    ("'{value}' is not a date YYYY-MM-DD", "«{value}» — не дата ГГГГ-ММ-ДД"),
    ("before the start date", "раньше даты начала"),
    ("an action done needs its end date", "для выполненного действия нужна дата окончания"),
    ("an action stopped needs its end date",
     "для прекращённого действия нужна дата окончания"),
    ("'{value}' is not true/false", "«{value}» — не true/false"),
    ("say why not now", "укажите, почему не сейчас"),
    ("unknown column(s); expected {allowed}", "неизвестные столбцы; ожидаются: {allowed}"),
    ("required column(s) missing", "нет обязательных столбцов"),
)

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
    (_compile(en), ru) for en, ru in TEMPLATES + WARNING_TEMPLATES)  # then the warnings


def find_template(reason: str) -> int | None:
    """Index in :data:`TEMPLATES` of the first template matching the whole ``reason``."""
    for i, (pattern, _) in enumerate(_COMPILED):
        if pattern.fullmatch(reason):
            return i
    return None


@lru_cache(maxsize=4096)
def render_ru(reason: str) -> str | None:
    """The Russian text of an English ``reason``, or None when no template matches."""
    for pattern, ru in _COMPILED:
        m = pattern.fullmatch(reason)
        if m:
            return ru.format(**m.groupdict())
    return None
