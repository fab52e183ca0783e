"""Country names on a printed map, always whole inside the frame and on their own land.

Each country with a visible part (at least ``MIN_SHARE`` of the view) is named in English
and Russian capitals at the centre of the largest circle inscribed in the part of its land
where the whole label fits: the visible land shrunk by half the label's size (so the
label's box stays on that land) and the frame shrunk by the same (so it stays inside the
frame). If the land is too thin for that, the label only has to stay inside the frame, on
the centre line of the land's widest visible piece. Coordinates: METRIC_CRS metres.
"""
from __future__ import annotations

import shapely
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

from maps.print import print_layers as pl
from maps.print.print_text import en, ru

NAMES = {"KGZ": "country_kgz", "TJK": "country_tjk", "UZB": "country_uzb"}
MIN_SHARE = 0.04
GID = "country-label"


def label_text(iso3: str) -> str:
    """``"KYRGYZSTAN\\nКЫРГЫЗСТАН"``."""
    return f"{en(NAMES[iso3]).upper()}\n{ru(NAMES[iso3]).upper()}"


def anchor(land, view, half_w: float, half_h: float, avoid=None, block=None):
    """Where to centre a label of half-size ``half_w`` × ``half_h`` (metres) on ``land``
    seen through ``view`` (a box): a shapely Point, or None when nothing of the land is
    in view. ``avoid``: areas to keep clear when there is room (e.g. hotspots);
    ``block``: areas the label's centre must keep ``half_w``/``half_h`` away from whenever
    any place allows it (other labels)."""
    part = shapely.intersection(land, view)
    if part.is_empty:
        return None
    x0, y0, x1, y1 = view.bounds
    pad = 0.01 * min(x1 - x0, y1 - y0)
    inner = shapely.box(x0 + half_w + pad, y0 + half_h + pad, x1 - half_w - pad,
                        y1 - half_h - pad)
    if inner.is_empty or not inner.is_valid or inner.area == 0:
        inner = shapely.box(*shapely.centroid(view).buffer(1).bounds)
    for shrink in (max(half_w, half_h), half_h, 0.0):
        room = shapely.intersection(shapely.buffer(part, -shrink) if shrink else part, inner)
        if block is not None and not block.is_empty:
            grown = shapely.union_all([shapely.box(a - half_w, b - half_h, c + half_w,
                                                   d + half_h)
                                       for a, b, c, d in shapely.bounds(
                                           shapely.get_parts(block))])
            room = shapely.difference(room, grown)
        if room.is_empty or room.area == 0:
            continue
        if avoid is not None and not avoid.is_empty:
            clear = shapely.difference(room, avoid)
            room = clear if not clear.is_empty and clear.area > 0.05 * room.area else room
        best = max(shapely.get_parts(room), key=lambda g: g.area)
        return shapely.get_point(shapely.maximum_inscribed_circle(best, 0.01 * pad + 1), 0)
    # too thin: the widest visible piece's inscribed centre, clamped into the frame
    best = max(shapely.get_parts(part), key=lambda g: g.area)
    p = shapely.get_point(shapely.maximum_inscribed_circle(best, pad + 1), 0)
    return shapely.Point(min(max(p.x, inner.bounds[0]), inner.bounds[2]),
                         min(max(p.y, inner.bounds[1]), inner.bounds[3]))


def draw_country_labels(ax: Axes, countries, ext, fontsize: float, avoid_geom=None,
                        block_geom=None) -> list[Bbox]:
    """Name every country that fills at least :data:`MIN_SHARE` of the view ``ext``
    ``(x0, x1, y0, y1)``; return the labels' display boxes (for the other labels to
    avoid). ``avoid_geom``: METRIC_CRS areas to keep the names off when there is room;
    ``block_geom``: METRIC_CRS boxes of labels the names must not touch when any place
    allows it."""
    x0, x1, y0, y1 = ext
    view = shapely.box(x0, y0, x1, y1)
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    per_px_x = (x1 - x0) / frame.width
    per_px_y = (y1 - y0) / frame.height
    g = pl.metric(countries)
    boxes: list[Bbox] = []
    for iso, land in zip(g["iso3"], g.geometry, strict=True):
        if iso not in NAMES:
            continue
        visible = shapely.intersection(land, view)
        if visible.is_empty or visible.area < MIN_SHARE * view.area:
            continue
        t = ax.text(x0, y0, label_text(iso), ha="center", va="center", fontsize=fontsize,
                    color="#7A7A7A", style="italic", zorder=6.5, linespacing=1.0, gid=GID)
        size = t.get_window_extent(renderer)
        p = anchor(land, view, size.width * per_px_x / 2 * 1.05,
                   size.height * per_px_y / 2 * 1.05, avoid_geom, block_geom)
        if p is None:
            t.remove()
            continue
        t.set_position((p.x, p.y))
        boxes.append(t.get_window_extent(renderer))
    return boxes
