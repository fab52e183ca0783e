"""Shared borders of two country polygons as lines, split into segments with stable ids.

All geometry here is in metres (:data:`geo.crs.METRIC_CRS`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.ops import substring

MAX_SEGMENT_M = 20_000.0  # lines are cut into ceil(length / 20 km) equal pieces (10–20 km)


@dataclass(frozen=True)
class BorderSegment:
    """One piece of a shared border, in metres (METRIC_CRS)."""

    segment_id: str
    pair: str  # "KGZ-TJK"
    geom: LineString
    enclave: str  # name of the enclave the segment bounds, else ""


def _normalise(line: LineString) -> LineString:
    """Deterministic direction and start: open lines run from their western end; rings start
    at their westernmost vertex and run counter-clockwise."""
    coords = np.asarray(line.coords)
    if line.is_ring:
        ring = coords[:-1]
        if shapely.LinearRing(coords).is_ccw is False:
            ring = ring[::-1]
        start = int(np.lexsort((ring[:, 1], ring[:, 0]))[0])
        ring = np.roll(ring, -start, axis=0)
        return LineString(np.vstack([ring, ring[:1]]))
    if (coords[-1, 0], coords[-1, 1]) < (coords[0, 0], coords[0, 1]):
        coords = coords[::-1]
    return LineString(coords)


def shared_lines(a: shapely.Geometry, b: shapely.Geometry) -> list[LineString]:
    """Merged common boundary of two polygonal geometries, each line normalised."""
    inter = shapely.intersection(a.boundary, b.boundary)
    lines = [g for g in shapely.get_parts(inter) if g.geom_type == "LineString" and g.length > 0]
    if not lines:
        return []
    merged = shapely.line_merge(MultiLineString(lines))
    return [_normalise(g) for g in shapely.get_parts(merged)]


def split_line(line: LineString, max_len_m: float = MAX_SEGMENT_M) -> list[LineString]:
    """Cut a line into ``ceil(length / max_len_m)`` pieces of equal length, in order."""
    n = max(1, math.ceil(line.length / max_len_m))
    step = line.length / n
    return [substring(line, i * step, (i + 1) * step) for i in range(n)]


def border_segments(
    pair: str, prefix: str, lines: list[LineString], enclaves: dict[str, shapely.Geometry]
) -> list[BorderSegment]:
    """Number the segments of one country pair: ``{prefix}-001``, ... .

    Lines bounding no enclave come first, ordered by their western start point; then the
    enclave rings, ordered by enclave name. ``enclaves`` maps name → polygon (metres).
    """
    tagged = []
    for line in lines:
        name = next(
            (n for n, poly in sorted(enclaves.items()) if poly.boundary.buffer(1.0).contains(line)),
            "",
        )
        x0, y0 = line.coords[0]
        tagged.append(((1, name, x0, y0) if name else (0, "", x0, y0), line, name))
    tagged.sort(key=lambda t: t[0])
    out: list[BorderSegment] = []
    for _, line, name in tagged:
        for piece in split_line(line):
            out.append(BorderSegment(f"{prefix}-{len(out) + 1:03d}", pair, piece, name))
    return out
