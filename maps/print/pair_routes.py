"""Routes of the print map's pair lines: one gentle arc per community pair, each bent to the
side (or kept straight) that crosses the fewest lines already placed.

Straight pair lines crossed each other where pairs interleave (the Isfara valley: Kara-Bak –
Shahrak over Kyzyl-Bel' – Lakkon; Leilek): a reader could not tell which village is paired
with which. A line here is a quadratic Bézier curve from the Kyrgyz to the Tajik community
whose control point sits ``bend`` × its length to the left (+) or right (−) of the chord's
middle (so the arc's furthest point is half that). Longest lines are placed first (they cross
most); each takes the bend of :data:`BENDS` with the fewest crossings of the lines placed
before it, the straightest on a tie. Coordinates in metres of a projected CRS
(``geo.crs.METRIC_CRS``); a crossing within :data:`END_TOLERANCE_M` of a shared end (two
pairs of one community) is not one.
"""
from __future__ import annotations

import numpy as np
import shapely

BENDS = (0.0, 0.25, -0.25, 0.45, -0.45, 0.7, -0.7)  # control-point offset / chord length
SAMPLES = 24  # points per drawn arc
END_TOLERANCE_M = 60.0


def arc(x0: float, y0: float, x1: float, y1: float, bend: float,
        n: int = SAMPLES) -> np.ndarray:
    """``n`` points (x, y) of the quadratic Bézier from (x0, y0) to (x1, y1) whose control
    point lies ``bend`` × the chord's length left of the chord's middle (metres)."""
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2 - bend * dy, (y0 + y1) / 2 + bend * dx
    t = np.linspace(0.0, 1.0, n)[:, None]
    return ((1 - t) ** 2) * [x0, y0] + 2 * (1 - t) * t * [cx, cy] + (t ** 2) * [x1, y1]


def crossings(lines: list[shapely.LineString]) -> int:
    """How many pairs of ``lines`` cross away from their ends (a shared community end, or a
    touch within :data:`END_TOLERANCE_M` of an end, is no crossing)."""
    n = 0
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            n += _cross(a, b)
    return n


def _cross(a: shapely.LineString, b: shapely.LineString) -> bool:
    hit = a.intersection(b)
    if hit.is_empty:
        return False
    ends = shapely.MultiPoint([a.coords[0], a.coords[-1], b.coords[0], b.coords[-1]])
    return shapely.difference(hit, ends.buffer(END_TOLERANCE_M)).is_empty is False


def route_pairs(kx: np.ndarray, ky: np.ndarray, tx: np.ndarray, ty: np.ndarray,
                passes: int = 3) -> list[np.ndarray]:
    """One arc (``SAMPLES`` × 2 array, metres) per pair, in the order given. Longest first,
    each takes the bend of :data:`BENDS` crossing the fewest arcs placed before it; then up
    to ``passes`` rounds in which each arc, in turn, takes the bend crossing the fewest of
    all the others (a round that changes nothing ends it). The straightest wins a tie."""
    n = len(kx)
    options = [[arc(kx[i], ky[i], tx[i], ty[i], b) for b in BENDS] for i in range(n)]
    lines = [[shapely.LineString(pts) for pts in opts] for opts in options]
    chosen: list[int | None] = [None] * n

    def best_bend(i: int) -> int:
        others = [lines[j][chosen[j]] for j in range(n) if j != i and chosen[j] is not None]
        counts = [sum(_cross(line, o) for o in others) for line in lines[i]]
        return int(np.argmin(counts))  # BENDS runs straightest first: the first minimum

    for i in np.argsort(-np.hypot(tx - kx, ty - ky), kind="stable"):
        chosen[i] = best_bend(int(i))
    for _ in range(passes):
        changed = False
        for i in range(n):
            b = best_bend(i)
            if b != chosen[i] and _fewer(i, b, chosen, lines):
                chosen[i], changed = b, True
        if not changed:
            break
    return [options[i][chosen[i]] for i in range(n)]


def _fewer(i: int, b: int, chosen: list, lines: list) -> bool:
    """Whether bend ``b`` of arc ``i`` crosses strictly fewer of the other arcs than its
    current one (so a round never trades one crossing for another)."""
    others = [lines[j][chosen[j]] for j in range(len(lines)) if j != i]
    return sum(_cross(lines[i][b], o) for o in others) < \
        sum(_cross(lines[i][chosen[i]], o) for o in others)
