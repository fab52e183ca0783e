"""Nearest-line queries over lines exploded into 2-point segments (METRIC_CRS metres).

Distance from a point to one long line makes GEOS walk every vertex (~30 µs a point for
the KG–TJ line); an STRtree over 2-point segments finds the nearest one in a few tree
steps. :class:`SegmentIndex` keeps, for every small segment, the row of the line it came
from, so answers come back in terms of the caller's lines (e.g. shipped segment ids).
"""
from __future__ import annotations

import numpy as np
import shapely


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


class SegmentIndex:
    """Nearest line for many points, through an STRtree over 2-point segments.

    Parameters
    ----------
    lines : array of shapely (Multi)LineStrings in a planar metric CRS (METRIC_CRS).
    """

    def __init__(self, lines: np.ndarray) -> None:
        self.segments, self.line_idx = explode_to_segments(lines)
        if len(self.segments) == 0:
            raise ValueError("SegmentIndex needs at least one non-empty line")
        self.tree = shapely.STRtree(self.segments)

    def nearest(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distance to, and row of, the nearest line for each point.

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
