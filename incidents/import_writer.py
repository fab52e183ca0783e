"""Write a prepared import into the store inside one open transaction.

Classifies each row as insert, update (same ``source_dataset`` + ``source_event_id``,
changed content), duplicate or rejected; flags probable cross-source duplicates; inserts
the new rows (:mod:`incidents.row_insert`: chunks through the driver, or for many rows
bound for SQLite a staging file written in a thread meanwhile, :mod:`incidents.sqlite_stage`);
records history, quarantine, learned places and the batch.
The caller owns the transaction: any exception rolls everything back.
"""
from __future__ import annotations

import json
import uuid

import numpy as np
import pandas as pd
import sqlalchemy as sa

from incidents import row_insert, row_update, row_values, sqlite_stage, tables
from incidents.access import Principal
from incidents.database import allocate_seqs
from incidents.dedupe import add_flags, possible_duplicates
from incidents.geocode_review import learn_lists
from incidents.learned import eligible_learned, public_frame_mask
from incidents.messages import Msg
from incidents.pipeline import PreparedImport
from incidents.quarantine import accepted_keys, reason_columns, row_keys, settle
from incidents.report import ImportReport, RejectedEntry
from incidents.schema import SENSITIVITIES
from incidents.sides import iso3_of


def new_batch_id() -> str:
    """A unique import batch id, e.g. ``IMP-20250516T101500-3f2a9c``."""
    stamp = tables.utc_now().replace("-", "").replace(":", "").split("+")[0]
    return f"IMP-{stamp}-{uuid.uuid4().hex[:6]}"


def _existing_keys(conn: sa.Connection, prep: PreparedImport | None = None) -> pd.DataFrame:
    """Keys of stored rows; with ``prep``, only those the file's rows can match (its
    source ids, and content hashes of rows without one): a big store is not loaded
    whole for every import, nor for every chunk of a streamed one."""
    t = tables.incidents
    cols = (t.c.event_id, t.c.seq, t.c.source_dataset, t.c.source_event_id, t.c.content_hash,
            t.c.sensitivity)
    names = ["event_id", "seq", "source_dataset", "source_event_id", "content_hash",
             "sensitivity"]
    if prep is None:
        return pd.DataFrame(conn.execute(sa.select(*cols)).all(), columns=names)
    sid = prep.frame["source_event_id"].astype("string").str.strip()
    has_sid = (sid.notna() & (sid != "")).to_numpy(dtype=bool)
    ids = sid[has_sid].unique().tolist()
    hashes = prep.content_hash[~has_sid].unique().tolist()
    dialect = conn.dialect.name
    found = []
    if ids:
        found += conn.execute(sa.select(*cols).where(
            tables.in_values(t.c.source_event_id, ids, dialect))).all()
    if hashes:
        found += conn.execute(sa.select(*cols).where(
            tables.in_values(t.c.content_hash, hashes, dialect),
            t.c.source_event_id.is_(None))).all()
    columns = list(zip(*found, strict=True)) if found else [()] * len(names)  # by column
    return pd.DataFrame(dict(zip(names, map(list, columns), strict=True))).drop_duplicates(
        "event_id")


def _dup_candidates(conn: sa.Connection, dates: pd.Series,
                    sources: list[str] | None = None) -> pd.DataFrame:
    """Stored rows on ``dates`` that may duplicate new ones: from another source than
    ``sources`` (possible duplicates are only ever across sources)."""
    t = tables.incidents
    days = sorted(pd.Timestamp(d).date() for d in dates.dropna().dt.normalize().unique())
    cols = [t.c.event_id, t.c.source_dataset, t.c.event_date, t.c.category, t.c.lon, t.c.lat,
            t.c.sensitivity]
    other = (sa.or_(t.c.source_dataset.is_(None), t.c.source_dataset.notin_(sources))
             if sources and len(sources) == 1 else sa.true())
    found = conn.execute(sa.select(*cols).where(
        tables.in_values(t.c.event_date, days, conn.dialect.name), other,
        sa.or_(t.c.deleted.is_(None), t.c.deleted == sa.false()))).all() if days else []
    out = pd.DataFrame(found, columns=[c.name for c in cols])
    out["event_date"] = pd.to_datetime(out["event_date"]).astype("datetime64[ns]")
    return out


