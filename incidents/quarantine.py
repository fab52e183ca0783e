"""The quarantine keeps the latest rejection of each source row (issue 16).

A rejected row is known by its keys: ``id:<value>`` when its cells carry a source id (ACLED
``event_id_cnty``, UCDP ``id``, KoBo ``_uuid``, a table's ``id``/``source_event_id``...),
``pos:<file name>:<row number>`` (the same file imported again, perhaps fixed in place) and
``raw:<hash of its cells>`` (the same cells from any file). When an import writes:

- a new rejection supersedes every unresolved earlier entry sharing one of its keys (the
  earlier entries are marked resolved, never deleted): re-importing a file does not double
  the quarantine;
- an accepted row (inserted, updated or unchanged) resolves the unresolved entries with its
  ``id:`` key, or — for a row without a source id — its ``pos:`` key: a row fixed and
  re-imported leaves the quarantine.

Each entry keeps its reason's English (``reason``) and, for a keyed message, its key and
params (``reason_key``, ``reason_params``: :func:`reason_columns`), from which the reason is
rebuilt when read back (:func:`stored_reasons`) and rendered in the reader's language. An
entry stored before revision 0010 has the English only and is shown as stored.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import sqlalchemy as sa

from incidents import tables
from incidents.messages import Msg, stored_msg

ID_CELLS: tuple[str, ...] = ("event_id_cnty", "source_event_id", "_uuid", "id", "event_id",
                             "_id", "ID", "Id", "номер", "№", "код")


def row_keys(raw: dict, file_name: str | None, row_number: int | None) -> set[str]:
    """The keys of one rejected row (module docstring)."""
    keys = set()
    for col in ID_CELLS:
        value = raw.get(col)
        if value is not None and str(value).strip():
            keys.add(f"id:{str(value).strip()}")
            break
    if file_name and row_number is not None:
        keys.add(f"pos:{file_name}:{int(row_number)}")
    text = json.dumps({k: raw[k] for k in sorted(raw)}, ensure_ascii=False, default=str)
    keys.add("raw:" + hashlib.sha256(text.encode()).hexdigest()[:32])
    return keys


def reason_columns(reason: str) -> dict[str, str | None]:
    """The quarantine columns of one rejection reason: its English, and its key and params
    (JSON) when it is a keyed message (``incidents.messages.Msg``), else NULL."""
    keyed = isinstance(reason, Msg)
    return {"reason": str(reason), "reason_key": reason.key if keyed else None,
            "reason_params": reason.params_json() if keyed else None}


def stored_reasons(english: Iterable, keys: Iterable, params: Iterable) -> list[str]:
    """The reasons of quarantine rows read back: each a ``Msg`` rebuilt from its key and
    params, or its English as stored (no key: stored before revision 0010)."""
    return [stored_msg(str(en), key, par)
            for en, key, par in zip(_values(english), _values(keys), _values(params),
                                    strict=True)]


def _open_entries(conn: sa.Connection) -> list[tuple[int, set[str]]]:
    q, b = tables.quarantine, tables.import_batches
    rows = conn.execute(sa.select(q.c.quarantine_id, q.c.row_number, q.c.raw_json,
                                  b.c.file_name)
                        .select_from(q.outerjoin(b, q.c.batch_id == b.c.batch_id))
                        .where(q.c.resolved == sa.false())).all()
    out = []
    for qid, number, raw_json, file_name in rows:
        try:
            raw = json.loads(raw_json) if raw_json else {}
        except ValueError:
            raw = {}
        out.append((qid, row_keys(raw if isinstance(raw, dict) else {}, file_name, number)))
    return out


def settle(conn: sa.Connection, rejected_keys: Iterable[set[str]],
           accepted_keys: Iterable[str]) -> int:
    """Mark superseded and fixed entries resolved (before this import's rejections are
    inserted); return how many."""
    new = set().union(*rejected_keys) | set(accepted_keys)
    if not new:
        return 0
    done = [qid for qid, keys in _open_entries(conn) if keys & new]
    q = tables.quarantine
    for k in range(0, len(done), 500):
        conn.execute(q.update().where(q.c.quarantine_id.in_(done[k:k + 500]))
                     .values(resolved=True))
    return len(done)


def _values(items: Iterable):
    import numpy as np
    import pandas as pd
    if isinstance(items, pd.Series | pd.Index | np.ndarray):
        return items.to_numpy(dtype=object)  # no per-cell iteration of Arrow arrays
    return np.asarray(list(items), dtype=object)


def accepted_keys(source_event_ids: Iterable, row_numbers: Iterable,
                  file_name: str | None) -> list[str]:
    """Keys of accepted rows, in row order: ``id:`` when they have a source id, else
    ``pos:`` (built column by column)."""
    import pandas as pd
    sid = pd.Series(_values(source_event_ids)).astype("string").str.strip()
    number = pd.Series(_values(row_numbers)).astype("Int64")
    has_id = (sid.notna() & (sid != "")).to_numpy(dtype=bool)
    keys = ("id:" + sid).where(has_id)
    if file_name:
        keys = keys.fillna("pos:" + file_name + ":" + number.astype("string"))
    return keys.dropna().tolist()
