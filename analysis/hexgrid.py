"""Hexagonal grid over the study area, point-to-cell assignment and distance-band weights.

All coordinates are metres in :data:`geo.crs.METRIC_CRS`. Cells are **pointy-top** regular
hexagons; ``cell_m`` is the centre-to-centre spacing of neighbouring cells (the flat-to-flat
width), so a cell has circumradius ``cell_m / sqrt(3)`` and area ``sqrt(3)/2 * cell_m**2``
(7.79 km² for the default 3 km). Cells are addressed by axial coordinates ``(q, r)``:
centre ``x = x0 + cell_m * (q + r / 2)``, ``y = y0 + cell_m * sqrt(3)/2 * r``.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
import shapely
from scipy.spatial import cKDTree

from geo.hexagons import SQRT3, axial_round, hexagon_polygons


@dataclass(frozen=True)
class HexGrid:
    """Cells of a hexagonal grid clipped to an area (metric CRS).

    Attributes
    ----------
    q, r : int arrays, axial coordinates of each cell.
    x_m, y_m : float arrays, cell centres in metres.
    cell_m : centre spacing in metres.
    origin : (x0, y0) of axial cell (0, 0) in metres.
    """

    q: np.ndarray
    r: np.ndarray
    x_m: np.ndarray
    y_m: np.ndarray
    cell_m: float
    origin: tuple[float, float]

    @property
    def n(self) -> int:
        return len(self.q)

    @property
    def cell_ids(self) -> np.ndarray:
        """Stable text ids ``"q_r"`` (e.g. ``"12_-3"``), independent of the cell order."""
        return np.char.add(np.char.add(self.q.astype(str), "_"), self.r.astype(str))

    def polygons(self) -> np.ndarray:
        """Hexagon polygons (shapely array, metres)."""
        return hexagon_polygons(self.x_m, self.y_m, self.cell_m)

    def locate(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Index of the cell containing each point; -1 when the hexagon is not in the grid."""
        q, r = axial_round(np.asarray(x_m, float) - self.origin[0],
                            np.asarray(y_m, float) - self.origin[1], self.cell_m)
        keys = _key(self.q, self.r)
        order = np.argsort(keys)
        sorted_keys = keys[order]
        wanted = _key(q, r)
        pos = np.searchsorted(sorted_keys, wanted)
        pos = np.clip(pos, 0, len(sorted_keys) - 1)
        found = sorted_keys[pos] == wanted if len(sorted_keys) else np.zeros(len(wanted), bool)
        return np.where(found, order[pos] if len(order) else -1, -1)

    def counts(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Number of points in each cell (points outside the grid are ignored)."""
        idx = self.locate(x_m, y_m)
        return np.bincount(idx[idx >= 0], minlength=self.n).astype(float)


def _key(q: np.ndarray, r: np.ndarray) -> np.ndarray:
    return (np.asarray(q, np.int64) << 32) + (np.asarray(r, np.int64) & 0xFFFFFFFF)


def hex_grid(area_m, cell_m: float = 3000.0) -> HexGrid:
    """Hexagons of spacing ``cell_m`` (metres) that intersect ``area_m`` (metric CRS).

    Zero-count cells are part of the grid: the grid depends on the area only.
    """
    if cell_m <= 0:
        raise ValueError(f"cell_m must be positive, got {cell_m}")
    if area_m is None or shapely.is_empty(area_m):
        raise ValueError("the study area is empty")
    minx, miny, maxx, maxy = shapely.bounds(area_m)
    origin = (float(minx), float(miny))
    dy = cell_m * SQRT3 / 2.0
    r = np.arange(-1, int(np.ceil((maxy - miny) / dy)) + 2)
    q_min = int(np.floor(-r.max() / 2.0)) - 2
    q_max = int(np.ceil((maxx - minx) / cell_m - r.min() / 2.0)) + 2
    q = np.arange(q_min, q_max + 1)
    qq, rr = np.meshgrid(q, r)
    qq, rr = qq.ravel(), rr.ravel()
    x = origin[0] + cell_m * (qq + rr / 2.0)
    y = origin[1] + dy * rr
    radius = cell_m / SQRT3
    near = (x >= minx - radius) & (x <= maxx + radius) & (y >= miny - radius) & (y <= maxy + radius)
    qq, rr, x, y = qq[near], rr[near], x[near], y[near]
    shapely.prepare(area_m)
    keep = shapely.intersects(area_m, hexagon_polygons(x, y, cell_m))
    return HexGrid(qq[keep], rr[keep], x[keep], y[keep], float(cell_m), origin)


def distance_band_weights(x_m: np.ndarray, y_m: np.ndarray, threshold_m: float) -> sp.csr_matrix:
    """Binary distance-band weights: 1 where two different points are ≤ ``threshold_m`` apart.

    The diagonal is zero (Gi* adds the self-weight itself). Symmetric CSR matrix, n × n.
    """
    pts = np.column_stack([np.asarray(x_m, float), np.asarray(y_m, float)])
    n = len(pts)
    pairs = (cKDTree(pts).query_pairs(r=threshold_m, output_type="ndarray") if n
             else np.empty((0, 2), int))
    i = np.concatenate([pairs[:, 0], pairs[:, 1]])
    j = np.concatenate([pairs[:, 1], pairs[:, 0]])
    return sp.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))


def hex_weights(grid: HexGrid) -> sp.csr_matrix:
    """Distance-band weights of a hex grid with threshold ``1.01 * cell_m``: each cell's
    (up to) 6 touching neighbours; no self-weight."""
    return distance_band_weights(grid.x_m, grid.y_m, 1.01 * grid.cell_m)


GRID_ENTRIES = 8  # grids (an area and a cell width each) kept by :func:`grid_and_weights`
_grids: OrderedDict[tuple, tuple[HexGrid, sp.csr_matrix]] = OrderedDict()
_grids_lock = threading.Lock()


def grid_and_weights(area_m, cell_m: float) -> tuple[HexGrid, sp.csr_matrix]:
    """:func:`hex_grid` and its :func:`hex_weights`, built once per area (by its WKB) and
    cell width: the grid does not depend on the incidents, so a filter change reuses it.
    Callers must not change the arrays or the matrix."""
    key = (hashlib.blake2b(shapely.to_wkb(area_m), digest_size=16).digest(), float(cell_m))
    with _grids_lock:
        if key in _grids:
            _grids.move_to_end(key)
            return _grids[key]
    grid = hex_grid(area_m, cell_m)
    out = (grid, hex_weights(grid))
    with _grids_lock:
        _grids[key] = out
        while len(_grids) > GRID_ENTRIES:
            _grids.popitem(last=False)
    return out
