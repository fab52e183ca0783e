"""Quality gate for point statistics, counts per admin unit and the recurrence list.

Point statistics (DBSCAN, Gi*, emerging) use only incidents with ``geo_precision`` 1–2 and
coordinates inside the study area. Everything else is still counted per admin unit.

``admin_counts`` columns (one row per admin unit, sorted by ``n_incidents`` descending):
``admin_unit`` (COD-AB ``admin2_name``, else ``admin2_given`` as in the source, else
"unknown"), ``side`` (most common side, may be NA), ``n_incidents`` (all incidents),
``n_point_usable`` (precision 1–2 in the study area), ``n_region_only`` (precision 3),
``n_unresolved`` (no coordinates or no precision), ``n_<category>`` per category.

``recurrence`` columns (one row per location that had ≥ ``min_incidents`` incidents of
≥ ``min_types`` categories within ``window_days``; the window with most incidents is shown):
``location`` (place name as given; else admin unit), ``n_incidents``, ``n_types``,
``categories`` (';'-joined), ``window_start``, ``window_end``, ``event_ids`` (';'-joined),
``lon``, ``lat`` (mean of the incidents that have coordinates; NaN if none).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geo.crs import to_metric
from incidents.schema import CATEGORIES

EXCLUSION_REASONS: dict[str, str] = {
    "reviewed_out": "marked duplicate or rejected by a reviewer: left out of every count",
    "region_only_precision_3": "geo_precision 3 (region only): counted per admin unit only",
    "unresolved_location": "no coordinates or no geo_precision: counted per admin unit only",
    "outside_study_area": "coordinates outside the study area",
}


# verification statuses whose incidents no count includes (a duplicate would be counted
# twice; a rejected report did not happen as reported); they stay in the store and on the map
LEFT_OUT_STATUSES: tuple[str, ...] = ("duplicate", "rejected")


def reviewed_out(incidents: pd.DataFrame) -> np.ndarray:
    """Mask of the incidents a reviewer marked duplicate or rejected."""
    if "verification_status" not in incidents:
        return np.zeros(len(incidents), bool)
    return incidents["verification_status"].astype(object).isin(LEFT_OUT_STATUSES).to_numpy()


def quality_gate(incidents: pd.DataFrame, study_area_m) -> tuple[np.ndarray, np.ndarray,
                                                                 np.ndarray, dict[str, int]]:
    """``(usable_mask, x_m, y_m, excluded)`` for point statistics.

    ``x_m, y_m`` are metric coordinates of every row (NaN when unresolved); ``excluded`` maps
    each reason of :data:`EXCLUSION_REASONS` to the number of rows it removed (a row is
    counted under its first reason only).
    """
    missing = [c for c in ("lon", "lat", "geo_precision") if c not in incidents.columns]
    if missing:
        raise ValueError(f"incident frame lacks column(s) {missing}")
    lon = pd.to_numeric(incidents["lon"], errors="coerce").to_numpy(float)
    lat = pd.to_numeric(incidents["lat"], errors="coerce").to_numpy(float)
    prec = pd.to_numeric(incidents["geo_precision"], errors="coerce").to_numpy(float)
    unresolved = np.isnan(lon) | np.isnan(lat) | np.isnan(prec)
    region_only = ~unresolved & (prec >= 3)
    x, y = to_metric(np.where(unresolved, 0.0, lon), np.where(unresolved, 0.0, lat))
    x = np.where(unresolved, np.nan, x)
    y = np.where(unresolved, np.nan, y)
    candidate = ~unresolved & ~region_only
    inside = np.zeros(len(lon), bool)
    if candidate.any():
        shapely.prepare(study_area_m)
        inside[candidate] = shapely.contains_xy(study_area_m, x[candidate], y[candidate])
    outside = candidate & ~inside
    excluded = {
        "region_only_precision_3": int(region_only.sum()),
        "unresolved_location": int(unresolved.sum()),
        "outside_study_area": int(outside.sum()),
    }
    return candidate & inside, x, y, excluded


def admin_units(incidents: pd.DataFrame) -> pd.Series:
    """Admin unit name per row: ``admin2_name`` (COD-AB), else ``admin2_given``, else 'unknown'."""
    unit = pd.Series(pd.NA, index=incidents.index, dtype="object")
    for col in ("admin2_given", "admin2_name"):  # later columns win
        if col in incidents.columns:
            vals = incidents[col].astype(object)
            vals = vals.where(vals.notna() & (vals.astype(str).str.strip() != ""))
            unit = vals.where(vals.notna(), unit)
    return unit.fillna("unknown").astype(str)


def admin_counts(incidents: pd.DataFrame, usable: np.ndarray) -> pd.DataFrame:
    """Counts per admin unit, including region-only and unresolved incidents."""
    prec = pd.to_numeric(incidents["geo_precision"], errors="coerce")
    has_xy = incidents["lon"].notna() & incidents["lat"].notna()
    d = pd.DataFrame({
        "admin_unit": admin_units(incidents).to_numpy(),
        "side": incidents["side"].astype(object).to_numpy() if "side" in incidents else pd.NA,
        "category": incidents["category"].astype(object).fillna("other").to_numpy(),
        "usable": np.asarray(usable, bool),
        "region_only": (prec >= 3).fillna(False).to_numpy(bool),
        "unresolved": (~has_xy | prec.isna()).to_numpy(bool),
    })
    cols = ["admin_unit", "side", "n_incidents", "n_point_usable", "n_region_only",
            "n_unresolved", *[f"n_{c}" for c in CATEGORIES]]
    if d.empty:
        return pd.DataFrame(columns=cols)
    g = d.groupby("admin_unit")
    out = pd.DataFrame({
        "n_incidents": g.size(),
        "n_point_usable": g["usable"].sum(),
        "n_region_only": g["region_only"].sum(),
        "n_unresolved": g["unresolved"].sum(),
    })
    out["side"] = g["side"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else pd.NA)
    # = pd.crosstab(admin_unit, category) on out's rows and the schema categories
    row = out.index.get_indexer(d["admin_unit"])
    col = pd.Index(list(CATEGORIES)).get_indexer(d["category"])
    known = col >= 0
    cats = np.bincount(row[known] * len(CATEGORIES) + col[known],
                       minlength=len(out) * len(CATEGORIES)).reshape(len(out), len(CATEGORIES))
    for k, c in enumerate(CATEGORIES):
        out[f"n_{c}"] = cats[:, k]
    out = out.reset_index().sort_values(["n_incidents", "admin_unit"], ascending=[False, True])
    return out[cols].reset_index(drop=True)


def _best_windows(key: np.ndarray, dates: np.ndarray, category: np.ndarray,
                  min_incidents: int, min_types: int, window_days: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Rows ``[start, end)`` of the chosen window of each location, in location order.

    Rows are sorted by ``key`` then ``dates`` (datetime64); a window starts at a row and
    holds the rows of the same key dated ≤ its date + ``window_days`` days. Of the windows
    with ≥ ``min_incidents`` rows of ≥ ``min_types`` categories the longest is chosen, ties →
    the earliest start; keys without such a window are left out.
    """
    n = len(key)
    if n == 0:
        return np.empty(0, dtype=int), np.empty(0, dtype=int)
    new_key = np.ones(n, bool)
    new_key[1:] = key[1:] != key[:-1]
    gid = np.cumsum(new_key) - 1
    # end of each window = number of rows with (key, date) <= (its key, its date + span): its
    # rank when the rows and these queries are sorted together, rows first on ties
    t = dates.view(np.int64)
    tq = (dates + np.timedelta64(window_days, "D")).astype(dates.dtype).view(np.int64)
    order = np.lexsort((np.r_[np.zeros(n), np.ones(n)], np.r_[t, tq], np.r_[gid, gid]))
    rank = np.empty(2 * n, dtype=np.int64)
    rank[order] = np.arange(2 * n)
    start = np.arange(n)
    end = rank[n:] - start  # queries before query i: exactly i (they sort like the rows)
    length = end - start
    # categories in [start, end): those whose first occurrence at or after start is before end
    codes, _ = pd.factorize(category)
    n_types = np.zeros(n, dtype=np.int64)
    for c in range(codes.max() + 1):
        pos = np.flatnonzero(codes == c)
        n_types += np.searchsorted(pos, end) > np.searchsorted(pos, start)
    ok = np.flatnonzero((length >= min_incidents) & (n_types >= min_types))
    ok = ok[np.lexsort((ok, -length[ok], gid[ok]))]
    first = np.ones(len(ok), bool)
    first[1:] = gid[ok[1:]] != gid[ok[:-1]]
    return start[ok[first]], end[ok[first]]


