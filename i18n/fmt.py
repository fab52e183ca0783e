"""Dates, times and numbers written for the reader's language, by Babel (CLDR data), and the
screen copy of a table: no ISO date-time, no ``None``.

Pure (no Streamlit). ``lang`` is 'en' or 'ru'; anything else reads as English. A table's
screen copy is :func:`i18n.frames.screen_frame`.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

if TYPE_CHECKING:
    import pandas as pd

MISSING = "–"  # an empty cell or value on screen
_LOCALE = {"en": "en_GB", "ru": "ru_RU"}


def _locale(lang: str) -> str:
    return _LOCALE.get(lang, "en_GB")


def _pandas():
    """pandas, imported when a value is first formatted (not on import: the app's first
    paint imports this module and must stay light)."""
    import pandas
    return pandas


def _timestamp(value) -> pd.Timestamp | None:
    pd = _pandas()
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


def number_text(value, lang: str = "en", digits: int | None = None,
                max_digits: int = 3) -> str:
    """A number with the language's separators ('2 173', '1,5' in Russian); ``digits``: the
    decimals kept (default: as many as the value has, up to ``max_digits``)."""
    if value is None or _empty(value):
        return MISSING
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(round(float(value), digits), pattern, locale=_locale(lang))
    return format_decimal(value, "#,##0." + "#" * max_digits, locale=_locale(lang))


def _empty(value) -> bool:
    try:
        return bool(_pandas().isna(value)) or (isinstance(value, str) and not value.strip())
    except (TypeError, ValueError):
        return False


def date_column_format(lang: str = "en") -> str:
    """How a day is shown on screen, in a table's date column (Streamlit's DateColumn,
    moment.js tokens) and in a date field (``st.date_input`` takes the same tokens):
    '04.12.2026' in Russian; in English the unambiguous '2026-12-04'."""
    return "DD.MM.YYYY" if lang == "ru" else "YYYY-MM-DD"
