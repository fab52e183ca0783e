"""Safe single-record writes: the errors an edit can meet and the wait on a locked store.

- :class:`StaleRecord`: the record changed since the form (or caller) read it; the store's
  UPDATE compares ``row_version`` in its WHERE clause, so the check and the write are one
  atomic statement. Nothing is written.
- :class:`DuplicateRecord`: an add identical to a stored, non-deleted incident (same
  content hash: a double submit, a second click). Nothing is written.
- :class:`StoreBusy`: the store stayed locked (SQLite "database is locked" while a long
  import writes) for longer than the caller would wait. Nothing is written.

:func:`retry_locked` runs a write transaction again while the store is locked, telling the
caller how long it has waited, and raises :class:`StoreBusy` (with no SQL and no values
in its message) when the wait is over.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

T = TypeVar("T")

DEFAULT_WAIT_S = 120.0  # the whole wait for a locked store (KGTJ_WRITE_WAIT_S)
DEFAULT_ATTEMPT_S = 2.0  # one attempt's wait inside the database (busy timeout)


class IncidentNotFound(KeyError):
    """No incident with that event id."""

    def __str__(self) -> str:
        return f"no incident {self.args[0]!r}"


class StaleRecord(Exception):
    """The record changed since it was read: ``stored`` is its current row (a dict of the
    schema columns), ``version`` its current row version."""

    def __init__(self, event_id: str, stored: dict, version: int):
        super().__init__(event_id)
        self.event_id, self.stored, self.version = event_id, stored, version

    def __str__(self) -> str:
        return f"incident {self.event_id} changed since it was read (now version {self.version})"


class DuplicateRecord(Exception):
    """An identical incident is already stored as ``existing_id``."""

    def __init__(self, existing_id: str):
        super().__init__(existing_id)
        self.existing_id = existing_id

    def __str__(self) -> str:
        return f"an identical incident is already stored as {self.existing_id}"


class StoreBusy(Exception):
    """The store stayed locked for ``waited_s`` seconds; nothing was written."""

    def __init__(self, waited_s: float):
        super().__init__(waited_s)
        self.waited_s = waited_s

    def __str__(self) -> str:
        return f"the store stayed locked for {self.waited_s:.0f} s; nothing was written"


def wait_s() -> float:
    """How long a write waits for a locked store in all (``KGTJ_WRITE_WAIT_S``, seconds)."""
    try:
        return max(0.0, float(os.environ.get("KGTJ_WRITE_WAIT_S", DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def is_lock_error(err: BaseException) -> bool:
    """A database error that means "locked, try again" (SQLite busy/locked; PostgreSQL
    lock not available, deadlock or serialization failure: the transaction was rolled
    back whole), not a real failure."""
    if not isinstance(err, sa.exc.OperationalError):
        return False
    code = getattr(err.orig, "pgcode", None) or getattr(err.orig, "sqlstate", None)
    if code in ("55P03", "40P01", "40001"):
        return True
    text = str(err.orig).lower()
    return "database is locked" in text or "database table is locked" in text or (
        "busy" in text and "sqlite" in type(err.orig).__module__)


def retry_locked(attempt: Callable[[float], T], *, wait_for_s: float | None = None,
                 attempt_s: float | None = None,
                 on_busy: Callable[[float], None] | None = None) -> T:
    """``attempt(timeout_s)`` until it runs without meeting a lock.

    ``timeout_s`` is ``attempt_s`` (default :data:`DEFAULT_ATTEMPT_S`), less at the end.

    ``attempt`` runs one whole transaction and waits at most ``timeout_s`` seconds inside
    the database for a lock. After each locked attempt ``on_busy(waited_s)`` is told how
    long the write has waited; once ``wait_for_s`` (default :func:`wait_s`) is spent,
    :class:`StoreBusy` is raised. Other errors pass through unchanged.
    """
    total = wait_s() if wait_for_s is None else wait_for_s
    attempt_s = DEFAULT_ATTEMPT_S if attempt_s is None else attempt_s
    start = time.monotonic()
    while True:
        left = total - (time.monotonic() - start)
        try:
            return attempt(max(0.05, min(attempt_s, left)))
        except sa.exc.OperationalError as err:
            if not is_lock_error(err):
                raise
        waited = time.monotonic() - start
        if waited >= total:
            raise StoreBusy(waited) from None
        if on_busy is not None:
            on_busy(waited)
        time.sleep(0.05)
