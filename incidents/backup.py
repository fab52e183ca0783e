"""Backups and moves: the whole store as one portable file, between SQLite and PostgreSQL.

``python -m incidents db dump FILE`` / ``db restore FILE``. The file is gzip-compressed
JSON lines: a header (format, version, the schema revision, row counts per table), then for
each table a line ``{"table": name, "columns": [...]}`` followed by one JSON array per row.
Every table of the store is dumped as stored (incidents, history, import batches,
quarantine, learned places, communities and any table a later revision adds), except
Alembic's own table, PostGIS's catalogue and derived data (the geometry column and the
public QGIS layer are rebuilt from the rows). Dates are ISO text, binary values base64.

A dump holds internal and restricted records and personal fields: it is written with
owner-only permissions (0600) and atomically (the old file stays until the new one is
whole). A restore goes into an empty store only (any backend), in one transaction, then
sets the sequences (event numbers, row ids) past the restored rows.
"""
from __future__ import annotations

import base64
import datetime as dt
import decimal
import gzip
import json
import os
import warnings
from pathlib import Path

import sqlalchemy as sa

from fileio import atomic_path
from incidents import migrations, tables
from incidents.database import INCIDENT_SEQ

FORMAT = "kgtj-store-dump"
VERSION = 1
SKIP_TABLES = frozenset({"alembic_version", "spatial_ref_sys", "schema_version",
                         "registry_schema_version", "qgis_public_layer",
                         "qgis_public_meta"})
SKIP_COLUMNS = frozenset({"geom"})  # PostGIS geometry: derived from lon/lat by a trigger
CHUNK_ROWS = 5000


class DumpError(RuntimeError):
    """The dump cannot be read or restored here (the message says why)."""


def _tables(conn: sa.Connection) -> list[sa.Table]:
    meta = sa.MetaData()
    names = [n for n in sa.inspect(conn).get_table_names() if n not in SKIP_TABLES]
    with warnings.catch_warnings():  # PostGIS's geometry type (a skipped column)
        warnings.filterwarnings("ignore", "Did not recognize type", sa.exc.SAWarning)
        meta.reflect(conn, only=names)
    return [t for t in meta.sorted_tables if t.name in names]


def _columns(table: sa.Table) -> list[sa.Column]:
    return [c for c in table.columns if c.name not in SKIP_COLUMNS]


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def dump(engine: sa.Engine, path: str | Path) -> dict[str, int]:
    """Write every table of the store at ``engine`` to ``path``; return rows per table."""
    counts: dict[str, int] = {}
    with engine.connect() as conn, atomic_path(path) as tmp:
        revision = migrations.current(conn)
        found = _tables(conn)
        for t in found:
            counts[t.name] = int(conn.execute(sa.select(sa.func.count()).select_from(t))
                                 .scalar())
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as gz:
            def line(obj) -> None:
                gz.write(json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n")
            line({"format": FORMAT, "version": VERSION, "revision": revision,
                  "dialect": conn.dialect.name, "created_at": tables.utc_now(),
                  "tables": counts})
            for t in found:
                cols = _columns(t)
                line({"table": t.name, "columns": [c.name for c in cols]})
                pk = list(t.primary_key.columns) or cols[:1]
                result = conn.execution_options(yield_per=CHUNK_ROWS).execute(
                    sa.select(*cols).order_by(*pk))
                for row in result:
                    line([_encode(v) for v in row])
            gz.flush()
            raw.flush()
            os.fsync(raw.fileno())
    return counts


def _decoder(column: sa.Column, dialect: str):
    """Dump value → driver value for ``column`` (SQLite keeps dates as ISO text, as
    SQLAlchemy's ``Date`` stores them there)."""
    kind = column.type
    if dialect == "sqlite" and isinstance(kind, sa.Date | sa.DateTime):
        return lambda v: v
    if isinstance(kind, sa.DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v[:10])
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, sa.LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v["$b64"])
    return lambda v: v


