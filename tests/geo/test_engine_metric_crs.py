"""geo.crs.METRIC_CRS keeps distances within 0.5 % of the geodesic across the whole region."""
from __future__ import annotations

import numpy as np
from pyproj import Geod

from geo.crs import REGION_BOUNDS, to_metric

GEOD = Geod(ellps="WGS84")


def _random_lonlat(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    minx, miny, maxx, maxy = REGION_BOUNDS
    return rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)


def _relative_error(lon1, lat1, lon2, lat2) -> np.ndarray:
    x1, y1 = to_metric(lon1, lat1)
    x2, y2 = to_metric(lon2, lat2)
    planar_m = np.hypot(x2 - x1, y2 - y1)
    geodesic_m = GEOD.inv(lon1, lat1, lon2, lat2)[2]
    return np.abs(planar_m - geodesic_m) / geodesic_m


def test_long_distances_across_region_within_half_percent():
    rng = np.random.default_rng(42)
    lon1, lat1 = _random_lonlat(rng, 20000)
    lon2, lat2 = _random_lonlat(rng, 20000)
    err = _relative_error(lon1, lat1, lon2, lat2)
    assert err.max() < 0.005, f"worst relative error {err.max():.5f}"


def test_short_distances_at_region_corners_within_half_percent():
    """Local scale error is largest far from the projection centre: check the corners."""
    minx, miny, maxx, maxy = REGION_BOUNDS
    corners = np.array([(minx, miny), (minx, maxy), (maxx, miny), (maxx, maxy)])
    rng = np.random.default_rng(7)
    lon1 = np.repeat(corners[:, 0], 500)
    lat1 = np.repeat(corners[:, 1], 500)
    az = rng.uniform(0, 360, lon1.size)
    dist = rng.uniform(50, 5000, lon1.size)  # 50 m – 5 km, the scale of border distances
    lon2, lat2, _ = GEOD.fwd(lon1, lat1, az, dist)
    err = _relative_error(lon1, lat1, lon2, lat2)
    assert err.max() < 0.005, f"worst relative error {err.max():.5f}"
