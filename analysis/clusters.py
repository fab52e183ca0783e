"""Density clusters of incidents (DBSCAN in metres) and their per-cluster summaries.

DBSCAN is :func:`dbscan_exact`, which gives scikit-learn's labels (checked against it in
tests/analysis/test_fast_paths.py) without importing scikit-learn (about 2 s on the app's
first hotspot run).

:func:`summarise_clusters` returns one row per cluster (GeoDataFrame, EPSG:4326) with the
columns of :data:`CLUSTER_SUMMARY_COLUMNS`; :mod:`analysis.hotspots` adds the Monte Carlo,
score and id columns (see :data:`analysis.hotspots.CLUSTER_COLUMNS` for the full list).
"""
from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from analysis.cluster_names import cluster_names
from analysis.dbscan_grid import dbscan_grid, many_pairs
from geo.crs import METRIC_CRS, to_lonlat
from incidents.schema import CATEGORIES

SMALL_HULL_BUFFER_M = 250.0  # hulls of 1–2 points or colinear points are buffered by this

CLUSTER_SUMMARY_COLUMNS: dict[str, str] = {
    "n_incidents": "Incidents in the cluster (precision 1–2 only)",
    "counts_by_category": "JSON object category → count (non-zero categories only)",
    **{f"n_{c}": f"Incidents of category {c}" for c in CATEGORIES},
    "fatalities": "Sum of known fatalities",
    "fatalities_unknown": "Incidents whose fatalities are unknown (<NA>)",
    "injuries": "Sum of known injuries",
    "injuries_unknown": "Incidents whose injuries are unknown (<NA>)",
    "first_date": "Earliest event_date",
    "last_date": "Latest event_date",
    "sides": "'KG only', 'TJ only', 'both' (KG and TJ), 'both + UZ', or '+'-joined others",
    "n_kg_side": "Incidents on the Kyrgyz side",
    "n_tj_side": "Incidents on the Tajik side",
    "n_contested": "Incidents whose side is contested (incidents.sides: the answers disagree, "
                   "or the point lies in the claims overlap or a disagreement zone)",
    "contested_text": "'7 of 30 incidents: side contested — the source says KG, the "
                      "December 2017 line says TJ (5); the settlement is KG, the December "
                      "2017 line says KG, where the OSM and Natural Earth lines disagree (2)' "
                      "(English, the Russian in the app and the brief; empty when none)",
    "min_border_dist_m": "Smallest unsigned distance of an incident to the KG–TJ line (m)",
    "centroid_lon": "Mean incident position, longitude (EPSG:4326)",
    "centroid_lat": "Mean incident position, latitude (EPSG:4326)",
    "area_km2": "Hull area in km² (metric CRS; small hulls buffered by 250 m)",
    "disagreement_zones": "';'-joined disagreement_zone_id values met by the incidents",
    "claims_overlaps": "';'-joined claims_overlap_id values met by the incidents",
    "curated_ids": "';'-joined curated segment/site ids near the incidents",
    "places": "The incidents' own place names (source 'location', else the nearest "
              "settlement on the incident's side), e.g. 'Kök-Tash; Chorkuh ~3.4 km': each "
              "side's most frequent first, then the most frequent (up to "
              "PLACES_PER_CLUSTER; no side; ' ~x.x km' where the named place is > 2 km "
              "away; analysis.cluster_names)",
    "sources": "JSON object source_dataset → count (reporting-bias check)",
    "event_ids": "';'-joined event_id values, oldest first",
    "geometry": "Convex hull (Polygon, EPSG:4326)",
}


SIDE_TEXT_COLUMNS = ("side_contested", "side_settlement", "side_reported", "side_line",
                     "side_contested_zone", "side_line_ref")  # what contested_summary reads


def _contested_texts(lab: np.ndarray, ids, df: pd.DataFrame) -> list[str]:
    """:func:`incidents.sides.contested_summary` per cluster (an
    ``incidents.sides.SideSummary``; '' when none contested), on
    the columns it reads only, each cluster's rows taken by position."""
    from incidents.sides import contested_summary
    if "side_contested" not in df.columns:
        return [""] * len(ids)
    contested = df["side_contested"].astype("boolean").fillna(False).to_numpy(bool)
    narrow = df[[c for c in SIDE_TEXT_COLUMNS if c in df.columns]]
    rows_of = pd.Series(np.arange(len(lab))).groupby(lab).indices
    out = []
    for i in ids:
        rows = rows_of.get(i, np.empty(0, dtype=np.intp))
        out.append(contested_summary(narrow.iloc[rows]) if contested[rows].any() else "")
    return out