def _classify(prep: PreparedImport, existing: pd.DataFrame, principal: Principal
              ) -> tuple[np.ndarray, dict[int, str], list[RejectedEntry]]:
    """Per row: 'insert' | 'update' | 'duplicate' | 'rejected'; event id of updates.

    A row that would update a stored record the importing ``principal`` may not read is
    rejected, never written over a record its importer cannot see."""
    frame = prep.frame
    n = len(frame)
    action = np.full(n, "insert", dtype=object)
    target: dict[int, str] = {}
    rejected: list[RejectedEntry] = []
    src = frame["source_dataset"].astype(object).to_numpy()
    sid = frame["source_event_id"].astype("string").str.strip()
    sid = sid.where(sid != "").astype(object).to_numpy()
    hashes = prep.content_hash.to_numpy()
    row_numbers = prep.row_numbers.astype("Int64").to_numpy(dtype=object, na_value=None)
    keyed = existing[existing["source_event_id"].notna()]
    keys = list(zip(keyed["source_dataset"].tolist(), keyed["source_event_id"].tolist(),
                    strict=True))  # lists: iterating a Series is slow
    by_key = dict(zip(keys, zip(keyed["event_id"].tolist(), keyed["content_hash"].tolist(),
                                strict=True), strict=True))
    sens = keyed["sensitivity"].astype(object)
    sens = sens.where(sens.notna(), None).tolist()  # one missing value, asked once
    unreadable = {v for v in set(sens) if not principal.may_read(v)}
    hidden = {k for k, v in zip(keys, sens, strict=True) if v in unreadable} \
        if unreadable else set()
    unkeyed_hashes = set(existing.loc[existing["source_event_id"].isna(), "content_hash"])
    seen_key: dict[tuple, tuple[int, str]] = {}
    seen_hash: set[str] = set()
    for i in range(n):
        h = hashes[i]
        if sid[i] is None or sid[i] is pd.NA:
            if h in unkeyed_hashes or h in seen_hash:
                action[i] = "duplicate"
            seen_hash.add(h)
            continue
        key = (src[i], sid[i])
        if key in seen_key:
            first_row, first_hash = seen_key[key]
            if first_hash == h:
                action[i] = "duplicate"
            else:
                action[i] = "rejected"
                rejected.append(RejectedEntry(
                    row_numbers[i], "source_event_id",
                    Msg("row.duplicate_id", value=repr(sid[i]), row=first_row),
                    {k: (None if pd.isna(v) else str(v)) for k, v in frame.iloc[i].items()}))
            continue
        seen_key[key] = (row_numbers[i], h)
        if key in by_key:
            event_id, old_hash = by_key[key]
            if old_hash == h:
                action[i] = "duplicate"
            elif key in hidden:
                action[i] = "rejected"
                rejected.append(RejectedEntry(
                    row_numbers[i], "source_event_id",
                    Msg("row.hidden_record", value=repr(sid[i])),
                    {k: (None if pd.isna(v) else str(v)) for k, v in frame.iloc[i].items()}))
            else:
                action[i] = "update"
                target[i] = event_id
    return action, target, rejected


# public < internal < restricted; a record without a known sensitivity counts as restricted
_SENSITIVITY_RANK = {s: i for i, s in enumerate(SENSITIVITIES)}
_UNKNOWN_RANK = _SENSITIVITY_RANK["restricted"]


def _no_wider_than(dups: pd.Series, new: pd.DataFrame, candidates: pd.DataFrame) -> pd.Series:
    """``dups`` (event ids per flagged new row) keeping only records no more restricted than
    the flagged row, so a flag never names a record its readers may not see (an internal
    row pointing at a restricted one would tell members that id)."""
    if dups.empty:
        return dups
    def rank(values) -> list[int]:
        return [_SENSITIVITY_RANK.get(str(v), _UNKNOWN_RANK) for v in values]
    ranks = dict(zip(candidates["event_id"].astype(str), rank(candidates["sensitivity"]),
                     strict=True))
    ranks.update(zip(new["event_id"].astype(str), rank(new["sensitivity"]), strict=True))
    own = dict(zip(new.index, rank(new["sensitivity"]), strict=True))
    kept = {i: [e for e in ids if ranks.get(str(e), _UNKNOWN_RANK) <= own[i]]
            for i, ids in dups.items()}
    kept = {i: ids for i, ids in kept.items() if ids}
    return pd.Series(list(kept.values()), index=pd.Index(list(kept), dtype=dups.index.dtype),
                     dtype=object)


