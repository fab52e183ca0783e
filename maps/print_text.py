"""Texts of printed products (maps and briefs), English and Russian, in one place.

The app's and web map's strings live in the ``i18n`` package; printed products keep here only
the labels the app has no words for, and take the others (countries, column names, "none"...)
and the disclaimer from ``i18n``'s tables, so one word is written once. Every entry is
(English, Russian).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

import i18n


def _app(key: str) -> tuple[str, str]:
    """(English, Russian) of an app string of ``i18n``."""
    return i18n.t(key, "en"), i18n.t(key, "ru")


def _vocab(kind: str, code: str) -> tuple[str, str]:
    """(English, Russian) of a vocabulary word of ``i18n``."""
    return i18n.vocab(kind, code, "en"), i18n.vocab(kind, code, "ru")


TEXT: dict[str, tuple[str, str]] = {
    "legend": ("Legend", "Условные обозначения"),
    "locator": ("Whole KG–TJ line; red: this map", "Вся линия КГ–ТЖ; красное: эта карта"),
    "filters": ("Filters applied", "Применённые фильтры"),
    "protection": ("Data protection", "Защита данных"),
    "sources": ("Sources", "Источники"),
    "produced": ("Produced", "Дата подготовки"),
    "period": ("Data period", "Период данных"),
    "boundaries": ("Boundary layers", "Слои границ"),
    "status_as_of": ("Disputed/curated status as of", "Статус спорных участков на"),
    "layer_dates": ("Layer dates", "Даты слоёв"),
    "projection": ("Projection: Lambert azimuthal equal-area, centre 40° N 71° E, WGS 84",
                   "Проекция: азимутальная равновеликая Ламберта, центр 40° с.ш. 71° в.д."),
    "country_kgz": _vocab("country", "KGZ"),
    "country_tjk": _vocab("country", "TJK"),
    "country_uzb": _vocab("country", "UZB"),
    "kg_tj_line": ("KG–TJ line as mapped in OpenStreetMap, December 2017 (not a verdict)",
                   "Линия КГ–ТЖ по OpenStreetMap, декабрь 2017 г. (не заключение)"),
    "other_line": ("Other international lines", "Другие международные линии"),
    "enclave": ("Enclave / exclave", "Анклав / эксклав"),
    "zone": ("OSM vs Natural Earth disagreement", "Расхождение OSM и Natural Earth"),
    "claims": ("Overlap of official admin. claims (COD-AB)",
               "Наложение официальных адм. границ (COD-AB)"),
    "curated_disputed": ("Curated: disputed", "Курируемые: спорные"),
    "curated_undemarcated": ("Curated: undemarcated", "Курируемые: не демаркированы"),
    "curated_agreed": ("Curated: agreed", "Курируемые: согласованы"),
    "curated_unknown": ("Curated: status unknown", "Курируемые: статус неизвестен"),
    "settlement": _vocab("column", "settlement"),
    "incidents": _app("layer.incidents"),
    "counts": ("Incidents per area (1–2 not shown exactly)",
               "Инцидентов на участок (1–2 без точного числа)"),
    "several": ("Several categories", "Несколько категорий"),
    "hotspot": ("Hotspot (cluster)", "Очаг (кластер)"),
    "hotspot_public": ("Hotspot (approximate area)", "Очаг (примерная зона)"),
    "gi_hot": ("Gi* hot spot cell (FDR)", "Ячейка Gi* «горячая» (FDR)"),
    "gi_cold": ("Gi* cold spot cell (FDR)", "Ячейка Gi* «холодная» (FDR)"),
    "pair": ("Recommended KG–TJ community pair", "Рекомендуемая пара общин КГ–ТЖ"),
    "pair_joint": ("Recommended pair: joint work", "Рекомендуемая пара: совместная работа"),
    "pair_parallel": ("Recommended pair: parallel work",
                      "Рекомендуемая пара: параллельная работа"),
    "contested": ("Side contested (sources / line disagree, or claimed by both)",
                  "Сторона оспаривается (источники / линия расходятся или обе претендуют)"),
    "contested_counts": ("Area with incidents whose side is contested (dashed ring)",
                         "Участок с инцидентами, сторона которых оспаривается (пунктир)"),
    "contested_hotspot": ("Hotspot holding incidents whose side is contested (dashed outline)",
                          "Очаг с инцидентами, сторона которых оспаривается (пунктирный "
                          "контур)"),
    "n_contested": ("{n} side contested", "сторона оспаривается: {n}"),
    "public": ("PUBLIC", "ПУБЛИЧНАЯ"),
    "internal": ("INTERNAL — do not share", "ВНУТРЕННЯЯ — не распространять"),
    "synthetic": ("SYNTHETIC DEMO DATA — invented events, not real incidents",
                  "СИНТЕТИЧЕСКИЕ ДЕМО-ДАННЫЕ — вымышленные события"),
    # brief
    "brief_title": ("Hotspot brief", "Справка по очагу"),
    "summary": ("Summary", "Сводка"),
    "by_category": ("Incidents by category and month", "Инциденты по категориям и месяцам"),
    "score": ("Priority score and its components", "Балл приоритета и его составляющие"),
    "emerging": ("Trend (emerging hot spot class)", "Тенденция (класс формирующегося очага)"),
    "pairs": _app("hs.pairs"),
    "gaps": ("Coverage gaps nearby", "Пробелы в охвате поблизости"),
    "done": ("What was done (actions within 3 km, before/after)",
             "Что было сделано (действия в пределах 3 км, до/после)"),
    "none": _app("gen.none"),
    "mode": ("mode", "режим"),
    "n_incidents": _app("hs.col.n"),
    "fatalities": ("Fatalities", "Погибших"),
    "injuries": ("Injuries", "Раненых"),
    "sides": _vocab("column", "sides"),
    "dist_line": ("Nearest to the line", "Ближайшее расстояние до линии"),
    "rank": _vocab("column", "rank"),
    "places": _app("hs.col.places"),
}

SOURCE_ATTRIBUTION: dict[str, str] = {
    "acled": "Armed Conflict Location & Event Data (ACLED), acleddata.com",
    "ucdp": "UCDP Georeferenced Event Dataset (GED), Uppsala University",
    "kobo": "Field reports collected with KoboToolbox",
    "ushahidi": "Reports collected with Ushahidi",
    "internal": "Internal monitoring records",
    "other": "Other sources as recorded per incident",
    "SYNTHETIC DEMO": "SYNTHETIC DEMO data (invented for demonstration; not real events)",
}
COD_AB_ATTRIBUTION = "Administrative boundaries: OCHA COD-AB (HDX), as supplied by the user"


def en(key: str) -> str:
    """English text of ``key``."""
    return TEXT[key][0]


def ru(key: str) -> str:
    """Russian text of ``key``."""
    return TEXT[key][1]


def bi(key: str, sep: str = " / ") -> str:
    """Both languages: ``"Legend / Условные обозначения"``."""
    return TEXT[key][0] + sep + TEXT[key][1]


def contested_count(label: str, sep: str = " / ") -> str:
    """``"5 side contested / сторона оспаривается: 5"`` (``label`` as counted, e.g. '1–2')."""
    return sep.join(part.format(n=label) for part in TEXT["n_contested"])


def disclaimer(as_of: str) -> tuple[str, str]:
    """The neutral disclaimer (English, Russian) with the status-as-of date."""
    return i18n.disclaimer("en", as_of), i18n.disclaimer("ru", as_of)


def incident_sources(source_datasets: Iterable[str]) -> list[str]:
    """Attribution lines for the incident sources present (unique, sorted, demo last)."""
    present = sorted({str(s) for s in source_datasets if isinstance(s, str) and s})
    out = [SOURCE_ATTRIBUTION.get(s, f"Source: {s}") for s in present
           if s != "SYNTHETIC DEMO"]
    if "SYNTHETIC DEMO" in present:
        out.append(SOURCE_ATTRIBUTION["SYNTHETIC DEMO"])
    return out


def format_period(start, end) -> str:
    """``"2023-01-01 – 2024-06-30"`` (or ``"no dated records"``)."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return "no dated records"
    return f"{pd.Timestamp(start):%Y-%m-%d} – {pd.Timestamp(end):%Y-%m-%d}"
