"""The three sides (issue 16): side_reported, side_settlement(_place), side_line(_ref),
side_reviewed, side_review_reason, side_basis, side_contested, side_contested_zone.

Stored rows had one side, the December 2017 OSM line's: it becomes ``side_line``;
``side_reported`` is read from the source's ``country`` kept in ``extra`` (ACLED, UCDP,
tables); the side is then resolved without a gazetteer (``incidents.sides``). ``python -m
incidents reenrich`` adds the settlement answer later.

Revision ID: 0008_sides
Revises: 0007_actions_reviews
"""
from __future__ import annotations

import json
import warnings

import sqlalchemy as sa
from alembic import op

revision = "0008_sides"
down_revision = "0007_actions_reviews"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("side_reported", "side_settlement", "side_settlement_place", "side_line",
                "side_line_ref", "side_reviewed", "side_review_reason", "side_basis",
                "side_contested_zone")


def _country(text: object) -> object:
    try:
        value = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return None
    return value.get("country") if isinstance(value, dict) else None


def upgrade() -> None:
    import pandas as pd

    from incidents.sides import reported_sides, resolve_sides
    conn = op.get_bind()
    with warnings.catch_warnings():  # PostGIS's geom column: only the names are needed
        warnings.filterwarnings("ignore", "Did not recognize type", sa.exc.SAWarning)
        have = {c["name"] for c in sa.inspect(conn).get_columns("incidents")}
    for name in TEXT_COLUMNS:
        if name not in have:  # a store stamped back by hand may hold them already
            op.add_column("incidents", sa.Column(name, sa.Text(), nullable=True))
    if "side_contested" not in have:
        op.add_column("incidents", sa.Column("side_contested", sa.Boolean(), nullable=True))
    t = sa.table("incidents", *[sa.column(c) for c in (
        "event_id", "side", "extra", "claims_overlap_id", "disagreement_zone_id", "side_line",
        *TEXT_COLUMNS, "side_contested")])
    rows = conn.execute(sa.select(
        t.c.event_id, t.c.side, t.c.extra, t.c.claims_overlap_id, t.c.disagreement_zone_id
    ).where(t.c.side.is_not(None), t.c.side_line.is_(None))).all()
    if not rows:
        return
    df = pd.DataFrame(rows, columns=["event_id", "side_line", "extra", "claims_overlap_id",
                                     "disagreement_zone_id"])
    df["side_reported"] = reported_sides(df["extra"].map(_country).astype("string"))
    out = resolve_sides(df)

    def value(v: object) -> object:
        return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v

    params = [{"b_id": r.event_id, "side": value(r.side), "side_line": value(r.side_line),
               "side_line_ref": "osm-2017-12", "side_reported": value(r.side_reported),
               "side_basis": value(r.side_basis), "side_contested": bool(r.side_contested),
               "side_contested_zone": value(r.side_contested_zone)}
              for r in out.itertuples(index=False)]
    conn.execute(t.update().where(t.c.event_id == sa.bindparam("b_id")).values(
        {k: sa.bindparam(k) for k in params[0] if k != "b_id"}), params)


def downgrade() -> None:
    for name in (*TEXT_COLUMNS, "side_contested"):
        op.drop_column("incidents", name)