LEARNED_COLUMNS: tuple[str, ...] = (
    "location", "lon", "lat", "geo_precision", "source_dataset", "country", "admin1_given",
    "admin2_given", "source_event_id", "import_batch_id")


def _write_learned(conn, frame: pd.DataFrame, gazetteer, batch_id: str, now: str
                   ) -> tuple[pd.DataFrame, dict[str, list[dict]]]:
    """Persist the observations ``gazetteer.learn_report`` keeps (rows of a new place,
    merged into one, or waiting for more rows: :data:`geo.learning.KEPT_STATUSES`).

    Only rows that may teach a name (:func:`incidents.learned.public_frame_mask`: public,
    not sensitive, not synthetic demo) are considered. Returns (the stored rows in the
    ``Gazetteer.learn`` input columns, :func:`incidents.geocode_review.learn_lists`).
    """
    empty = pd.DataFrame(columns=list(LEARNED_COLUMNS))
    if gazetteer is None or frame.empty or not hasattr(gazetteer, "learn_report"):
        return empty, {}
    from geo.learning import KEPT_STATUSES

    rows = frame[public_frame_mask(frame).to_numpy(dtype=bool)]
    # a learned place's country is the row's resolved side (settlement > source > line)
    rows = rows.assign(import_batch_id=batch_id, country=iso3_of(rows["side"]))[
        list(LEARNED_COLUMNS)]
    if rows.empty:
        return empty, {}
    report = gazetteer.learn_report(rows)
    kept = rows[report["learn_status"].isin(KEPT_STATUSES).to_numpy(dtype=bool)]
    if len(kept):
        values = {c: row_values.column_values(kept[c], str(kept[c].dtype)
                  if c not in ("lon", "lat") else "float64") for c in LEARNED_COLUMNS}
        conn.execute(tables.learned_places.insert(), [
            {**dict(zip(LEARNED_COLUMNS, vals, strict=True)), "learned_at": now}
            for vals in zip(*values.values(), strict=True)])
    # what the store may learn from now (this import's incidents and rows included)
    stored = eligible_learned(conn) if len(kept) and hasattr(gazetteer, "places") else None
    return kept, learn_lists(gazetteer, rows, report, stored, batch_id)


