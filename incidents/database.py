"""Opening the store's database: one engine factory for SQLite and PostgreSQL.

- SQLite: SQLAlchemy owns the transactions (pysqlite's own BEGIN handling is lazy), a
  10 s busy timeout, a 64 MiB page cache for bulk imports.
- PostgreSQL (``postgresql+psycopg://``): a connection pool sized for a team working at
  once (:data:`POOL_SIZE` + :data:`MAX_OVERFLOW`), checked before use.
- Both: statement parameters are never put into error messages (``hide_parameters``), so
  an error can name neither notes nor places.

Imports run one at a time (:func:`lock_imports`: SQLite's write lock, taken at ``BEGIN
IMMEDIATE``; a transaction-level advisory lock on PostgreSQL), so two imports of the same
rows never both insert them; edits run beside them.

Event numbers come from :func:`allocate_seqs`: a database sequence on PostgreSQL (two
imports at once never draw the same number), the next free number on SQLite (one writer at
a time holds the write lock).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import sqlalchemy as sa

from incidents import sqlite_stage

POOL_SIZE = 10  # connections kept open per process (PostgreSQL)
MAX_OVERFLOW = 20  # extra connections under a burst
SQLITE_BUSY_MS = 10000  # how long a SQLite statement waits for a lock, by default
INCIDENT_SEQ = "incident_seq"  # PostgreSQL sequence of incidents.seq (revision 0004)


def _sqlite_transactions(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # pragma: no cover - driver hook
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()  # rollback journal (default): atomic, fastest bulk load
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache for bulk imports
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - driver hook
        # single-record writes take the write lock at once (store_edits._write_txn), so a
        # locked store is met at BEGIN, under the busy timeout, never halfway through
        immediate = conn.get_execution_options().get("kgtj_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @sa.event.listens_for(engine, "checkin")
    def _checkin(dbapi_conn, record):  # pragma: no cover - pool hook
        # its transaction is over: the staging files an import attached can go (only then:
        # every other check-in is left as it was)
        if dbapi_conn is not None and record.info.pop(sqlite_stage.ATTACHED, False):
            if not sqlite_stage.release(dbapi_conn):
                record.info[sqlite_stage.ATTACHED] = True  # try again at the next one


def _owner_only_file(url: str) -> None:
    """Create a new SQLite store's file owner-only (0600) before SQLite opens it (SQLite
    gives its journal the same permissions); an existing file is left as it is."""
    parsed = sa.make_url(url)
    path = parsed.database
    if not path or path == ":memory:" or path.startswith("file:") or parsed.query \
            or os.path.exists(path):
        return  # in memory, a URI (its own options) or an existing store
    with contextlib.suppress(OSError):  # a folder that does not exist: SQLite says so
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def open_engine(url: str) -> sa.Engine:
    """An engine for the store at ``url`` (see the module docstring)."""
    if url.startswith("sqlite"):
        _owner_only_file(url)
        engine = sa.create_engine(url, hide_parameters=True)
        _sqlite_transactions(engine)
        return engine
    return sa.create_engine(url, hide_parameters=True, pool_size=POOL_SIZE,
                            max_overflow=MAX_OVERFLOW, pool_pre_ping=True)


IMPORT_LOCK = 0x4B47544A  # "KGTJ": the advisory lock key imports take on PostgreSQL


def lock_imports(conn: sa.Connection) -> None:
    """Wait until no other import writes (PostgreSQL: an advisory lock held until the
    caller's transaction ends; SQLite: the write lock the transaction already holds)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK})


REGISTRY_LOCK = 0x4B47524C  # "KGRL": registry writes on PostgreSQL


@contextlib.contextmanager
def serialised_write(engine: sa.Engine, lock_key: int) -> Iterator[sa.Connection]:
    """A write transaction that runs alone among those with the same ``lock_key``: SQLite
    takes its write lock at ``BEGIN IMMEDIATE`` (waiting under the busy timeout), PostgreSQL
    a transaction advisory lock. What the transaction reads (the ids in use, say) cannot
    change before it commits."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.execution_options(kgtj_immediate=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key})
            yield conn


def allocate_seqs(conn: sa.Connection, n: int, table: sa.Table) -> list[int]:
    """``n`` new, increasing ``seq`` numbers for ``table`` (the incidents) in the caller's
    transaction."""
    if n <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(sa.text(
            f"SELECT nextval('{INCIDENT_SEQ}') FROM generate_series(1, :n)"), {"n": n}).all()
        return sorted(int(r[0]) for r in rows)
    start = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.seq), 0)))
                .scalar()) + 1
    return list(range(start, start + n))
