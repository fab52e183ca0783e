"""Which record an edit form belongs to, read from its widgets' keys (no Streamlit here).

Every widget of the edit form has a key starting with :func:`form_prefix` of the record id
and the row version it was drawn from. Another incident (or the same one after a change)
gets other widgets, so a form never shows another record's values, and a Save button says
itself which record and version it was drawn for: :func:`submitted_forms` finds it in the
session state, the page refuses to write it anywhere else.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pandas as pd

_PREFIX = re.compile(r"^edit@(?P<eid>.+)@v(?P<version>\d+)_save$")
# the form's fields: session-state key suffix → record field
FIELD_KEYS: dict[str, str] = {
    "date": "event_date", "cat": "category", "loc": "location", "fat": "fatalities",
    "inj": "injuries", "notes": "notes", "source": "source", "sens": "sensitivity",
    "verif": "verification_status"}


def form_prefix(event_id: str, version: int) -> str:
    """The key prefix of the edit form drawn for ``event_id`` at ``version``."""
    return f"edit@{event_id}@v{int(version)}"


def submitted_forms(state: Mapping) -> list[tuple[str, int]]:
    """``(event_id, version)`` of each edit form whose Save button was pressed (its state
    is in ``state``, the session state, whether or not the form is drawn in this run)."""
    out = []
    for key in list(state.keys()):
        m = _PREFIX.match(str(key))
        if m and state.get(key) is True:
            out.append((m["eid"], int(m["version"])))
    return out


def form_input(state: Mapping, prefix: str) -> dict:
    """The values a form's widgets hold (record field → value), as the user left them."""
    return {field: state[f"{prefix}_{suffix}"] for suffix, field in FIELD_KEYS.items()
            if f"{prefix}_{suffix}" in state}


def as_text(value) -> str:
    """A field value as a table cell ("" when missing; dates as YYYY-MM-DD)."""
    if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def comparison(stored: dict, mine: dict, shown: dict | None = None) -> list[dict]:
    """Rows ``{"field", "shown", "stored", "mine"}`` for every field of ``mine`` (the
    user's input) that differs from ``stored`` (what the store holds now) or that changed
    in the store since the form was ``shown``; nothing is left out that would be lost."""
    rows = []
    for field, value in mine.items():
        now, before = as_text(stored.get(field)), as_text((shown or {}).get(field))
        if as_text(value) != now or (shown is not None and before != now):
            rows.append({"field": field, "shown": before, "stored": now,
                         "mine": as_text(value)})
    return rows
