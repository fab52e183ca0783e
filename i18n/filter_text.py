"""A filter (:class:`incidents.filters.IncidentFilter`) in words, for map footers, prints and
export notes: English from its ``describe()``, Russian from the same conditions
(``conditions()``, same order), with the vocabularies' words for categories, sides,
precisions, statuses and sensitivities."""
from __future__ import annotations

from i18n import precision_label, t, vocab
from i18n.fmt import date_text

_RU = {
    "all": "Все инциденты", "some": "Инциденты: {parts}",
    "from_to": "с {start} по {end}", "from": "с {start}", "to": "по {end}",
    "categories": "категории: {names}", "precisions": "точность места: {names}",
    "verification": "статус проверки: {names}", "sensitivity": "конфиденциальность: {names}",
    "text": "с упоминанием «{text}»",
    "deleted": (" (без удалённых)", " (включая удалённые)"),
}


def filter_text(flt, lang: str = "en") -> str:
    """``flt`` as one sentence in ``lang`` ("en" or "ru")."""
    if lang != "ru":
        return flt.describe()
    parts = [_russian(kind, v) for kind, v in flt.conditions()]
    head = _RU["some"].format(parts="; ".join(parts)) if parts else _RU["all"]
    return head + _RU["deleted"][bool(flt.include_deleted)] + "."


def filter_text_both(flt, sep: str = " / ") -> str:
    """English and Russian, as the bilingual prints and their exports write them."""
    return filter_text(flt, "en") + sep + filter_text(flt, "ru")


def _russian(kind: str, v: dict) -> str:
    """One of ``IncidentFilter.conditions()`` in Russian."""
    if kind == "dates":
        start, end = (date_text(d, "ru") if d else None for d in (v["start"], v["end"]))
        key = "from_to" if start and end else "from" if start else "to"
        return _RU[key].format(start=start, end=end)
    if kind == "sides":
        names = [vocab("side", c, "ru") for c in v["codes"]]
        return " или ".join(names + ([vocab("side", "contested", "ru")] if v["contested"]
                                     else []))
    if kind == "severity":
        return t(f"flt.sev{v['level']}", "ru")
    if kind == "text":
        return _RU["text"].format(text=v["text"])
    if kind == "precisions":
        names = [precision_label(c, "ru") for c in v["codes"]]
    else:
        names = [vocab({"categories": "category"}.get(kind, kind), c, "ru") for c in v["codes"]]
    return _RU[kind].format(names=", ".join(names))
