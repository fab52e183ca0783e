"""A fixed hexagonal grid in METRIC_CRS metres, anchored at the CRS origin.

``hex_m`` is the flat-to-flat width of a cell (= distance between neighbouring centres);
the circumradius is ``hex_m / sqrt(3)``. Pointy-top cells, axial coordinates (q, r). The
grid never depends on the data, so two exports with different filters cannot be
differenced against shifted grids.
"""
from __future__ import annotations

import numpy as np
import shapely

SQRT3 = np.sqrt(3.0)


def hex_cells(x_m: np.ndarray, y_m: np.ndarray, hex_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Axial cell coordinates (q, r) of points.

    Parameters
    ----------
    x_m, y_m : METRIC_CRS coordinates in metres.
    hex_m : cell width in metres.

    Returns
    -------
    q, r : int64 arrays.
    """
    size = hex_m / SQRT3
    x = np.asarray(x_m, dtype=float)
    y = np.asarray(y_m, dtype=float)
    qf = (SQRT3 / 3 * x - y / 3) / size
    rf = (2 / 3 * y) / size
    sf = -qf - rf
    q, r, s = np.round(qf), np.round(rf), np.round(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


def hex_centres(q: np.ndarray, r: np.ndarray, hex_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres in metres for axial coordinates."""
    size = hex_m / SQRT3
    q = np.asarray(q, dtype=float)
    r = np.asarray(r, dtype=float)
    return size * SQRT3 * (q + r / 2), size * 1.5 * r


def hex_polygons(q: np.ndarray, r: np.ndarray, hex_m: float) -> np.ndarray:
    """Cell polygons (shapely, METRIC_CRS) for axial coordinates."""
    cx, cy = hex_centres(q, r, hex_m)
    size = hex_m / SQRT3
    ang = np.deg2rad(30 + 60 * np.arange(6))
    xs = cx[:, None] + size * np.cos(ang)[None, :]
    ys = cy[:, None] + size * np.sin(ang)[None, :]
    return shapely.polygons(np.stack([xs, ys], axis=-1))


def cell_ids(q: np.ndarray, r: np.ndarray, hex_m: float) -> np.ndarray:
    """Readable, stable cell ids such as ``"HX2000_12_-7"``."""
    return np.asarray([f"HX{int(hex_m)}_{a}_{b}" for a, b in zip(q, r, strict=True)],
                      dtype=object)