def dbscan_exact(pts: np.ndarray, eps: float, min_samples: int) -> np.ndarray:
    """Labels (-1 = noise) identical to ``sklearn.cluster.DBSCAN(eps, min_samples)
    .fit_predict(pts)`` for points ``pts`` (n × 2, metres, Euclidean).

    Same definition as sklearn: neighbours at distance ≤ ``eps`` (the point itself
    included), core points have ≥ ``min_samples`` neighbours, clusters are connected
    components of the core–core graph numbered by their lowest core-point index, and a
    border point (non-core with a core neighbour) joins the cluster that sklearn's
    index-ordered expansion reaches first: the lowest-numbered one among its neighbours.
    (With ≤ 11 points sklearn uses brute force, whose expanded-square distances may decide
    a pair at distance eps ± 1e-12 relative the other way; it uses a k-d tree otherwise.)
    """
    n = len(pts)
    label = np.full(n, -1)
    if n == 0:
        return label
    if many_pairs(pts, eps):  # too many pairs to list: the same labels from a grid
        return dbscan_grid(pts, eps, min_samples)
    tree = cKDTree(pts, balanced_tree=False, compact_nodes=False)  # faster build, same pairs
    pairs = tree.query_pairs(eps, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    core = 1 + np.bincount(i, minlength=n) + np.bincount(j, minlength=n) >= min_samples
    core_idx = np.flatnonzero(core)
    m = len(core_idx)
    if m == 0:
        return label
    both = core[i] & core[j]
    pos = np.full(n, -1)
    pos[core_idx] = np.arange(m)
    graph = sp.csr_matrix((np.ones(int(both.sum()), dtype=np.int8),
                           (pos[i[both]], pos[j[both]])), shape=(m, m))
    n_comp, comp = connected_components(graph, directed=False)
    first = np.full(n_comp, m)
    np.minimum.at(first, comp, np.arange(m))  # lowest core position per component
    rank = np.empty(n_comp, dtype=int)
    rank[np.argsort(first)] = np.arange(n_comp)
    label[core_idx] = rank[comp]
    one = core[i] != core[j]  # core–border pairs
    i, j = i[one], j[one]
    i_core = core[i]
    border, via = np.where(i_core, j, i), label[np.where(i_core, i, j)]
    border_label = np.full(n, n_comp)
    np.minimum.at(border_label, border, via)
    touched = border_label < n_comp
    label[touched] = border_label[touched]
    return label


def dbscan_labels(x_m: np.ndarray, y_m: np.ndarray, eps_m: float = 2000.0,
                  min_samples: int = 4) -> np.ndarray:
    """DBSCAN labels (-1 = noise) for points in metres (euclidean, metric CRS)."""
    if eps_m <= 0 or min_samples < 1:
        raise ValueError(f"eps_m must be > 0 and min_samples >= 1 (got {eps_m}, {min_samples})")
    pts = np.column_stack([x_m, y_m])
    if len(pts) == 0:
        return np.empty(0, dtype=int)
    return dbscan_exact(pts, eps_m, min_samples)


def _joined_unique(labels: np.ndarray, values: pd.Series, split: bool = False) -> pd.Series:
    """Per label, the sorted distinct non-empty values joined with ';'."""
    d = pd.DataFrame({"label": labels, "value": values.to_numpy(dtype=object)})
    d = d[d["value"].notna()]
    d["value"] = d["value"].astype(str).str.strip()
    if split:
        d = d.assign(value=d["value"].str.split(";")).explode("value")
        d["value"] = d["value"].str.strip()
    d = d[d["value"] != ""].drop_duplicates().sort_values(["label", "value"])
    return d.groupby("label")["value"].agg(";".join)


def _label_counts(lab: np.ndarray, ids: np.ndarray, values: pd.Series) -> pd.DataFrame:
    """Rows per label ``ids`` (sorted), columns the sorted distinct ``values`` (no NA): the
    counts of ``pd.crosstab(lab, values).reindex(ids)`` by one ``bincount``."""
    cols, code = np.unique(values.to_numpy(dtype=object), return_inverse=True)
    row = np.searchsorted(ids, lab)
    counts = np.bincount(row * len(cols) + code.ravel(), minlength=len(ids) * len(cols))
    return pd.DataFrame(counts.reshape(len(ids), len(cols)), index=ids, columns=cols)


def sides_label(sides: set[str]) -> str:
    """Human label for the set of sides met by a cluster's incidents."""
    sides = {s for s in sides if isinstance(s, str) and s}
    if {"KG", "TJ"} <= sides:
        return "both + UZ" if "UZ" in sides else "both"
    if len(sides) == 1:
        return f"{next(iter(sides))} only"
    return "+".join(sorted(sides)) if sides else "unknown"


def summarise_clusters(frame: pd.DataFrame, x_m: np.ndarray, y_m: np.ndarray,
                       labels: np.ndarray) -> gpd.GeoDataFrame:
    """One row per DBSCAN cluster (label ≥ 0), index = label, EPSG:4326 hull geometry.

    ``frame`` holds incident rows (schema columns) aligned with ``x_m, y_m, labels``.
    """
    labels = np.asarray(labels)
    keep = labels >= 0
    cols = list(CLUSTER_SUMMARY_COLUMNS)
    if not keep.any():
        return gpd.GeoDataFrame({c: [] for c in cols if c != "geometry"},
                                geometry=gpd.GeoSeries([], crs=4326), crs=4326)
    df = frame.loc[keep].reset_index(drop=True)
    lab = labels[keep]
    x, y = np.asarray(x_m, float)[keep], np.asarray(y_m, float)[keep]
    ids = np.unique(lab)
    out = pd.DataFrame(index=pd.Index(ids, name="label"))
    out["n_incidents"] = np.bincount(lab)[ids]

    cats = _label_counts(lab, ids, df["category"].astype(object).fillna("other"))
    cats = cats.reindex(columns=list(CATEGORIES), fill_value=0)
    out["counts_by_category"] = [json.dumps({k: int(v) for k, v in row.items() if v})
                                 for row in cats.to_dict("records")]
    for c in CATEGORIES:
        out[f"n_{c}"] = cats[c].to_numpy(dtype=int)

    g = pd.DataFrame({"label": lab})
    for col in ("fatalities", "injuries"):
        vals = pd.to_numeric(df[col], errors="coerce").astype("Float64")
        g[col] = vals.fillna(0).to_numpy(dtype=float)
        g[f"{col}_unknown"] = vals.isna().to_numpy()
    g["date"] = pd.to_datetime(df["event_date"]).to_numpy()
    side = df["side"].astype(object)
    g["kg"] = (side == "KG").to_numpy()
    g["tj"] = (side == "TJ").to_numpy()
    g["contested"] = df["side_contested"].astype("boolean").fillna(False).to_numpy(bool) \
        if "side_contested" in df.columns else False
    g["bd"] = np.abs(pd.to_numeric(df["border_dist_m"], errors="coerce").to_numpy(float))
    g["x"], g["y"] = x, y
    agg = g.groupby("label").agg(
        fatalities=("fatalities", "sum"), fatalities_unknown=("fatalities_unknown", "sum"),
        injuries=("injuries", "sum"), injuries_unknown=("injuries_unknown", "sum"),
        first_date=("date", "min"), last_date=("date", "max"),
        n_kg_side=("kg", "sum"), n_tj_side=("tj", "sum"), n_contested=("contested", "sum"),
        min_border_dist_m=("bd", "min"), cx=("x", "mean"), cy=("y", "mean"))
    for col in ("fatalities", "fatalities_unknown", "injuries", "injuries_unknown",
                "n_kg_side", "n_tj_side", "n_contested"):
        out[col] = agg[col].astype(int)
    # object, not str: a str column would keep the text and drop the SideSummary's key
    out["contested_text"] = pd.Series(_contested_texts(lab, ids, df), index=out.index,
                                      dtype=object)
    out["first_date"], out["last_date"] = agg["first_date"], agg["last_date"]
    side_sets = pd.Series(side.to_numpy(), index=lab).dropna().groupby(level=0).agg(set)
    out["sides"] = [sides_label(side_sets.get(i, set())) for i in ids]
    out["min_border_dist_m"] = agg["min_border_dist_m"]
    lon, lat = to_lonlat(agg["cx"].to_numpy(), agg["cy"].to_numpy())
    out["centroid_lon"], out["centroid_lat"] = lon, lat

    by_label = np.argsort(lab, kind="stable")
    hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x, y])[by_label],
                                                   indices=lab[by_label]))
    hull = np.asarray(hull)[ids]
    small = shapely.get_type_id(hull) != 3  # not a Polygon (point / line hull)
    hull = np.where(small, shapely.buffer(hull, SMALL_HULL_BUFFER_M), hull)
    out["area_km2"] = shapely.area(hull) / 1e6

    out["disagreement_zones"] = _joined_unique(lab, df["disagreement_zone_id"]).reindex(ids)
    out["claims_overlaps"] = _joined_unique(lab, df["claims_overlap_id"]).reindex(ids)
    out["curated_ids"] = _joined_unique(lab, df["curated_ids"], split=True).reindex(ids)
    out["places"] = cluster_names(lab, df["location"], df["nearest_place"],
                                  df["nearest_place_dist_m"], side).reindex(ids).astype("string")
    src = _label_counts(lab, ids, df["source_dataset"].astype(object).fillna("unknown"))
    out["sources"] = [json.dumps({k: int(v) for k, v in row.items() if v})
                      for row in src.to_dict("records")]
    order = np.lexsort((df["event_id"].astype(str).to_numpy(), g["date"].to_numpy(), lab))
    ev = pd.Series(df["event_id"].astype(str).to_numpy()[order], index=lab[order])
    out["event_ids"] = ev.groupby(level=0).agg(";".join).reindex(ids)
    for col in ("disagreement_zones", "claims_overlaps", "curated_ids"):
        out[col] = out[col].astype("string")
    geo = gpd.GeoSeries(hull, index=out.index, crs=METRIC_CRS).to_crs(4326)
    return gpd.GeoDataFrame(out, geometry=geo, crs=4326)
