"""The locator inset of a printed map: the whole Kyrgyz–Tajik border, small, with the
printed extent outlined, in the map's lower-right corner (METRIC_CRS metres)."""
from __future__ import annotations

import shapely
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from maps.print import print_layers as pl
from maps.print.print_text import bi

RECT = (0.745, 0.015, 0.24, 0.24)  # axes fraction: left, bottom, width, height
PAD = 0.12
MAX_SHARE = 0.5  # no inset when the map already shows this much of the whole line


def whole_line_m(segments) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the KG–TJ line, METRIC_CRS."""
    g = pl.metric(segments)
    kgtj = g[g["pair"] == "KGZ-TJK"] if "pair" in g.columns else g
    return tuple(float(v) for v in (kgtj if len(kgtj) else g).total_bounds)


def draw_inset(ax: Axes, layers, view: tuple[float, float, float, float], s: float
               ) -> Bbox | None:
    """Draw the locator inset on ``ax``; return its display box (for labels to avoid),
    or None when the view already shows most of the line. ``view``: (x0, x1, y0, y1)."""
    vx0, vx1, vy0, vy1 = view
    lx0, ly0, lx1, ly1 = whole_line_m(layers.segments)
    line_box = shapely.box(lx0, ly0, lx1, ly1)
    shown = shapely.intersection(line_box, shapely.box(vx0, vy0, vx1, vy1))
    if shown.area >= MAX_SHARE * line_box.area:
        return None
    w, h = lx1 - lx0, ly1 - ly0
    ins = ax.inset_axes(RECT)
    ins.set_zorder(12)
    g = pl.metric(layers.countries)
    for iso, colour in pl.COUNTRY_TINTS.items():
        part = g[g["iso3"] == iso]
        if len(part):
            part.plot(ax=ins, color=colour, edgecolor="#B0B0B0", linewidth=0.3)
    seg = pl.metric(layers.segments)
    seg[seg["pair"] == "KGZ-TJK"].plot(ax=ins, color="#333333", linewidth=0.7)
    ins.add_patch(Rectangle((vx0, vy0), vx1 - vx0, vy1 - vy0, fill=False, edgecolor="#C0392B",
                            linewidth=1.2, zorder=5))
    ins.set_xlim(lx0 - PAD * w, lx1 + PAD * w)
    ins.set_ylim(ly0 - PAD * h, ly1 + PAD * h)
    ins.set_aspect("equal", adjustable="box")
    ins.set_anchor("SE")  # the lower-right corner of the map
    ins.set_xticks([])
    ins.set_yticks([])
    ins.set_xlabel("")
    ins.set_ylabel("")
    ins.set_facecolor("white")
    for side in ins.spines.values():
        side.set_edgecolor("#555555")
        side.set_linewidth(0.6)
    ins.apply_aspect()
    title = ins.text(0.0, 1.02, bi("locator", "\n"), transform=ins.transAxes, ha="left",
                     va="bottom", fontsize=5.2 * s, linespacing=1.0, gid="inset-title")
    renderer = ax.figure.canvas.get_renderer()
    return Bbox.union([ins.get_window_extent(renderer), title.get_window_extent(renderer)])
