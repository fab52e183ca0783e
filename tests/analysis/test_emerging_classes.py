"""Each emerging hot spot class on a constructed series; the slice/incident minimums."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.emerging import classify_series, emerging_hotspots, spacetime_weights
from analysis.hexgrid import hex_grid, hex_weights

N = 12
ALL = np.ones(N, bool)


def _sig(*idx, n=N):
    s = np.zeros(n, bool)
    s[list(idx)] = True
    return s


CASES = {
    # name: (z series, significant flags)
    "new": (np.r_[np.zeros(N - 1), 3.0], _sig(N - 1)),
    "consecutive": (np.r_[np.zeros(N - 3), 3.0, 3.2, 3.1], _sig(N - 3, N - 2, N - 1)),
    "intensifying": (np.linspace(2.5, 6.0, N), ALL),
    "diminishing": (np.linspace(6.0, 2.5, N), ALL),
    "persistent": (np.tile([3.0, 3.5, 2.8, 3.3], N // 4), ALL),
    "historical": (np.r_[np.tile([3.0, 3.4], (N - 1) // 2), 3.1, 0.2], _sig(*range(N - 1))),
    "sporadic": (np.tile([3.0, 0.1, 0.2], N // 3)[::-1], _sig(*range(N - 1, -1, -3))),
    "oscillating": (np.r_[-3.0, 0.1, 3.0, 0.0, -2.9, 0.3, 0.0, 3.1, 0.0, 0.1, 0.2, 3.2],
                    _sig(0, 2, 4, 7, 11)),
    "no pattern": (np.r_[3.0, 3.1, np.zeros(N - 2)], _sig(0, 1)),
}


@pytest.mark.parametrize("expected", list(CASES))
def test_each_class_on_a_constructed_series(expected):
    z, sig = CASES[expected]
    assert len(z) == N and len(sig) == N
    assert classify_series(z, sig, alpha=0.05) == expected


def test_rules_are_exclusive_where_they_differ():
    # 'new' needs the final slice to be the only significant one: an earlier cold spot
    # makes the same final hot bin 'oscillating' rather than new
    z = np.r_[-3.0, np.zeros(N - 2), 3.0]
    assert classify_series(z, _sig(0, N - 1)) == "oscillating"
    # a consecutive run preceded by an older hot bin is sporadic, not consecutive
    z = np.r_[3.0, np.zeros(N - 4), 3.0, 3.0, 3.0]
    assert classify_series(z, _sig(0, N - 3, N - 2, N - 1)) == "sporadic"
    # ≥ 90 % hot with a flat trend but the final bin not hot → historical, not persistent
    z = np.r_[np.tile([3.0, 3.5], (N - 2) // 2), 3.2, 3.0]
    assert classify_series(z, _sig(*range(N - 1))) == "historical"
    # cold only: no hot-spot class
    assert classify_series(-np.ones(N) * 3, ALL) == "no pattern"


def test_spacetime_weights_include_previous_slice_only():
    grid = hex_grid(shapely.box(0, 0, 9000, 9000), 3000.0)
    w = spacetime_weights(hex_weights(grid), 3, time_lag=1).toarray()
    n = grid.n
    assert (np.diag(w) == 1).all()
    assert w[n + 0, 0] == 1            # slice 1 sees slice 0 (same cell)
    assert w[0, n + 0] == 0            # slice 0 does not see slice 1
    assert w[2 * n, 0] == 0            # slice 2 does not see slice 0


def _frame(n_per_slice, n_slices, grow_at=None):
    rng = np.random.default_rng(4)
    rows = []
    start = pd.Period("2020Q1")
    for t in range(n_slices):
        d = (start + t).start_time + pd.Timedelta(days=10)
        x = rng.uniform(-30000, 30000, n_per_slice)
        y = rng.uniform(-20000, 20000, n_per_slice)
        rows.append(pd.DataFrame({"x": x, "y": y, "date": d}))
        if grow_at is not None and t >= n_slices - 3:
            k = 8 * (t - (n_slices - 4))
            rows.append(pd.DataFrame({"x": rng.normal(grow_at[0], 300, k),
                                      "y": rng.normal(grow_at[1], 300, k), "date": d}))
    return pd.concat(rows, ignore_index=True)


def test_minimum_slices_and_incidents_give_a_message(area_m):
    grid = hex_grid(area_m, 3000.0)
    w = hex_weights(grid)
    f = _frame(10, 9)  # 9 quarterly slices, 90 incidents
    res, msg = emerging_hotspots(grid, w, f["x"], f["y"], f["date"])
    assert res is None and "10 time slices" in msg and "9 slice" in msg
    f = _frame(5, 11)  # 11 slices but 55 incidents
    res, msg = emerging_hotspots(grid, w, f["x"], f["y"], f["date"])
    assert res is None and "60" in msg and "55 incident" in msg


def test_a_new_cluster_in_the_last_slices_is_found(area_m):
    grid = hex_grid(area_m, 3000.0)
    w = hex_weights(grid)
    f = _frame(60, 12, grow_at=(5000.0, 2000.0))
    res, msg = emerging_hotspots(grid, w, f["x"].to_numpy(), f["y"].to_numpy(), f["date"])
    assert res is not None and res["n_slices"].iloc[0] == 12
    cell = grid.locate(np.array([5000.0]), np.array([2000.0]))[0]
    row = res.iloc[cell]
    assert row["class"] in ("new", "consecutive")
    assert row["hot_final"] and row["n_hot_slices"] >= 1
    assert res.attrs["slices"][0] == "2020Q1" and len(res.attrs["slices"]) == 12
    # far from the planted cells nothing is emerging
    far = np.hypot(grid.x_m - 5000.0, grid.y_m - 2000.0) > 15000
    assert (res.loc[far, "class"].isin(["new", "consecutive", "intensifying"])).sum() == 0
