"""Nearest-line queries over lines exploded into 2-point segments (METRIC_CRS metres).

Distance from a point to one long line makes GEOS walk every vertex (~10-30 µs a point for
the KG–TJ line); an index over 2-point segments finds the nearest one in a few steps.
:class:`SegmentIndex` keeps, for every small segment, the row of the line it came from, so
answers come back in terms of the caller's lines (e.g. shipped segment ids).
"""
from __future__ import annotations

import numpy as np
import shapely
from scipy.spatial import cKDTree


def explode_to_segments(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split (Multi)LineStrings into 2-point LineStrings.

    Parameters
    ----------
    lines : array of shapely (Multi)LineStrings (any planar CRS); None/empty are skipped.

    Returns
    -------
    segments : ndarray of 2-point LineStrings, in line order then vertex order.
    line_idx : ndarray of int, for each segment the position in ``lines`` it came from.
    """
    lines = np.asarray(lines, dtype=object)
    parts, part_line = shapely.get_parts(lines, return_index=True)
    coords, coord_part = shapely.get_coordinates(parts, return_index=True)
    same_part = coord_part[:-1] == coord_part[1:]
    starts = coords[:-1][same_part]
    ends = coords[1:][same_part]
    keep = np.any(starts != ends, axis=1)  # zero-length steps (repeated vertices) add nothing
    segments = shapely.linestrings(np.stack([starts[keep], ends[keep]], axis=1))
    line_idx = part_line[coord_part[:-1][same_part][keep]]
    return segments, line_idx.astype(np.intp)


def _split_long(starts: np.ndarray, ends: np.ndarray,
                max_len: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut each segment into equal pieces no longer than ``max_len``.

    Returns piece starts, piece ends ((m, 2) arrays) and the segment index of each piece.
    Consecutive pieces share bit-identical end/start coordinates.
    """
    delta = ends - starts
    n_pieces = np.maximum(1, np.ceil(np.hypot(delta[:, 0], delta[:, 1]) / max_len)).astype(int)
    seg_of = np.repeat(np.arange(len(starts)), n_pieces)
    k = np.arange(seg_of.size) - np.repeat(np.cumsum(n_pieces) - n_pieces, n_pieces)
    frac0 = (k / n_pieces[seg_of])[:, None]
    frac1 = ((k + 1) / n_pieces[seg_of])[:, None]
    p_start = starts[seg_of] + frac0 * delta[seg_of]
    p_end = starts[seg_of] + frac1 * delta[seg_of]
    last = k == n_pieces[seg_of] - 1
    p_end[last] = ends[seg_of[last]]  # exact original end vertex
    return p_start, p_end, seg_of


class SegmentIndex:
    """Nearest line for many points: exact, vectorised, no per-point Python.

    Two exact paths over the same 2-point segments:

    - :meth:`nearest` (shapely Points): ``STRtree(segments).query_nearest``.
    - :meth:`nearest_xy` (coordinate arrays, about 2x faster): the segments are cut into
      pieces no longer than ``piece_m``; a k-d tree over the piece vertices gives each
      point its ``k`` nearest vertices, and the pieces meeting at them are measured with
      numpy. The answer is certified: the true nearest piece has an end vertex within
      ``sqrt(d**2 + (L/2)**2)`` of the point (``d`` the distance found, ``L`` the longest
      piece), so when that radius is below the k-th vertex distance the true piece was a
      candidate. Points that are not certified (a few in 10,000, e.g. at the centre of a
      ring) go through the STRtree.

    Parameters
    ----------
    lines : array of shapely (Multi)LineStrings in a planar metric CRS (METRIC_CRS).
    piece_m : longest piece for the k-d path, in CRS units (metres).
    k : vertices per point in the k-d path.
    """

    def __init__(self, lines: np.ndarray, piece_m: float = 500.0, k: int = 4) -> None:
        self.segments, self.line_idx = explode_to_segments(lines)
        if len(self.segments) == 0:
            raise ValueError("SegmentIndex needs at least one non-empty line")
        self.tree = shapely.STRtree(self.segments)
        ends = shapely.get_coordinates(self.segments).reshape(-1, 2, 2)
        p_start, p_end, self._piece_seg = _split_long(ends[:, 0], ends[:, 1], piece_m)
        delta = p_end - p_start
        len2 = (delta * delta).sum(axis=1)
        self._half_piece_m = float(np.sqrt(len2.max())) / 2
        # one padding piece far away at the end, for the -1 slots of the adjacency table
        self._ax = np.append(p_start[:, 0], _FAR)
        self._ay = np.append(p_start[:, 1], _FAR)
        self._dx = np.append(delta[:, 0], 0.0)
        self._dy = np.append(delta[:, 1], 0.0)
        self._inv_len2 = np.append(1.0 / len2, 0.0)  # pieces have length > 0
        vertices, vert_of = np.unique(
            np.concatenate([p_start, p_end]), axis=0, return_inverse=True
        )
        self._adjacent = _adjacency(vert_of.ravel(), len(p_start), len(vertices))
        self._kdtree = cKDTree(vertices)
        self._k = min(k, len(vertices))

    def nearest(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distance to, and row of, the nearest line for each shapely Point.

        Parameters
        ----------
        points : array of shapely Points in the lines' CRS; None/empty allowed.

        Returns
        -------
        dist_m : float ndarray (NaN for None/empty points).
        line_idx : int ndarray, position in ``lines`` (-1 for None/empty points).
        """
        points = np.asarray(points, dtype=object)
        dist_m = np.full(len(points), np.nan)
        line_idx = np.full(len(points), -1, dtype=np.intp)
        if len(points) == 0:
            return dist_m, line_idx
        (pt_i, seg_i), d = self.tree.query_nearest(
            points, return_distance=True, all_matches=False
        )
        dist_m[pt_i] = d
        line_idx[pt_i] = self.line_idx[seg_i]
        return dist_m, line_idx

    def nearest_xy(self, x: np.ndarray, y: np.ndarray,
                   chunk: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """Distance to, and row of, the nearest line for each finite x/y point.

        Parameters
        ----------
        x, y : float arrays in the lines' CRS (must be finite).
        chunk : points handled at once (bounds temporary memory, ~1 KB a point).

        Returns
        -------
        dist_m : float ndarray; line_idx : int ndarray, position in ``lines``.
        """
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        dist_m = np.empty(x.size)
        seg = np.empty(x.size, dtype=np.intp)
        certified = np.empty(x.size, dtype=bool)
        for lo in range(0, x.size, chunk):
            hi = min(lo + chunk, x.size)
            dist_m[lo:hi], seg[lo:hi], certified[lo:hi] = self._nearest_chunk(x[lo:hi], y[lo:hi])
        redo = np.flatnonzero(~certified)
        if redo.size:
            (pt_i, seg_i), d = self.tree.query_nearest(
                shapely.points(x[redo], y[redo]), return_distance=True, all_matches=False
            )
            dist_m[redo[pt_i]] = d
            seg[redo[pt_i]] = seg_i
        return dist_m, self.line_idx[seg]

    def _nearest_chunk(self, x: np.ndarray,
                       y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # workers=-1: the query runs in threads on every core (scipy releases the GIL)
        vert_dist, vert_i = self._kdtree.query(np.column_stack([x, y]), k=self._k, workers=-1)
        vert_dist = vert_dist.reshape(x.size, -1)
        cand = self._adjacent[vert_i.reshape(x.size, -1)].reshape(x.size, -1)
        apx = x[:, None] - self._ax[cand]
        apy = y[:, None] - self._ay[cand]
        dx = self._dx[cand]
        dy = self._dy[cand]
        t = np.clip((apx * dx + apy * dy) * self._inv_len2[cand], 0.0, 1.0)
        qx = apx - t * dx
        qy = apy - t * dy
        dist2 = qx * qx + qy * qy
        best = np.argmin(dist2, axis=1)
        rows = np.arange(x.size)
        dist_m = np.sqrt(dist2[rows, best])
        piece = cand[rows, best]
        bound = np.sqrt(dist_m * dist_m + self._half_piece_m**2) * (1 + 1e-9) + 1e-6
        if self._k == self._kdtree.n:  # every vertex is a candidate: always exact
            certified = np.ones(x.size, dtype=bool)
        else:
            certified = bound < vert_dist[:, -1]
        return dist_m, self._piece_seg[piece], certified


_FAR = 1e15  # coordinate of the padding piece: never the nearest


def _adjacency(vert_of: np.ndarray, n_pieces: int, n_vertices: int) -> np.ndarray:
    """(n_vertices, max_degree) table of the pieces meeting at each vertex, -1 padded
    (-1 indexes the padding piece kept at the end of the piece arrays)."""
    piece = np.concatenate([np.arange(n_pieces)] * 2)
    order = np.argsort(vert_of, kind="stable")
    v_sorted = vert_of[order]
    first = np.searchsorted(v_sorted, np.arange(n_vertices))
    rank = np.arange(v_sorted.size) - first[v_sorted]
    table = np.full((n_vertices, rank.max() + 1), -1, dtype=np.intp)
    table[v_sorted, rank] = piece[order]
    return table
