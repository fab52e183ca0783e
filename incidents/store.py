"""The persistent incident store (SQLAlchemy Core; SQLite by default, PostgreSQL by URL).

Opening a store applies any missing migrations. Every write runs in one transaction: an
import either lands completely or not at all. Rows are never physically removed by edits:
``delete`` is soft and every change is recorded in ``incident_history``.

Every method that reads or writes incidents takes the acting
:class:`~incidents.access.Principal` and applies its role in the query itself (see
:mod:`incidents.access`): rows a role may not read never leave the database, a viewer's
personal fields come back empty, and the history records the principal's account. Reads
default to :data:`~incidents.access.PUBLIC` (the viewer's view).
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa

from incidents import tables
from incidents.access import PUBLIC, SYSTEM, Principal, as_principal, select_columns, visible
from incidents.database import lock_imports
from incidents.quarantine import stored_reasons
from incidents.report import ImportReport
from incidents.schema import COLUMNS, SYNTHETIC_SOURCE
from incidents.store_base import DatabaseStore
from incidents.store_edits import EditsMixin
from incidents.writes import IncidentNotFound

__all__ = ["IncidentNotFound", "IncidentStore"]

_NOT_DELETED = sa.or_(tables.incidents.c.deleted.is_(None),
                      tables.incidents.c.deleted == sa.false())


def _quarantine_readable(principal: Principal) -> sa.ColumnElement[bool]:
    """The quarantined rows ``principal`` may read and resolve (``quarantine`` right):
    an admin every import's; an editor those of the imports it made itself (it had the
    file: the raw cells may be a restricted record's)."""
    principal = as_principal(principal)
    principal.require("quarantine")
    if principal.can("read_restricted"):
        return sa.true()
    t, b = tables.quarantine, tables.import_batches
    return t.c.batch_id.in_(sa.select(b.c.batch_id).where(b.c.user == principal.account))


