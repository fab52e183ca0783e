"""Pairing recommendations: one Kyrgyz and one Tajik community per cross-border hotspot.

A hotspot (row of ``HotspotResult.clusters``) is *cross-border* when its incidents lie on both
sides or it comes within ``cross_border_dist_m`` (default 5 km) of the KG–TJ line. Candidate
pairs are every KG × TJ combination of registry communities within ``radius_m`` (default
10 km) of the hotspot hull. Each pair gets components (0–1):

- ``score_shared``: shared prioritised categories / the smaller priority list (case-6 rule);
- ``score_incident_share``: share of the hotspot's incidents in the shared categories;
- ``score_distance``: ``1 - mean distance of the two communities to the hull / radius_m``;
- ``score_hotspot``: the hotspot's ranking score;
- ``score_status``: mean status preference (active 1, planned 0.6, candidate 0.3,
  suspended 0.1): existing active mechanisms first.

``score`` is the weighted mean (:class:`PairingWeights`). Pairs that share at least one
prioritised problem always rank above pairs that share none (case-6 rule), then by score.

Mode: **parallel** when an armed state-force incident — a ``border_guard_incident`` with
fatalities > 0, or whose ``sub_event_type``/``event_type``/``notes`` indicates an exchange of
fire or armed clash — lies within ``armed_radius_m`` (15 km) of the hotspot in the
``armed_window_days`` (90) before the analysis date (``as_of``, default today:
:func:`analysis.dates.analysis_date`; never the newest incident, which one new row would
shift); their ids and dates are named, and the why says the window in words ("in the 90
days before 30 April 2025"). Otherwise **joint**.

A pair is always one community administered by Kyrgyzstan and one by Tajikistan, by the
registry's ``iso3`` (the administering country), never by a line.

Output columns (:data:`PAIR_COLUMNS`): ``hotspot_id, hotspot_rank, kg_community_id, kg_name,
kg_status, tj_community_id, tj_name, tj_status, kg_lon, kg_lat, tj_lon, tj_lat, kg_dist_m,
tj_dist_m, pair_dist_m, shared_priorities, score, score_<components>, mode,
triggering_event_ids, triggering_dates, illustrative, why, why_params``. ``why`` is the
English explanation; ``why_params`` the same as JSON (:class:`analysis.why.PairWhy`), which
``i18n.why_text`` renders in the user's language.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.dates import analysis_date
from analysis.registry import conform_registry, registry_sides
from analysis.why import PairWhy, text_or_none
from geo.crs import METRIC_CRS, to_metric

PAIR_COMPONENTS = ("shared", "incident_share", "distance", "hotspot", "status")
PAIR_COLUMNS: tuple[str, ...] = (
    "hotspot_id", "hotspot_rank", "kg_community_id", "kg_name", "kg_status", "tj_community_id",
    "tj_name", "tj_status", "kg_lon", "kg_lat", "tj_lon", "tj_lat", "kg_dist_m", "tj_dist_m",
    "pair_dist_m", "shared_priorities", "score", *[f"score_{c}" for c in PAIR_COMPONENTS],
    "mode", "triggering_event_ids", "triggering_dates", "illustrative", "why", "why_params",
)
ARMED_PATTERN = (r"armed clash|exchange of fire|exchanged fire|gunfire|shoot|shelling|"
                 r"artillery|mortar|drone strike|air/drone|"
                 r"перестрелк|обстрел|стрельб")


@dataclass(frozen=True)
class PairingWeights:
    """Weights of the pair score components (non-negative)."""

    shared: float = 2.0
    incident_share: float = 1.0
    distance: float = 1.0
    hotspot: float = 1.0
    status: float = 1.0


@dataclass(frozen=True)
class PairingParams:
    """Parameters of :func:`recommend_pairs` and :func:`analysis.gaps.coverage_gaps` (metres)."""

    radius_m: float = 10000.0
    cross_border_dist_m: float = 5000.0
    armed_radius_m: float = 15000.0
    armed_window_days: int = 90
    as_of: pd.Timestamp | None = None
    max_pairs_per_hotspot: int = 5
    status_preference: tuple[tuple[str, float], ...] = (
        ("active", 1.0), ("planned", 0.6), ("candidate", 0.3), ("suspended", 0.1))
    weights: PairingWeights = field(default_factory=PairingWeights)


def _prios(value) -> set[str]:
    return {p for p in str(value).split(";") if p.strip()} if pd.notna(value) else set()


def hotspots_metric(hotspots: gpd.GeoDataFrame) -> np.ndarray:
    """Hotspot hulls in METRIC_CRS (shapely array)."""
    return np.asarray(hotspots.geometry.to_crs(METRIC_CRS).to_numpy())


def registry_points(registry: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Community locations as metric x, y arrays."""
    return to_metric(registry["lon"].to_numpy(float), registry["lat"].to_numpy(float))


