"""The vectorised paths give exactly what the straightforward implementations give:
DBSCAN cluster sizes (sklearn), Mann–Kendall (pymannkendall) and the recurrence windows."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pymannkendall
import pytest
import shapely
from scipy.spatial import cKDTree
from sklearn.cluster import DBSCAN

from analysis.dbscan_grid import dbscan_grid
from analysis.emerging import mann_kendall, mann_kendall_many
from analysis.montecarlo import (
    MAX_POINTS_PER_CALL,
    _AreaMask,
    dbscan_exact,
    random_points_in,
    simulated_max_sizes,
)
from analysis.quality import recurrence

SQUARE = shapely.box(0, 0, 10000, 10000)
RING = shapely.Point(0, 0).buffer(10000).difference(shapely.Point(0, 0).buffer(8000))
CATS = ("a", "b", "c", "d", "other")


def _border_conflicts(pts: np.ndarray, eps: float, min_samples: int, labels) -> int:
    """Border points with core neighbours in two or more clusters."""
    nb = cKDTree(pts).query_ball_point(pts, eps)
    core = np.array([len(v) >= min_samples for v in nb])
    return sum(len({labels[q] for q in nb[p] if core[q]}) >= 2 for p in np.flatnonzero(~core))


def _random_config(rng: np.random.Generator, kind: int):
    n = int(rng.integers(5, 1500))
    if kind == 0:  # uniform
        pts = rng.uniform(0, 100, (n, 2))
        eps = 100 * float(rng.uniform(0.5, 3)) / np.sqrt(n)
    elif kind == 1:  # Gaussian clumps
        c = rng.uniform(0, 100, (max(1, n // 30), 2))
        pts = c[rng.integers(0, len(c), n)] + rng.normal(0, 2, (n, 2))
        eps = float(rng.uniform(0.3, 3))
    else:  # integer grid with duplicates: many distances exactly eps
        pts = rng.integers(0, 30, (n, 2)).astype(float)
        eps = float(rng.choice([1.0, np.sqrt(2), 1.5, 2.0]))
    return pts, eps, int(rng.integers(1, 10))


def test_dense_grid_dbscan_equals_sklearn_labels_including_border_conflicts():
    """analysis.dbscan_grid (no list of pairs, for dense points) gives sklearn's labels too,
    on grids of integer points where many distances are exactly eps."""
    rng = np.random.default_rng(12)
    conflicts = 0
    for trial in range(45):
        pts, eps, ms = _random_config(rng, trial % 3)
        if len(pts) <= 11:  # sklearn's brute force (see dbscan_exact's docstring)
            continue
        ref = DBSCAN(eps=eps, min_samples=ms).fit_predict(pts)
        np.testing.assert_array_equal(dbscan_grid(pts, eps, ms), ref)
        conflicts += _border_conflicts(pts, eps, ms, ref)
    assert conflicts > 30
    assert dbscan_grid(np.empty((0, 2)), 1.0, 3).shape == (0,)


def test_dense_points_are_clustered_without_listing_every_pair(monkeypatch):
    """1e5 points in 12 × 11 km have ~5e8 pairs within 2 km (8 GB as a pair list): dbscan_exact
    takes the grid path, and gives the list path's labels where both can run."""
    from analysis import dbscan_grid as grid
    rng = np.random.default_rng(3)
    dense = rng.uniform(0, [12000, 11000], (100_000, 2))
    assert grid.many_pairs(dense, 2000.0)
    assert (dbscan_exact(dense, 2000.0, 4) == 0).all()  # one cluster, in seconds
    pts = np.vstack([rng.normal(0, 300, (3000, 2)), rng.uniform(-5000, 5000, (300, 2))])
    listed = dbscan_exact(pts, 250.0, 5)
    monkeypatch.setattr(grid, "MAX_PAIRS", 1000)
    assert grid.many_pairs(pts, 250.0)
    np.testing.assert_array_equal(dbscan_exact(pts, 250.0, 5), listed)


