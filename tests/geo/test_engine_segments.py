"""geo.segments and geo.containment: the engine's index building blocks, on known shapes."""
from __future__ import annotations

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point, box

from geo.containment import PolygonIndex, first_per_point
from geo.segments import SegmentIndex, explode_to_segments


def test_explode_keeps_parts_apart_and_drops_repeats():
    lines = np.array([
        MultiLineString([[(0, 0), (1, 0), (1, 0), (2, 0)], [(10, 0), (10, 5)]]),
        None,
        LineString([(0, 1), (0, 2)]),
    ], dtype=object)
    segments, line_idx = explode_to_segments(lines)
    # no segment bridges the gap (2,0)->(10,0); the repeated (1,0) adds nothing
    assert [list(s.coords) for s in segments] == [
        [(0, 0), (1, 0)], [(1, 0), (2, 0)], [(10, 0), (10, 5)], [(0, 1), (0, 2)],
    ]
    assert line_idx.tolist() == [0, 0, 0, 2]


def _random_lines(rng: np.random.Generator) -> np.ndarray:
    """A wiggly 'border' 100 km long in metres, cut into 7 lines, plus a ring."""
    x = np.linspace(0, 100_000, 400)
    y = 3000 * np.sin(x / 7000) + rng.normal(0, 200, x.size)
    cuts = np.linspace(0, x.size - 1, 8).astype(int)
    lines = [LineString(np.column_stack([x[a:b + 1], y[a:b + 1]]))
             for a, b in zip(cuts[:-1], cuts[1:], strict=True)]
    lines.append(Point(50_000, 20_000).buffer(5000).exterior)
    return np.array(lines, dtype=object)


@pytest.mark.parametrize("piece_m,k", [(500.0, 4), (2000.0, 2), (100.0, 6)])
def test_nearest_xy_equals_strtree_and_plain_distance(piece_m, k):
    rng = np.random.default_rng(3)
    lines = _random_lines(rng)
    index = SegmentIndex(lines, piece_m=piece_m, k=k)
    x = rng.uniform(-30_000, 130_000, 5000)
    y = rng.uniform(-40_000, 60_000, 5000)
    # include the ring's centre: every ring vertex is equidistant, so the k-d answer cannot
    # be certified and the STRtree fallback must give the right answer
    x = np.append(x, 50_000.0)
    y = np.append(y, 20_000.0)
    dist_m, line_i = index.nearest_xy(x, y, chunk=1000)
    pts = shapely.points(x, y)
    expected = shapely.distance(pts[:, None], lines[None, :])  # (n, n_lines) brute force
    np.testing.assert_allclose(dist_m, expected.min(axis=1), rtol=1e-12, atol=1e-6)
    # the reported line is at that distance (ties allowed)
    np.testing.assert_allclose(expected[np.arange(x.size), line_i], dist_m, atol=1e-6)
    assert dist_m[-1] == pytest.approx(5000, rel=2e-3) and line_i[-1] == 7
    certified = index._nearest_chunk(x[-1:], y[-1:])[2]
    assert not certified[0]  # so the fallback path really ran for that point
    tree_d, tree_i = index.nearest(pts)
    np.testing.assert_allclose(tree_d, dist_m, rtol=1e-12, atol=1e-6)


def test_nearest_handles_empty_and_tiny_inputs():
    index = SegmentIndex(np.array([LineString([(0, 0), (10, 0)])], dtype=object))
    d, i = index.nearest_xy(np.array([5.0, 20.0]), np.array([3.0, 0.0]))
    np.testing.assert_allclose(d, [3.0, 10.0])
    assert i.tolist() == [0, 0]
    d, i = index.nearest_xy(np.array([]), np.array([]))
    assert d.size == 0 and i.size == 0
    d, i = index.nearest(np.array([None, Point(5, -4)], dtype=object))
    assert np.isnan(d[0]) and i[0] == -1 and d[1] == pytest.approx(4.0)
    with pytest.raises(ValueError, match="at least one"):
        SegmentIndex(np.array([None], dtype=object))


def test_polygon_index_pairs_first_and_boundary():
    polys = np.array([box(0, 0, 10, 10), None, box(5, 5, 15, 15),
                      box(0, 0, 10, 10).difference(box(2, 2, 4, 4))], dtype=object)
    index = PolygonIndex(polys)
    x = np.array([1.0, 7.0, 12.0, 3.0, 10.0, np.nan, 50.0])
    y = np.array([1.0, 7.0, 12.0, 3.0, 5.0, 1.0, 50.0])
    pt, poly = index.pairs(x, y)
    assert list(zip(pt.tolist(), poly.tolist(), strict=True)) == [
        (0, 0), (0, 3), (1, 0), (1, 2), (1, 3), (2, 2), (3, 0), (4, 0), (4, 2), (4, 3),
    ]  # (10, 5) lies on three boundaries: boundary counts as inside; (3, 3) in the hole
    assert index.first(x, y).tolist() == [0, 0, 2, 0, 0, -1, -1]
    # a rank moves the choice: prefer polygon 3 over 0, polygon 2 over 3
    rank = np.select([poly == 3, poly == 2], [0, 1], 2)
    assert first_per_point(pt, poly, x.size, rank=rank).tolist() == [3, 3, 2, 0, 3, -1, -1]


def test_polygon_index_many_polygons_matches_brute_force():
    """Above 8 polygons the x-sorted pre-filter is used: same answers as brute force."""
    rng = np.random.default_rng(5)
    centres = rng.uniform(0, 100, (40, 2))
    polys = np.array([Point(c).buffer(r) for c, r in zip(centres, rng.uniform(2, 15, 40),
                                                         strict=True)], dtype=object)
    x = np.append(rng.uniform(-10, 110, 3000), np.nan)
    y = np.append(rng.uniform(-10, 110, 3000), 5.0)
    index = PolygonIndex(polys)
    inside = shapely.intersects_xy(polys[None, :], x[:, None], y[:, None])  # brute force
    pt, poly = index.pairs(x, y)
    exp_pt, exp_poly = np.nonzero(inside)
    assert pt.tolist() == exp_pt.tolist() and poly.tolist() == exp_poly.tolist()
    expected_first = np.where(inside.any(axis=1), inside.argmax(axis=1), -1)
    assert index.first(x, y).tolist() == expected_first.tolist()
