"""Russian text of the "why" of a recommended pair and of a coverage gap, from its values as
plain data: the JSON object of ``analysis.why.PairWhy`` / ``GapWhy`` (their ``to_json()``, the
``why_params`` column) read into a dict; the English text is the objects' own ``str()``.

The same numbers, ids, dates and names as the English; categories, sides, statuses and modes
through the vocabularies. A name shows its Russian form first when the data has one
(:func:`i18n.place_name`).
"""
from __future__ import annotations

from collections.abc import Mapping

from i18n.fmt import number_text
from i18n.plural import plural_category

# category → (1, 2–4, 5+ forms after a number; the plural as a list item)
CATEGORY_FORMS_RU: dict[str, tuple[str, str, str, str]] = {
    "road_crash": ("ДТП", "ДТП", "ДТП", "ДТП"),
    "border_guard_incident": ("инцидент с пограничниками", "инцидента с пограничниками",
                              "инцидентов с пограничниками", "инциденты с пограничниками"),
    "youth_clash": ("столкновение молодёжи", "столкновения молодёжи", "столкновений молодёжи",
                    "столкновения молодёжи"),
    "water_dispute": ("спор из-за воды", "спора из-за воды", "споров из-за воды",
                      "споры из-за воды"),
    "land_pasture_dispute": ("спор о земле/пастбищах", "спора о земле/пастбищах",
                             "споров о земле/пастбищах", "споры о земле/пастбищах"),
    "infrastructure_dispute": ("спор об инфраструктуре", "спора об инфраструктуре",
                               "споров об инфраструктуре", "споры об инфраструктуре"),
    "protest": ("протест", "протеста", "протестов", "протесты"),
    "domestic_violence": ("случай домашнего насилия", "случая домашнего насилия",
                          "случаев домашнего насилия", "домашнее насилие"),
    "other": ("другой инцидент", "других инцидента", "других инцидентов", "другие инциденты"),
}
INCIDENT_FORMS_RU = ("инцидент", "инцидента", "инцидентов")
DAY_FORMS_RU = ("день", "дня", "дней")
MONTHS_GENITIVE_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                      "августа", "сентября", "октября", "ноября", "декабря")
SIDE_PREPOSITIONAL_RU = {"KG": "кыргызской", "TJ": "таджикской", "UZ": "узбекской"}
_FORM_INDEX = {"one": 0, "few": 1, "many": 2, "other": 1}  # CLDR category → form above


def _km(value: float) -> str:
    """Kilometres with the Russian decimal comma ('1,6', '15')."""
    return number_text(float(value), "ru")


def plural_form(n: int, forms: tuple[str, ...]) -> str:
    """The Russian form of a noun after the whole number ``n`` (forms for 1, 2–4, 5+), by
    Babel's plural rules."""
    return forms[_FORM_INDEX[plural_category(abs(int(n)), "ru")]]


def count_phrase(category: str | None, n: int) -> str:
    """'1 спор из-за воды', '3 спора из-за воды', '5 ДТП'; ``None``: incidents."""
    forms = CATEGORY_FORMS_RU.get(category, INCIDENT_FORMS_RU) if category \
        else INCIDENT_FORMS_RU
    return f"{n} {plural_form(n, forms[:3])}"


def join_ru(items: list[str]) -> str:
    """'а', 'а и б', 'а, б и в'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " и " + items[-1]


def pair_why_ru(why: Mapping, vocab, place_name) -> str:
    """Russian text of a pair's why (the values of an ``analysis.why.PairWhy``; ``vocab``,
    ``place_name``: the i18n functions, passed in to keep this module a table of words)."""
    what = join_ru([count_phrase(c, n) for c, n in why["top"]]) if why["top"] \
        else count_phrase(None, why["n_incidents"])
    year, month = why["since"].split("-")
    text = (f"{what} в радиусе {_km(why['extent_km'])} км с "
            f"{MONTHS_GENITIVE_RU[int(month) - 1]} {year} г. ({why['hotspot_id']})")
    names = (f"{place_name(why['kg_name'], why['kg_name_ru'], 'ru')} "
             f"({vocab('side', 'KG', 'ru')}) и "
             f"{place_name(why['tj_name'], why['tj_name_ru'], 'ru')} "
             f"({vocab('side', 'TJ', 'ru')})")
    if why["shared"]:
        words = join_ru([CATEGORY_FORMS_RU[c][3] if c in CATEGORY_FORMS_RU
                         else vocab("category", c, "ru") for c in why["shared"]])
        text += f"; {names} – общие приоритеты: {words}"
    else:
        text += f"; {names} – общих приоритетных проблем нет"
    days = f"{why['window_days']} {plural_form(why['window_days'], DAY_FORMS_RU)}"
    mode = vocab("mode", "parallel" if why["triggers"] else "joint", "ru")
    as_of = why.get("as_of") or ""
    window = f"за {days} до {date_genitive_ru(as_of)}" if as_of else f"за последние {days}"
    if why["triggers"]:
        named = ", ".join(f"{e} ({d})" for e, d in why["triggers"])
        return (text + f"; вооружённые инциденты в радиусе {_km(why['armed_km'])} км "
                f"{window}: {named} → {mode}")
    return (text + f"; перестрелок в радиусе {_km(why['armed_km'])} км {window} не было "
            f"→ {mode}")


def date_genitive_ru(iso: str) -> str:
    """'2025-04-30' → '30 апреля 2025 г.' (the text itself when it is not such a date)."""
    try:
        year, month, day = (int(p) for p in iso.split("-"))
        return f"{day} {MONTHS_GENITIVE_RU[month - 1]} {year} г."
    except (ValueError, IndexError):
        return iso


def gap_why_ru(why: Mapping, vocab, place_name, sides_text) -> str:
    """Russian text of a coverage gap's why (the values of an ``analysis.why.GapWhy``)."""
    side = SIDE_PREPOSITIONAL_RU.get(why["side"], why["side"])
    text = (f"{why['hotspot_id']} ({count_phrase(None, why['n_incidents'])}, "
            f"{sides_text(why['sides'], 'ru')}): нет действующего механизма в радиусе "
            f"{_km(why['radius_km'])} км на {side} стороне")
    if why["inactive"]:
        text += " (только " + ", ".join(
            f"{place_name(n, ru, 'ru')} [{vocab('community_status', st, 'ru')}]"
            for n, ru, st in why["inactive"]) + ")"
    if not why["best"]:
        return text + "; в реестре нет населённых пунктов-кандидатов на этой стороне"
    name, name_ru, dist_km = why["best"]
    where = "в пределах очага" if dist_km == 0 else f"в {number_text(dist_km, 'ru', 1)} км"
    return (text + f"; ближайший населённый пункт-кандидат: {place_name(name, name_ru, 'ru')} "
            f"{where}")