def test_dbscan_exact_equals_sklearn_labels_including_border_conflicts():
    rng = np.random.default_rng(11)
    conflicts = 0
    for trial in range(60):
        pts, eps, ms = _random_config(rng, trial % 3)
        ref = DBSCAN(eps=eps, min_samples=ms).fit_predict(pts)
        np.testing.assert_array_equal(dbscan_exact(pts, eps, ms), ref)
        conflicts += _border_conflicts(pts, eps, ms, ref)
    assert conflicts > 50  # the border-assignment rule was exercised
    assert dbscan_exact(np.empty((0, 2)), 1.0, 3).shape == (0,)


def _reference_max_sizes(area_m, n_points, eps_m, min_samples, n_sims, seed,
                         max_points=MAX_POINTS_PER_CALL):
    """The former implementation: sklearn DBSCAN on the same random stream."""
    rng = np.random.default_rng(seed)
    out = np.zeros(n_sims, dtype=int)
    if n_points < min_samples or n_sims <= 0:
        return out
    minx, _, maxx, _ = shapely.bounds(area_m)
    shift = (maxx - minx) + 10.0 * eps_m
    per_call = max(1, max_points // n_points)
    for start in range(0, n_sims, per_call):
        k = min(per_call, n_sims - start)
        x, y = random_points_in(area_m, n_points * k, rng)
        sim = np.repeat(np.arange(k), n_points)
        labels = DBSCAN(eps=eps_m, min_samples=min_samples).fit_predict(
            np.column_stack([x + sim * shift, y]))
        inside = labels >= 0
        if inside.any():
            sizes = np.bincount(labels[inside])
            owner = np.zeros(len(sizes), dtype=int)
            owner[labels[inside]] = sim[inside]
            best = np.zeros(k, dtype=int)
            np.maximum.at(best, owner, sizes)
            out[start:start + k] = best
    return out


@pytest.mark.parametrize("area, n, eps, ms, sims, seed", [
    (SQUARE, 150, 500.0, 4, 49, 3),
    (SQUARE, 400, 300.0, 2, 30, 1),     # small eps / min_samples: many border points
    (SQUARE, 400, 250.0, 3, 30, 2),
    (RING, 300, 600.0, 5, 40, 9),
    (SQUARE, 3, 500.0, 4, 10, 0),       # fewer points than min_samples
    (SQUARE, 2000, 400.0, 4, 120, 5),   # several chunks of 50 simulations
])
@pytest.mark.parametrize("parallel_min", [0, 10**12], ids=["halves", "whole"])
def test_simulated_max_sizes_equal_the_sklearn_reference(area, n, eps, ms, sims, seed,
                                                          parallel_min, monkeypatch):
    """In two threads (each chunk's simulations in halves) or in one call, as sklearn."""
    monkeypatch.setattr("analysis.montecarlo.MAX_POINTS_PER_CALL", 100_000)
    monkeypatch.setattr("analysis.montecarlo.PARALLEL_MIN_POINTS", parallel_min)
    got = simulated_max_sizes(area, n, eps, ms, sims, seed)
    ref = _reference_max_sizes(area, n, eps, ms, sims, seed, max_points=100_000)
    np.testing.assert_array_equal(got, ref)
    assert n < ms or got.max() > 0


def test_area_mask_keeps_the_random_stream_and_the_points():
    for area in (RING, SQUARE, shapely.Polygon([(0, 0), (5, 0), (5, 5), (4, 1), (0, 5)])):
        a = random_points_in(area, 20_000, np.random.default_rng(4))
        b = random_points_in(area, 20_000, np.random.default_rng(4), _AreaMask(area, 32))
        np.testing.assert_array_equal(a, b)
        xy = np.random.default_rng(5).uniform(-12000, 12000, (2, 50_000))
        np.testing.assert_array_equal(_AreaMask(area).contains_xy(*xy),
                                      shapely.contains_xy(area, *xy))


def test_mann_kendall_many_equals_pymannkendall():
    rng = np.random.default_rng(2)
    for trial in range(40):
        n, m = int(rng.integers(2, 45)), int(rng.integers(1, 12))
        z = rng.normal(size=(n, m))
        if trial % 2:
            z = np.round(z * 2) / 2  # ties
        z[:, 0] = 1.0  # constant series
        if trial % 3 == 0:
            z[rng.random((n, m)) < 0.2] = np.nan  # dropped, as pymannkendall does
        tau, p = mann_kendall_many(z)
        for c in range(m):
            if (~np.isnan(z[:, c])).sum() < 2:
                assert np.isnan(tau[c]) and np.isnan(p[c])
                continue
            ref = pymannkendall.original_test(z[:, c])
            assert tau[c] == pytest.approx(ref.Tau, abs=1e-12)
            assert p[c] == pytest.approx(ref.p, abs=1e-12)
    series = rng.normal(size=20)
    ref = pymannkendall.original_test(series)
    assert mann_kendall(series) == pytest.approx((ref.Tau, ref.p), abs=1e-12)


def _recurrence_reference(d: pd.DataFrame, min_incidents: int, min_types: int,
                          window_days: int) -> list[tuple[str, int, int]]:
    """(location, start row, length) per location by the former loop over window starts."""
    out = []
    span = np.timedelta64(window_days, "D")
    for _, grp in d.groupby("key", sort=True):
        dates = grp["date"].to_numpy()
        ends = np.searchsorted(dates, dates + span, side="right")
        best = None
        for start, end in zip(range(len(grp)), ends, strict=True):
            win = grp.iloc[start:end]
            if len(win) >= min_incidents and win["category"].nunique() >= min_types:
                if best is None or len(win) > len(best):
                    best = win
        if best is not None:
            out.append((best["location"].iloc[0], len(best), best["category"].nunique(),
                        ";".join(best["event_id"])))
    return out


def test_recurrence_picks_the_longest_earliest_window_like_the_loop():
    rng = np.random.default_rng(6)
    for trial in range(25):
        n = int(rng.integers(0, 200))
        names = np.array([f"Place{i}" for i in range(int(rng.integers(1, 15)))]
                         + ["place0", "", None], dtype=object)
        dates = pd.Timestamp("2021-01-01") + pd.to_timedelta(
            rng.integers(0, int(rng.choice([20, 400, 1500])), n), "D")
        if trial % 2:
            dates = dates + pd.to_timedelta(rng.integers(0, 3, n) * 12, "h")
        frame = pd.DataFrame({
            "location": names[rng.integers(0, len(names), n)], "event_date": dates,
            "category": np.array(CATS, dtype=object)[rng.integers(0, 5, n)],
            "event_id": [f"E{i:04d}" for i in rng.permutation(n)],
            "lon": rng.uniform(69, 72, n), "lat": rng.uniform(39, 41, n),
        })
        mi, mt, wd = int(rng.integers(1, 6)), int(rng.integers(1, 4)), int(rng.choice([30, 365]))
        got = recurrence(frame, mi, mt, wd)
        d = pd.DataFrame({
            "location": frame["location"].where(frame["location"].astype(str).str.strip() != "")
            .fillna("unknown").astype(str).str.strip(),
            "date": frame["event_date"], "category": frame["category"],
            "event_id": frame["event_id"], "lon": frame["lon"],
        })
        d["key"] = d["location"].str.casefold()
        d = d.sort_values(["key", "date", "event_id"])
        d = d[(d["key"] != "unknown") & (d.groupby("key")["key"].transform("size") >= mi)]
        ref = sorted(_recurrence_reference(d, mi, mt, wd), key=lambda r: (-r[1], r[0]))
        assert list(zip(got["location"], got["n_incidents"], got["n_types"], got["event_ids"],
                        strict=True)) == ref
