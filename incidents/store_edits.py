"""Single-record writes of the incident store (add, update, soft delete), each guarded:

- every row carries ``row_version`` (0 when inserted, +1 on every change, imports too);
  :meth:`EditsMixin.update` with ``expected_version`` refuses to write over a row that
  changed since it was read (:class:`~incidents.writes.StaleRecord`), the version being
  compared in the UPDATE's WHERE clause, so the check and the write are one statement;
- :meth:`EditsMixin.add` refuses an incident identical to a stored one (same content hash:
  a double submit) with :class:`~incidents.writes.DuplicateRecord`;
- a write that meets a locked store (SQLite "database is locked" while an import writes)
  is tried again until :func:`incidents.writes.wait_s` is spent, ``on_busy(waited_s)``
  told after each locked attempt, then :class:`~incidents.writes.StoreBusy`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa

from incidents import row_values, tables
from incidents.access import PUBLIC, Principal, as_principal, select_columns, visible
from incidents.database import SQLITE_BUSY_MS, allocate_seqs
from incidents.messages import Msg
from incidents.schema import (
    COLUMNS,
    ENRICHMENT_COLUMNS,
    SIDE_DERIVED_COLUMNS,
    SIDE_INPUT_COLUMNS,
    conform,
)
from incidents.validation import RecordError, frame_problems, validate_record
from incidents.writes import DuplicateRecord, IncidentNotFound, StaleRecord, retry_locked

_NOT_DELETED = sa.or_(tables.incidents.c.deleted.is_(None),
                      tables.incidents.c.deleted == sa.false())
OnBusy = Callable[[float], None] | None


class EditsMixin:
    """Add, update and soft-delete one incident (mixed into ``IncidentStore``)."""

    engine: sa.Engine
    url: str

    @contextmanager
    def _write_txn(self, timeout_s: float) -> Iterator[sa.Connection]:
        """One write transaction that waits at most ``timeout_s`` for the store's lock
        (SQLite: ``BEGIN IMMEDIATE`` under that busy timeout; PostgreSQL: lock_timeout)."""
        with self.engine.connect() as conn:
            raw = None
            if conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                raw.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
                conn.execution_options(kgtj_immediate=True)
            try:
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(timeout_s * 1000)}")
                    yield conn
            finally:
                if raw is not None:
                    raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")

    def get_versioned(self, event_id: str, principal: Principal = PUBLIC
                      ) -> tuple[dict, int]:
        """One incident ``principal`` may read as a dict (deleted ones too) and its row
        version; raises ``IncidentNotFound`` (also for one it may not read)."""
        t = tables.incidents
        cols = select_columns(tables.raw_select_columns(t, COLUMNS), principal)
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*cols, t.c.row_version)
                               .where(t.c.event_id == event_id,
                                      visible(t, principal))).first()
        if row is None:
            raise IncidentNotFound(event_id)
        frame = tables.rows_to_frame([tuple(row)[:-1]], list(COLUMNS))
        return frame.iloc[0].to_dict(), int(row[-1] or 0)

    def row_version(self, event_id: str, principal: Principal = PUBLIC) -> int:
        """The row version of one incident (0 when inserted, +1 with every change)."""
        return self.get_versioned(event_id, principal)[1]

    def _enrich_one(self, frame: pd.DataFrame, engine) -> pd.DataFrame:
        if engine is None:
            engine = self.resources().engine
        from incidents.pipeline import enrich
        return enrich(frame, engine)

    def _resolve_sides(self, frame: pd.DataFrame, engine) -> pd.DataFrame:
        if engine is None:
            engine = self.resources().engine
        from incidents.sides import resolve_sides
        return conform(resolve_sides(frame, getattr(engine, "gazetteer", None)))

    def set_side(self, event_id: str, side: str | None, reason: str, principal: Principal, *,
                 engine=None, expected_version: int | None = None) -> int:
        """A reviewer's side for one incident (KG, TJ, UZ; None clears it), with a reason.

        Side, basis and reason go to the history (:meth:`update`); the reviewer's side wins
        over the settlement, reported and line answers, and the incident stays marked
        contested when those disagree (:mod:`incidents.sides`).
        """
        if side is not None and not str(reason or "").strip():
            raise RecordError("side_review_reason", Msg("side.need_reason"))
        return self.update(event_id, {"side_reviewed": side,
                                      "side_review_reason": (reason or "").strip() or None},
                           principal, engine=engine, expected_version=expected_version)

    def add(self, record: dict, principal: Principal, *, engine=None,
            allow_duplicate: bool = False, on_busy: OnBusy = None,
            wait_for_s: float | None = None) -> str:
        """Validate and insert one incident; return its new event id. Needs the ``add``
        right (member and above); the history records ``principal.account``.

        Raises :class:`~incidents.validation.RecordError` naming the bad field, and
        :class:`~incidents.writes.DuplicateRecord` when an identical incident is stored
        (unless ``allow_duplicate``). The border engine (default:
        :mod:`incidents.wiring`) fills the enrichment columns.
        """
        from incidents.dedupe import content_hashes
        as_principal(principal).require("add")
        frame = validate_record(record)
        if frame["geocode_method"].isna().iloc[0] and frame["lon"].notna().iloc[0]:
            frame["geocode_method"] = "coordinates"
        frame = self._enrich_one(frame, engine)
        digest = content_hashes(frame).iloc[0]
        t = tables.incidents

        def attempt(timeout_s: float) -> str:
            now = tables.utc_now()
            with self._write_txn(timeout_s) as conn:
                if not allow_duplicate:  # among the records this principal may read: the
                    # message names the id, which a restricted record's must not reach a member
                    same = conn.execute(sa.select(t.c.event_id).where(
                        t.c.content_hash == digest, _NOT_DELETED,
                        visible(t, principal)).limit(1)).scalar()
                    if same is not None:
                        raise DuplicateRecord(same)
                [seq] = allocate_seqs(conn, 1, t)
                event_id = tables.format_event_id(seq)
                row = row_values.frame_to_rows(conform(frame.assign(
                    event_id=event_id, created_at=now, updated_at=now, deleted=False)),
                    {"seq": [seq], "content_hash": [digest], "row_version": [0]})
                conn.execute(t.insert(), row)
                conn.execute(tables.incident_history.insert(), [{
                    "event_id": event_id, "changed_at": now, "user": principal.account,
                    "action": "insert", "batch_id": None, "field": None,
                    "old_value": None, "new_value": None}])
            return event_id
        return retry_locked(attempt, wait_for_s=wait_for_s, on_busy=on_busy)

    def update(self, event_id: str, changes: dict, principal: Principal, *, engine=None,
               expected_version: int | None = None, on_busy: OnBusy = None,
               wait_for_s: float | None = None) -> int:
        """Change fields of one incident (validated); every changed field goes to history.
        Returns the row version after the write.

        With ``expected_version`` (the version the caller read, e.g. when a form was
        shown), a row changed since then is not written: :class:`StaleRecord` carries what
        is stored now. Changing lon/lat re-runs the border engine for that row. Needs the
        ``edit`` right (editor) and a record ``principal`` may read; the history records
        ``principal.account``.
        """
        as_principal(principal).require("edit")
        coerced = validate_record(changes, partial=True).iloc[0]
        for _ in range(5):  # without an expected version: again if changed in between
            before, version = retry_locked(lambda _s: self.get_versioned(event_id, principal),
                                           wait_for_s=wait_for_s, on_busy=on_busy)
            if expected_version is not None and version != expected_version:
                raise StaleRecord(event_id, before, version)
            diff = self._diff(before, changes, coerced, engine)
            if not diff:
                return version
            if self._write_update(event_id, version, diff, principal, on_busy, wait_for_s):
                return version + 1
            if expected_version is not None:
                stored, now_version = self.get_versioned(event_id, principal)
                raise StaleRecord(event_id, stored, now_version)
        stored, now_version = self.get_versioned(event_id, principal)
        raise StaleRecord(event_id, stored, now_version)

    def _diff(self, before: dict, changes: dict, coerced, engine) -> dict:
        """The stored columns ``changes`` alter (enrichment included), as driver values."""
        merged = conform(pd.DataFrame([{**before, **{k: coerced[k] for k in changes}}]))
        problems = frame_problems(merged)
        if problems:
            _, field, reason = problems[0]
            raise RecordError(field, reason)
        if {"lon", "lat"} & set(changes):
            merged = self._enrich_one(merged, engine)
        elif set(SIDE_INPUT_COLUMNS) & set(changes):
            merged = self._resolve_sides(merged, engine)
        new = row_values.frame_to_rows(merged)[0]
        old = row_values.frame_to_rows(conform(pd.DataFrame([before])))[0]
        return {f: (new[f], old[f]) for f in COLUMNS
                if f in changes or f in ENRICHMENT_COLUMNS or f in SIDE_DERIVED_COLUMNS
                if row_values.to_text(old[f]) != row_values.to_text(new[f])}

    def _write_update(self, event_id: str, version: int, diff: dict, principal: Principal,
                      on_busy: OnBusy, wait_for_s: float | None) -> bool:
        """UPDATE the row if it is still at ``version``; False when it is not."""
        t = tables.incidents

        def attempt(timeout_s: float) -> bool:
            now = tables.utc_now()
            with self._write_txn(timeout_s) as conn:
                done = conn.execute(t.update().where(
                    t.c.event_id == event_id, t.c.row_version == version,
                    visible(t, principal)).values(
                    **{f: new for f, (new, _) in diff.items()}, updated_at=now,
                    row_version=version + 1)).rowcount
                if not done:
                    return False
                conn.execute(tables.incident_history.insert(), [
                    {"event_id": event_id, "changed_at": now, "user": principal.account,
                     "action": "update", "batch_id": None, "field": f,
                     "old_value": row_values.to_text(old), "new_value": row_values.to_text(new)}
                    for f, (new, old) in diff.items()])
            return True
        return retry_locked(attempt, wait_for_s=wait_for_s, on_busy=on_busy)

    def delete(self, event_id: str, principal: Principal) -> None:
        """Soft-delete one incident (hidden from ``load``; kept with its history; admin)."""
        as_principal(principal).require("delete")
        self._set_deleted(event_id, principal, True)

    def restore(self, event_id: str, principal: Principal) -> None:
        """Undo a soft delete (recorded in the history; admin)."""
        as_principal(principal).require("restore")
        self._set_deleted(event_id, principal, False)

    def _set_deleted(self, event_id: str, principal: Principal, deleted: bool) -> None:
        self.get_versioned(event_id, principal)
        t = tables.incidents

        def attempt(timeout_s: float) -> None:
            now = tables.utc_now()
            with self._write_txn(timeout_s) as conn:
                conn.execute(t.update().where(t.c.event_id == event_id).values(
                    deleted=deleted, updated_at=now, row_version=t.c.row_version + 1))
                conn.execute(tables.incident_history.insert(), [{
                    "event_id": event_id, "changed_at": now, "user": principal.account,
                    "action": "delete" if deleted else "restore", "batch_id": None,
                    "field": "deleted", "old_value": str(not deleted),
                    "new_value": str(deleted)}])
        retry_locked(attempt)
