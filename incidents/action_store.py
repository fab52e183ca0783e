"""Actions in the incident store (tables ``actions`` and ``action_history``, Alembic revision
0007), on SQLite and PostgreSQL alike.

Every write runs in one transaction and records what changed in ``action_history``
(``insert``, one ``update`` row per changed field, ``delete``); a deleted action is kept,
hidden from :meth:`ActionStore.load`. The invented demo actions (``illustrative``) are the
exception: :meth:`ActionStore.remove_illustrative` purges them with their history, as the
synthetic demo incidents are purged.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import IO

import pandas as pd
import sqlalchemy as sa

from incidents.access import Principal, as_principal
from incidents.actions import (
    ACTION_COLUMNS,
    COUNTS,
    DATES,
    conform_actions,
    read_actions_csv,
    validate_actions,
    write_actions_csv,
)
from incidents.csv_rows import RowsImport, RowValidationError
from incidents.store_base import DatabaseStore
from incidents.tables import utc_now

metadata = sa.MetaData()
actions_table = sa.Table(
    "actions", metadata,
    sa.Column("action_id", sa.String(64), primary_key=True),
    *[sa.Column(c, sa.Text) for c in ("scope", "community_id", "partner_community_id",
                                      "title_en", "title_ru", "title_local", "category",
                                      "place_kind", "line_wkt", "settlement", "action_type",
                                      "partners", "status", "notes", "attachments", "source")],
    sa.Column("lon", sa.Float), sa.Column("lat", sa.Float), sa.Column("place_radius_m", sa.Float),
    sa.Column("start_date", sa.Date), sa.Column("end_date", sa.Date),
    sa.Column("women", sa.Integer), sa.Column("youth", sa.Integer),
    sa.Column("illustrative", sa.Boolean, nullable=False, default=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
action_history_table = sa.Table(
    "action_history", metadata,
    sa.Column("history_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action_id", sa.String(64), nullable=False, index=True),
    sa.Column("changed_at", sa.String(40), nullable=False),
    sa.Column("user", sa.Text),
    sa.Column("change", sa.String(16), nullable=False),  # insert | update | delete
    sa.Column("field", sa.Text),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
)


class ActionNotFound(KeyError):
    """No action with that id."""

    def __str__(self) -> str:
        return f"no action {self.args[0]!r}"


def _value_text(v) -> str | None:
    if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp | dt.date):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float) and v.is_integer():
        return f"{v:.1f}"
    return str(v)


def _db_rows(frame: pd.DataFrame) -> list[dict]:
    recs = []
    for rec in frame.astype(object).to_dict("records"):
        row = {}
        for c in ACTION_COLUMNS:
            v = rec[c]
            missing = v is None or (pd.api.types.is_scalar(v) and pd.isna(v))
            if c in DATES:
                row[c] = None if missing else pd.Timestamp(v).date()
            elif c in COUNTS:
                row[c] = None if missing else int(v)
            elif c == "illustrative":
                row[c] = bool(v)
            else:
                row[c] = None if missing or v == "" else v
        recs.append(row)
    return recs


def _acting(principal: Principal, right: str) -> str:
    """The account of ``principal`` once it is known to hold ``right``
    (:class:`~incidents.access.AccessDenied` otherwise, before anything is read or written)."""
    as_principal(principal).require(right)
    return principal.account


class ActionStore(DatabaseStore):
    """The actions of the working groups in the incident database (upgraded when opened)."""

    def load(self, include_deleted: bool = False) -> pd.DataFrame:
        """Actions (:data:`incidents.actions.ACTION_COLUMNS`), ordered by id."""
        t = actions_table
        q = sa.select(*[t.c[c] for c in ACTION_COLUMNS]).order_by(t.c.action_id)
        if not include_deleted:
            q = q.where(t.c.deleted.is_(False))
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        return conform_actions(pd.DataFrame([dict(r) for r in rows], columns=list(ACTION_COLUMNS)))

    def get(self, action_id: str) -> dict:
        """One action as a dict (deleted ones too); :class:`ActionNotFound` otherwise."""
        frame = self.load(include_deleted=True)
        hit = frame[frame["action_id"] == action_id]
        if hit.empty:
            raise ActionNotFound(action_id)
        return hit.iloc[0].to_dict()

    def version(self) -> str:
        """Changes with every write: number of actions and the last history entry."""
        q = sa.select(sa.select(sa.func.count()).select_from(actions_table).scalar_subquery(),
                      sa.select(sa.func.max(action_history_table.c.history_id))
                      .scalar_subquery())
        with self.engine.connect() as conn:
            n, last = conn.execute(q).one()
        return hashlib.sha1(f"{n}:{last}".encode()).hexdigest()[:12]

    def _ids(self, conn) -> set[str]:
        return set(conn.execute(sa.select(actions_table.c.action_id)).scalars())

    def _insert(self, conn, valid: pd.DataFrame, user: str) -> None:
        """Insert checked rows and their history entries (``user``: the account)."""
        now = utc_now()
        rows = [{**r, "deleted": False, "created_at": now, "updated_at": now}
                for r in _db_rows(valid)]
        conn.execute(actions_table.insert(), rows)
        conn.execute(action_history_table.insert(), [
            {"action_id": r["action_id"], "changed_at": now, "user": user, "change": "insert",
             "field": None, "old_value": None, "new_value": None} for r in rows])

    def add(self, records: pd.DataFrame | dict | list[dict], principal: Principal,
            known_communities: set[str] | None = None) -> list[str]:
        """Check and insert new actions; their ids. :class:`RowValidationError` (nothing
        written) when any row is invalid; :class:`AccessDenied` unless ``principal`` may
        record actions (editor)."""
        user = _acting(principal, "actions")
        frame = pd.DataFrame([records] if isinstance(records, dict) else records)
        with self.engine.begin() as conn:
            valid, issues, _ = validate_actions(frame, existing_ids=self._ids(conn),
                                                known_communities=known_communities)
            if issues:
                raise RowValidationError(issues)
            if len(valid):
                self._insert(conn, valid, user)
        return valid["action_id"].tolist()

    def update(self, action_id: str, changes: dict, principal: Principal,
               known_communities: set[str] | None = None) -> list[str]:
        """Change fields of one action (checked as a whole row); every changed field goes
        to the history. Returns the changed fields (``principal``: an editor)."""
        user = _acting(principal, "actions")
        before = self.get(action_id)
        rec = {**{k: _value_text(v) for k, v in before.items()}, **changes,
               "action_id": action_id}
        rec["illustrative"] = "true" if before["illustrative"] else "false"
        valid, issues, _ = validate_actions(pd.DataFrame([rec]),
                                            known_communities=known_communities)
        if issues:
            raise RowValidationError(issues)
        new = _db_rows(valid)[0]
        old = _db_rows(conform_actions(pd.DataFrame([before])))[0]
        diff = {f: new[f] for f in ACTION_COLUMNS
                if _value_text(old[f]) != _value_text(new[f])}
        if not diff:
            return []
        now = utc_now()
        t = actions_table
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.action_id == action_id)
                         .values(**diff, updated_at=now))
            conn.execute(action_history_table.insert(), [
                {"action_id": action_id, "changed_at": now, "user": user, "change": "update",
                 "field": f, "old_value": _value_text(old[f]), "new_value": _value_text(v)}
                for f, v in diff.items()])
        return list(diff)

    def delete(self, action_id: str, principal: Principal) -> None:
        """Hide one action (kept with its history; ``principal``: an editor)."""
        user = _acting(principal, "actions")
        self.get(action_id)
        now = utc_now()
        t = actions_table
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.action_id == action_id)
                         .values(deleted=True, updated_at=now))
            conn.execute(action_history_table.insert(), [{
                "action_id": action_id, "changed_at": now, "user": user, "change": "delete",
                "field": "deleted", "old_value": "False", "new_value": "True"}])

    def history(self, action_id: str | None = None, *, principal: Principal) -> pd.DataFrame:
        """Change history (of one action, or all), oldest first; it names the accounts, so
        ``principal`` needs the ``history`` right (member), as an incident's history does."""
        as_principal(principal).require("history")
        h = action_history_table
        q = sa.select(h).order_by(h.c.history_id)
        if action_id is not None:
            q = q.where(h.c.action_id == action_id)
        with self.engine.connect() as conn:
            return pd.read_sql(q, conn)

    def import_csv(self, path: str | Path | IO[bytes], principal: Principal,
                   known_communities: set[str] | None = None) -> RowsImport:
        """Insert the valid rows of a CSV in one transaction (ids already present are
        reported, never replaced); the others are reported with row, field and reason
        (``principal``: an editor; refused before the file is read)."""
        user = _acting(principal, "actions")
        with self.engine.begin() as conn:
            result = read_actions_csv(path, existing_ids=self._ids(conn),
                                      known_communities=known_communities)
            if len(result.frame):
                self._insert(conn, result.frame, user)
        return result

    def export_csv(self, path: str | Path) -> Path:
        """Write every (not deleted) action to a CSV, atomically."""
        return write_actions_csv(self.load(), path)

    def remove_illustrative(self, principal: Principal) -> int:
        """Purge the invented demo actions and their history; how many were removed
        (``principal`` needs the ``demo`` right: admin)."""
        as_principal(principal).require("demo")
        t, h = actions_table, action_history_table
        ids = sa.select(t.c.action_id).where(t.c.illustrative.is_(True))
        with self.engine.begin() as conn:
            conn.execute(h.delete().where(h.c.action_id.in_(ids)))
            return conn.execute(t.delete().where(t.c.illustrative.is_(True))).rowcount