def _read(path: str | Path):
    """(header, iterator of (table, columns, rows chunk)) of a dump file."""
    try:
        fh = gzip.open(path, "rt", encoding="utf-8")
        header = json.loads(fh.readline())
    except (OSError, ValueError, EOFError) as exc:
        raise DumpError(f"{Path(path).name}: not a store dump ({exc})") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        fh.close()
        raise DumpError(f"{Path(path).name}: not a store dump")
    if header.get("version") != VERSION:
        fh.close()
        raise DumpError(f"{Path(path).name}: dump format version {header.get('version')} "
                        f"is not {VERSION}; use the program that wrote it")
    return header, fh


def _is_empty(conn: sa.Connection, found: list[sa.Table]) -> list[str]:
    return [t.name for t in found
            if conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()]


def _reset_sequences(conn: sa.Connection, found: list[sa.Table]) -> None:
    """PostgreSQL: serial columns and the event number sequence past the restored rows."""
    if conn.dialect.name != "postgresql":
        return
    for t in found:
        for c in t.primary_key.columns:
            seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": t.name, "c": c.name}).scalar()
            if seq:
                conn.execute(sa.text(
                    f'SELECT setval(:s, coalesce((SELECT max("{c.name}") FROM "{t.name}"), 0)'
                    f' + 1, false)'), {"s": seq})
    conn.execute(sa.text(
        f"SELECT setval('{INCIDENT_SEQ}', coalesce((SELECT max(seq) FROM incidents), 0) + 1,"
        " false)"))


def restore(engine: sa.Engine, path: str | Path) -> dict[str, int]:
    """Load a dump into the empty store at ``engine`` (schema brought to the newest
    revision first); return rows per table. Raises :class:`DumpError` (nothing written)
    when the store is not empty, the dump is newer than this program, or a row does not
    fit."""
    header, fh = _read(path)
    with fh:
        revision = header.get("revision")
        if revision is not None:
            try:
                migrations._check_known(revision)
            except migrations.SchemaTooNewError as exc:
                raise DumpError(f"the dump is at schema revision {revision}, newer than this "
                                "program; update the program") from exc
        migrations.upgrade(engine)
        counts: dict[str, int] = {}
        with engine.begin() as conn:
            found = {t.name: t for t in _tables(conn)}
            full = _is_empty(conn, list(found.values()))
            if full:
                raise DumpError("the store is not empty (tables with rows: "
                                f"{', '.join(full)}); restore into a new, empty store")
            table, names, decoders, chunk = None, [], [], []

            def flush() -> None:
                if chunk:
                    tables.bulk_insert(conn, table, tuple(names), chunk)
                    counts[table.name] = counts.get(table.name, 0) + len(chunk)
                    chunk.clear()

            for number, text in enumerate(fh, start=2):
                try:
                    item = json.loads(text)
                except ValueError as exc:
                    raise DumpError(f"line {number} of the dump is not JSON ({exc})") from exc
                if isinstance(item, dict):
                    flush()
                    name = item["table"]
                    if name not in found:
                        raise DumpError(f"table {name!r} of the dump is unknown to this "
                                        "program")
                    table, names = found[name], list(item["columns"])
                    unknown = [n for n in names if n not in table.c]
                    if unknown:
                        raise DumpError(f"table {name}: column(s) {unknown} unknown to this "
                                        "program")
                    decoders = [_decoder(table.c[n], conn.dialect.name) for n in names]
                    counts.setdefault(name, 0)
                    continue
                if table is None or len(item) != len(names):
                    raise DumpError(f"line {number} of the dump does not fit its table")
                chunk.append(tuple(f(v) for f, v in zip(decoders, item, strict=True)))
                if len(chunk) >= CHUNK_ROWS:
                    flush()
            flush()
            expected = {k: v for k, v in (header.get("tables") or {}).items() if v}
            got = {k: v for k, v in counts.items() if v}
            if expected != got:
                raise DumpError(f"the dump is incomplete: header says {expected}, "
                                f"rows read {got}")
            _reset_sequences(conn, list(found.values()))
    return counts
