"""Public versions of the analysis tables (hotspots, pairs, gaps, recurrence): issue 15.

The analysis behind a public product runs on public records only
(:func:`sharing.visibility.public_rows`); these functions then take out what still points
at single incidents:

- hotspot hulls (their corners are incident points) become circles around the hull centre
  padded by :data:`HULL_PAD_M`; ``event_ids`` go; centres are rounded to
  :data:`COORD_DECIMALS` decimals (about 1 km); ``min_border_dist_m`` becomes a band;
- pairs keep their two communities (registry locations, never incident points or learned
  places); gaps keep the proposed community, the hotspot centre is rounded;
- recurrence rows lose their event ids and their points are rounded.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import METRIC_CRS
from sharing.fields import border_dist_band

HULL_PAD_M = 2000.0
COORD_DECIMALS = 2
_ROUNDED = ("centroid_lon", "centroid_lat", "lon", "lat")


def approximate_circles(hulls_m: np.ndarray, pad_m: float = HULL_PAD_M) -> np.ndarray:
    """Circles (METRIC_CRS) around each hull's centre, of the hull's equal-area radius plus
    ``pad_m``: they cover the hotspot without drawing any incident point."""
    centre = shapely.centroid(hulls_m)
    radius = np.sqrt(shapely.area(hulls_m) / np.pi) + pad_m
    return shapely.buffer(centre, radius, quad_segs=24)


def _round(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in _ROUNDED:
        if col in out.columns:
            out[col] = pd.to_numeric(out[col], errors="coerce").round(COORD_DECIMALS)
    return out


def public_clusters(clusters: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """Hotspot clusters for a public output (see the module docstring)."""
    if clusters is None or len(clusters) == 0:
        return clusters
    out = _round(clusters.drop(columns=[c for c in ("event_ids",) if c in clusters.columns]))
    if "min_border_dist_m" in out.columns:
        out["min_border_dist_m"] = border_dist_band(out["min_border_dist_m"])
        out = out.rename(columns={"min_border_dist_m": "border_dist_band"})
    if isinstance(clusters, gpd.GeoDataFrame) and clusters.geometry is not None:
        hulls = np.asarray(clusters.geometry.to_crs(METRIC_CRS).to_numpy())
        circles = gpd.GeoSeries(approximate_circles(hulls), crs=METRIC_CRS).to_crs(
            clusters.crs or 4326)
        out = gpd.GeoDataFrame(out, geometry=circles.values, crs=clusters.crs or 4326)
    return out


def public_gaps(gaps: pd.DataFrame | None) -> pd.DataFrame | None:
    """Coverage gaps for a public output: the hotspot centre rounded."""
    return gaps if gaps is None else _round_keep_geometry(gaps)


def public_recurrence(rec: pd.DataFrame) -> pd.DataFrame:
    """Recurrence rows without event ids, points rounded."""
    out = rec.drop(columns=[c for c in ("event_ids",) if c in rec.columns])
    return _round_keep_geometry(out)


def _round_keep_geometry(frame: pd.DataFrame) -> pd.DataFrame:
    out = _round(frame)
    if isinstance(frame, gpd.GeoDataFrame) and "lon" in out.columns and "lat" in out.columns:
        out = gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]),
                               crs=frame.crs or 4326)
    return out


def matching_hotspot(hotspot_id: str, clusters: pd.DataFrame,
                     public: pd.DataFrame | None) -> str | None:
    """The hotspot of the public analysis (``public``) that shares most incidents with
    ``hotspot_id`` of ``clusters`` (the analysis of all records), or None when it shares
    none: a hotspot that only internal or restricted records make has no public brief."""
    if public is None or len(public) == 0 or "event_ids" not in clusters.columns:
        return None
    row = clusters[clusters["hotspot_id"].astype(str) == str(hotspot_id)]
    if row.empty:
        return None
    mine = set(str(row["event_ids"].iloc[0] or "").split(";")) - {""}
    shared = [len(mine & (set(str(ids or "").split(";")) - {""}))
              for ids in public["event_ids"]]
    best = int(np.argmax(shared)) if shared else -1
    return str(public["hotspot_id"].iloc[best]) if best >= 0 and shared[best] > 0 else None


def settlement_place_names(clusters: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """``clusters`` with ``places`` named from the nearest shipped settlements of their
    incidents only (``nearest_place``), never from the place names the records give
    (``location``: free text that can name a house; dropped from public files)."""
    if clusters is None or len(clusters) == 0 or "event_ids" not in clusters.columns:
        return clusters
    from analysis.cluster_names import cluster_names
    by_id = incidents.set_index(incidents["event_id"].astype(str))
    labels, rows = [], []
    for k, ids in enumerate(clusters["event_ids"].astype(str)):
        hit = [i for i in ids.split(";") if i in by_id.index]
        labels += [k] * len(hit)
        rows += hit
    out = clusters.copy()
    if not rows:
        out["places"] = pd.Series(pd.NA, index=out.index, dtype="string")
        return out
    sub = by_id.loc[rows]
    names = cluster_names(np.asarray(labels), pd.Series(pd.NA, index=sub.index, dtype=object),
                          sub["nearest_place"], sub["nearest_place_dist_m"], sub["side"])
    out["places"] = pd.array([names.get(k, pd.NA) for k in range(len(out))], dtype="string")
    return out
