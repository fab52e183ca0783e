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
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import shapely

from analysis.clusters import dbscan_exact

MAX_POINTS_PER_CALL = 400_000
MASK_CELLS = 128  # cells per side of the inside/outside/boundary grid of random_points_in
# from this many simulated points a chunk's DBSCAN runs in two threads (0.10 s instead of
# 0.14 s for 199 simulations of 2,000 points on 2 cores); fewer: one call costs less
PARALLEL_MIN_POINTS = 50_000


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
        # the chunk's simulations in two halves at once (the k-d tree work runs outside
        # the GIL): each simulation is DBSCAN of its own points, so the halves' results are
        # those of the whole chunk
        halves = [(a, b) for a, b in ((0, k // 2), (k // 2, k)) if b > a] \
            if n_points * k >= PARALLEL_MIN_POINTS else [(0, k)]
        done = [_pool().submit(_largest_clusters, x[a * n_points:b * n_points],
                               y[a * n_points:b * n_points], n_points, a, shift, eps_m,
                               min_samples) for a, b in halves]
        for (a, b), best in zip(halves, done, strict=True):
            out[start + a:start + b] = best.result()
    return out


def _largest_clusters(x: np.ndarray, y: np.ndarray, n_points: int, first: int,
                      shift: float, eps_m: float, min_samples: int) -> np.ndarray:
    """Largest DBSCAN cluster size of each of the ``len(x) // n_points`` simulations whose
    points are consecutive in ``x, y`` (metric CRS), the ``i``-th of them (counted from
    ``first``, its number in the chunk) shifted ``i * shift`` metres along x so that no two
    touch, the same coordinates whichever part of the chunk is computed (0 = no cluster)."""
    k = len(x) // n_points
    x = x + np.repeat(np.arange(first, first + k), n_points) * shift
    labels = dbscan_exact(np.column_stack([x, y]), eps_m, min_samples)
    inside = labels >= 0
    best = np.zeros(k, dtype=int)
    if not inside.any():
        return best
    sizes = np.bincount(labels[inside])
    owner = np.zeros(len(sizes), dtype=int)
    owner[labels[inside]] = np.flatnonzero(inside) // n_points
    np.maximum.at(best, owner, sizes)
    return best


@functools.cache
def _pool() -> ThreadPoolExecutor:
    """Two worker threads for the simulations' halves (the machine's 2 cores), shared by
    every analysis of the process (its tasks never wait on each other)."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="mc-halves")


def simulations(area_m, n_points: int, eps_m: float, min_samples: int,
                n_sims: int = 199, seed: int = 0) -> Future:
    """:func:`simulated_max_sizes` started in a thread of its own: its ``result()`` is the
    array (or raises its error), to be asked for once the caller's other work is done."""
    return _starter().submit(simulated_max_sizes, area_m, n_points, eps_m, min_samples,
                             n_sims, seed)


@functools.cache
def _starter() -> ThreadPoolExecutor:
    """The threads :func:`simulations` run in (apart from :func:`_pool`'s, which they wait
    on: sharing one pool could leave every worker waiting for a half no worker is free to
    compute); one per app session analysing at once, up to eight."""
    return ThreadPoolExecutor(max_workers=8, thread_name_prefix="mc")


def mc_p_values(cluster_sizes: np.ndarray, sim_max: np.ndarray) -> np.ndarray:
    """``(1 + #{sim_max >= size}) / (len(sim_max) + 1)`` for each observed cluster size."""
    sizes = np.asarray(cluster_sizes)
    sim_sorted = np.sort(np.asarray(sim_max))
    ge = len(sim_sorted) - np.searchsorted(sim_sorted, sizes, side="left")
    return (1.0 + ge) / (len(sim_sorted) + 1.0)
