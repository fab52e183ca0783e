"""Coverage gaps: hotspots without an active mechanism nearby, with proposed target locations.

For each hotspot the sides that matter are KG and TJ when it is cross-border (see
:func:`analysis.pairing.is_cross_border`), otherwise the sides its incidents are on. A side is a
*gap* when no registry row of that side with ``status == "active"`` lies within ``radius_m``
of the hotspot hull. The proposed new target location is the nearest candidate community
(``status == "candidate"``, e.g. from :func:`analysis.registry.candidates_from_gazetteer`) of
the missing side; the next ones are listed as alternatives.

Columns (:data:`GAP_COLUMNS`), one row per (hotspot, missing side), ``gap_rank`` 1 first
(by hotspot score): ``gap_rank, hotspot_id, hotspot_rank, hotspot_score, n_incidents, sides,
missing_side, proposed_community_id, proposed_name, proposed_lon, proposed_lat,
proposed_dist_m, alternatives, nearby_inactive, why, why_params, centroid_lon, centroid_lat``.
``why`` is in English; ``why_params`` holds the same as JSON (:class:`analysis.why.GapWhy`),
rendered in the user's language by ``i18n.why_text``. ``proposed_*`` are NA when the registry
has no candidate on that side; then the point geometry (:func:`gaps_geodataframe`) is the
hotspot centroid.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.pairing import PairingParams, hotspots_metric, is_cross_border, registry_points
from analysis.registry import conform_registry, registry_sides
from analysis.why import GapWhy, text_or_none

GAP_COLUMNS: tuple[str, ...] = (
    "gap_rank", "hotspot_id", "hotspot_rank", "hotspot_score", "n_incidents", "sides",
    "missing_side", "proposed_community_id", "proposed_name", "proposed_lon", "proposed_lat",
    "proposed_dist_m", "alternatives", "nearby_inactive", "why", "why_params", "centroid_lon",
    "centroid_lat",
)


def coverage_gaps(hotspots: gpd.GeoDataFrame, registry: pd.DataFrame,
                  params: PairingParams | None = None, n_alternatives: int = 2
                  ) -> pd.DataFrame:
    """Hotspot sides with no active mechanism within ``params.radius_m`` (see module doc)."""
    params = params or PairingParams()
    if hotspots.empty:
        return pd.DataFrame(columns=list(GAP_COLUMNS))
    registry = conform_registry(registry).dropna(subset=["lon", "lat"]).reset_index(drop=True)
    hulls = hotspots_metric(hotspots)
    x, y = registry_points(registry)
    pts = shapely.points(x, y)
    side = registry_sides(registry).to_numpy()
    status = registry["status"].astype(object).to_numpy()
    crossing = is_cross_border(hotspots, params.cross_border_dist_m)
    km = params.radius_m / 1000
    rows = []
    for hi in range(len(hotspots)):
        h = hotspots.iloc[hi]
        wanted = ["KG", "TJ"] if crossing[hi] else \
            [s for s, col in (("KG", "n_kg_side"), ("TJ", "n_tj_side")) if h[col] > 0]
        dist = shapely.distance(hulls[hi], pts) if len(pts) else np.empty(0)
        for s in wanted:
            on_side = side == s
            near = on_side & (dist <= params.radius_m)
            if (near & (status == "active")).any():
                continue
            inactive = registry[near & (status != "active") & (status != "candidate")]
            cand = np.flatnonzero(on_side & (status == "candidate"))
            cand = cand[np.argsort(dist[cand], kind="mergesort")][: n_alternatives + 1]
            best = registry.iloc[cand[0]] if len(cand) else None
            why = GapWhy(
                hotspot_id=str(h["hotspot_id"]), n_incidents=int(h["n_incidents"]),
                sides=str(h["sides"]), radius_km=km, side=s,
                inactive=tuple((str(n), text_or_none(ru), str(st)) for n, ru, st in zip(
                    inactive["name_en"], inactive["name_ru"], inactive["status"], strict=True)),
                best=(str(best["name_en"]), text_or_none(best.get("name_ru")),
                      float(dist[cand[0]]) / 1000) if best is not None else None)
            rows.append({
                "hotspot_id": h["hotspot_id"], "hotspot_rank": h.get("rank"),
                "hotspot_score": h.get("score"), "n_incidents": h["n_incidents"],
                "sides": h["sides"], "missing_side": s,
                "proposed_community_id": best["community_id"] if best is not None else pd.NA,
                "proposed_name": best["name_en"] if best is not None else pd.NA,
                "proposed_lon": best["lon"] if best is not None else np.nan,
                "proposed_lat": best["lat"] if best is not None else np.nan,
                "proposed_dist_m": float(dist[cand[0]]) if best is not None else np.nan,
                "alternatives": ";".join(registry["name_en"].iloc[cand[1:]].astype(str)),
                "nearby_inactive": ";".join(inactive["name_en"].astype(str)),
                "why": str(why), "why_params": why.to_json(),
                "centroid_lon": h["centroid_lon"], "centroid_lat": h["centroid_lat"],
            })
    out = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    if out.empty:
        return out
    out = out.sort_values(["hotspot_score", "hotspot_id", "missing_side"],
                          ascending=[False, True, True], kind="mergesort")
    out["gap_rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def gaps_geodataframe(gaps: pd.DataFrame) -> gpd.GeoDataFrame:
    """Gaps as points (EPSG:4326): the proposed location, else the hotspot centroid."""
    lon = gaps["proposed_lon"].astype(float).fillna(gaps["centroid_lon"].astype(float))
    lat = gaps["proposed_lat"].astype(float).fillna(gaps["centroid_lat"].astype(float))
    return gpd.GeoDataFrame(gaps.copy(), geometry=gpd.points_from_xy(lon, lat), crs=4326)
