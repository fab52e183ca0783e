"""Russian renderings of the per-row rejection reasons and record errors.

The importers (:mod:`incidents.importers`), the import writer and
:mod:`incidents.validation` write their reasons in English; the English text stays what
they store, export and test. Here each reason is paired, as a template, with its Russian
text: the English pattern has ``{name}`` placeholders for the parts that vary (the user's
cell values, lists of allowed values, numbers), the Russian text has the same placeholders.
Placeholders named in :data:`WORDS` stand for a closed set of English words and are
rendered through that table; every other placeholder is carried over verbatim (user data is
never translated, re-quoted or escaped here: the app shows it in dataframes or escapes it).

:func:`render_ru` returns the Russian text, or None when no template matches (the caller
then shows the English reason). Patterns are compiled once, at import.
"""
from __future__ import annotations

import re
from functools import lru_cache

from i18n.warnings_ru import WARNING_TEMPLATES

# placeholder → {English word as the importers write it: Russian word in the form the
# Russian templates need}
WORDS: dict[str, dict[str, str]] = {
    "what": {"deaths": "погибших", "injured people": "раненых", "people": "людей"},  # genitive
    "code": {"time precision": "точность времени", "geo precision": "точность места",
             "date_prec": "date_prec", "where_prec": "where_prec"},  # UCDP columns kept
    "axis": {"latitude": "широта", "longitude": "долгота"},
    "axis_gen": {"latitude": "широты", "longitude": "долготы"},
    "detail": {  # the coordinate parser's own messages (incidents.importers.coords)
        "more than one hemisphere letter": "больше одной буквы полушария",
        "not a coordinate": "не координата",
        "only the last of degrees/minutes/seconds may have decimals":
            "дробным может быть только последнее из чисел градусы/минуты/секунды",
        "minutes and seconds must be below 60": "минуты и секунды должны быть меньше 60",
        "cannot split into latitude and longitude": "не удаётся разделить на широту и долготу",
    },
}

