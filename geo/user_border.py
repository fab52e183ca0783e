"""Distance to the KG–TJ border as a user's reference line draws it (METRIC_CRS metres).

Where a user line (:mod:`geo.reference_line`) covers a point, that line, not the shipped
December 2017 line, is the border, for the point's distance as for its side:

- a point the user line puts on the Kyrgyz side is measured to the nearest Tajik polygon of
  the user file (and the other way round), and to the file's lines;
- the shipped line counts only where the user file does not reach: outside its polygons and
  farther than :data:`geo.reference_line.LINE_REACH_M` from its lines (the reach within which
  a line answers the side);
- a side the file draws nothing to measure against (e.g. only a Kyrgyz polygon, no Tajik
  polygon and no line) keeps the shipped distance, and so does the Uzbek side.

Without this, a village a newer line gives to Kyrgyzstan kept a negative ("Tajik side")
distance to the 2017 line beside ``side_line`` KG.
"""
from __future__ import annotations

import numpy as np
import shapely

from geo.crs import to_lonlat_geom
from geo.reference_line import LINE_REACH_M, OTHER_SIDE, UserLine
from geo.segments import SegmentIndex


class UserBorder:
    """Nearest-border distances for the points a :class:`UserLine` covers.

    Parameters
    ----------
    line : the user's line, its geometries in METRIC_CRS.
    shipped_lines : the shipped KG–TJ segments in METRIC_CRS (array of LineStrings).
    """

    def __init__(self, line: UserLine, shipped_lines: np.ndarray) -> None:
        polygons = [g for g, _ in line.polygons]
        user_lines = [g for g, _ in line.lines]
        reach = polygons + [shapely.buffer(g, LINE_REACH_M) for g in user_lines]
        shipped = shapely.union_all(np.asarray(shipped_lines, dtype=object))
        outside = shapely.difference(shipped, shapely.union_all(reach)) if reach else shipped
        self._index: dict[str, SegmentIndex] = {}
        for side, other in OTHER_SIDE.items():  # a point is measured to the other side
            edges = [shapely.boundary(g) for g, s in line.polygons if s == other] + user_lines
            if not edges:
                continue
            if not shapely.is_empty(outside):
                edges.append(outside)
            self._index[side] = SegmentIndex(np.asarray(edges, dtype=object))

    def dist_m(self, x_m: np.ndarray, y_m: np.ndarray, sides: np.ndarray) -> np.ndarray:
        """Unsigned distance in metres for points on a side this line measures (``sides``:
        the user line's answer per point, None where it does not cover); NaN elsewhere."""
        out = np.full(len(x_m), np.nan)
        for side, index in self._index.items():
            at = np.flatnonzero(np.asarray(sides == side, dtype=bool))
            if at.size:
                out[at], _ = index.nearest_xy(x_m[at], y_m[at])
        return out


SHARED_EDGE_M = 1.0  # polygon edges this close to the other side's polygons are the line


def drawn_line_m(line: UserLine) -> shapely.Geometry | None:
    """The user's KG–TJ line to draw (METRIC_CRS): its lines, and the edges where its Kyrgyz
    and Tajik polygons meet (not the outer edges of the area it covers); None when neither."""
    parts = [g for g, _ in line.lines]
    kg = [g for g, s in line.polygons if s == "KG"]
    tj = [g for g, s in line.polygons if s == "TJ"]
    if kg and tj:
        shared = shapely.intersection(shapely.boundary(shapely.union_all(kg)),
                                      shapely.buffer(shapely.union_all(tj), SHARED_EDGE_M))
        parts += [p for p in shapely.get_parts(shared)
                  if shapely.get_type_id(p) == 1 and shapely.length(p) > 0]
    if not parts:
        return None
    return shapely.line_merge(shapely.union_all(np.asarray(parts, dtype=object)))


def drawn_line_lonlat(line: UserLine) -> shapely.Geometry | None:
    """:func:`drawn_line_m` in EPSG:4326 (for the web map)."""
    drawn = drawn_line_m(line)
    return None if drawn is None else to_lonlat_geom(drawn)
