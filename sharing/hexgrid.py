"""A fixed hexagonal grid in METRIC_CRS metres, anchored at the CRS origin.

``hex_m`` is the flat-to-flat width of a cell (= distance between neighbouring centres);
the circumradius is ``hex_m / sqrt(3)``. Pointy-top cells, axial coordinates (q, r). The
grid never depends on the data, so two exports with different filters cannot be
differenced against shifted grids.
"""
from __future__ import annotations

import numpy as np

from geo.hexagons import axial_centres, axial_round, hexagon_polygons


def hex_cells(x_m: np.ndarray, y_m: np.ndarray, hex_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Axial cell coordinates (q, r), int64, of points given in METRIC_CRS metres."""
    return axial_round(x_m, y_m, hex_m)


def hex_centres(q: np.ndarray, r: np.ndarray, hex_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres in metres for axial coordinates."""
    return axial_centres(q, r, hex_m)


def hex_polygons(q: np.ndarray, r: np.ndarray, hex_m: float) -> np.ndarray:
    """Cell polygons (shapely, METRIC_CRS) for axial coordinates."""
    return hexagon_polygons(*hex_centres(q, r, hex_m), hex_m)


def cell_ids(q: np.ndarray, r: np.ndarray, hex_m: float) -> np.ndarray:
    """Readable, stable cell ids such as ``"HX2000_12_-7"``."""
    return np.asarray([f"HX{int(hex_m)}_{a}_{b}" for a, b in zip(q, r, strict=True)],
                      dtype=object)