# (English reason with placeholders, Russian text with the same placeholders), in the order
# they are tried: a more specific pattern comes before a more general one it overlaps.
TEMPLATES: tuple[tuple[str, str], ...] = (
    # incidents.importers.assemble
    ("the date is empty", "дата не указана"),
    ("the end date is before the start date", "дата окончания раньше даты начала"),
    ("latitude given without longitude", "указана широта без долготы"),
    ("longitude given without latitude", "указана долгота без широты"),
    ("no coordinates and no place name: the row cannot be placed on the map",
     "нет ни координат, ни названия места: строку нельзя поместить на карту"),
    ("'{value}' is not one of: {allowed}",
     "«{value}» – недопустимое значение; допустимые: {allowed}"),
    # incidents.importers.fields
    ("'{value}' is not a number of {what}; write the lowest reported number "
     "(e.g. 'several' → 3) or leave the cell empty if unknown",
     "«{value}» – не число {what}; укажите наименьшее сообщённое число (например, "
     "«несколько» → 3) или оставьте ячейку пустой, если число неизвестно"),
    ("'{value}' is negative; a number of {what} is 0 or more",
     "«{value}» – отрицательное значение; число {what} – 0 или больше"),
    ("'{value}' is not a whole number of {what}", "«{value}» – не целое число {what}"),
    ("'{value}' is not a plausible number of {what}",
     "«{value}» – неправдоподобное число {what}"),
    ("{code} '{value}' is not one of {allowed}",
     "{code}: «{value}» – недопустимое значение; допустимые: {allowed}"),
    # incidents.importers.dates
    ("'{value}' is not a valid date (month or day out of range)",
     "«{value}» – недопустимая дата (месяц или день вне диапазона)"),
    ("'{value}' is not a valid dd/mm/yyyy date (day or month out of range)",
     "«{value}» – недопустимая дата в виде дд/мм/гггг (день или месяц вне диапазона)"),
    ("'{value}' is not a valid date (day or month out of range)",
     "«{value}» – недопустимая дата (день или месяц вне диапазона)"),
    ("'{value}' is not a valid month", "«{value}» – недопустимый месяц"),
    ("'{value}' is a year-only date; a day or month is needed",
     "«{value}» – указан только год; нужен день или месяц"),
    ("'{value}' is a number outside the Excel date range (20000-80000)",
     "«{value}» – число вне диапазона дат Excel (20000–80000)"),
    ("'{value}' is not a recognised date; write it as dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd "
     "or '16 May 2025'",
     "«{value}» – дата не распознана; запишите её как дд.мм.гггг, дд/мм/гггг, гггг-мм-дд "
     "или «16 мая 2025»"),
    ("'{value}' is in the future", "«{value}» – дата в будущем"),
    ("'{value}' is before 1900", "«{value}» – дата раньше 1900 года"),
    # incidents.importers.coords
    ("'{value}' is not a {axis} ({detail})", "«{value}» – не {axis} ({detail})"),
    ("'{value}' is a {axis} but stands in the {axis_gen} column",
     "«{value}» – это {axis}, но стоит в столбце {axis_gen}"),
    ("'{value}' is not a finite {axis_gen}", "«{value}» – не конечное значение {axis_gen}"),
    ("'{value}' is not a coordinate pair ({detail})",
     "«{value}» – не пара координат ({detail})"),
    ("{axis} in '{value}' is out of range {range}",
     "{axis} в «{value}» вне диапазона {range}"),
    ("{axis} {value} is out of range {range}", "{axis} {value} вне диапазона {range}"),
    # incidents.importers.categories: an unknown category is no longer a rejection (it
    # becomes 'other' with a warning, issue 16)
    # incidents.importers.ucdp
    ("year-only date (UCDP date_prec 5)", "указан только год (UCDP date_prec 5)"),
    ("type_of_violence '{value}' is not 1, 2 or 3",
     "type_of_violence «{value}» – не 1, 2 или 3"),
    # incidents.importers.source
    ("row has {n} cells but the header has {width}; a cell is missing or an unquoted "
     "separator splits a cell, so values would land in the wrong columns",
     "ячеек в строке: {n}, в заголовке: {width}; ячейка пропущена или разделитель без "
     "кавычек разбивает ячейку, и значения попали бы не в те столбцы"),
    # incidents.import_writer
    ("source_event_id {value} already appears with other content in row {row} of this file",
     "source_event_id {value} уже встречается с другим содержимым в строке {row} этого "
     "файла"),
    # incidents.validation
    ("required value is missing", "обязательное значение не указано"),
    ("required value cannot be removed", "обязательное значение нельзя удалить"),
    ("unknown field", "неизвестное поле"),
    ("is managed by the store and cannot be set",
     "задаётся базой данных, его нельзя указать вручную"),
    ("is before event_date", "раньше даты события (event_date)"),
    ("{value} is not a valid {dtype} value", "{value} – недопустимое значение типа {dtype}"),
    ("{value} is outside {range}", "{value} вне диапазона {range}"),
    ("{value} is not one of {allowed}",
     "{value} – недопустимое значение; допустимые: {allowed}"),
)
TEMPLATES = (  # actions and reviews (incidents.actions, incidents.review_store), first

    ("id '{value}' is already used", "идентификатор «{value}» уже занят"),
    ("missing (a title is required)", "не указано (нужно название)"),
    ("missing (at least one is required)", "не указано (нужно хотя бы одно значение)"),
    ("missing (whose action is it?)", "не указано (чьё это действие?)"),
    ("missing (the settlement's name)", "не указано (название населённого пункта)"),
    ("missing (a start date is required)", "не указано (нужна дата начала)"),
    ("missing (which pair or hotspot?)", "не указано (какая пара или очаг?)"),
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
) + TEMPLATES

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _compile(english: str) -> re.Pattern:
    parts = _PLACEHOLDER.split(english)  # literal, name, literal, name, ..., literal
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif part in WORDS:
            words = sorted(WORDS[part], key=len, reverse=True)
            out.append(f"(?P<{part}>{'|'.join(map(re.escape, words))})")
        else:
            out.append(f"(?P<{part}>.*?)")
    return re.compile("".join(out), re.DOTALL)


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
            values = {k: WORDS[k].get(v, v) if k in WORDS else v
                      for k, v in m.groupdict().items()}
            return ru.format(**values)
    return None
