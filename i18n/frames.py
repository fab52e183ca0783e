"""The screen copy of a table for the reader's language: no ISO date-time, no ``None``
(values written by :mod:`i18n.fmt`)."""
from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from i18n.fmt import MISSING, _empty, datetime_text, number_text


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
