"""Hotspot detection: quality gate, small-n guard, DBSCAN clusters with a Monte Carlo test,
Gi* on a hex grid with BH-FDR, emerging hot spots, ranking. The one entry point is
:func:`run_hotspots`; the app, the CLI and the print maps all call it.

Inputs: an incident frame (columns of :mod:`incidents.schema`, already filtered by the user's
filters) and the study area as a shapely polygon in :data:`geo.crs.METRIC_CRS` (e.g.
``geo.engine.BorderEngine.study_area(buffer_m=20000)``).

Outputs (:class:`HotspotResult`); all GeoDataFrames are EPSG:4326:

- ``clusters``: one row per DBSCAN cluster, sorted by ``rank``; columns
  :data:`CLUSTER_COLUMNS`.
- ``gistar``: one row per hex cell of the study area (zero cells included); columns
  :data:`GISTAR_COLUMNS`. Empty when ``statistical`` is False.
- ``emerging``: :data:`analysis.emerging.EMERGING_COLUMNS` plus ``geometry`` (hex), or None
  with ``emerging_message`` saying why.
- ``admin_counts`` and ``recurrence``: see :mod:`analysis.quality`.
- ``excluded``: reason → number of incidents left out of the point statistics
  (:data:`analysis.quality.EXCLUSION_REASONS`); ``usable_n``; ``statistical``;
  ``messages`` (plain-language notes for the user); ``params``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from analysis.clusters import CLUSTER_SUMMARY_COLUMNS, dbscan_labels, summarise_clusters
from analysis.dates import analysis_date
from analysis.emerging import emerging_hotspots
from analysis.gistar import GiStar
from analysis.hexgrid import grid_and_weights
from analysis.montecarlo import mc_p_values, simulations
from analysis.notes import Note
from analysis.quality import admin_counts, quality_gate, recurrence, reviewed_out
from analysis.ranking import COMPONENTS, RankingWeights, rank_hotspots
from analysis.significance import bh_adjust, gi_bins
from geo.crs import METRIC_CRS

CLUSTER_COLUMNS: dict[str, str] = {
    "hotspot_id": "'HS-001', 'HS-002', ... in rank order (stable for the same data and params)",
    "rank": "1 = highest score",
    "score": "Weighted mean of the score_* components (0–1), see analysis.ranking",
    **{f"score_{c}": f"Ranking component '{c}' (0–1), see analysis.ranking" for c in COMPONENTS},
    **{k: v for k, v in CLUSTER_SUMMARY_COLUMNS.items() if k != "geometry"},
    "n_recent": "Incidents in the last recency_months before the analysis date",
    "mc_p_value": "Monte Carlo p: (1 + #sims whose largest cluster >= n_incidents) / (N + 1)",
    "significant": "mc_p_value <= params.mc_alpha",
    "emerging_class": "Most common emerging hot spot class of the cells holding the "
                      "cluster's incidents ('no pattern' ignored); NA when none",
    "geometry": "Convex hull polygon (EPSG:4326); 1–2-point/colinear hulls buffered by 250 m",
}
GISTAR_COLUMNS: dict[str, str] = {
    "cell_id": "Axial hex id 'q_r' (stable for the same study area and cell size)",
    "count": "Usable incidents in the cell",
    "z": "Gi* z-score (analytic; equals esda G_Local(star=True, transform='B').Zs)",
    "p": "Two-sided normal p-value 2·P(Z > |z|) (not FDR-corrected)",
    "p_fdr": "Benjamini–Hochberg adjusted p over all cells of the grid",
    "gi_bin": "±3/±2/±1 = 99/95/90 % confidence from p_fdr, only where p_fdr <= fdr_q; else 0",
    "geometry": "Hexagon polygon (EPSG:4326)",
}


@dataclass(frozen=True)
class HotspotParams:
    """Parameters of :func:`run_hotspots` (distances in metres)."""

    eps_m: float = 2000.0            # DBSCAN neighbourhood radius
    min_samples: int = 4             # DBSCAN core-point minimum (incl. the point)
    mc_sims: int = 199               # Monte Carlo simulations (0 = skip the test)
    mc_alpha: float = 0.05           # cluster 'significant' when mc_p_value <= this
    seed: int = 12345                # Monte Carlo seed (reproducible)
    cell_m: float = 3000.0           # hex centre spacing
    fdr_q: float = 0.05              # BH false discovery rate
    min_usable: int = 30             # small-n guard
    exploratory_below: int = 300     # below this n, Gi* is labelled exploratory
    emerging_freq: str = "Q"         # pandas period alias of the time slices
    emerging_min_slices: int = 10
    emerging_min_incidents: int = 60
    emerging_time_lag: int = 1
    mk_alpha: float = 0.05
    recency_months: int = 12
    proximity_m: float = 5000.0      # ranking: distance to the line at which proximity is 0
    weights: RankingWeights = field(default_factory=RankingWeights)
    recurrence_min_incidents: int = 3
    recurrence_min_types: int = 2
    recurrence_window_days: int = 365
    as_of: pd.Timestamp | None = None  # analysis date; default today (analysis.dates)


@dataclass
class HotspotResult:
    """Everything :func:`run_hotspots` found; see the module docstring for the columns."""

    clusters: gpd.GeoDataFrame
    gistar: gpd.GeoDataFrame
    emerging: gpd.GeoDataFrame | None
    emerging_message: Note
    admin_counts: pd.DataFrame
    recurrence: pd.DataFrame
    excluded: dict[str, int]
    usable_n: int
    statistical: bool
    messages: list[Note]
    params: HotspotParams
    as_of: pd.Timestamp | None = None


SPARSE_NEIGHBOURHOOD_COUNT = 20.0  # below this mean count per Gi* neighbourhood: exploratory
REQUIRED = ("event_id", "event_date", "category", "lon", "lat", "geo_precision", "side",
            "fatalities", "injuries", "border_dist_m")


def _empty_clusters() -> gpd.GeoDataFrame:
    cols = [c for c in CLUSTER_COLUMNS if c != "geometry"]
    return gpd.GeoDataFrame({c: [] for c in cols}, geometry=gpd.GeoSeries([], crs=4326),
                            crs=4326)


def _empty_gistar() -> gpd.GeoDataFrame:
    cols = [c for c in GISTAR_COLUMNS if c != "geometry"]
    return gpd.GeoDataFrame({c: [] for c in cols}, geometry=gpd.GeoSeries([], crs=4326),
                            crs=4326)


def _excluded_message(excluded: dict[str, int], usable_n: int) -> Note:
    return Note.make("excluded", usable_n=usable_n, excluded=tuple(excluded.items()))


def _gistar_layer(grid, w, counts: np.ndarray, q: float) -> gpd.GeoDataFrame:
    gi = GiStar(counts, w)
    p_fdr = bh_adjust(gi.p)
    geom = gpd.GeoSeries(grid.polygons(), crs=METRIC_CRS).to_crs(4326)
    return gpd.GeoDataFrame({
        "cell_id": grid.cell_ids, "count": counts.astype(int), "z": gi.Zs, "p": gi.p,
        "p_fdr": p_fdr, "gi_bin": gi_bins(gi.Zs, p_fdr, q),
    }, geometry=geom.to_numpy(), crs=4326)


def _cluster_emerging(labels: np.ndarray, cells: np.ndarray, emerging: pd.DataFrame | None,
                      cluster_ids: pd.Index) -> pd.Series:
    out = pd.Series(pd.NA, index=cluster_ids, dtype="string")
    if emerging is None:
        return out
    cls = emerging["class"].to_numpy()
    m = (labels >= 0) & (cells >= 0)
    d = pd.DataFrame({"label": labels[m], "cls": cls[cells[m]]})
    d = d[d["cls"] != "no pattern"]
    if d.empty:
        return out
    mode = d.groupby("label")["cls"].agg(lambda s: s.value_counts().sort_index().idxmax())
    out.loc[mode.index] = mode.to_numpy()
    return out


def run_hotspots(incidents: pd.DataFrame, study_area_m,
                 params: HotspotParams = HotspotParams()) -> HotspotResult:
    """Run the whole hotspot analysis on filtered incidents within ``study_area_m`` (metric).

    Raises ``ValueError`` naming the missing columns when the frame is not an incident frame.
    """
    missing = [c for c in REQUIRED if c not in incidents.columns]
    if missing:
        raise ValueError(f"incident frame lacks column(s) {missing}")
    out = reviewed_out(incidents)  # duplicates and rejected reports: in no count
    incidents = incidents.loc[~out].reset_index(drop=True)
    usable, x, y, excluded = quality_gate(incidents, study_area_m)
    excluded = {"reviewed_out": int(out.sum()), **excluded}
    usable_n = int(usable.sum())
    messages = [_excluded_message(excluded, usable_n)]
    as_of = analysis_date(params.as_of)  # today unless set: never the newest incident
    admin = admin_counts(incidents, usable)
    rec = recurrence(incidents, params.recurrence_min_incidents, params.recurrence_min_types,
                     params.recurrence_window_days)
    if usable_n < params.min_usable:
        messages.append(Note.make(
            "small_n", usable_n=usable_n, min_usable=params.min_usable, n_recurring=len(rec),
            rec_incidents=params.recurrence_min_incidents,
            rec_types=params.recurrence_min_types, rec_days=params.recurrence_window_days))
        return HotspotResult(_empty_clusters(), _empty_gistar(), None,
                             Note.make("emerging_small_n"),
                             admin, rec, excluded, usable_n, False, messages, params, as_of)

    u = incidents.loc[usable].reset_index(drop=True)
    xu, yu = x[usable], y[usable]
    labels = dbscan_labels(xu, yu, params.eps_m, params.min_samples)
    # the significance test's simulations depend only on the number of points: they run
    # while the clusters are summarised and the grid statistics computed
    sim_max = (simulations(study_area_m, usable_n, params.eps_m, params.min_samples,
                           params.mc_sims, params.seed)
               if params.mc_sims > 0 and (labels >= 0).any() else None)
    clusters = summarise_clusters(u, xu, yu, labels)

    grid, w = grid_and_weights(study_area_m, params.cell_m)
    gistar = _gistar_layer(grid, w, grid.counts(xu, yu), params.fdr_q)
    per_nbhd = usable_n / grid.n * float(np.mean(np.asarray(w.sum(axis=1)).ravel() + 1))
    if usable_n < params.exploratory_below or per_nbhd < SPARSE_NEIGHBOURHOOD_COUNT:
        messages.append(Note.make("exploratory", usable_n=usable_n, per_nbhd=per_nbhd))
    n_hot = int((gistar["gi_bin"] > 0).sum())
    messages.append(Note.make("gistar", n_cells=grid.n, cell_km=params.cell_m / 1000,
                              n_hot=n_hot, q=params.fdr_q))

    emerging, emerging_message = emerging_hotspots(
        grid, w, xu, yu, u["event_date"], freq=params.emerging_freq,
        min_slices=params.emerging_min_slices, min_incidents=params.emerging_min_incidents,
        q=params.fdr_q, mk_alpha=params.mk_alpha, time_lag=params.emerging_time_lag)
    if emerging is not None:
        emerging = gpd.GeoDataFrame(emerging, geometry=gistar.geometry.to_numpy(), crs=4326)
    messages.append(emerging_message)

    if len(clusters):
        recent = (u["event_date"] > as_of - pd.DateOffset(months=params.recency_months)) \
            if as_of is not None else pd.Series(False, index=u.index)
        lab_series = pd.Series(labels)
        clusters["n_recent"] = lab_series[recent.to_numpy() & (labels >= 0)].value_counts() \
            .reindex(clusters.index, fill_value=0).astype(int)
        if params.mc_sims > 0:
            clusters["mc_p_value"] = mc_p_values(clusters["n_incidents"].to_numpy(),
                                                 sim_max.result())
        else:
            clusters["mc_p_value"] = np.nan
        clusters["significant"] = clusters["mc_p_value"] <= params.mc_alpha
        clusters["emerging_class"] = _cluster_emerging(labels, grid.locate(xu, yu), emerging,
                                                       clusters.index)
        clusters = rank_hotspots(clusters, params.weights, params.proximity_m)
        clusters["hotspot_id"] = [f"HS-{i:03d}" for i in clusters["rank"]]
        clusters = clusters[list(CLUSTER_COLUMNS)].reset_index(drop=True)
        n_sig = int(clusters["significant"].sum())
        messages.append(Note.make(
            "dbscan", eps_m=params.eps_m, min_samples=params.min_samples,
            n_clusters=len(clusters), n_sig=n_sig, sims=params.mc_sims, alpha=params.mc_alpha))
    else:
        clusters = _empty_clusters()
        messages.append(Note.make("dbscan_none", eps_m=params.eps_m,
                                  min_samples=params.min_samples))
    return HotspotResult(clusters, gistar, emerging, emerging_message, admin, rec, excluded,
                         usable_n, True, messages, params, as_of)