def side_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per side basis, and contested rows (import report)."""
    if frame.empty or "side_basis" not in frame:
        return {}
    out = {f"by {k}": int(v) for k, v in frame["side_basis"].value_counts().items()}
    out["contested"] = int(frame["side_contested"].fillna(False).astype(bool).sum())
    return out


def write_import(conn: sa.Connection, prep: PreparedImport, *, file_name: str | None,
                 sha256: str | None, principal: Principal, gazetteer=None,
                 started_at: str | None = None) -> tuple[ImportReport, pd.DataFrame]:
    """Write ``prep`` in the caller's transaction; return (report, newly learned places).

    The batch and history record ``principal.account``; the import never updates, nor
    points a possible-duplicate flag at, a record ``principal`` may not read. Many rows
    bound for SQLite are staged from the start, in a thread (:mod:`incidents.sqlite_stage`).
    """
    staging = (sqlite_stage.Staging(row_insert.stage_rows(prep))
               if sqlite_stage.can_stage(conn, len(prep.frame)) else None)
    try:
        return _write(conn, prep, staging, file_name=file_name, sha256=sha256,
                      principal=principal, gazetteer=gazetteer, started_at=started_at)
    finally:
        if staging is not None:
            staging.close()


def _write(conn: sa.Connection, prep: PreparedImport, staging: sqlite_stage.Staging | None,
           *, file_name: str | None, sha256: str | None, principal: Principal, gazetteer,
           started_at: str | None) -> tuple[ImportReport, pd.DataFrame]:
    """:func:`write_import`'s work, with the import's rows staged or not (``staging``)."""
    user = principal.account
    now = tables.utc_now()
    batch_id = new_batch_id()
    b = tables.import_batches
    # Write the batch row first: on SQLite this takes the write lock before the keys and
    # the next event number are read, so two concurrent imports run one after the other.
    conn.execute(b.insert().values(
        batch_id=batch_id, file_name=file_name, format=prep.format, sha256=sha256,
        started_at=started_at or now, rows_read=prep.rows_read, inserted=0, updated=0,
        duplicates=0, rejected=0, user=user))
    existing = _existing_keys(conn, prep)
    action, target, more_rejected = _classify(prep, existing, principal)
    rejected = list(prep.rejected) + more_rejected
    frame = prep.frame
    ins = np.flatnonzero(action == "insert")
    seqs = allocate_seqs(conn, len(ins), tables.incidents)
    new = frame.iloc[ins].copy()
    event_ids = tables.format_event_ids(seqs)
    new["event_id"] = pd.array(event_ids, dtype="string")
    new["import_batch_id"] = batch_id
    new["created_at"] = now
    new["updated_at"] = now
    new["deleted"] = False
    sources = sorted({str(v) for v in new["source_dataset"].dropna().unique()})
    candidates = _dup_candidates(conn, new["event_date"], sources)
    dups = _no_wider_than(possible_duplicates(new, candidates), new, candidates)
    n_flagged = len(dups)  # only the flagged rows
    if n_flagged:
        new.loc[dups.index, "review_flags"] = add_flags(
            new.loc[dups.index, "review_flags"],
            dups.map(lambda ids: [f"possible_duplicate:{e}" for e in ids]))
    row_insert.insert_new(conn, new, ins, seqs, prep, staging, user=user, batch_id=batch_id,
                          now=now, flagged=dups.index if n_flagged else None)
    upd = np.flatnonzero(action == "update")
    updated, unchanged = row_update.apply_updates(
        conn, prep, upd, [target[i] for i in upd], now=now, user=user, batch_id=batch_id)
    written = frame.iloc[np.flatnonzero((action == "insert") | (action == "update"))]
    report = ImportReport(
        rows_read=prep.rows_read, inserted=len(ins), updated=updated,
        duplicates=int((action == "duplicate").sum()) + unchanged, rejected=rejected,
        warnings=list(prep.warnings), flagged_possible_duplicates=n_flagged,
        outside_study_area=int(((written["in_study_area"] == False)  # noqa: E712
                                & written["lon"].notna()).fillna(False).sum()),
        geocoded=prep.geocoded, unresolved=int(written["lon"].isna().sum()),
        batch_id=batch_id, file_name=file_name, format=prep.format, sha256=sha256,
        ambiguous_names=prep.names.get("ambiguous", []), far_names=prep.names.get("far", []),
        compound_names=prep.names.get("compound", []),
        encoding=prep.encoding, encoding_confidence=prep.encoding_confidence,
        category_rules=dict(prep.category_rules), sides=side_counts(written))
    ok = np.flatnonzero(action != "rejected")
    settle(conn, [row_keys(r.raw, file_name, r.row_number) for r in rejected],
           accepted_keys(frame["source_event_id"].iloc[ok], prep.row_numbers.iloc[ok],
                         file_name))
    if rejected:
        conn.execute(tables.quarantine.insert(), [
            {"batch_id": batch_id, "row_number": r.row_number, "field": r.field,
             **reason_columns(r.reason),
             "raw_json": json.dumps(r.raw, ensure_ascii=False, default=str),
             "resolved": False} for r in rejected])
    learned, lists = _write_learned(conn, written, gazetteer, batch_id, now)
    report.learned_places = lists.get("learned", [])
    report.learn_refused = lists.get("refused", [])
    report.learn_waiting = lists.get("waiting", [])
    conn.execute(b.update().where(b.c.batch_id == batch_id).values(
        source_dataset=";".join(sorted({str(v) for v in
                                        frame["source_dataset"].dropna().unique()})),
        finished_at=tables.utc_now(), inserted=report.inserted, updated=report.updated,
        duplicates=report.duplicates, rejected=len(report.rejected),
        report_json=report.to_json(indent=None)))
    return report, learned
