"""Gi* z-scores equal esda's analytic Zs; BH adjustment and Gi_Bin classes."""
from __future__ import annotations

import warnings

import esda
import libpysal
import numpy as np
import pytest
import shapely

from analysis.gistar import GiStar
from analysis.hexgrid import hex_grid, hex_weights
from analysis.significance import bh_adjust, gi_bins, p_two_sided


def _esda_z(counts, w):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wl = libpysal.weights.WSP(w).to_W(silence_warnings=True)
        return esda.G_Local(counts, wl, transform="B", star=True, permutations=0)


@pytest.mark.parametrize("seed, cell_m", [(0, 3000.0), (1, 2000.0), (2, 5000.0)])
def test_z_equals_esda_on_hex_grid(seed, cell_m):
    rng = np.random.default_rng(seed)
    # an irregular area: two blobs joined by a thin corridor, so cells have 1–6 neighbours,
    # plus a far-off speck whose single cell is an island (no neighbours but itself)
    area = shapely.union_all([shapely.Point(0, 0).buffer(25000),
                              shapely.Point(60000, 5000).buffer(15000),
                              shapely.box(0, -1000, 60000, 1000),
                              shapely.Point(200000, 0).buffer(100)])
    grid = hex_grid(area, cell_m)
    w = hex_weights(grid)
    counts = rng.poisson(0.3, grid.n).astype(float)
    counts[rng.integers(0, grid.n, 5)] += 12  # a few hot cells
    assert (np.asarray(w.sum(axis=1)).ravel() == 0).sum() >= 1  # the island
    ours = GiStar(counts, w)
    ref = _esda_z(counts, w)
    assert np.max(np.abs(ours.Zs - ref.Zs)) < 1e-9
    assert np.max(np.abs(ours.Gs - ref.Gs)) < 1e-12
    # esda's p_norm is one-sided: ours is two-sided
    np.testing.assert_allclose(ours.p, np.minimum(2 * ref.p_norm, 1), atol=1e-12)


def test_hex_neighbours_are_the_six_touching_cells():
    grid = hex_grid(shapely.box(0, 0, 50000, 50000), 3000.0)
    card = np.asarray(hex_weights(grid).sum(axis=1)).ravel()
    assert card.max() == 6 and (card == 6).sum() > grid.n / 2
    polys = grid.polygons()
    i = int(np.flatnonzero(card == 6)[0])
    nbrs = hex_weights(grid)[i].indices
    # neighbours share an edge (distance 0, no overlap); other cells do not touch
    assert (shapely.distance(polys[i], polys[nbrs]) < 1e-6).all()
    assert (shapely.area(shapely.intersection(polys[i], polys[nbrs])) < 1e-3).all()
    others = np.setdiff1d(np.arange(grid.n), np.r_[nbrs, i])
    assert (shapely.distance(polys[i], polys[others]) > 1.0).all()


def test_locate_puts_points_in_their_hexagon():
    area = shapely.box(-20000, -10000, 20000, 10000)
    grid = hex_grid(area, 3000.0)
    rng = np.random.default_rng(3)
    x, y = rng.uniform(-20000, 20000, 2000), rng.uniform(-10000, 10000, 2000)
    idx = grid.locate(x, y)
    assert (idx >= 0).all()
    assert shapely.contains_xy(grid.polygons()[idx], x, y).all()
    assert grid.counts(x, y).sum() == 2000
    # the grid covers the area, every cell touches it
    assert shapely.union_all(grid.polygons()).contains(area)
    assert shapely.intersects(area, grid.polygons()).all()


def test_constant_counts_give_nan_z_and_p_one():
    grid = hex_grid(shapely.box(0, 0, 20000, 20000), 3000.0)
    gi = GiStar(np.zeros(grid.n), hex_weights(grid))
    assert np.isnan(gi.Zs).all() and (gi.p == 1).all()


def test_bh_adjust_matches_hand_computation():
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5, np.nan])
    # sorted: 0.005, 0.01, 0.03, 0.04, 0.5 (m = 5): 0.025, 0.025, 0.05, 0.05, 0.5
    expected = np.array([0.025, 0.05, 0.05, 0.025, 0.5, np.nan])
    np.testing.assert_allclose(bh_adjust(p), expected)
    assert np.isnan(bh_adjust(np.array([np.nan]))).all()


def test_gi_bins_only_for_fdr_survivors():
    z = np.array([3.0, -3.0, 2.0, 1.7, 4.0])
    p_adj = np.array([0.005, 0.02, 0.04, 0.08, 0.2])
    assert gi_bins(z, p_adj, q=0.05).tolist() == [3, -2, 2, 0, 0]
    assert gi_bins(z, p_adj, q=0.10).tolist() == [3, -2, 2, 1, 0]


def test_two_sided_p():
    assert p_two_sided(np.array([1.959963984540054]))[0] == pytest.approx(0.05)
