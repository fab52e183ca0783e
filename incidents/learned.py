"""Which incident rows may teach the gazetteer a place name (issue 15: protected records).

A "learned place" is a name taken from incident rows that carry exact coordinates. Its
point is an incident point, so it may come only from rows anyone may see:

- ``sensitivity == "public"`` (never ``internal`` or ``restricted``), a category that is not
  sensitive (``incidents.schema.SENSITIVE_CATEGORIES``), not deleted, not marked
  ``duplicate`` or ``rejected``, not synthetic demo data, ``geo_precision == 1``;
- and *confirmed*: at least :data:`MIN_SUPPORT_ROWS` such rows with the same name key within
  :data:`geo.gazetteer.SAME_SPOT_M` of the learned point, or one of them ``verified``.

The rule is applied when the store's learned rows are read (:func:`eligible_learned`), not
only at import: a row edited to ``restricted`` (or deleted) later stops teaching at once, and
learned rows written by older versions are filtered the same way.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from incidents import tables
from incidents.schema import SENSITIVE_CATEGORIES, SYNTHETIC_SOURCE

MIN_SUPPORT_ROWS = 3
REVIEWED_STATUSES: tuple[str, ...] = ("verified",)
EXCLUDED_STATUSES: tuple[str, ...] = ("duplicate", "rejected")


def teaching_condition(t: sa.Table = tables.incidents):
    """SQL condition: incident rows that may teach a place name (see module docstring),
    confirmation aside."""
    return sa.and_(
        t.c.geo_precision == 1,
        t.c.sensitivity == "public",
        sa.or_(t.c.deleted.is_(None), t.c.deleted == sa.false()),
        sa.or_(t.c.category.is_(None), t.c.category.notin_(sorted(SENSITIVE_CATEGORIES))),
        sa.or_(t.c.verification_status.is_(None),
               t.c.verification_status.notin_(EXCLUDED_STATUSES)),
        sa.or_(t.c.source_dataset.is_(None), t.c.source_dataset != SYNTHETIC_SOURCE),
        t.c.location.is_not(None), t.c.lon.is_not(None), t.c.lat.is_not(None),
    )


def public_frame_mask(frame: pd.DataFrame) -> pd.Series:
    """The same rule on a frame (``incidents.schema`` columns), for rows not yet stored."""
    def col(name: str) -> pd.Series:
        return frame[name].astype("string") if name in frame.columns else \
            pd.Series(pd.NA, index=frame.index, dtype="string")
    ok = (pd.to_numeric(frame.get("geo_precision"), errors="coerce") == 1).fillna(False)
    ok &= (col("sensitivity") == "public").fillna(False)
    ok &= ~col("category").isin(sorted(SENSITIVE_CATEGORIES)).fillna(False)
    ok &= ~col("verification_status").isin(EXCLUDED_STATUSES).fillna(False)
    ok &= (col("source_dataset") != SYNTHETIC_SOURCE).fillna(True)
    if "deleted" in frame.columns:
        ok &= ~frame["deleted"].astype("boolean").fillna(False)
    return ok.astype(bool)


def eligible_learned(conn: sa.Connection) -> pd.DataFrame:
    """The stored learned rows that public, confirmed incident rows still support.

    Returns the ``learned_places`` columns (the ``Gazetteer.learn`` input layout) plus
    ``n_support`` (public rows with the same name key within ``SAME_SPOT_M``) and
    ``reviewed`` (one of them verified); rows without such support are left out.
    """
    from geo.crs import to_metric
    from geo.gazetteer import SAME_SPOT_M
    from geo.translit import normalize_name

    lp, t = tables.learned_places, tables.incidents
    learned = pd.read_sql(sa.select(lp).order_by(lp.c.learned_id), conn)
    rows = pd.read_sql(sa.select(t.c.location, t.c.lon, t.c.lat, t.c.verification_status)
                       .where(teaching_condition(t)), conn)
    if learned.empty or rows.empty:
        return learned.iloc[0:0].assign(n_support=pd.Series(dtype="int64"),
                                        reviewed=pd.Series(dtype=bool))
    key_of = {}

    def key(v: object) -> str:
        s = str(v)
        if s not in key_of:
            key_of[s] = normalize_name(s)
        return key_of[s]

    r_key = rows["location"].map(key).to_numpy(dtype=object)
    rx, ry = to_metric(rows["lon"].to_numpy(float), rows["lat"].to_numpy(float))
    r_rev = rows["verification_status"].isin(REVIEWED_STATUSES).to_numpy(dtype=bool)
    l_key = learned["location"].map(key).to_numpy(dtype=object)
    lx, ly = to_metric(learned["lon"].to_numpy(float), learned["lat"].to_numpy(float))
    support = np.zeros(len(learned), dtype=np.int64)
    reviewed = np.zeros(len(learned), dtype=bool)
    by_key: dict[str, np.ndarray] = {}
    for k in set(l_key):
        by_key[k] = np.flatnonzero(r_key == k)
    for i in range(len(learned)):
        idx = by_key.get(l_key[i], np.empty(0, dtype=int))
        if not len(idx):
            continue
        near = idx[np.hypot(rx[idx] - lx[i], ry[idx] - ly[i]) <= SAME_SPOT_M]
        support[i] = len(near)
        reviewed[i] = bool(r_rev[near].any())
    learned["n_support"] = support
    learned["reviewed"] = reviewed
    keep = reviewed | (support >= MIN_SUPPORT_ROWS)
    return learned[keep].reset_index(drop=True)


def learned_signature(conn: sa.Connection) -> str:
    """Changes whenever the set of rows that may teach names changes (cache key): the
    learned rows and the public precision-1 rows (count, sum of numbers, last update)."""
    lp, t = tables.learned_places, tables.incidents
    a = conn.execute(sa.select(sa.func.count(), sa.func.max(lp.c.learned_id))).one()
    b = conn.execute(sa.select(sa.func.count(), sa.func.sum(t.c.seq), sa.func.max(
        t.c.updated_at)).where(teaching_condition(t))).one()
    return f"{a[0]}:{a[1]}:{b[0]}:{b[1]}:{b[2]}"
