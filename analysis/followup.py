"""Follow-up of recommended pairs and hotspots: what changed since the last review — the
list a programme officer reads on Monday morning (app and ``python -m analysis changes``).

Inputs: the current hotspots (``HotspotResult.clusters``), pairs
(:func:`analysis.pairing.recommend_pairs`), the incidents, and the reviews
(:class:`incidents.review_store.ReviewStore`). A hotspot's review is found by its id or by
its centroid within ``near_m`` (hotspot numbers follow the ranking and may change); a pair's
by its two community ids. ``since`` (a date) replaces the review dates when given.

One row per change, columns :data:`CHANGE_COLUMNS` (``subject_name``: a hotspot's ``places``,
a pair's two community names, "KG name – TJ name"); ``what`` is one of :data:`CHANGES`:

- ``new_incidents``: incidents of the hotspot dated after the review (``n`` of them, the
  first ids in ``detail``);
- ``now_parallel``: a pair recommended *parallel* now, that was *joint* at its review (or
  decided "pair now"), or whose armed incident is dated after the review; ``detail`` names
  the incidents and their dates;
- ``now_intensifying``: a hotspot whose emerging class is *intensifying* now and was not at
  its review;
- ``never_reviewed``: a hotspot or pair without any review (only when no ``since`` is given).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.crs import to_metric

CHANGES: tuple[str, ...] = ("now_parallel", "now_intensifying", "new_incidents",
                            "never_reviewed")
CHANGE_COLUMNS: tuple[str, ...] = ("what", "kind", "subject_id", "subject_name", "hotspot_id",
                                   "since", "last_decision", "n", "detail")
MAX_IDS = 5


def _hotspot_reviews(clusters: pd.DataFrame, reviews: pd.DataFrame, near_m: float
                     ) -> list[dict | None]:
    rev = reviews[reviews["subject_kind"] == "hotspot"] if len(reviews) else reviews
    if len(clusters) == 0:
        return []
    if rev is None or len(rev) == 0:
        return [None] * len(clusters)
    cx, cy = to_metric(clusters["centroid_lon"].to_numpy(float),
                       clusters["centroid_lat"].to_numpy(float))
    rx, ry = to_metric(pd.to_numeric(rev["lon"]).to_numpy(float),
                       pd.to_numeric(rev["lat"]).to_numpy(float))
    dist = np.hypot(cx[:, None] - rx[None, :], cy[:, None] - ry[None, :])
    same_id = clusters["hotspot_id"].astype(str).to_numpy()[:, None] == \
        rev["subject_id"].astype(str).to_numpy()[None, :]
    match = (dist <= near_m) | (same_id & np.isnan(dist))
    order = rev["reviewed_on"].to_numpy()
    out = []
    for i in range(len(clusters)):
        hits = np.flatnonzero(match[i])
        out.append(rev.iloc[hits[np.argmax(order[hits])]].to_dict() if len(hits) else None)
    return out


def _row(what, kind, subject, hid, since, review, n=None, detail="", name=None) -> dict:
    return {"what": what, "kind": kind, "subject_id": subject, "subject_name": name,
            "hotspot_id": hid, "since": since,
            "last_decision": review.get("decision") if review else None, "n": n,
            "detail": detail}


def _name(*parts) -> str | None:
    """" – "-joined names (a pair's two communities), None when one is missing."""
    names = [p for p in parts if isinstance(p, str) and p.strip()]
    return " – ".join(names) if len(names) == len(parts) else None


def changes(clusters: pd.DataFrame, pairs: pd.DataFrame | None, incidents: pd.DataFrame,
            reviews: pd.DataFrame, since: pd.Timestamp | str | None = None,
            near_m: float = 2000.0, with_ids: bool = True) -> pd.DataFrame:
    """What changed since each subject's last review (or since ``since``); see the module
    docstring. Ordered: pairs turned parallel, hotspots turned intensifying, new incidents
    (most first), never reviewed. ``with_ids=False`` (public outputs) names no incident id:
    only the dates of armed incidents."""
    since_all = pd.Timestamp(since) if since is not None else None
    dates = pd.Series(pd.to_datetime(incidents["event_date"], errors="coerce").to_numpy(),
                      index=incidents["event_id"].astype(str))
    rows = []
    for h, review in zip(clusters.to_dict("records"),
                         _hotspot_reviews(clusters, reviews, near_m), strict=True):
        hid = str(h["hotspot_id"])
        name = _name(h.get("places"))
        since_h = since_all if since_all is not None else (
            pd.Timestamp(review["reviewed_on"]) if review else None)
        if since_h is None:
            rows.append(_row("never_reviewed", "hotspot", hid, hid, None, None,
                             int(h["n_incidents"]), name=name))
            continue
        ids = [i for i in str(h.get("event_ids") or "").split(";") if i]
        new = sorted(i for i in ids if i in dates.index and dates[i] > since_h)
        if new:
            listed = ";".join(new[:MAX_IDS]) + (";…" if len(new) > MAX_IDS else "")
            rows.append(_row("new_incidents", "hotspot", hid, hid, since_h, review, len(new),
                             listed if with_ids else "", name=name))
        cls = h.get("emerging_class")
        before = review.get("emerging_at_review") if review else None
        if cls == "intensifying" and before != "intensifying":
            rows.append(_row("now_intensifying", "hotspot", hid, hid, since_h, review,
                             detail=str(before or ""), name=name))
    reviewed = reviews[reviews["subject_kind"] == "pair"] if len(reviews) else reviews
    latest = {r["subject_id"]: r for r in reviewed.to_dict("records")} if len(reviewed) else {}
    for p in (pairs.to_dict("records") if pairs is not None else []):
        subject = f"{p['kg_community_id']}|{p['tj_community_id']}"
        name = _name(p.get("kg_name"), p.get("tj_name"))
        review = latest.get(subject)
        since_p = since_all if since_all is not None else (
            pd.Timestamp(review["reviewed_on"]) if review else None)
        if since_p is None:
            rows.append(_row("never_reviewed", "pair", subject, p["hotspot_id"], None, None,
                             name=name))
            continue
        if p.get("mode") != "parallel":
            continue
        trig = [pd.Timestamp(d) for d in str(p.get("triggering_dates") or "").split(";") if d]
        was_joint = review is not None and (review.get("mode_at_review") == "joint"
                                            or review.get("decision") == "pair_now")
        if was_joint or any(d > since_p for d in trig):
            detail = ", ".join(f"{i} ({d})" if with_ids else d for i, d in zip(
                str(p.get("triggering_event_ids") or "").split(";"),
                str(p.get("triggering_dates") or "").split(";"), strict=False) if i)
            rows.append(_row("now_parallel", "pair", subject, p["hotspot_id"], since_p, review,
                             len(trig), detail, name=name))
    out = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    out["n"] = pd.to_numeric(out["n"]).astype("Int64")
    out["_o"] = out["what"].map({w: i for i, w in enumerate(CHANGES)})
    out["_n"] = -pd.to_numeric(out["n"], errors="coerce").fillna(0)
    return out.sort_values(["_o", "_n", "subject_id"]).drop(columns=["_o", "_n"]) \
        .reset_index(drop=True)
