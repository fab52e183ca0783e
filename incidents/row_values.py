"""Incident frames as values for the database: Python values for a driver, Arrow columns
for a bulk loader.

One conversion per column (:func:`column_arrow`): dates as ``date`` (or ISO
``YYYY-MM-DD`` text, the form SQLAlchemy's ``Date`` takes on SQLite), floats with NaN as
missing, nullable integers and booleans, text without NUL characters (PostgreSQL refuses
them; SQLite keeps the same text). :func:`column_values` is the same column as Python
values, so a row inserted one way or the other is stored alike.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from incidents.arrow_bytes import surely_without
from incidents.schema import COLUMNS, DTYPES


def column_arrow(series: pd.Series, dtype: str, dates_as_text: bool = False) -> pa.Array:
    """One schema column as an Arrow array (null for missing); see the module docstring.
    ``dtype`` is the schema dtype; any other name is read as text."""
    if dtype.startswith("datetime"):
        days = pd.to_datetime(series, errors="coerce").astype("datetime64[ns]").dt.normalize()
        dates = pa.array(days.to_numpy(), from_pandas=True).cast(pa.date32())
        return dates.cast(pa.string()) if dates_as_text else dates
    if dtype == "float64":
        return pa.array(series.to_numpy(dtype=float, na_value=np.nan), from_pandas=True)
    if dtype in ("Int64", "boolean"):
        return pa.array(series.astype(dtype).array)
    text = pa.array(series.astype("string").array)
    if not surely_without(text, 1) and pc.any(pc.match_substring(text, "\x00")).as_py():
        text = pc.replace_substring(text, "\x00", "")
    return text


def column_values(series: pd.Series, dtype: str, dates_as_text: bool = False) -> list:
    """:func:`column_arrow` as Python values for a database driver (None for missing)."""
    return column_arrow(series, dtype, dates_as_text).to_pylist()


def frame_to_rows(frame: pd.DataFrame, extra: dict[str, list] | None = None) -> list[dict]:
    """Rows (dicts) for ``incidents`` inserts from a conformed frame plus store columns."""
    cols = {name: column_values(frame[name], DTYPES[name]) for name in COLUMNS}
    cols.update(extra or {})
    names = list(cols)
    return [dict(zip(names, vals, strict=True)) for vals in zip(*cols.values(), strict=True)]


def filled_columns(frame: pd.DataFrame) -> list[str]:
    """The schema's :data:`COLUMNS` that hold a value in some row of ``frame``.

    A bulk insert leaves the others out (the table's own NULL: these columns have no
    default), which spares binding them: about 10 of the 64 columns of an ACLED-layout
    import, 0.3 s of the insert of 1e5 rows with ``executemany``."""
    return [name for name in COLUMNS if frame[name].notna().any()]


class RowBlock:
    """Rows of driver values held column by column, for ``tables.bulk_insert``.

    Iterating yields one row tuple at a time, built as the driver reads it: an import of
    1e5 rows never holds 1e5 tuples (building them all first made the SQLite insert
    about 0.3 s slower, bench/import.py). PostgreSQL's COPY reads the columns directly.
    """

    __slots__ = ("columns", "values")

    def __init__(self, columns: tuple[str, ...], values: list[list]) -> None:
        if len(columns) != len(values) or len({len(v) for v in values}) > 1:
            raise ValueError("a RowBlock needs one value list per column, all of one length")
        self.columns = tuple(columns)
        self.values = list(values)

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0

    def __iter__(self):
        return zip(*self.values, strict=True)

    def rows(self, start: int, stop: int) -> RowBlock:
        """Rows ``start`` to ``stop`` (exclusive), as a block of their own."""
        return RowBlock(self.columns, [v[start:stop] for v in self.values])

    def select(self, columns) -> RowBlock:
        """The same rows with ``columns`` in the given order."""
        return RowBlock(tuple(columns), [self.values[self.columns.index(c)] for c in columns])


def frame_block(frame: pd.DataFrame, extra: dict[str, list] | None = None,
                dates_as_text: bool = False) -> RowBlock:
    """:class:`RowBlock` of ``frame``'s :func:`filled_columns`, then ``extra``'s.

    ``dates_as_text``: ISO ``YYYY-MM-DD`` strings (pass ``conn.dialect.name == "sqlite"``).
    """
    names = filled_columns(frame)
    cols = [column_values(frame[n], DTYPES[n], dates_as_text) for n in names]
    return RowBlock(tuple(names + list(extra or {})),
                    cols + [list(v) for v in (extra or {}).values()])


def frame_arrow(frame: pd.DataFrame, extra: dict[str, list] | None = None,
                dates_as_text: bool = False) -> pa.Table:
    """The same columns as :func:`frame_block`, as an Arrow table (for a bulk loader)."""
    names = filled_columns(frame)
    cols = [column_arrow(frame[n], DTYPES[n], dates_as_text) for n in names]
    cols += [pa.array(list(v)) for v in (extra or {}).values()]
    return pa.table(cols, names=names + list(extra or {}))


def to_text(value: object) -> str | None:
    """A value as text for the history table (None for missing)."""
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).date().isoformat()
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return repr(float(value))  # 40.0, not np.float64(40.0)
    return str(value).replace("\x00", "")
