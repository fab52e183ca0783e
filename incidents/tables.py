"""SQLAlchemy Core tables of the incident store and the frame ↔ row conversion.

Portable SQL only (SQLite by default, PostgreSQL works the same); no ORM objects. The
``incidents`` table holds every column of :data:`incidents.schema.COLUMNS` plus three store
columns: ``seq`` (the number in ``KGTJ-000001``), ``content_hash`` (the source content of
the row, for idempotent re-imports of rows without a source id) and ``row_version`` (0 when
inserted, +1 with every change: what an edit checks before writing).
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from incidents.row_values import RowBlock
from incidents.schema import COLUMN_SPECS, COLUMNS, DTYPES, conform

metadata = sa.MetaData()

_SA_TYPES = {
    "string": sa.Text,
    "Int64": sa.Integer,
    "float64": sa.Float,
    "boolean": sa.Boolean,
    "datetime64[ns]": sa.Date,
}


def _schema_column(name: str, dtype: str) -> sa.Column:
    if name == "event_id":
        return sa.Column(name, sa.String(32), primary_key=True)
    return sa.Column(name, _SA_TYPES[dtype](), nullable=True)


incidents = sa.Table(
    "incidents",
    metadata,
    *[_schema_column(c.name, c.dtype) for c in COLUMN_SPECS],
    sa.Column("seq", sa.Integer, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    # +1 with every change: single-record edits compare it in the UPDATE (store_edits)
    sa.Column("row_version", sa.Integer, nullable=False, server_default="0"),
    # imports read all keys and hashes at once, so no index on them: random-valued
    # indexes would halve the bulk-insert speed
    sa.Index("ix_incidents_date_cat", "event_date", "category"),
)

import_batches = sa.Table(
    "import_batches",
    metadata,
    sa.Column("batch_id", sa.String(32), primary_key=True),
    sa.Column("file_name", sa.Text),
    sa.Column("format", sa.String(32)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("source_dataset", sa.Text),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40)),
    sa.Column("rows_read", sa.Integer, nullable=False),
    sa.Column("inserted", sa.Integer, nullable=False),
    sa.Column("updated", sa.Integer, nullable=False),
    sa.Column("duplicates", sa.Integer, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False),
    sa.Column("user", sa.Text),
    sa.Column("report_json", sa.Text),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("quarantine_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("batch_id", sa.String(32), nullable=False, index=True),
    sa.Column("row_number", sa.Integer),
    sa.Column("field", sa.Text),
    sa.Column("reason", sa.Text, nullable=False),  # English, as the importer wrote it
    sa.Column("reason_key", sa.String(64)),  # its key and params (JSON), NULL before 0010
    sa.Column("reason_params", sa.Text),
    sa.Column("raw_json", sa.Text),
    sa.Column("resolved", sa.Boolean, nullable=False, default=False),
)

incident_history = sa.Table(
    "incident_history",
    metadata,
    sa.Column("history_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(32), nullable=False, index=True),
    sa.Column("changed_at", sa.String(40), nullable=False),
    sa.Column("user", sa.Text),
    sa.Column("action", sa.String(32), nullable=False),  # insert|update|import_update|delete
    sa.Column("batch_id", sa.String(32)),
    sa.Column("field", sa.Text),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
)

learned_places = sa.Table(  # rows in the input layout of geo.gazetteer.Gazetteer.learn
    "learned_places",
    metadata,
    sa.Column("learned_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("geo_precision", sa.Integer, nullable=False),
    sa.Column("source_dataset", sa.Text),
    sa.Column("country", sa.String(8)),
    sa.Column("admin1_given", sa.Text),
    sa.Column("admin2_given", sa.Text),
    sa.Column("source_event_id", sa.Text),
    sa.Column("import_batch_id", sa.String(32)),
    sa.Column("learned_at", sa.String(40), nullable=False),
)

accounts = sa.Table(  # local and OpenID Connect accounts (incidents.accounts)
    "accounts",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text),  # Argon2id (argon2-cffi); NULL: OIDC only
    sa.Column("email", sa.String(254), unique=True),  # lower case; OIDC sign-in maps on it
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

sign_ins = sa.Table(  # sign-in attempts: rate limit and audit; never a password
    "sign_ins",
    metadata,
    sa.Column("sign_in_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(40), nullable=False, index=True),
    sa.Column("account", sa.String(64)),  # NULL when no account has the name given
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("method", sa.String(16), nullable=False),  # password | oidc
    sa.Column("reason", sa.String(32)),
)

app_settings = sa.Table(  # deployment choices an admin makes in the app (key → value)
    "app_settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text),
)


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string (seconds)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def format_event_id(seq: int) -> str:
    """``KGTJ-000001`` for ``seq`` 1 (more digits once past 999999)."""
    return f"KGTJ-{int(seq):06d}"


def event_id_sql(seq: str) -> str:
    """:func:`format_event_id` as a SQLite expression of the integer SQL expression
    ``seq``."""
    return f"'KGTJ-' || printf('%06d', {seq})"


def format_event_ids(seqs) -> list[str]:
    """:func:`format_event_id` of many numbers at once."""
    if not len(seqs):
        return []
    digits = pd.Series(np.asarray(seqs, dtype="int64")).astype("string").str.zfill(6)
    return ("KGTJ-" + digits).tolist()


def bulk_insert(conn: sa.Connection, table: sa.Table, columns: tuple[str, ...],
                rows) -> None:
    """Fast bulk insert straight to the driver (no per-row SQLAlchemy work):
    ``COPY … FROM STDIN`` on PostgreSQL (psycopg), one executemany elsewhere.

    ``rows`` is a list of row tuples or a :class:`RowBlock` of ``columns``. The INSERT is
    compiled for the connection's dialect, so the placeholders match the driver (qmark for
    SQLite, pyformat for psycopg). Values must already be driver values (see
    :func:`frame_block`).
    """
    if not len(rows):
        return
    if isinstance(rows, RowBlock) and rows.columns != tuple(columns):
        raise ValueError("the block's columns differ from the columns given")
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        _copy_rows(conn, table, columns, rows)
        return
    sql, order = _insert_sql(table, tuple(columns), conn.dialect)
    _execute_rows(conn, sql, order, tuple(columns), rows)


def bulk_execute(conn: sa.Connection, stmt: sa.Executable, columns: tuple[str, ...],
                 rows: RowBlock) -> None:
    """One driver ``executemany`` of ``stmt`` (e.g. an UPDATE whose bind parameters are
    named ``columns``) over the rows of ``rows``: no per-row SQLAlchemy work. Values must
    already be driver values; ``stmt`` should be built once (its compiled SQL is cached)."""
    if not len(rows):
        return
    sql, order = _compiled_sql(stmt, conn.dialect)
    _execute_rows(conn, sql, order, tuple(columns), rows)


def _execute_rows(conn: sa.Connection, sql: str, order: tuple[str, ...] | None,
                  columns: tuple[str, ...], rows) -> None:
    """Feed ``rows`` (tuples of ``columns``, or a :class:`RowBlock`) to compiled ``sql``
    whose placeholders take the columns in ``order`` (None: named placeholders)."""
    if order is None:  # a driver with named placeholders
        conn.exec_driver_sql(sql, [dict(zip(columns, r, strict=True)) for r in rows])
        return
    if isinstance(rows, RowBlock):
        params = rows.select(order)
    elif order == columns:
        params = rows
    else:
        at = [columns.index(name) for name in order]
        params = [tuple(r[i] for i in at) for r in rows]
    _executemany(conn, sql, params)


@functools.lru_cache(maxsize=64)
def _insert_sql(table: sa.Table, columns: tuple[str, ...], dialect
                ) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT of ``columns`` compiled for ``dialect`` and its placeholders' column
    order (None for named placeholders): compiled once, not once per chunk."""
    return _compiled_sql(table.insert().values({c: sa.bindparam(c) for c in columns}),
                         dialect)


