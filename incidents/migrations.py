"""Ordered schema migrations of the incident store.

Each migration is a function ``(connection) -> None`` with a version number and a name; the
store applies the missing ones, in order, in one transaction each, when it opens, and
records them in ``schema_version``. Migrations only ever add: a new version appends a
function to :data:`MIGRATIONS` (``ALTER TABLE ... ADD COLUMN`` through SQLAlchemy), it
never edits an applied one. Portable DDL only (tested on SQLite).
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from incidents import tables


def _m001_base(conn: sa.Connection) -> None:
    """incidents, import_batches, quarantine, incident_history."""
    tables.metadata.create_all(
        conn,
        tables=[tables.incidents, tables.import_batches, tables.quarantine,
                tables.incident_history],
    )


def _m002_learned_places(conn: sa.Connection) -> None:
    """Place names learned from rows with exact (precision-1) coordinates."""
    tables.metadata.create_all(conn, tables=[tables.learned_places])


MIGRATIONS: tuple[tuple[int, str, Callable[[sa.Connection], None]], ...] = (
    (1, "base tables", _m001_base),
    (2, "learned places", _m002_learned_places),
)
LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(conn: sa.Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    if not sa.inspect(conn).has_table(tables.schema_version.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(tables.schema_version.c.version))).scalar()
    return int(found or 0)


def upgrade(engine: sa.Engine) -> list[int]:
    """Apply the missing migrations in order; return the versions applied (may be empty).

    Raises
    ------
    RuntimeError
        When the database is newer than this code (a downgrade is never attempted).
    """
    with engine.begin() as conn:
        tables.metadata.create_all(conn, tables=[tables.schema_version])
        version = current_version(conn)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"the incident store is at schema version {version}, newer than this program "
            f"({LATEST_VERSION}); update the program"
        )
    applied = []
    for number, name, func in MIGRATIONS:
        if number <= version:
            continue
        with engine.begin() as conn:
            func(conn)
            conn.execute(tables.schema_version.insert().values(
                version=number, name=name, applied_at=tables.utc_now()))
        applied.append(number)
    return applied
