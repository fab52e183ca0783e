"""Pointy-top hexagon arithmetic in metres (geo.crs.METRIC_CRS), shared by the hotspot grid
(analysis.hexgrid) and the public-export aggregation grid (sharing.generalise).

``cell_m`` is the centre-to-centre spacing of neighbouring cells (the flat-to-flat width);
the circumradius is ``cell_m / sqrt(3)``. Cells are addressed by axial coordinates
``(q, r)`` relative to an origin: centre ``x = x0 + cell_m * (q + r / 2)``,
``y = y0 + cell_m * sqrt(3)/2 * r``.
"""
from __future__ import annotations

import numpy as np
import shapely

SQRT3 = np.sqrt(3.0)


def axial_round(dx_m: np.ndarray, dy_m: np.ndarray,
                cell_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Axial (q, r) int64 of the hexagon containing offsets ``dx_m, dy_m`` from the origin
    (cube rounding)."""
    rf = np.asarray(dy_m, dtype=float) / (cell_m * SQRT3 / 2.0)
    qf = np.asarray(dx_m, dtype=float) / cell_m - rf / 2.0
    sf = -qf - rf
    q, r, s = np.round(qf), np.round(rf), np.round(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    return q.astype(np.int64), r.astype(np.int64)


def axial_centres(q: np.ndarray, r: np.ndarray, cell_m: float,
                  origin: tuple[float, float] = (0.0, 0.0)) -> tuple[np.ndarray, np.ndarray]:
    """Cell centres (x_m, y_m) of axial coordinates."""
    q = np.asarray(q, dtype=float)
    r = np.asarray(r, dtype=float)
    return origin[0] + cell_m * (q + r / 2.0), origin[1] + cell_m * SQRT3 / 2.0 * r


def hexagon_polygons(x_m: np.ndarray, y_m: np.ndarray, cell_m: float) -> np.ndarray:
    """Pointy-top hexagons (shapely array, metres) centred on ``x_m, y_m``."""
    radius = cell_m / SQRT3
    angles = np.deg2rad(30.0 + 60.0 * np.arange(7))  # vertices at 30°, 90°, ...; closed
    xs = np.asarray(x_m, dtype=float)[:, None] + radius * np.cos(angles)[None, :]
    ys = np.asarray(y_m, dtype=float)[:, None] + radius * np.sin(angles)[None, :]
    return shapely.polygons(np.stack([xs, ys], axis=-1))
