"""Bulk insert into a SQLite store through a staging file that Arrow's ADBC driver writes.

Python's ``sqlite3`` binds every value of an ``executemany`` from a Python object: for
1e5 ACLED-layout rows, building those objects and binding them took about 2.5 s of a
5 s import (bench/import.py). The ADBC SQLite driver (``adbc-driver-sqlite``, Apache
Arrow) writes Arrow columns from C instead. The staged rows reach the store inside the
caller's transaction (``ATTACH`` + ``INSERT … SELECT``), so an import stays
all-or-nothing.

The staging file holds incident rows of every sensitivity: it is made in a new private
folder (``tempfile.mkdtemp``, mode 0700) and removed, with its folder, when the
connection goes back to the pool (:func:`release`, called by ``incidents.database``),
whether the transaction committed or not. SQLite cannot detach a database inside the
transaction that read it, hence the removal at check-in. A process killed mid-import
leaves its folder behind; the next staged import removes the folders of processes that
no longer run (:func:`_sweep_orphans`).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile

import pyarrow as pa
import sqlalchemy as sa

STAGE_MIN_ROWS = 2000  # below this, executemany is as fast (no file, no attach)
_PREFIX = "kgtj_stage_"  # attached database names: kgtj_stage_1, kgtj_stage_2, …
_FOLDER = "kgtj-stage-"  # + the writing process's id + "-" + random
_FILE = "rows.sqlite"


def _adbc_sqlite():
    """The ADBC SQLite DB-API module (imported when first needed: 0.3 s with Arrow's
    dataset module, which the app's start does not need)."""
    import adbc_driver_sqlite.dbapi

    return adbc_driver_sqlite.dbapi


def _attached(raw: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, file) of the staging databases attached to ``raw``."""
    return [(row[1], row[2]) for row in raw.execute("PRAGMA database_list")
            if row[1].startswith(_PREFIX)]


def can_stage(conn: sa.Connection, n_rows: int) -> bool:
    """Whether :func:`insert_staged` applies: a SQLite store, ``n_rows`` ≥
    :data:`STAGE_MIN_ROWS`, and room for one more attached database (SQLite's limit,
    one left free for others; a chunked import makes one staging file per chunk)."""
    if conn.dialect.name != "sqlite" or n_rows < STAGE_MIN_ROWS:
        return False
    raw = conn.connection.driver_connection
    return len(_attached(raw)) < raw.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) - 1


def insert_staged(conn: sa.Connection, data: dict[sa.Table, pa.Table]) -> None:
    """Insert each Arrow table of ``data`` into its store table, in ``conn``'s open
    transaction. Columns are matched by name; a table's absent columns take their
    default. Values must be those :mod:`incidents.row_values` gives for SQLite (dates as
    ISO text)."""
    raw = conn.connection.driver_connection
    name = f"{_PREFIX}{len(_attached(raw)) + 1}"
    _sweep_orphans()
    folder = tempfile.mkdtemp(prefix=f"{_FOLDER}{os.getpid()}-")
    try:
        path = os.path.join(folder, _FILE)
        with _adbc_sqlite().connect(path) as stage:
            with stage.cursor() as cur:
                for table, rows in data.items():
                    cur.adbc_ingest(table.name, rows, mode="create")
            stage.commit()
        conn.exec_driver_sql(f"ATTACH DATABASE ? AS {name}", (path,))
    except Exception as err:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(err, sa.exc.DBAPIError):
            raise
        # the driver's text may quote a value: name only the error's kind
        raise StagingError(f"the rows could not be staged for SQLite ({type(err).__name__})"
                           ) from None
    quote = conn.dialect.identifier_preparer.quote
    for table, rows in data.items():
        cols = ", ".join(quote(c) for c in rows.column_names)
        conn.exec_driver_sql(f"INSERT INTO main.{quote(table.name)} ({cols}) "
                             f"SELECT {cols} FROM {name}.{quote(table.name)}")


class StagingError(RuntimeError):
    """The staging file could not be written (disk full, say); no value is named."""


def release(raw: sqlite3.Connection) -> None:
    """Detach the staging databases from ``raw`` and remove their folders (called when
    the connection goes back to the pool, its transaction over)."""
    for name, path in _attached(raw):
        raw.execute(f"DETACH DATABASE {name}")
        folder = os.path.dirname(path)
        if os.path.basename(path) == _FILE and os.path.basename(folder).startswith(_FOLDER):
            shutil.rmtree(folder, ignore_errors=True)


def _sweep_orphans() -> None:
    """Remove the staging folders (in the temporary folder) of processes that no longer
    run: what an import killed before its transaction ended left behind."""
    root = tempfile.gettempdir()
    with os.scandir(root) as entries:
        for entry in entries:
            pid = entry.name[len(_FOLDER):].partition("-")[0]
            if entry.name.startswith(_FOLDER) and pid.isdigit() and entry.is_dir(
                    follow_symlinks=False) and not _running(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