class IncidentStore(EditsMixin, DatabaseStore):
    """Incidents, import batches, quarantine, history and learned places in one database.

    Parameters
    ----------
    url
        SQLAlchemy URL; default :func:`settings.database_url` (``KGTJ_DB_URL``).
    resources
        Called when a write needs the border engine or gazetteer and the caller gave none:
        returns an object with ``.engine`` and ``.gazetteer`` (the wiring,
        :func:`incidents.wiring.open_store`, passes its loader; the store never builds
        them itself).
    """

    def __init__(self, url: str | None = None, *,
                 resources: Callable[[], object] | None = None):
        super().__init__(url)
        self._resources = resources

    def resources(self):
        """The engine and gazetteer from the loader given at construction; ValueError
        without one (pass ``engine=``/``gazetteer=`` to the write instead)."""
        if self._resources is None:
            raise ValueError("this write needs the border engine: pass engine= (or open the "
                             "store with incidents.wiring.open_store)")
        return self._resources()

    # --- imports ---------------------------------------------------------------------
    def import_parsed(self, parsed, *, engine, gazetteer, principal: Principal,
                      file_name: str | None = None, sha256: str | None = None,
                      progress: Callable[[float, str], None] | None = None) -> ImportReport:
        """Geocode, enrich, deduplicate and write a parsed file, atomically.

        ``progress(fraction, stage)`` is told as each stage starts (``check``, ``geocode``,
        ``border``, ``write``) and once all is written (``done``).

        Place names of rows with precision-1 coordinates that ``gazetteer`` does not know
        yet are stored in ``learned_places`` (see :meth:`learned_places`); the
        gazetteer itself is immutable, :mod:`incidents.wiring` rebuilds it. Needs the
        ``import`` right (editor); the batch and its history record ``principal.account``.
        """
        as_principal(principal).require("import")
        # geocoding, enrichment and dedupe (with pyproj) load only when a file is imported
        from incidents.import_writer import write_import
        from incidents.pipeline import prepare
        started_at = tables.utc_now()
        t0 = time.perf_counter()
        prep = prepare(parsed, engine=engine, gazetteer=gazetteer, progress=progress)
        t1 = time.perf_counter()
        if progress:
            progress(0.7, "write")
        from incidents.writes import wait_s
        with self._write_txn(wait_s()) as conn:  # waits for another writer, never fails
            lock_imports(conn)
            report, _ = write_import(conn, prep, file_name=file_name, sha256=sha256,
                                     principal=principal, gazetteer=gazetteer,
                                     started_at=started_at)
        self._written(engine)
        if progress:
            progress(1.0, "done")
        report.timings_s.update(prep.timings_s)
        report.timings_s["write"] = round(time.perf_counter() - t1, 3)
        report.timings_s["prepare"] = round(t1 - t0, 3)
        return report

    def learned_places(self) -> pd.DataFrame:
        """Learned place rows that may teach the gazetteer, oldest first, in the input layout
        of ``Gazetteer.learn`` (location, lon, lat, geo_precision, source_dataset, country,
        admin1_given, admin2_given, source_event_id, import_batch_id) plus ``n_support`` and
        ``reviewed``: only names still supported by public, non-sensitive, confirmed rows
        (:mod:`incidents.learned`; never a name from an internal or restricted record)."""
        from incidents.learned import eligible_learned
        with self.engine.connect() as conn:
            return eligible_learned(conn)

    def learned_count(self) -> str:
        """A cheap signature of what may teach names (changes when a learned row is added or
        a row becomes, or stops being, public): the key of cached gazetteers."""
        from incidents.learned import learned_signature
        with self.engine.connect() as conn:
            return learned_signature(conn)

    # --- reading ---------------------------------------------------------------------
    def _select_frame(self, principal: Principal, *where) -> pd.DataFrame:
        t = tables.incidents
        cols = select_columns(tables.raw_select_columns(t, COLUMNS), principal)
        where = (visible(t, principal), *where)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*cols).where(*where).order_by(t.c.seq)).all()
        return tables.rows_to_frame([tuple(r) for r in rows], list(COLUMNS))

    def load(self, flt=None, *, principal: Principal = PUBLIC,
             include_deleted: bool = False) -> pd.DataFrame:
        """Incidents ``principal`` may read, as a conformed frame (schema columns),
        soft-deleted rows hidden (shown with ``include_deleted``: admin only).

        ``flt`` is an :class:`incidents.filters.IncidentFilter` (applied with ``apply``).
        """
        include_deleted = include_deleted or bool(getattr(flt, "include_deleted", False))
        if include_deleted:
            as_principal(principal).require("restore")
        df = self._select_frame(principal) if include_deleted else \
            self._select_frame(principal, _NOT_DELETED)
        return df if flt is None else flt.apply(df).reset_index(drop=True)

    def get(self, event_id: str, principal: Principal = PUBLIC) -> dict:
        """One incident as a dict (deleted ones too); raises :class:`IncidentNotFound`,
        also for one ``principal`` may not read (its existence is not told)."""
        df = self._select_frame(principal, tables.incidents.c.event_id == event_id)
        if df.empty:
            raise IncidentNotFound(event_id)
        return df.iloc[0].to_dict()

    def count(self, include_deleted: bool = False, principal: Principal = PUBLIC) -> int:
        """Number of incidents ``principal`` may read."""
        q = sa.select(sa.func.count()).select_from(tables.incidents).where(
            visible(tables.incidents, principal))
        if not include_deleted:
            q = q.where(_NOT_DELETED)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar())

    def version(self) -> str:
        """Changes with every write, from this process or another (a CLI import or edit, an
        app session): the number of incident rows (deleted ones too) and the last history
        entry (every insert, edit and delete records one)."""
        q = sa.select(sa.select(sa.func.count()).select_from(tables.incidents)
                      .scalar_subquery(),
                      sa.select(sa.func.max(tables.incident_history.c.history_id))
                      .scalar_subquery())
        with self.engine.connect() as conn:
            n, last = conn.execute(q).one()
        return f"{int(n)}:{int(last or 0)}"

    def is_empty(self) -> bool:
        """True when no (non-deleted) incident is stored (of any sensitivity)."""
        return self.count(principal=SYSTEM) == 0

    def demo_counts(self, principal: Principal = PUBLIC) -> tuple[int, int]:
        """``(synthetic demo incidents, all incidents)`` that ``principal`` may read,
        deleted ones left out (one query)."""
        t = tables.incidents
        q = sa.select(sa.func.count().filter(t.c.source_dataset == SYNTHETIC_SOURCE),
                      sa.func.count()).where(_NOT_DELETED, visible(t, principal))
        with self.engine.connect() as conn:
            demo, total = conn.execute(q).one()
        return int(demo), int(total)

    def has_only_demo(self) -> bool:
        """True when incidents are stored and all of them are synthetic demo records."""
        demo, total = self.demo_counts(SYSTEM)
        return 0 < demo == total

    def history(self, event_id: str, principal: Principal) -> pd.DataFrame:
        """Edit history of one incident ``principal`` may read (member and above), oldest
        first; empty for an incident it may not read."""
        as_principal(principal).require("history")
        t, inc = tables.incident_history, tables.incidents
        readable = sa.select(inc.c.event_id).where(inc.c.event_id == event_id,
                                                   visible(inc, principal))
        q = sa.select(t).where(t.c.event_id.in_(readable)).order_by(t.c.history_id)
        with self.engine.connect() as conn:
            return pd.read_sql(q, conn)

    def quarantine(self, principal: Principal, batch_id: str | None = None,
                   include_resolved: bool = False) -> pd.DataFrame:
        """Rejected rows kept for fixing: batch, row number, field, reason, raw JSON
        (editor and above: the raw cells may hold anything). ``reason`` is a keyed message
        (``incidents.messages.Msg``) rebuilt from the stored key and params, or the English
        as stored for rows kept before the store kept keys (``incidents.quarantine``).

        The raw cells may be a restricted record's, so only an admin sees every import's
        rejected rows; an editor sees those of the imports it made itself (it had the file).
        """
        t = tables.quarantine
        q = sa.select(t).where(_quarantine_readable(principal)).order_by(t.c.quarantine_id)
        if batch_id is not None:
            q = q.where(t.c.batch_id == batch_id)
        if not include_resolved:
            q = q.where(t.c.resolved == sa.false())
        with self.engine.connect() as conn:
            out = pd.read_sql(q, conn)
        reasons = stored_reasons(out["reason"], out.pop("reason_key"), out.pop("reason_params"))
        out["reason"] = pd.Series(reasons, index=out.index, dtype=object)
        return out

    def resolve_quarantine(self, quarantine_id: int, principal: Principal) -> None:
        """Mark a quarantined row as dealt with (kept, hidden from the default view); only
        a row :meth:`quarantine` shows ``principal``."""
        t = tables.quarantine
        with self.engine.begin() as conn:
            conn.execute(t.update().where(t.c.quarantine_id == quarantine_id,
                                          _quarantine_readable(principal)).values(
                resolved=True))

    def batches(self, principal: Principal) -> pd.DataFrame:
        """Import batches, newest first (editor and above)."""
        as_principal(principal).require("import")
        t = tables.import_batches
        with self.engine.connect() as conn:
            return pd.read_sql(sa.select(t).order_by(t.c.started_at.desc()), conn)

    def quarantine_rows(self, principal: Principal, batch_id: str | None = None
                        ) -> pd.DataFrame:
        """Unresolved quarantined rows as their original cells, ready to fix and re-import.

        Columns: the source columns (union over rows), then ``quarantine_row``,
        ``quarantine_field`` and ``quarantine_reason``.
        """
        import json
        q = self.quarantine(principal, batch_id)
        raw = [json.loads(r) if r else {} for r in q["raw_json"]]
        out = pd.DataFrame.from_records(raw, index=q.index)
        out["quarantine_row"] = q["row_number"]
        out["quarantine_field"] = q["field"]
        out["quarantine_reason"] = q["reason"]
        return out.reset_index(drop=True)

    # --- after writes: the public QGIS layer (PostgreSQL with PostGIS) --------------------
    def _written(self, border_engine=None) -> None:
        """Keep the public QGIS layer in step, when one was made (PostgreSQL only)."""
        if self.url.startswith("postgresql"):
            from incidents.qgis_layer import refresh_if_enabled
            refresh_if_enabled(self, border_engine)

    def add(self, record: dict, principal: Principal, **kw) -> str:
        """:meth:`EditsMixin.add <incidents.store_edits.EditsMixin.add>`, then the public
        layer kept in step."""
        event_id = super().add(record, principal, **kw)
        self._written(kw.get("engine"))
        return event_id

    def update(self, event_id: str, changes: dict, principal: Principal, **kw) -> int:
        """:meth:`EditsMixin.update <incidents.store_edits.EditsMixin.update>`, then the
        public layer kept in step."""
        out = super().update(event_id, changes, principal, **kw)
        self._written(kw.get("engine"))
        return out

    def _set_deleted(self, event_id: str, principal: Principal, deleted: bool) -> None:
        super()._set_deleted(event_id, principal, deleted)
        self._written()

    # --- synthetic demo ----------------------------------------------------------------
    def remove_demo(self, principal: Principal) -> int:
        """Physically remove all synthetic demo rows and their history; return the count
        (admin).

        Synthetic rows are not real events, so they are purged, not soft-deleted.
        """
        as_principal(principal).require("demo")
        t, h = tables.incidents, tables.incident_history
        demo_ids = sa.select(t.c.event_id).where(t.c.source_dataset == SYNTHETIC_SOURCE)
        with self.engine.begin() as conn:
            conn.execute(h.delete().where(h.c.event_id.in_(demo_ids)))
            removed = conn.execute(t.delete().where(t.c.source_dataset == SYNTHETIC_SOURCE)
                                   ).rowcount
        self._written()
        return removed

    def load_demo(self, *, principal: Principal, engine=None, gazetteer=None,
                  replace: bool = False) -> ImportReport:
        """Import the synthetic demo (idempotent; ``replace`` purges earlier demo rows;
        admin — :data:`~incidents.access.SYSTEM` on a first start)."""
        as_principal(principal).require("demo")
        from incidents.demo import demo_parsed
        if engine is None or gazetteer is None:
            res = self.resources()
            engine, gazetteer = engine or res.engine, gazetteer or res.gazetteer
        if replace:
            self.remove_demo(principal)
        return self.import_parsed(demo_parsed(gazetteer), engine=engine, gazetteer=None,
                                  file_name="synthetic demo", principal=principal)

    def is_new(self) -> bool:
        """True for a store that never held anything: no incident (deleted ones included)
        and no import ever (a store whose demo was removed is empty, not new)."""
        with self.engine.connect() as conn:
            batches = conn.execute(sa.select(sa.func.count()).select_from(
                tables.import_batches)).scalar()
        return int(batches) == 0 and self.count(include_deleted=True, principal=SYSTEM) == 0

    def ensure_demo(self, *, engine=None, gazetteer=None) -> ImportReport | None:
        """Load the synthetic demo into a new store (first start, :meth:`is_new`); else do
        nothing (a store emptied by removing the demo stays empty)."""
        if not self.is_new():
            return None
        return self.load_demo(engine=engine, gazetteer=gazetteer, principal=SYSTEM)
