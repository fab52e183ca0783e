"""Vectorised date parsing for every date form users bring.

Accepted (whole cell; a trailing time such as ``T10:15:00+05:00`` is ignored, so the local
date is kept, never shifted to UTC): ``yyyy-mm-dd``, ``yyyymmdd``, ``dd/mm/yyyy``,
``dd-mm-yyyy``, ``dd.mm.yyyy``, ``16 May 2025``,
``16-May-2025``, ``May 16, 2025``, Russian month names (``16 мая 2025``), Excel date serials
(``45000`` → 2023-03-15, 1900 date system, values 20000–80000), and month-only forms
(``2025-05``, ``05.2025``, ``May 2025``) which give the 15th with time precision 3 (month), as
ACLED places month-precise events at the month's middle. ``dd/mm/yyyy`` is the default reading
of slashed dates; a column is read as ``mm/dd/yyyy`` only when some of its values are valid only
that way and none only the other way (a warning says so). Year-only cells, impossible dates
(31/02/2024), dates after today and before 1900 are rejected with a reason.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from incidents.messages import msgs

_TIME_SUFFIX = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)$"
_RU_MONTHS = {
    "январ": "Jan", "феврал": "Feb", "март": "Mar", "апрел": "Apr", "ма": "May",
    "июн": "Jun", "июл": "Jul", "август": "Aug", "сентябр": "Sep", "октябр": "Oct",
    "ноябр": "Nov", "декабр": "Dec",
}
_RU_MONTH_RE = r"(январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*\.?"
EXCEL_ORIGIN = pd.Timestamp("1899-12-30")

# (regex on the cleaned cell, strptime format, time precision)
_DAY_FORMS = (
    (r"^\d{4}-\d{1,2}-\d{1,2}$", "%Y-%m-%d"),
    (r"^(?:19|20)\d{6}$", "%Y%m%d"),
    (r"^\d{4}/\d{1,2}/\d{1,2}$", "%Y/%m/%d"),
    (r"^\d{1,2}-\d{1,2}-\d{4}$", "%d-%m-%Y"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4}$", "%d.%m.%Y"),
    (r"^\d{1,2} [A-Za-z]{3}[a-z]* \d{4}$", "%d %b %Y"),
    (r"^[A-Za-z]{3}[a-z]* \d{1,2} \d{4}$", "%b %d %Y"),
)
_MONTH_FORMS = (
    (r"^\d{4}-\d{1,2}$", "%Y-%m"),
    (r"^\d{1,2}\.\d{4}$", "%m.%Y"),
    (r"^\d{1,2}/\d{4}$", "%m/%Y"),
    (r"^[A-Za-z]{3}[a-z]* \d{4}$", "%b %Y"),
)


@dataclass
class DateParse:
    """Parsed dates (``values``), their precision (1 day, 3 month; <NA> when no date),
    a reason per unparseable non-empty cell (<NA> when fine or empty) and ``month_first``:
    how many distinct values were read as mm/dd/yyyy because they are valid only that way
    (the caller warns, naming the column)."""

    values: pd.Series
    precision: pd.Series
    reason: pd.Series
    month_first: int = 0


def _clean(text: pd.Series) -> pd.Series:
    t = text.fillna("").astype(str).str.strip()
    t = t.str.replace(_TIME_SUFFIX, "", regex=True).str.strip()
    has_text = t.str.contains(r"[^\d\s./\-]", regex=True)
    if has_text.any():  # normalise month names: "16-May-2025", "16 мая 2025 г.", "May 16, 2025"
        w = t[has_text].str.lower()
        w = w.str.replace(r"\s*г\.?$", "", regex=True)
        for stem, eng in _RU_MONTHS.items():
            w = w.str.replace(rf"(?<![а-я]){stem}[а-я]*\.?(?![а-я])", eng, regex=True)
        w = w.str.replace(r"[,\-]", " ", regex=True).str.replace(r"\.(?=\s)", "", regex=True)
        w = w.str.replace(r"\s+", " ", regex=True).str.strip()
        t = t.where(~has_text, w.str.title())
    return t


def _parse_serial(t: pd.Series) -> pd.Series:
    num = pd.to_numeric(t, errors="coerce")
    ok = (num >= 20000) & (num <= 80000)
    days = np.floor(num.where(ok))
    return EXCEL_ORIGIN + pd.to_timedelta(days, unit="D")


def parse_dates(text: pd.Series, today: pd.Timestamp | None = None) -> DateParse:
    """Parse a column of date cells; see the module docstring for the accepted forms.

    Work is done once per distinct cell value (a column of 1e5 rows holds a few thousand).
    """
    codes, uniques = pd.factorize(text.fillna("").astype(str))
    u = _parse_unique(pd.Series(uniques, dtype=object), today)

    def spread(values: pd.Series) -> pd.Series:
        return pd.Series(values.to_numpy()[codes], index=text.index, dtype=values.dtype)

    return DateParse(spread(u.values), spread(u.precision), spread(u.reason), u.month_first)


def _parse_unique(text: pd.Series, today: pd.Timestamp | None) -> DateParse:
    t = _clean(text)
    index = t.index
    values = pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
    precision = pd.Series(pd.NA, index=index, dtype="Int64")
    reason = pd.Series(pd.NA, index=index, dtype=object)
    month_first = 0
    todo = t != ""

    def take(mask: pd.Series, parsed: pd.Series, prec: int, bad_key: str) -> None:
        nonlocal todo
        ok = mask & parsed.notna()
        values[ok] = parsed[ok].astype("datetime64[us]")
        precision[ok] = prec
        bad = mask & parsed.isna()
        reason.loc[bad] = msgs(bad_key, text[bad].astype(str))
        todo = todo & ~mask

    # slashed day-first vs month-first, decided per column
    slash = todo & t.str.match(r"^\d{1,2}/\d{1,2}/\d{4}$")
    if slash.any():
        dm = pd.to_datetime(t[slash], format="%d/%m/%Y", errors="coerce")
        md = pd.to_datetime(t[slash], format="%m/%d/%Y", errors="coerce")
        only_md, only_dm = (dm.isna() & md.notna()).sum(), (md.isna() & dm.notna()).sum()
        if only_md and not only_dm:
            month_first = int(only_md)
            take(slash, md, 1, "date.invalid_mdy")
        else:
            take(slash, dm, 1, "date.invalid_dmy")
    for pattern, fmt in _DAY_FORMS:
        mask = todo & t.str.match(pattern)
        if mask.any():
            parsed = pd.to_datetime(t[mask], format=fmt, errors="coerce")
            if fmt == "%d %b %Y":  # full month names: "16 May 2025", "16 September 2025"
                full = pd.to_datetime(t[mask], format="%d %B %Y", errors="coerce")
                parsed = parsed.fillna(full)
            elif fmt == "%b %d %Y":
                parsed = parsed.fillna(pd.to_datetime(t[mask], format="%B %d %Y",
                                                      errors="coerce"))
            take(mask, parsed, 1, "date.invalid_day")
    for pattern, fmt in _MONTH_FORMS:
        mask = todo & t.str.match(pattern)
        if mask.any():
            parsed = pd.to_datetime(t[mask], format=fmt, errors="coerce")
            if fmt == "%b %Y":
                parsed = parsed.fillna(pd.to_datetime(t[mask], format="%B %Y", errors="coerce"))
            take(mask, parsed + pd.Timedelta(days=14), 3, "date.invalid_month")
    year_only = todo & t.str.match(r"^\d{4}$")
    reason.loc[year_only] = msgs("date.year_only", text[year_only].astype(str))
    todo = todo & ~year_only
    serial = todo & t.str.match(r"^\d{5}(\.\d+)?$")
    if serial.any():
        take(serial, _parse_serial(t[serial]), 1, "date.excel_range")
    reason.loc[todo] = msgs("date.unrecognised", text[todo].astype(str))

    today = (today or pd.Timestamp.now()).normalize()
    future = values > today + pd.Timedelta(days=1)
    reason.loc[future] = msgs("date.future", text[future].astype(str))
    early = values < pd.Timestamp("1900-01-01")
    reason.loc[early] = msgs("date.early", text[early].astype(str))
    values[future | early] = pd.NaT
    precision[future | early] = pd.NA
    return DateParse(values, precision, reason, month_first)
