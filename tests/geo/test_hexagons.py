"""geo.hexagons: rounding, centres and polygons agree with each other."""
import numpy as np
import shapely

from geo.hexagons import axial_centres, axial_round, hexagon_polygons


def test_points_fall_in_the_hexagon_their_axial_cell_names():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(-50_000, 50_000, 5000), rng.uniform(-50_000, 50_000, 5000)
    cell_m = 3000.0
    q, r = axial_round(x, y, cell_m)
    cx, cy = axial_centres(q, r, cell_m)
    polys = hexagon_polygons(cx, cy, cell_m)
    assert shapely.covers(polys, shapely.points(x, y)).all()
    # no point is farther from its centre than the circumradius
    assert (np.hypot(x - cx, y - cy) <= cell_m / np.sqrt(3) + 1e-6).all()


def test_centres_round_to_themselves_and_neighbours_are_cell_m_apart():
    q, r = np.array([0, 1, 0, -1, 3]), np.array([0, 0, 1, 1, -2])
    cx, cy = axial_centres(q, r, 2000.0, origin=(100.0, -50.0))
    q2, r2 = axial_round(cx - 100.0, cy + 50.0, 2000.0)
    assert (q2 == q).all() and (r2 == r).all()
    assert np.isclose(np.hypot(cx[1] - cx[0], cy[1] - cy[0]), 2000.0)
    assert np.isclose(np.hypot(cx[2] - cx[0], cy[2] - cy[0]), 2000.0)
    assert np.isclose(shapely.area(hexagon_polygons(cx[:1], cy[:1], 2000.0))[0],
                      np.sqrt(3) / 2 * 2000.0**2)