def is_cross_border(hotspots: pd.DataFrame, cross_border_dist_m: float) -> np.ndarray:
    """Hotspots with incidents on both (resolved) sides, an incident whose side is
    contested, or within the distance of the KG–TJ line."""
    both = (hotspots["n_kg_side"].to_numpy() > 0) & (hotspots["n_tj_side"].to_numpy() > 0)
    if "n_contested" in hotspots.columns:
        both |= hotspots["n_contested"].fillna(0).to_numpy() > 0
    near = hotspots["min_border_dist_m"].to_numpy(float) <= cross_border_dist_m
    return both | np.nan_to_num(near, nan=0).astype(bool)


def armed_incidents(incidents: pd.DataFrame) -> pd.Series:
    """Mask of armed state-force incidents (see the module docstring)."""
    bg = incidents["category"].astype(object) == "border_guard_incident"
    fat = pd.to_numeric(incidents["fatalities"], errors="coerce").fillna(0) > 0
    text = pd.Series("", index=incidents.index)
    for col in ("sub_event_type", "event_type", "notes"):
        if col in incidents.columns:
            text = text + " " + incidents[col].astype(object).fillna("").astype(str)
    fire = text.str.contains(ARMED_PATTERN, case=False, regex=True)
    return (bg & (fat | fire)).fillna(False).astype(bool)


def _triggers(hull_m, incidents: pd.DataFrame, armed_xy, dates: np.ndarray, as_of,
              params: PairingParams):
    """The armed incidents (``incidents``, at ``armed_xy`` metres, on ``dates``) within the
    radius of the hull in the window before ``as_of``, by date and id."""
    if as_of is None or not len(incidents):
        return incidents.iloc[0:0]
    x, y = armed_xy
    start = as_of - pd.Timedelta(days=params.armed_window_days)
    dist = shapely.distance(hull_m, shapely.points(x, y))
    hit = (dist <= params.armed_radius_m) & (dates >= start.to_datetime64()) \
        & (dates <= as_of.to_datetime64())
    return incidents[hit].sort_values(["event_date", "event_id"])


def _why(h: dict, extent_km: float, kg: dict, tj: dict, shared: list[str],
         trig: pd.DataFrame, params: PairingParams, as_of: pd.Timestamp) -> PairWhy:
    counts = json.loads(h["counts_by_category"]) if isinstance(h["counts_by_category"], str) \
        else {}
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return PairWhy(
        hotspot_id=str(h["hotspot_id"]), top=tuple((c, int(n)) for c, n in top),
        n_incidents=int(h["n_incidents"]), extent_km=float(extent_km),
        since=f"{pd.Timestamp(h['first_date']):%Y-%m}",
        kg_name=str(kg["name_en"]), kg_name_ru=text_or_none(kg.get("name_ru")),
        tj_name=str(tj["name_en"]), tj_name_ru=text_or_none(tj.get("name_ru")),
        shared=tuple(shared),
        triggers=tuple((str(e), f"{pd.Timestamp(d):%Y-%m-%d}")
                       for e, d in zip(trig["event_id"], trig["event_date"], strict=True)),
        armed_km=params.armed_radius_m / 1000, window_days=int(params.armed_window_days),
        as_of=f"{as_of:%Y-%m-%d}")


