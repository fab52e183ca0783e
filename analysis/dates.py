"""The analysis date: the day recency, emerging classes and the armed-incident window count
back from — shown to the user, never taken silently from the newest incident.

Default: today, or the end of the date filter when that is earlier; a user may set it.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd


def analysis_date(given: dt.date | str | None = None, date_to: dt.date | None = None,
                  today: dt.date | None = None) -> pd.Timestamp:
    """``given`` when set, else ``min(today, date_to)`` (``date_to``: the filter's last day)."""
    if given is not None and str(given).strip():
        return pd.Timestamp(given).normalize()
    day = today or dt.date.today()
    if date_to is not None and date_to < day:
        day = date_to
    return pd.Timestamp(day)


def date_text(ts: pd.Timestamp | dt.date) -> str:
    """'30 April 2025'."""
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts.strftime('%B')} {ts.year}"
