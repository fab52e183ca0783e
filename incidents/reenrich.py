"""Recompute every stored incident's enrichment (``python -m incidents reenrich``).

After a newer reference line (:mod:`geo.reference_line`), a new COD-AB file, curated layer or
gazetteer, the stored border-engine columns and the three sides are stale. :func:`reenrich`
runs the engine and the side resolution (:func:`incidents.pipeline.enrich`) over every
stored incident (deleted ones too), writes the changed columns in one transaction (each
change to the history, action ``reenrich``; ``row_version`` +1 per changed row) and returns
a :class:`ReenrichReport` of what changed. Source fields are never touched.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from incidents import row_values, tables
from incidents.schema import ENRICHMENT_COLUMNS, SIDE_DERIVED_COLUMNS

RECOMPUTED: tuple[str, ...] = tuple(dict.fromkeys((*ENRICHMENT_COLUMNS,
                                                   *SIDE_DERIVED_COLUMNS)))


@dataclass
class ReenrichReport:
    """Rows checked and changed; changes per column; side changes ``(old, new): rows``."""

    rows: int = 0
    changed_rows: int = 0
    by_column: dict[str, int] = field(default_factory=dict)
    side_changes: dict[str, int] = field(default_factory=dict)
    contested_before: int = 0
    contested_after: int = 0
    line: str = ""

    def lines(self) -> list[str]:
        """The report as printable lines (English)."""
        out = [f"reference line: {self.line}",
               f"{self.rows} incident(s) recomputed; {self.changed_rows} changed"]
        if self.by_column:
            out.append("changed columns: " + ", ".join(
                f"{k} {v}" for k, v in sorted(self.by_column.items())))
        for change, n in sorted(self.side_changes.items()):
            out.append(f"side {change}: {n}")
        out.append(f"contested: {self.contested_before} before, {self.contested_after} after")
        return out


def _text(series: pd.Series) -> list:
    return [row_values.to_text(v) for v in series.tolist()]


def reenrich(store, engine, principal) -> ReenrichReport:
    """Recompute the enrichment of every stored incident with ``engine``; see module doc.

    ``principal`` (an :class:`incidents.access.Principal`) needs the admin's ``layers``
    right: every record is recomputed, restricted ones too; the history records its
    account."""
    from incidents.access import SYSTEM, as_principal
    as_principal(principal).require("layers")
    user = principal.account
    from geo.reference_line import SHIPPED
    from incidents.pipeline import enrich
    before = store.load(include_deleted=True, principal=SYSTEM)
    line = getattr(getattr(engine, "reference_line", None), "ref", None) or SHIPPED
    report = ReenrichReport(rows=len(before), line=line.label)
    if before.empty:
        return report
    after = enrich(before.copy(), engine)
    report.contested_before = int(before["side_contested"].fillna(False).astype(bool).sum())
    report.contested_after = int(after["side_contested"].fillna(False).astype(bool).sum())
    old = {c: _text(before[c]) for c in RECOMPUTED}
    new = {c: _text(after[c]) for c in RECOMPUTED}
    new_values = row_values.frame_to_rows(after)
    now = tables.utc_now()
    updates, history = [], []
    for i, event_id in enumerate(before["event_id"].tolist()):
        diff = [c for c in RECOMPUTED if old[c][i] != new[c][i]]
        if not diff:
            continue
        for c in diff:
            report.by_column[c] = report.by_column.get(c, 0) + 1
            history.append({"event_id": event_id, "changed_at": now, "user": user,
                            "action": "reenrich", "batch_id": None, "field": c,
                            "old_value": old[c][i], "new_value": new[c][i]})
        if "side" in diff:
            key = f"{old['side'][i] or '-'} → {new['side'][i] or '-'}"
            report.side_changes[key] = report.side_changes.get(key, 0) + 1
        updates.append({"b_id": event_id, **{c: new_values[i][c] for c in RECOMPUTED}})
    report.changed_rows = len(updates)
    if not updates:
        return report
    t = tables.incidents
    stmt = t.update().where(t.c.event_id == sa.bindparam("b_id")).values(
        {**{c: sa.bindparam(c) for c in RECOMPUTED}, "updated_at": now,
         "row_version": t.c.row_version + 1})
    for row in updates:
        for k, v in row.items():
            if v is pd.NA or v is pd.NaT:
                row[k] = None
    with store.engine.begin() as conn:
        for k in range(0, len(updates), 2000):
            conn.execute(stmt, updates[k:k + 2000])
        for k in range(0, len(history), 5000):
            conn.execute(tables.incident_history.insert(), history[k:k + 5000])
    return report