@functools.lru_cache(maxsize=64)
def _compiled_sql(stmt: sa.Executable, dialect) -> tuple[str, tuple[str, ...] | None]:
    """``stmt`` compiled for ``dialect``, and its placeholders' bind-parameter order (None
    for named placeholders)."""
    compiled = stmt.compile(dialect=dialect)
    order = None if compiled.positiontup is None else tuple(compiled.positiontup)
    return str(compiled), order


def _executemany(conn: sa.Connection, sql: str, params) -> None:
    """The driver's own ``executemany`` in the connection's transaction, fed row by row
    from an iterable (SQLAlchemy's wants a list); a driver error is raised as SQLAlchemy's
    (e.g. ``sa.exc.OperationalError``), without the values."""
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.executemany(sql, params)
    except conn.dialect.loaded_dbapi.Error as err:
        raise sa.exc.DBAPIError.instance(
            sql, None, err, conn.dialect.loaded_dbapi.Error, hide_parameters=True,
            dialect=conn.dialect) from err
    finally:
        cursor.close()


def _copy_rows(conn: sa.Connection, table: sa.Table, columns: tuple[str, ...],
               rows) -> None:
    """``COPY table (columns) FROM STDIN`` in the connection's transaction (psycopg)."""
    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    values = rows.values if isinstance(rows, RowBlock) else list(zip(*rows, strict=True))
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(sql) as copy:
            copy.write(copy_columns(values))
    except conn.dialect.loaded_dbapi.Error as err:  # its CONTEXT line quotes the value
        raise sa.exc.DBAPIError.instance(
            sql, None, _without_values(err), conn.dialect.loaded_dbapi.Error,
            hide_parameters=True, dialect=conn.dialect) from None
    finally:
        cursor.close()