def recurrence(incidents: pd.DataFrame, min_incidents: int = 3, min_types: int = 2,
               window_days: int = 365) -> pd.DataFrame:
    """Locations with ≥ ``min_incidents`` incidents of ≥ ``min_types`` categories within
    any window of ``window_days`` days (peers-and-methods §3.8, tier 2)."""
    cols = ["location", "n_incidents", "n_types", "categories", "window_start", "window_end",
            "event_ids", "lon", "lat"]
    loc = incidents["location"].astype(object) if "location" in incidents else None
    name = admin_units(incidents)
    if loc is not None:
        clean = loc.where(loc.notna() & (loc.astype(str).str.strip() != ""))
        name = clean.astype(object).where(clean.notna(), name).astype(str).str.strip()
    d = pd.DataFrame({
        "location": name.to_numpy(), "key": name.str.casefold().to_numpy(),
        "date": pd.to_datetime(incidents["event_date"]).to_numpy(),
        "category": incidents["category"].astype(object).fillna("other").to_numpy(),
        "event_id": incidents["event_id"].astype(str).to_numpy(),
        "lon": pd.to_numeric(incidents["lon"], errors="coerce").to_numpy(float),
        "lat": pd.to_numeric(incidents["lat"], errors="coerce").to_numpy(float),
    }).dropna(subset=["date"]).sort_values(["key", "date", "event_id"])
    d = d[d["key"] != "unknown"]
    counts = d.groupby("key")["key"].transform("size")
    d = d[counts >= min_incidents]
    rows = []
    dates, cat = d["date"].to_numpy(), d["category"].to_numpy(dtype=object)
    location, event_id = d["location"].to_numpy(dtype=object), d["event_id"].to_numpy(dtype=object)
    lon, lat = d["lon"], d["lat"]
    for s, e in zip(*_best_windows(d["key"].to_numpy(dtype=object), dates, cat, min_incidents,
                                   min_types, window_days), strict=True):
        cats = sorted(set(cat[s:e]))
        rows.append({
            "location": location[s], "n_incidents": int(e - s), "n_types": len(cats),
            "categories": ";".join(cats), "window_start": pd.Timestamp(dates[s]),
            "window_end": pd.Timestamp(dates[e - 1]), "event_ids": ";".join(event_id[s:e]),
            "lon": lon.iloc[s:e].mean(), "lat": lat.iloc[s:e].mean(),
        })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["n_incidents", "location"], ascending=[False, True],
                           ignore_index=True)
