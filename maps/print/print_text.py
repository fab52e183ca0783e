"""Texts of printed products (maps and briefs), English and Russian, in one place.

Every word of a printed product comes from ``i18n``'s tables: the print-only labels from
``i18n.strings_print`` (``print.<name>`` in ``i18n.strings.STRINGS``), the words the app has
too (countries, column names, "none"...) from the app's own keys, and the disclaimer. ``TEXT``
gathers them as name → (English, Russian) for the print builders.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

import i18n
from i18n.fmt import partial_date_text
from i18n.strings import STRINGS
from i18n.strings_print import PRINT_STRINGS


def _app(key: str) -> tuple[str, str]:
    """(English, Russian) of an app string of ``i18n``."""
    return i18n.t(key, "en"), i18n.t(key, "ru")


def _vocab(kind: str, code: str) -> tuple[str, str]:
    """(English, Russian) of a vocabulary word of ``i18n``."""
    return i18n.vocab(kind, code, "en"), i18n.vocab(kind, code, "ru")


_SHARED: dict[str, tuple[str, str]] = {  # words the app has too
    "country_kgz": _vocab("country", "KGZ"),
    "country_tjk": _vocab("country", "TJK"),
    "country_uzb": _vocab("country", "UZB"),
    "settlement": _vocab("column", "settlement"),
    "incidents": _app("layer.incidents"),
    "pairs": _app("hs.pairs"),
    "none": _app("gen.none"),
    "n_incidents": _app("hs.col.n"),
    "sides": _vocab("column", "sides"),
    "rank": _vocab("column", "rank"),
    "places": _app("hs.col.places"),
}
TEXT: dict[str, tuple[str, str]] = {
    **{key.removeprefix("print."): STRINGS[key] for key in PRINT_STRINGS}, **_SHARED}

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


def protection_lines(report) -> list[str]:
    """The protection a ``sharing.report.ProtectionReport`` records, one line in English and
    one in Russian ("Protection: PUBLIC — …", "Защита: ПУБЛИЧНЫЙ режим — …"); none without a
    report."""
    if report is None:
        return []
    return [i18n.protection_text(report, "en"), i18n.protection_text(report, "ru")]


def disclaimer(as_of: str) -> tuple[str, str]:
    """The neutral disclaimer (English, Russian) with the status-as-of date (ISO, to the
    day, month or year) in each language's words: "December 2017", "декабрь 2017 г."."""
    return tuple(i18n.disclaimer(lang, partial_date_text(as_of, lang) if as_of else None)
                 for lang in ("en", "ru"))


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
