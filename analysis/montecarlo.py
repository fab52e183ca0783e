"""Monte Carlo test of DBSCAN cluster sizes against complete spatial randomness.

Null model: the same number of points placed uniformly at random in the study area
(metric CRS). For each of ``n_sims`` seeded simulations DBSCAN is re-run with the same
``eps_m`` / ``min_samples`` and the size of the largest simulated cluster is kept. A cluster
of size ``k`` gets ``p = (1 + #{sims with max size >= k}) / (n_sims + 1)``. Comparing with the
*maximum* simulated cluster keeps the family-wise error across clusters (CrimeStat NNH;
peers-and-methods §3.8). All simulations of a chunk share one neighbour search: each
simulation's points are shifted along x by more than the area's width plus ``eps_m``, so
simulations cannot touch.

The simulated DBSCAN is :func:`analysis.clusters.dbscan_exact`: the labels of
``sklearn.cluster.DBSCAN(eps, min_samples).fit_predict`` (same clusters, numbering and
border-point assignment) from a ``cKDTree`` pair search and connected components.
"""
from __future__ import annotations

import functools

import numpy as np
import shapely

from analysis.clusters import dbscan_exact

MAX_POINTS_PER_CALL = 400_000
MASK_CELLS = 128  # cells per side of the inside/outside/boundary grid of random_points_in


class _AreaMask:
    """Exact point-in-area test (metric CRS): grid cells far from the boundary answer
    directly, only points in cells near the boundary go to ``shapely.contains_xy``."""

    def __init__(self, area_m, cells: int = MASK_CELLS):
        self.area = area_m
        shapely.prepare(area_m)
        self.minx, self.miny, maxx, maxy = shapely.bounds(area_m)
        self.n = cells
        self.dx = max((maxx - self.minx) / cells, 1e-9)
        self.dy = max((maxy - self.miny) / cells, 1e-9)
        ix, iy = np.meshgrid(np.arange(cells), np.arange(cells))
        x0, y0 = self.minx + ix.ravel() * self.dx, self.miny + iy.ravel() * self.dy
        # a margin of 1 % of a cell absorbs rounding in the cell lookup of a point
        mx, my = 0.01 * self.dx, 0.01 * self.dy
        boxes = shapely.box(x0 - mx, y0 - my, x0 + self.dx + mx, y0 + self.dy + my)
        boundary = shapely.boundary(area_m)
        shapely.prepare(boundary)
        near = shapely.intersects(boundary, boxes)
        # 0 outside, 1 inside, 2 near the boundary (test exactly); row-major (iy, ix)
        inside = shapely.contains_xy(area_m, x0 + 0.5 * self.dx, y0 + 0.5 * self.dy)
        self.state = np.where(near, 2, inside.astype(np.int8)).astype(np.int8)

    def contains_xy(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Same as ``shapely.contains_xy(area_m, x, y)``."""
        ix = np.clip(((x - self.minx) / self.dx).astype(np.int64), 0, self.n - 1)
        iy = np.clip(((y - self.miny) / self.dy).astype(np.int64), 0, self.n - 1)
        st = self.state[iy * self.n + ix]
        ok = st == 1
        near = np.flatnonzero(st == 2)
        ok[near] = shapely.contains_xy(self.area, x[near], y[near])
        return ok


def area_mask(area_m) -> _AreaMask:
    """The :class:`_AreaMask` of ``area_m``, built once per distinct area (about 0.05 s for
    the 20 km border study area, which every hotspot run of an app tests against)."""
    return _mask_of_wkb(shapely.to_wkb(area_m))


@functools.lru_cache(maxsize=4)  # thread-safe: the app's sessions analyse in parallel
def _mask_of_wkb(wkb: bytes) -> _AreaMask:
    return _AreaMask(shapely.from_wkb(wkb))


def random_points_in(area_m, n: int, rng: np.random.Generator,
                     mask: _AreaMask | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points uniform in ``area_m`` (metric CRS) by rejection sampling in its bbox.

    ``mask`` (built from the same ``area_m``) only speeds up the inside test; the points and
    the random stream are the same with or without it.
    """
    if n <= 0:
        return np.empty(0), np.empty(0)
    minx, miny, maxx, maxy = shapely.bounds(area_m)
    frac = shapely.area(area_m) / max((maxx - minx) * (maxy - miny), 1e-9)
    if frac <= 0:
        raise ValueError("the study area has no area")
    if mask is None:
        shapely.prepare(area_m)
    xs, ys, have = [], [], 0
    while have < n:
        k = int((n - have) / frac * 1.2) + 16
        x = rng.uniform(minx, maxx, k)
        y = rng.uniform(miny, maxy, k)
        ok = mask.contains_xy(x, y) if mask is not None else shapely.contains_xy(area_m, x, y)
        xs.append(x[ok])
        ys.append(y[ok])
        have += int(ok.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def simulated_max_sizes(area_m, n_points: int, eps_m: float, min_samples: int,
                        n_sims: int = 199, seed: int = 0) -> np.ndarray:
    """Largest DBSCAN cluster size in each of ``n_sims`` random placements (0 = no cluster)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(n_sims, dtype=int)
    if n_points < min_samples or n_sims <= 0:
        return out
    minx, _, maxx, _ = shapely.bounds(area_m)
    shift = (maxx - minx) + 10.0 * eps_m
    per_call = max(1, MAX_POINTS_PER_CALL // n_points)
    mask = area_mask(area_m)
    for start in range(0, n_sims, per_call):
        k = min(per_call, n_sims - start)
        x, y = random_points_in(area_m, n_points * k, rng, mask)
        x = x + np.repeat(np.arange(k), n_points) * shift
        labels = dbscan_exact(np.column_stack([x, y]), eps_m, min_samples)
        inside = labels >= 0
        if not inside.any():
            continue
        sizes = np.bincount(labels[inside])
        owner = np.zeros(len(sizes), dtype=int)
        owner[labels[inside]] = np.flatnonzero(inside) // n_points
        best = np.zeros(k, dtype=int)
        np.maximum.at(best, owner, sizes)
        out[start:start + k] = best
    return out


def mc_p_values(cluster_sizes: np.ndarray, sim_max: np.ndarray) -> np.ndarray:
    """``(1 + #{sim_max >= size}) / (len(sim_max) + 1)`` for each observed cluster size."""
    sizes = np.asarray(cluster_sizes)
    sim_sorted = np.sort(np.asarray(sim_max))
    ge = len(sim_sorted) - np.searchsorted(sim_sorted, sizes, side="left")
    return (1.0 + ge) / (len(sim_sorted) + 1.0)
