"""Dates, times and numbers written for the reader's language, by Babel (CLDR data), and the
screen copy of a table: no ISO date-time, no ``None``.

Pure (no Streamlit). ``lang`` is 'en' or 'ru'; anything else reads as English.
"""
from __future__ import annotations

import datetime as dt
import numbers

import numpy as np
import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

MISSING = "–"  # an empty cell or value on screen
_LOCALE = {"en": "en_GB", "ru": "ru_RU"}


def _locale(lang: str) -> str:
    return _LOCALE.get(lang, "en_GB")


def _timestamp(value) -> pd.Timestamp | None:
    if value is None or (not isinstance(value, (str, dt.date)) and pd.isna(value)):
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts


def date_text(value, lang: str = "en") -> str:
    """A day in words: '4 December 2026', '4 декабря 2026 г.' (``MISSING`` when empty; the
    text itself when it is not a date)."""
    ts = _timestamp(value)
    if ts is None:
        return MISSING if value is None or _empty(value) else str(value)
    return format_date(ts.date(), "long", locale=_locale(lang))


def partial_date_text(iso: str, lang: str = "en") -> str:
    """A date given to the year, month or day ('2017', '2017-12', '2025-03-13') in words:
    'December 2017' / 'декабрь 2017 г.', '13 March 2025' / '13 марта 2025 г.'."""
    parts = str(iso).split("-")
    try:
        if len(parts) == 2:
            day = dt.date(int(parts[0]), int(parts[1]), 1)
            return format_date(day, "LLLL y" + (" 'г.'" if lang == "ru" else ""),
                               locale=_locale(lang))
        if len(parts) == 3:
            return date_text(dt.date(*map(int, parts)), lang)
    except ValueError:
        pass
    return str(iso)


def short_date_text(value, lang: str = "en") -> str:
    """A day in figures: '04/12/2026' (en), '04.12.2026' (ru)."""
    ts = _timestamp(value)
    if ts is None:
        return MISSING if value is None or _empty(value) else str(value)
    return format_date(ts.date(), "short" if lang != "ru" else "dd.MM.y", locale=_locale(lang))


def datetime_text(value, lang: str = "en") -> str:
    """A moment to the minute, in UTC when it has a zone: '4 Dec 2026, 04:03' /
    '4 дек. 2026 г., 04:03'; a bare midnight is written as its day only."""
    ts = _timestamp(value)
    if ts is None:
        return MISSING if value is None or _empty(value) else str(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if ts == ts.normalize():
        return short_date_text(ts, lang)
    return format_datetime(ts.to_pydatetime(), "d MMM y, HH:mm", locale=_locale(lang))


def number_text(value, lang: str = "en", digits: int | None = None) -> str:
    """A number with the language's separators ('2 173', '1,5' in Russian); ``digits``: the
    decimals kept (default: as many as the value has, up to 3)."""
    if value is None or _empty(value):
        return MISSING
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(round(float(value), digits), pattern, locale=_locale(lang))
    return format_decimal(value, locale=_locale(lang))


def _empty(value) -> bool:
    try:
        return bool(pd.isna(value)) or (isinstance(value, str) and not value.strip())
    except (TypeError, ValueError):
        return False


def _text_column(col: pd.Series) -> bool:
    return col.dtype == object or pd.api.types.is_string_dtype(col)


def _datetime_column(col: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(col):
        return True
    if not _text_column(col) or str(col.name) not in _WHEN_COLUMNS:
        return False
    sample = col.dropna().astype(str)
    sample = sample[sample.str.strip() != ""].head(20)
    return bool(sample.str.match(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}").any())  # others: as they are


# columns that hold ISO date-times as text (edit history, registries, actions)
_WHEN_COLUMNS = {"changed_at", "created_at", "updated_at", "imported_at", "reviewed_at",
                 "decided_at", "at", "when", "time", "timestamp", "built"}


def screen_frame(frame: pd.DataFrame, lang: str = "en",
                 keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """A copy of ``frame`` for the screen: date-time columns (and ISO date-time text in
    history-like columns) written by :func:`datetime_text`; in columns that have missing
    values, those read ``MISSING`` (Streamlit would write ``None``). Columns in ``keep``
    (given a column type of their own) are left as they are."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if name in keep:  # a column type of the page's own: only a text column's gaps
            if _text_column(col) and col.isna().any():
                out[name] = [MISSING if _empty_cell(v) else v for v in col]
            continue
        if _datetime_column(col):
            out[name] = [datetime_text(v, lang) for v in col]
        elif col.isna().any():  # (an ISO column with empty cells: those stay empty)
            out[name] = [MISSING if _empty_cell(v) else _cell(v, lang) for v in col]
    return out


def _empty_cell(value) -> bool:
    if isinstance(value, (list, tuple, dict, set)):
        return False
    return _empty(value) or value is None


def _cell(value, lang: str):
    """A present value of a column that also has gaps (so now a text column)."""
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, numbers.Integral) or (
            isinstance(value, numbers.Real) and float(value).is_integer()):
        return number_text(int(value), lang)
    if isinstance(value, numbers.Real):
        return number_text(float(value), lang)
    return value


def date_column_format(lang: str = "en") -> str:
    """The display format of a table's date column (Streamlit's DateColumn, moment.js
    tokens): '04.12.2026' in Russian; in English the unambiguous '2026-12-04'."""
    return "DD.MM.YYYY" if lang == "ru" else "YYYY-MM-DD"