def _without_values(err: Exception) -> Exception:
    """A driver error of the same class holding only its first line, quoted text masked
    (PostgreSQL quotes the row's value there, e.g. ``invalid input syntax for type integer:
    "…"``, and again in its DETAIL and CONTEXT lines)."""
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    first = re.sub(r'"[^"]*"?', '"…"', first)
    try:
        return type(err)(first)
    except Exception:  # noqa: BLE001 - a class that takes other arguments
        return RuntimeError(first)


_COPY_ESCAPES = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))


def copy_columns(values) -> bytes:
    """Columns of driver values as PostgreSQL's COPY text format, built column by column
    in Arrow: ``\\N`` for None, backslash, newline, CR and tab escaped in text, dates ISO,
    booleans ``true``/``false``, floats in their shortest exact form."""
    if not values or not len(values[0]):
        return b""
    cells = []
    for col in values:
        arr = pa.array(col)
        text = pc.cast(arr, pa.string())
        if pa.types.is_string(arr.type):
            for old, new in _COPY_ESCAPES:
                text = pc.replace_substring(text, old, new)
        cells.append(pc.fill_null(text, "\\N"))
    lines = pc.binary_join_element_wise(*cells, "\t")
    return ("\n".join(lines.to_pylist()) + "\n").encode("utf-8")


def in_values(column: sa.ColumnElement, values, dialect: str) -> sa.ColumnElement:
    """``column IN values`` with the values in **one** bound parameter, however many: a
    JSON array read by ``json_each`` (SQLite) or ``json_array_elements_text`` (PostgreSQL,
    each value cast to the column's type). One statement scans the table once; no SQL is
    compiled, and no array built in Python, per value."""
    payload = sa.bindparam(None, json.dumps(list(values), default=str), type_=sa.Text)
    if dialect == "postgresql":
        each = sa.func.json_array_elements_text(sa.cast(payload, sa.JSON)).table_valued(
            "value")
        return column.in_(sa.select(sa.cast(each.c.value, column.type)))
    each = sa.func.json_each(payload).table_valued("value")
    return column.in_(sa.select(each.c.value))


def raw_select_columns(table: sa.Table, names) -> list:
    """Columns to select without SQLAlchemy's per-value result processing.

    Dates and booleans come back as the driver gives them (ISO text and 0/1 on SQLite,
    ``date`` and ``bool`` on PostgreSQL); :func:`rows_to_frame` converts whole columns.
    """
    out = []
    for name in names:
        col = table.c[name]
        if isinstance(col.type, sa.Date):
            col = sa.type_coerce(col, sa.String).label(name)
        elif isinstance(col.type, sa.Boolean):
            col = sa.type_coerce(col, sa.Integer).label(name)
        out.append(col)
    return out


def rows_to_frame(rows: list, keys: list[str]) -> pd.DataFrame:
    """A conformed incident frame from database rows (dates, nullable ints and booleans)."""
    raw = pd.DataFrame.from_records(rows, columns=keys)
    for name in COLUMNS:
        if name in raw.columns and DTYPES[name] == "boolean":
            values = raw[name].astype(object)  # None/NaN, 0/1 or bool
            missing = values.isna().to_numpy()
            flags = values.where(~missing, False).astype(bool).to_numpy()
            raw[name] = pd.arrays.BooleanArray(flags, missing)
        elif name in raw.columns and DTYPES[name].startswith("datetime"):
            raw[name] = pd.to_datetime(raw[name].astype(object).where(raw[name].notna(), None),
                                       errors="coerce")
    return conform(raw).reset_index(drop=True)
