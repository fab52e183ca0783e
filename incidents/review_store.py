"""Reviews of recommended pairs and hotspots (table ``reviews``, Alembic revision 0007).

A review says that a pair or a hotspot was looked at on a date and what was decided:
:data:`DECISIONS` — ``pair_now`` (work as a joint pair now), ``parallel`` (each side on its
own), ``not_now`` (with the reason in ``why``, required). Reviews are only ever added: the
table is its own history, and the latest review of a subject is the one that counts.

Subjects: a pair is ``<KG community id>|<TJ community id>`` (stable while hotspot numbers
change with the ranking); a hotspot is its ``hotspot_id`` with its centroid (``lon``,
``lat``), so a later run can find it again when its number changed (see
:mod:`analysis.followup`). The state seen at the review (pair mode, emerging class, number
of incidents) is kept, so what changed since can be told.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from incidents.access import Principal, as_principal
from incidents.csv_rows import RowIssue, RowValidationError
from incidents.messages import Msg
from incidents.store_base import DatabaseStore
from incidents.tables import utc_now

SUBJECT_KINDS: tuple[str, ...] = ("pair", "hotspot")
DECISIONS: tuple[str, ...] = ("pair_now", "parallel", "not_now")
REVIEW_COLUMNS: tuple[str, ...] = (
    "review_id", "subject_kind", "subject_id", "hotspot_id", "lon", "lat", "reviewed_on",
    "decision", "why", "mode_at_review", "emerging_at_review", "n_incidents_at_review",
    "user", "recorded_at", "illustrative")

metadata = sa.MetaData()
reviews_table = sa.Table(
    "reviews", metadata,
    sa.Column("review_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subject_kind", sa.String(16), nullable=False),
    sa.Column("subject_id", sa.Text, nullable=False, index=True),
    sa.Column("hotspot_id", sa.Text),
    sa.Column("lon", sa.Float), sa.Column("lat", sa.Float),
    sa.Column("reviewed_on", sa.Date, nullable=False),
    sa.Column("decision", sa.String(16), nullable=False),
    sa.Column("why", sa.Text),
    sa.Column("mode_at_review", sa.Text),
    sa.Column("emerging_at_review", sa.Text),
    sa.Column("n_incidents_at_review", sa.Integer),
    sa.Column("user", sa.Text),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("illustrative", sa.Boolean, nullable=False, default=False),
)


def pair_subject(kg_community_id: str, tj_community_id: str) -> str:
    """The subject id of a pair: ``KG id|TJ id``."""
    return f"{kg_community_id}|{tj_community_id}"


def check_review(rec: dict) -> list[RowIssue]:
    """Problems of one review record (row 0)."""
    issues = []
    if rec.get("subject_kind") not in SUBJECT_KINDS:
        issues.append(RowIssue(0, "subject_kind", Msg("row.not_one_of",
                                                      value=str(rec.get("subject_kind")),
                                                      allowed=", ".join(SUBJECT_KINDS))))
    if not str(rec.get("subject_id") or "").strip():
        issues.append(RowIssue(0, "subject_id", Msg("row.missing_subject")))
    if rec.get("decision") not in DECISIONS:
        issues.append(RowIssue(0, "decision", Msg("row.not_one_of", value=str(rec.get("decision")),
                                                  allowed=", ".join(DECISIONS))))
    if rec.get("decision") == "not_now" and not str(rec.get("why") or "").strip():
        issues.append(RowIssue(0, "why", Msg("row.say_why")))
    try:
        dt.date.fromisoformat(str(rec.get("reviewed_on"))[:10])
    except ValueError:
        issues.append(RowIssue(0, "reviewed_on",
                               Msg("row.not_date", value=str(rec.get("reviewed_on")))))
    return issues


class ReviewStore(DatabaseStore):
    """Reviews in the incident database (upgraded when opened)."""

    def add(self, record: dict, principal: Principal) -> int:
        """Record one review (see the module docstring for the fields) under the account of
        ``principal`` (an editor: the ``review`` right); its id. :class:`RowValidationError`
        when a field is wrong (nothing written), :class:`AccessDenied` without the right."""
        as_principal(principal).require("review")
        issues = check_review(record)
        if issues:
            raise RowValidationError(issues)
        row = {c: record.get(c) for c in REVIEW_COLUMNS
               if c not in ("review_id", "recorded_at", "user")}
        row["reviewed_on"] = dt.date.fromisoformat(str(record["reviewed_on"])[:10])
        for c in ("lon", "lat"):
            row[c] = None if row[c] is None or pd.isna(row[c]) else float(row[c])
        n = row.get("n_incidents_at_review")
        row["n_incidents_at_review"] = None if n is None or pd.isna(n) else int(n)
        row["illustrative"] = bool(record.get("illustrative", False))
        with self.engine.begin() as conn:
            res = conn.execute(reviews_table.insert().values(
                **row, user=principal.account, recorded_at=utc_now()))
            return int(res.inserted_primary_key[0])

    def load(self) -> pd.DataFrame:
        """Every review, oldest first (``reviewed_on`` as datetime64)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(reviews_table).order_by(
                reviews_table.c.reviewed_on, reviews_table.c.review_id)).mappings().all()
        out = pd.DataFrame([dict(r) for r in rows], columns=list(REVIEW_COLUMNS))
        out["reviewed_on"] = pd.to_datetime(out["reviewed_on"]).astype("datetime64[ns]")
        return out

    def latest(self) -> pd.DataFrame:
        """The latest review of each subject."""
        frame = self.load()
        return frame.groupby(["subject_kind", "subject_id"], as_index=False).tail(1) \
            .reset_index(drop=True)

    def remove_illustrative(self, principal: Principal) -> int:
        """Purge the demo's reviews; how many (``principal`` needs the ``demo`` right)."""
        as_principal(principal).require("demo")
        with self.engine.begin() as conn:
            return conn.execute(reviews_table.delete().where(
                reviews_table.c.illustrative.is_(True))).rowcount
