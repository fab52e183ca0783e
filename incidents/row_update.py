"""Update stored incidents from a re-import, in the caller's transaction.

A row of the file that carries a stored record's ``source_dataset`` + ``source_event_id``
with other content replaces that record's imported fields (:data:`UPDATE_FIELDS`; the
review fields of :data:`PRESERVED_ON_UPDATE` stay). A field counts as changed when its
database value differs (both sides converted alike, :func:`incidents.row_values.column_values`);
each change is one history row with the old and the new value as text. Whole columns are
compared at once and the rows are written with one driver ``executemany``, so a re-import
that revises many records costs about what inserting them does.
"""
from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from incidents import row_values, tables
from incidents.pipeline import PreparedImport
from incidents.schema import COLUMNS, DTYPES

# Review fields a re-import never overwrites (a person may have set them).
PRESERVED_ON_UPDATE: frozenset[str] = frozenset(
    {"event_id", "created_at", "verification_status", "sensitivity", "notes_shareable",
     "review_flags", "deleted"})
UPDATE_FIELDS: tuple[str, ...] = tuple(
    c for c in COLUMNS if c not in PRESERVED_ON_UPDATE | {"import_batch_id", "updated_at"})

_SET = (*UPDATE_FIELDS, "content_hash", "import_batch_id", "updated_at")
_PARAMS = (*_SET, "b_bump", "b_event_id")
_t = tables.incidents
# row_version +1 only when a field changed: an open edit form then sees the change
UPDATE_STMT = _t.update().where(_t.c.event_id == sa.bindparam("b_event_id")).values(
    {**{f: sa.bindparam(f) for f in _SET},
     "row_version": _t.c.row_version + sa.bindparam("b_bump")})
HISTORY_COLUMNS = ("event_id", "changed_at", "user", "action", "batch_id", "field",
                   "old_value", "new_value")


def apply_updates(conn: sa.Connection, prep: PreparedImport, rows: np.ndarray,
                  event_ids: list[str], *, now: str, user: str | None, batch_id: str
                  ) -> tuple[int, int]:
    """Write ``prep.frame`` rows at positions ``rows`` over the stored records
    ``event_ids`` (one per row); return (updated, unchanged after all: counted as
    duplicates by the caller)."""
    if not len(rows):
        return 0, 0
    text_dates = conn.dialect.name == "sqlite"  # the driver takes ISO text there
    names = ["event_id", *UPDATE_FIELDS, "import_batch_id", "updated_at"]
    stored = conn.execute(sa.select(*tables.raw_select_columns(_t, names)).where(
        tables.in_values(_t.c.event_id, event_ids, conn.dialect.name))).all()
    old = tables.rows_to_frame([tuple(r) for r in stored], names).set_index("event_id")
    old = old.loc[event_ids]
    new = prep.frame.iloc[rows]
    n = len(rows)
    new_values, old_values = [], []
    diff = np.zeros((len(UPDATE_FIELDS), n), dtype=bool)
    for k, f in enumerate(UPDATE_FIELDS):
        new_values.append(row_values.column_values(new[f], DTYPES[f], text_dates))
        old_values.append(row_values.column_values(old[f], DTYPES[f], text_dates))
        diff[k] = [a != b for a, b in zip(old_values[k], new_values[k], strict=True)]
    history = _history(diff, old_values, new_values, event_ids)
    n_hist = len(history[0])
    history[1:1] = [[now] * n_hist, [user] * n_hist, ["import_update"] * n_hist,
                    [batch_id] * n_hist]
    changed = diff.any(axis=0)
    keep_batch = old["import_batch_id"].astype(object).where(old["import_batch_id"].notna(),
                                                             None).tolist()
    keep_at = old["updated_at"].astype(object).where(old["updated_at"].notna(), None).tolist()
    block = row_values.RowBlock(_PARAMS, [
        *new_values, prep.content_hash.iloc[rows].tolist(),
        [batch_id if c else b for c, b in zip(changed, keep_batch, strict=True)],
        [now if c else a for c, a in zip(changed, keep_at, strict=True)],
        changed.astype(int).tolist(), list(event_ids)])
    tables.bulk_execute(conn, UPDATE_STMT, _PARAMS, block)
    tables.bulk_insert(conn, tables.incident_history, HISTORY_COLUMNS,
                       row_values.RowBlock(HISTORY_COLUMNS, history))
    n_changed = int(changed.sum())
    return n_changed, n - n_changed


def _history(diff: np.ndarray, old_values: list[list], new_values: list[list],
             event_ids: list[str]) -> list[list]:
    """Columns event_id, field, old_value, new_value of one history row per changed field
    (``diff``: fields × rows), field by field."""
    out: list[list] = [[], [], [], []]
    for k, field in enumerate(UPDATE_FIELDS):
        at = np.flatnonzero(diff[k]).tolist()
        if not at:
            continue
        old, new = old_values[k], new_values[k]
        if DTYPES[field] == "string":  # text is its own history text (NUL already gone)
            old_text, new_text = [old[j] for j in at], [new[j] for j in at]
        else:
            old_text = [row_values.to_text(old[j]) for j in at]
            new_text = [row_values.to_text(new[j]) for j in at]
        out[0] += [event_ids[j] for j in at]
        out[1] += [field] * len(at)
        out[2] += old_text
        out[3] += new_text
    return out