def recommend_pairs(hotspots: gpd.GeoDataFrame, registry: pd.DataFrame,
                    incidents: pd.DataFrame, params: PairingParams = PairingParams()
                    ) -> pd.DataFrame:
    """Ranked KG–TJ community pairs for the cross-border hotspots (columns :data:`PAIR_COLUMNS`).

    ``hotspots``: ``HotspotResult.clusters``; ``registry``: mechanisms plus candidates
    (e.g. ``pd.concat([store.load(), candidates_from_gazetteer(...)])``); ``incidents``: the
    incident frame used for the armed-incident check (all precisions with coordinates).
    """
    registry = conform_registry(registry).dropna(subset=["lon", "lat"]).reset_index(drop=True)
    if hotspots.empty or registry.empty:
        return pd.DataFrame(columns=list(PAIR_COLUMNS))
    hulls = hotspots_metric(hotspots)
    cx, cy = registry_points(registry)
    pts = shapely.points(cx, cy)
    side = registry_sides(registry).to_numpy()
    pref = registry["status"].astype(object).map(dict(params.status_preference)).fillna(0.0) \
        .to_numpy(float)
    prios = [_prios(v) for v in registry["priorities"]]
    inc = incidents[incidents["lon"].notna() & incidents["lat"].notna()]
    armed = inc[armed_incidents(inc).to_numpy()]
    armed_xy = to_metric(armed["lon"].to_numpy(float), armed["lat"].to_numpy(float))
    # what a trigger shows, dates parsed once (not once per hotspot)
    armed = pd.DataFrame({"event_id": armed["event_id"].to_numpy(),
                          "event_date": pd.to_datetime(armed["event_date"]).to_numpy()})
    armed_dates = armed["event_date"].to_numpy()
    as_of = analysis_date(params.as_of)
    w = asdict(params.weights)
    crossing = is_cross_border(hotspots, params.cross_border_dist_m)
    # rows as dicts, made once: a row taken by position as a Series costs more than all
    # the arithmetic of a pair
    hot = pd.DataFrame(hotspots).drop(columns=hotspots.geometry.name).to_dict("records")
    reg = registry.to_dict("records")
    rows = []
    for hi in np.flatnonzero(crossing):
        h = hot[hi]
        dist = shapely.distance(hulls[hi], pts)
        kg_idx = np.flatnonzero((side == "KG") & (dist <= params.radius_m))
        tj_idx = np.flatnonzero((side == "TJ") & (dist <= params.radius_m))
        if not len(kg_idx) or not len(tj_idx):
            continue
        trig = _triggers(hulls[hi], armed, armed_xy, armed_dates, as_of, params)
        centre = shapely.centroid(hulls[hi])
        extent_km = max(np.ceil(shapely.hausdorff_distance(centre, hulls[hi]) / 100) / 10, 0.1)
        counts = json.loads(h["counts_by_category"]) if isinstance(h["counts_by_category"],
                                                                    str) else {}
        n_inc = max(int(h["n_incidents"]), 1)
        cand = []
        for k in kg_idx:
            for t in tj_idx:
                shared = sorted(prios[k] & prios[t])
                small = min(len(prios[k]), len(prios[t]))
                comps = {
                    "shared": len(shared) / small if small else 0.0,
                    "incident_share": sum(counts.get(c, 0) for c in shared) / n_inc,
                    "distance": float(np.clip(1 - (dist[k] + dist[t]) / 2 / params.radius_m,
                                              0, 1)),
                    "hotspot": float(h["score"]) if pd.notna(h.get("score")) else 0.0,
                    "status": (pref[k] + pref[t]) / 2,
                }
                score = sum(w[c] * comps[c] for c in PAIR_COMPONENTS) / sum(w.values())
                cand.append((bool(shared), score, k, t, shared, comps))
        cand.sort(key=lambda c: (not c[0], -c[1], reg[c[2]]["community_id"],
                                 reg[c[3]]["community_id"]))
        for _has_shared, score, k, t, shared, comps in cand[: params.max_pairs_per_hotspot]:
            kg, tj = reg[k], reg[t]
            why = _why(h, extent_km, kg, tj, shared, trig, params, as_of)
            rows.append({
                "hotspot_id": h["hotspot_id"], "hotspot_rank": h.get("rank"),
                "kg_community_id": kg["community_id"], "kg_name": kg["name_en"],
                "kg_status": kg["status"], "tj_community_id": tj["community_id"],
                "tj_name": tj["name_en"], "tj_status": tj["status"],
                "kg_lon": kg["lon"], "kg_lat": kg["lat"], "tj_lon": tj["lon"],
                "tj_lat": tj["lat"], "kg_dist_m": float(dist[k]), "tj_dist_m": float(dist[t]),
                "pair_dist_m": float(shapely.distance(pts[k], pts[t])),
                "shared_priorities": ";".join(shared), "score": round(score, 12),
                **{f"score_{c}": v for c, v in comps.items()},
                "mode": "parallel" if len(trig) else "joint",
                "triggering_event_ids": ";".join(trig["event_id"].astype(str)),
                "triggering_dates": ";".join(f"{d:%Y-%m-%d}" for d in trig["event_date"]),
                "illustrative": bool(kg["illustrative"] or tj["illustrative"]),
                "why": str(why), "why_params": why.to_json(),
            })
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))


def pairs_geodataframe(pairs: pd.DataFrame) -> gpd.GeoDataFrame:
    """Pairs as LineStrings from the KG to the TJ community (EPSG:4326)."""
    coords = np.stack([pairs[["kg_lon", "kg_lat"]].to_numpy(float),
                       pairs[["tj_lon", "tj_lat"]].to_numpy(float)], axis=1) \
        if len(pairs) else np.empty((0, 2, 2))
    return gpd.GeoDataFrame(pairs.copy(), geometry=shapely.linestrings(coords), crs=4326)
