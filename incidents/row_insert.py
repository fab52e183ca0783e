"""Insert an import's new rows and their history, in the caller's transaction.

Two ways, one result (tests/incidents/test_sqlite_stage.py compares them value by value):
chunks of :data:`CHUNK_ROWS` rows through the driver (``executemany`` on SQLite, COPY on
PostgreSQL), or, for many rows bound for SQLite, a copy out of the staging file that
:mod:`incidents.sqlite_stage` wrote while the import classified its rows.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import sqlalchemy as sa

from incidents import row_values, sqlite_stage, tables
from incidents.pipeline import PreparedImport

CHUNK_ROWS = 5000


def insert_chunk(conn: sa.Connection, block: row_values.RowBlock) -> None:
    """Insert one block of incident rows with one executemany or COPY (a seam for
    failure-injection tests)."""
    tables.bulk_insert(conn, tables.incidents, block.columns, block)


# Store columns the writer sets itself: a file's own values never reach the staged rows.
_WRITER_SET = ("event_id", "import_batch_id", "created_at", "updated_at", "deleted")


def stage_rows(prep: PreparedImport) -> pa.Table:
    """The prepared rows to stage (Arrow; SQLite's value forms), with their content hash
    (the writer's own columns left empty)."""
    frame = prep.frame.assign(**{c: None for c in _WRITER_SET})
    return row_values.frame_arrow(frame, {"content_hash": prep.content_hash.tolist()},
                                  dates_as_text=True)


def insert_new(conn: sa.Connection, new: pd.DataFrame, ins: np.ndarray, seqs: list[int],
               prep: PreparedImport, staging: sqlite_stage.Staging | None, *,
               user: str | None, batch_id: str, now: str, flagged: pd.Index | None) -> None:
    """Insert the new rows (``new``: ``prep.frame`` rows ``ins``, with their event ids and
    flags) and their history: copied from ``staging`` when there is one, else in chunks
    of :data:`CHUNK_ROWS` (:func:`insert_chunk`)."""
    n_new = len(ins)
    if staging is not None and n_new:
        if seqs[-1] - seqs[0] != n_new - 1:  # SQLite numbers them in one run
            raise RuntimeError("staged rows need consecutive event numbers")
        seq = ":start + p.key"
        params = {"start": seqs[0], "batch": batch_id, "now": now, "user": user}
        # the store holds at most seqs[0] - 1 rows (SQLite numbers them from max(seq) + 1)
        with sqlite_stage.indexes_rebuilt(conn, tables.incidents, n_new, seqs[0] - 1):
            staging.insert(conn, tables.incidents, ins, {
                "event_id": tables.event_id_sql(seq), "seq": seq,
                "import_batch_id": ":batch", "created_at": ":now", "updated_at": ":now",
                "deleted": "0"}, params)
        staging.insert(conn, tables.incident_history, ins, {
            "event_id": tables.event_id_sql(seq), "changed_at": ":now", "user": ":user",
            "action": "'import_insert'", "batch_id": ":batch"}, params, columns=())
        if flagged is not None:  # the possible-duplicate flags found meanwhile
            t = tables.incidents
            conn.execute(t.update().where(t.c.seq == sa.bindparam("s")).values(
                review_flags=sa.bindparam("f")), [
                {"s": seqs[new.index.get_loc(i)], "f": new.at[i, "review_flags"]}
                for i in flagged])
        return
    extra = {"seq": seqs, "content_hash": prep.content_hash.iloc[ins].tolist()}
    block = row_values.frame_block(new, extra, dates_as_text=conn.dialect.name == "sqlite")
    hist = row_values.RowBlock(("event_id", "changed_at", "user", "action", "batch_id"), [
        new["event_id"].tolist(), [now] * n_new, [user] * n_new, ["import_insert"] * n_new,
        [batch_id] * n_new])
    for k in range(0, n_new, CHUNK_ROWS):
        insert_chunk(conn, block.rows(k, k + CHUNK_ROWS))
        tables.bulk_insert(conn, tables.incident_history, hist.columns,
                           hist.rows(k, k + CHUNK_ROWS))
