"""Bulk insert into a SQLite store through a staging file that Arrow's ADBC driver writes.

Python's ``sqlite3`` binds every value of an ``executemany`` from a Python object: for
1e5 ACLED-layout rows, building those objects and binding them took about 2.5 s of a
5 s import (bench/import.py). The ADBC SQLite driver (``adbc-driver-sqlite``, Apache
Arrow) writes Arrow columns from C instead, in a thread of its own that runs while the
import reads the stored keys and classifies its rows (the driver releases Python's GIL).
The staged rows reach the store inside the caller's transaction (``ATTACH`` +
``INSERT … SELECT``), so an import stays all-or-nothing.

A large import (:data:`SPLIT_MIN_ROWS` rows or more, on a machine with more than one core)
is staged as two files, each half written by a thread of its own: both cores write while
the import classifies its rows (1e5 rows: 0.36 s for one file, 0.19 s for two halves).
A chunk of a streamed import stays one file (each chunk attaches its staging).

The staging files hold incident rows of every sensitivity: they are made in a new private
folder (``tempfile.mkdtemp``, mode 0700) and removed, with its folder, as soon as the
import has copied its rows (:meth:`Staging.close`), whatever happened; SQLite, which
cannot detach a database inside the transaction that read it, detaches it when the
connection goes back to the pool (:func:`release`, called by ``incidents.database`` for a
connection marked :data:`ATTACHED`). A process killed mid-import leaves its folder behind;
the next staging removes the folders of processes that no longer run
(:func:`_sweep_orphans`).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid

import numpy as np
import pyarrow as pa
import sqlalchemy as sa

STAGE_MIN_ROWS = 2000  # below this, executemany is as fast (no file, no thread, no attach)
# from this many rows, two files written by two threads (above stream_import.CHUNK_ROWS, so
# the chunks of a streamed import keep one attached file each)
SPLIT_MIN_ROWS = 60_000
_PREFIX = "kgtj_stage_"  # attached database names: kgtj_stage_ + 12 random hex digits
_FOLDER = "kgtj-stage-"  # + the writing process's id + "-" + random
_FILES = ("rows.sqlite", "rows1.sqlite")  # the file of each part
ATTACHED = "kgtj_staged"  # key of a pooled connection's info: a staging file is attached
_TABLE = "rows"


def _adbc():
    """The ADBC driver manager and SQLite driver modules, imported when first needed (their
    low-level API: the DB-API module would also import Arrow's dataset module, 0.3 s)."""
    import adbc_driver_manager
    import adbc_driver_sqlite

    return adbc_driver_manager, adbc_driver_sqlite


class StagingError(RuntimeError):
    """The staging file could not be written (disk full, say); no value is named."""


def _attached(raw: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, file) of the staging databases attached to ``raw``."""
    return [(row[1], row[2]) for row in raw.execute("PRAGMA database_list")
            if row[1].startswith(_PREFIX)]


def n_parts(n_rows: int) -> int:
    """How many files ``n_rows`` are staged in: two from :data:`SPLIT_MIN_ROWS` rows on a
    machine with more than one core, else one."""
    return 2 if n_rows >= SPLIT_MIN_ROWS and (os.cpu_count() or 1) > 1 else 1


def can_stage(conn: sa.Connection, n_rows: int) -> bool:
    """Whether to stage ``n_rows``: a SQLite store, ``n_rows`` ≥ :data:`STAGE_MIN_ROWS`,
    and room for its files among the attached databases (SQLite's limit, one left free for
    others; a chunked import attaches one staging file per chunk)."""
    if conn.dialect.name != "sqlite" or n_rows < STAGE_MIN_ROWS:
        return False
    raw = conn.connection.driver_connection
    return len(_attached(raw)) + n_parts(n_rows) < raw.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)


def _write_file(path: str, rows: pa.Table) -> None:
    """Write ``rows`` as table ``rows`` of a new SQLite file (row ``i`` gets rowid
    ``i + 1``: SQLite numbers the rows of a new table in the order they come). A
    throw-away file: no journal, no flush to disk."""
    manager, driver = _adbc()
    with driver.connect(path) as db, manager.AdbcConnection(db) as conn, \
            manager.AdbcStatement(conn) as stmt:
        for pragma in ("journal_mode=OFF", "synchronous=OFF"):
            stmt.set_sql_query(f"PRAGMA {pragma}")
            stmt.execute_update()
        stmt.set_options(**{"adbc.ingest.target_table": _TABLE,
                            "adbc.ingest.mode": "adbc.ingest.mode.create"})
        stmt.bind_stream(rows)
        stmt.execute_update()


class Staging:
    """``rows`` being written to staging files (:func:`n_parts`), each by a background
    thread (see the module docstring); :meth:`insert` copies chosen rows into a store
    table."""

    def __init__(self, rows: pa.Table) -> None:
        _sweep_orphans()
        self.folder = tempfile.mkdtemp(prefix=f"{_FOLDER}{os.getpid()}-")
        n, parts = rows.num_rows, n_parts(rows.num_rows)
        cuts = [n * k // parts for k in range(parts + 1)]
        # (first row, end row, file) of each part
        self.parts = [(cuts[k], cuts[k + 1], os.path.join(self.folder, _FILES[k]))
                      for k in range(parts)]
        self.columns = tuple(rows.column_names)
        self.names: list[str] | None = None  # their names once attached
        self._errors: list[BaseException] = []
        self._threads = [threading.Thread(target=self._run, args=(path, rows.slice(lo, hi - lo)),
                                          daemon=True, name="kgtj-stage")
                         for lo, hi, path in self.parts]
        for thread in self._threads:
            thread.start()

    def _run(self, path: str, rows: pa.Table) -> None:
        try:
            _write_file(path, rows)
        except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
            self._errors.append(err)

    def _attach(self, conn: sa.Connection) -> list[str]:
        """Wait for the files, then attach them to ``conn`` (once)."""
        if self.names is None:
            for thread in self._threads:
                thread.join()
            if self._errors:
                # the driver's text may quote a value: name only the error's kind
                raise StagingError("the rows could not be staged for SQLite "
                                   f"({type(self._errors[0]).__name__})") from None
            names = []
            for _, _, path in self.parts:
                name = f"{_PREFIX}{uuid.uuid4().hex[:12]}"  # unique, whatever is attached
                conn.exec_driver_sql(f"ATTACH DATABASE ? AS {name}", (path,))
                conn.connection.info[ATTACHED] = True  # the pool's check-in releases it
                names.append(name)
            self.names = names
        return self.names

    def insert(self, conn: sa.Connection, table: sa.Table, positions,
               computed: dict[str, str], params: dict[str, object],
               columns: tuple[str, ...] | None = None) -> None:
        """``INSERT INTO table`` the staged rows at ``positions`` (0-based, in that order;
        ascending when the rows are staged in two files): the staged ``columns`` (default:
        every staged column ``table`` has) and the ``computed`` ones, SQL expressions over
        ``params`` (named ``:name``) and ``p.key``, the row's place in ``positions``."""
        pos = np.asarray(positions, dtype=np.int64)
        if len(self.parts) > 1 and (np.diff(pos) <= 0).any():
            raise ValueError("rows staged in two files are copied in ascending order")
        quote = conn.dialect.identifier_preparer.quote
        if columns is None:
            columns = tuple(c for c in self.columns if c in table.c)
        columns = tuple(c for c in columns if c not in computed)
        names = self._attach(conn)
        cols = ", ".join(quote(c) for c in [*columns, *computed])
        values = ", ".join([*(f"r.{quote(c)}" for c in columns), *computed.values()])
        for (lo, hi, _), name in zip(self.parts, names, strict=True):
            at = np.flatnonzero((pos >= lo) & (pos < hi))  # one run of places (ascending)
            if not at.size:
                continue
            # CROSS JOIN: json_each drives, each row found by its rowid in its file (an
            # ORDER BY would sort whole rows in a temporary B-tree: 1.3 s instead of 0.4 s
            # for 1e5 rows); p.key is the place in ``positions``, p.value the file's row
            rows = (f" CROSS JOIN {name}.{_TABLE} AS r ON r.rowid = p.value + 1"
                    if columns else "")
            sql = (f"INSERT INTO main.{quote(table.name)} ({cols}) SELECT {values} "
                   "FROM (SELECT value - :kgtj_first AS value, key + :kgtj_place AS key "
                   f"FROM json_each(:positions)) AS p{rows}")
            conn.execute(sa.text(sql), {"positions": _json_ints(pos[at]), "kgtj_first": lo,
                                        "kgtj_place": int(at[0]), **params})

    def close(self) -> None:
        """Wait for the threads and remove the files, attached or not: the copies are done,
        and an attached file is only read, which goes on through SQLite's open handle
        until :func:`release` detaches it."""
        for thread in self._threads:
            thread.join()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def indexes_rebuilt(conn: sa.Connection, table: sa.Table, n_new: int, n_stored: int):
    """Around a bulk insert of ``n_new`` rows into ``table`` holding at most ``n_stored``:
    when the new rows are at least as many, the table's own named indexes are dropped
    before and built again after (one sort of the keys instead of an insert at a random
    place per row: for 1e5 rows into an empty store, 0.1 s instead of 0.15-0.25 s).
    Inside the caller's transaction: when anything fails, its rollback brings them back.
    The unique and primary-key indexes stay (they are constraints, not named indexes)."""
    drop = list(table.indexes) if n_new >= max(n_stored, 1) else []
    for index in drop:
        index.drop(conn)
    yield
    for index in drop:
        index.create(conn)


def _json_ints(values) -> str:
    """A JSON array of integers (no spaces), built fast."""
    return "[" + ",".join(map(str, np.asarray(values, dtype=np.int64).tolist())) + "]"


def release(raw: sqlite3.Connection) -> bool:
    """Detach the staging databases from ``raw`` (called when the connection goes back to
    the pool, its transaction over) and remove their folders if still there; True when
    none stays attached."""
    left = False
    for name, path in _attached(raw):
        try:
            raw.execute(f"DETACH DATABASE {name}")
        except sqlite3.Error:  # still busy: it stays attached, and can_stage counts it
            left = True
        folder = os.path.dirname(path)
        if os.path.basename(path) in _FILES and os.path.basename(folder).startswith(_FOLDER):
            shutil.rmtree(folder, ignore_errors=True)
    return not left


def _sweep_orphans() -> None:
    """Remove the staging folders (in the temporary folder) of processes that no longer
    run: what an import killed before its transaction ended left behind."""
    with os.scandir(tempfile.gettempdir()) as entries:
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
