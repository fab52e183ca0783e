"""DBSCAN for dense points without listing every pair within ``eps``.

:func:`analysis.clusters.dbscan_exact` lists all pairs of points within ``eps`` (a k-d tree's
``query_pairs``): fast while they are few, but 1e5 incidents in a few towns' worth of space
have ~5e8 such pairs (8 GB; the app's hotspots ran out of memory at 1e5). This gives the same
labels from a grid of cells ``eps / sqrt(2)`` wide, in which every two points of a cell are
within ``eps``:
- a point in a cell of at least ``min_samples`` points is a core point; the others count
  their neighbours (few, where cells are sparse);
- the core points of a cell are connected; two cells' core points are connected when any
  pair of them is within ``eps`` (a k-d tree pair count, only for cells up to two apart);
- clusters are numbered by their lowest core-point index, and a border point joins the
  lowest-numbered cluster among its core neighbours, as in :func:`dbscan_exact`.
Distances are Euclidean in the points' units (metres in the app), compared as ``<= eps``
by the same k-d tree code as ``query_pairs``.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

# cell offsets (di, dj) whose cells can hold points within eps of each other (cell width
# just under eps / sqrt(2)), one of each symmetric pair
OFFSETS = tuple((di, dj) for di in range(0, 3) for dj in range(-2, 3) if (di, dj) > (0, 0))
MAX_PAIRS = 20_000_000  # above about this many pairs within eps, dbscan_exact comes here


def many_pairs(pts: np.ndarray, eps: float) -> bool:
    """Whether ``pts`` may hold more than :data:`MAX_PAIRS` pairs within ``eps`` (counted
    per grid cell ``eps`` wide: a cheap estimate of the same order)."""
    if len(pts) * (len(pts) - 1) / 2 <= MAX_PAIRS:
        return False
    ij = np.floor((pts - pts.min(axis=0)) / eps).astype(np.int64)
    _, counts = np.unique(ij[:, 0] * (int(ij[:, 1].max()) + 1) + ij[:, 1],
                          return_counts=True)
    return float((counts.astype(float) ** 2).sum()) / 2 > MAX_PAIRS


def dbscan_grid(pts: np.ndarray, eps: float, min_samples: int) -> np.ndarray:
    """Labels (-1 = noise) of DBSCAN(eps, min_samples) for ``pts`` (n × 2), equal to
    :func:`analysis.clusters.dbscan_exact`'s."""
    n = len(pts)
    label = np.full(n, -1)
    if n == 0:
        return label
    width = eps / np.sqrt(2.0) * (1.0 - 1e-9)  # a cell's diagonal is under eps
    ij = np.floor((pts - pts.min(axis=0)) / width).astype(np.int64)
    n_j = int(ij[:, 1].max()) + 3
    key = (ij[:, 0] + 2) * n_j + ij[:, 1]
    cells, cell_of, per_cell = np.unique(key, return_inverse=True, return_counts=True)
    cell_of = cell_of.ravel()
    core = per_cell[cell_of] >= min_samples
    tree = cKDTree(pts)
    sparse = np.flatnonzero(~core)
    if len(sparse):
        core[sparse] = tree.query_ball_point(pts[sparse], eps, return_length=True) \
            >= min_samples
    core_idx = np.flatnonzero(core)
    if not len(core_idx):
        return label
    # core cells and their core points (positions in core_idx, by cell)
    core_cell = cell_of[core_idx]
    order = np.argsort(core_cell, kind="stable")
    ccells, first, size = np.unique(core_cell[order], return_index=True, return_counts=True)
    members = [core_idx[order[a:a + b]] for a, b in zip(first, size, strict=True)]
    trees: dict[int, cKDTree] = {}

    def tree_of(c: int) -> cKDTree:
        if c not in trees:
            trees[c] = cKDTree(pts[members[c]])
        return trees[c]

    keys = cells[ccells]
    rows, cols = [], []
    for di, dj in OFFSETS:
        want = keys + di * n_j + dj
        pos = np.clip(np.searchsorted(keys, want), 0, len(keys) - 1)
        for a in np.flatnonzero(keys[pos] == want):
            b = int(pos[a])
            if tree_of(int(a)).count_neighbors(tree_of(b), eps) > 0:
                rows.append(int(a))
                cols.append(b)
    graph = sp.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)),
                          shape=(len(keys), len(keys)))
    _, comp_of_cell = connected_components(graph, directed=False)
    comp = np.empty(n, dtype=np.intp)
    for c, idx in enumerate(members):
        comp[idx] = comp_of_cell[c]
    comp = comp[core_idx]
    n_comp = int(comp.max()) + 1
    lowest = np.full(n_comp, n)
    np.minimum.at(lowest, comp, core_idx)  # lowest core-point index per cluster
    rank = np.empty(n_comp, dtype=int)
    rank[np.argsort(lowest)] = np.arange(n_comp)
    label[core_idx] = rank[comp]
    border = np.flatnonzero(~core)
    if len(border):
        near = cKDTree(pts[core_idx]).query_ball_point(pts[border], eps)
        for p, found in zip(border, near, strict=True):
            if found:
                label[p] = int(label[core_idx[found]].min())
    return label
