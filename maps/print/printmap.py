"""Print-ready maps (PDF/PNG, A4/A3, portrait/landscape) drawn with matplotlib (Agg).

The map is drawn in METRIC_CRS metres, so the scale bar is true. The page carries a title
and subtitle, the filters applied, a legend, scale bar and north arrow, bilingual settlement
labels of both sides, and a footer with the production date, data period, boundary layer
versions, status-as-of date, every source's attribution, the neutral disclaimer (English
and Russian) and the data protection applied. Output bytes are deterministic for the same
input (no creation date in the PDF).
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import shapely
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar

from geo.crs import to_metric
from maps.legend import CLUSTER_STYLE
from maps.print import print_layers as pl
from maps.print.canvas import page_figure
from maps.print.print_countries import draw_country_labels
from maps.print.print_data import PrintData
from maps.print.print_inset import draw_inset
from maps.print.print_labels import (
    hide_counts_under,
    hotspot_labels,
    line_keepouts,
    settlement_labels,
    thin_counts,
)
from maps.print.print_layout import PrintSpec, page_layout, print_filename
from maps.print.print_text import bi, disclaimer, en, protection_lines

FONT = "DejaVu Sans"  # ships with matplotlib; covers Kyrgyz and Tajik Cyrillic letters
MIN_SPAN_M = 20000.0


def render_print_map(spec: PrintSpec, data: PrintData) -> bytes:
    """The map page as PDF or PNG bytes (see module docstring).

    Raises ``ValueError`` when a public map is asked for with unprotected incidents.
    """
    fig = build_figure(spec, data)
    return figure_bytes(fig, spec.fmt, spec.dpi, title=spec.title,
                        subject=data.protection.headline() if data.protection else "")


def print_map_file(spec: PrintSpec, data: PrintData) -> tuple[bytes, str]:
    """``(bytes, OCHA-style file name)`` for download buttons and the CLI."""
    return render_print_map(spec, data), print_filename(spec.title, spec.paper, spec.date,
                                                        spec.fmt)


def figure_bytes(fig: Figure, fmt: str, dpi: int, title: str = "", subject: str = "") -> bytes:
    """Save deterministically: fixed PDF metadata (no creation date), no PNG timestamp."""
    buf = io.BytesIO()
    if fmt == "pdf":
        meta = {"CreationDate": None, "Title": title, "Subject": subject,
                "Creator": "kgtj-border-incidents"}
        fig.savefig(buf, format="pdf", metadata=meta)
    else:
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _check_mode(spec: PrintSpec, data: PrintData) -> None:
    inc = data.incidents
    if spec.mode == "public" and inc is not None and len(inc) and "record_type" not in inc:
        raise ValueError("a public map needs protected incidents (sharing.protect); build the "
                         "data with maps.print.print_data.build_print_data(mode='public')")
    if data.protection is not None and data.protection.mode != spec.mode:
        raise ValueError(f"print mode {spec.mode!r} but the data were prepared in "
                         f"{data.protection.mode!r} mode")


def map_extent_m(data: PrintData, bbox=None) -> tuple[float, float, float, float]:
    """Extent (METRIC_CRS metres) of the bbox, else of the data shown, else the KG–TJ line."""
    if bbox is not None:
        x, y = to_metric(np.array([bbox[0], bbox[2]]), np.array([bbox[1], bbox[3]]))
        return float(x[0]), float(y[0]), float(x[1]), float(y[1])
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for frame in (data.incidents, data.pairs):
        if frame is not None and len(frame) and "lon" in frame:
            x, y = pl._xy(frame)
            xs.append(x)
            ys.append(y)
    for gdf in (data.clusters,):
        g = pl.metric(gdf)
        if g is not None:
            b = g.total_bounds
            xs.append(b[[0, 2]])
            ys.append(b[[1, 3]])
    if not xs:
        b = pl.metric(data.layers.segments[data.layers.segments["pair"] == "KGZ-TJK"]
                      ).total_bounds
        return tuple(float(v) for v in b)
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    ok = np.isfinite(x) & np.isfinite(y)
    return float(x[ok].min()), float(y[ok].min()), float(x[ok].max()), float(y[ok].max())


def _fit_extent(ext, ax_w_in: float, ax_h_in: float, pad: float = 0.08):
    """Pad the extent and widen it to the axes' aspect ratio (equal scale in x and y)."""
    minx, miny, maxx, maxy = ext
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    w = max(maxx - minx, MIN_SPAN_M) * (1 + 2 * pad)
    h = max(maxy - miny, MIN_SPAN_M) * (1 + 2 * pad)
    aspect = ax_w_in / ax_h_in
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _wrap(fig: Figure, text: str, width_in: float, size_pt: float, hang: str = "") -> str:
    """Word-wrap ``text`` so each line, measured in DejaVu Sans, fits ``width_in``. A
    paragraph's leading spaces are kept on each of its lines; lines after a paragraph's
    first are indented by ``hang`` as well (a hanging indent)."""
    renderer = fig.canvas.get_renderer()
    prop = FontProperties(family=FONT, size=size_pt)
    limit_px = 0.95 * width_in * fig.dpi  # hinting at other dpi can widen text a little

    def width(s: str) -> float:
        return renderer.get_text_width_height_descent(s, prop, ismath=False)[0]

    out: list[str] = []
    for para in text.split("\n"):
        words = para.lstrip(" ")
        indent = para[:len(para) - len(words)]
        start, line = indent, ""
        for word in words.split(" "):
            cand = f"{line} {word}" if line else word
            if line and width(start + cand) > limit_px:
                out.append(start + line)
                start, line = indent + hang, word
            else:
                line = cand
        out.append(start + line)
    return "\n".join(out)


def build_figure(spec: PrintSpec, data: PrintData) -> Figure:
    """The whole page as a matplotlib Figure (Agg canvas attached)."""
    _check_mode(spec, data)
    w_in, h_in = spec.size_in()
    fig = page_figure((w_in, h_in))
    fig.patch.set_facecolor("white")
    lay = page_layout(spec)
    s = spec.scale
    with _font():
        _title(fig, spec, data, lay, s)
        ax = fig.add_axes(lay.map)
        handles = draw_map(ax, spec, data, w_in * lay.map[2], h_in * lay.map[3], s)
        _panel(fig, spec, data, lay, handles, s)
        _footer(fig, spec, data, lay, s)
    return fig


class _font:
    """Use DejaVu Sans for everything drawn inside the block, with mathtext off: user text
    (community and place names) is drawn as it is, so ``$\\undefinedmacro{x}$`` neither
    fails the brief nor becomes a formula."""

    def __enter__(self):
        import matplotlib as mpl
        self._ctx = mpl.rc_context({"font.family": FONT, "hatch.linewidth": 0.5,
                                    "pdf.fonttype": 42, "svg.hashsalt": "kgtj",
                                    "text.parse_math": False})
        self._ctx.__enter__()

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)


def _title(fig, spec, data, lay, s) -> None:
    x0, b, w, h = lay.title
    fig.text(x0, b + h, spec.title, ha="left", va="top", fontsize=15 * s, fontweight="bold")
    sub = spec.subtitle or f"Kyrgyz–Tajik border area · {data.period_text()}"
    fig.text(x0, b + h * 0.28, sub, ha="left", va="center", fontsize=9.5 * s, color="#333333")
    badge = bi(spec.mode)
    colour = "#3B3B3B" if spec.mode == "public" else "#A63603"
    fig.text(x0 + w, b + h * 0.28, badge, ha="right", va="center", fontsize=8 * s,
             color="white", fontweight="bold",
             bbox={"boxstyle": "round,pad=0.35", "fc": colour, "ec": "none"})


def draw_map(ax, spec: PrintSpec, data: PrintData, ax_w_in: float, ax_h_in: float,
             s: float) -> list:
    """Draw every map layer, scale bar, north arrow and labels on ``ax`` (METRIC_CRS).

    ``ax_w_in``/``ax_h_in`` are the axes' size in inches (to fit the extent); ``s`` the
    font scale. Returns legend handles ``[(artist, label), ...]``.
    """
    x0, x1, y0, y1 = _fit_extent(map_extent_m(data, spec.bbox), ax_w_in, ax_h_in)
    ax.set_facecolor("#FFFFFF")
    lay = data.layers
    handles = []
    handles += pl.draw_countries(ax, lay.countries)
    handles += pl.draw_gistar(ax, data.gistar)
    handles += pl.draw_borders(ax, lay.segments, lay.enclaves)
    handles += pl.draw_user_line(ax, data.user_line)
    handles += pl.draw_disputed(ax, lay.disagreement_zones, data.claims, data.curated)
    handles += pl.draw_hotspots(ax, data.clusters, spec.mode == "public")
    inc = data.incidents
    if inc is not None and len(inc):
        if spec.mode == "public":
            handles += pl.draw_public_counts(ax, inc, 22 * s)
        else:
            handles += pl.draw_incident_points(ax, inc, 16 * s)
    handles += pl.draw_pairs(ax, data.pairs)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.apply_aspect()  # the final box now, so label boxes measured below stay true
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for side in ax.spines.values():
        side.set_edgecolor("#555555")
        side.set_linewidth(0.8)
    ax.add_artist(ScaleBar(1.0, "m", location="lower left", length_fraction=0.22,
                           box_alpha=0.85, font_properties={"size": 7 * s, "family": FONT},
                           border_pad=0.6))
    _north_arrow(ax, s)
    if data.synthetic:
        ax.text(0.5, 0.985, bi("synthetic", "\n"), transform=ax.transAxes, ha="center",
                va="top", fontsize=7.5 * s, color="#A63603", fontweight="bold", zorder=11,
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#A63603", "lw": 0.8})
    inset = draw_inset(ax, lay, (x0, x1, y0, y1), s) if spec.inset else None
    _labels(ax, spec, data, s, (x0, x1, y0, y1), [inset] if inset is not None else [])
    return handles


def _north_arrow(ax, s) -> None:
    ax.annotate("", xy=(0.965, 0.95), xytext=(0.965, 0.86), xycoords="axes fraction",
                arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7",
                            "color": "#222222", "lw": 1.6}, zorder=11)
    ax.text(0.965, 0.955, "N", transform=ax.transAxes, ha="center", va="bottom",
            fontsize=10 * s, fontweight="bold", zorder=11)


def _reserved(ax) -> list[Bbox]:
    """Display boxes of the scale bar, the north arrow and the demo banner."""
    fr = [(0.0, 0.0, 0.32, 0.11), (0.92, 0.82, 1.0, 1.0), (0.25, 0.90, 0.75, 1.0)]
    return [Bbox.from_extents(*ax.transAxes.transform([(a, b), (c, d)]).ravel())
            for a, b, c, d in fr]


def _labels(ax, spec: PrintSpec, data: PrintData, s, ext, reserved: list[Bbox]) -> None:
    x0, x1, y0, y1 = ext
    renderer = ax.figure.canvas.get_renderer()
    thin_counts(ax, reserved)
    avoid = _reserved(ax) + reserved + [t.get_window_extent(renderer) for t in ax.texts
                             if t.get_text() and t.get_visible()]  # banner, N, counts
    shapes = None
    block = shapely.union_all(_data_boxes(ax, reserved)) if reserved else None
    if data.clusters is not None and len(data.clusters):
        public = spec.mode == "public"
        hx, hy, ids = pl.hotspot_anchors(data.clusters, public, shapely.box(x0, y0, x1, y1))
        boxes = hotspot_labels(ax, hx, hy, ids, 6.5 * s, avoid + line_keepouts(ax),  # pairs too
                               color=CLUSTER_STYLE["color"], fontweight="bold")
        hide_counts_under(ax, boxes)
        avoid += boxes
        shapes = shapely.union_all(pl.hotspot_shapes(data.clusters, public))
        block = shapely.union_all(_data_boxes(ax, boxes + reserved))
    avoid += draw_country_labels(ax, data.layers.countries, ext, 10 * s, shapes, block)
    settlement_labels(ax, data.places, data.pairs, spec.labels, spec.max_labels, 6.2 * s,
                      7 * s, ext, avoid)


def _data_boxes(ax, boxes: list[Bbox]) -> list:
    """Display boxes as METRIC_CRS polygons."""
    inv = ax.transData.inverted()
    return [shapely.box(*inv.transform([(b.x0, b.y0), (b.x1, b.y1)]).ravel()) for b in boxes]


PANEL_SHRINK = (1.0, 0.92, 0.85, 0.78, 0.7)  # legend font steps until the panel fits


def _panel(fig, spec: PrintSpec, data: PrintData, lay, handles, s) -> None:
    """The legend, then the filters and the protection applied, inside the panel: with a
    long legend the font steps down (:data:`PANEL_SHRINK`) until the text ends above the
    panel's foot (it had run onto the footer's sources line)."""
    ax = fig.add_axes(lay.panel)
    ax.set_axis_off()
    seen: dict[str, object] = {}
    for artist, label in handles:
        seen.setdefault(label, artist)
    renderer = fig.canvas.get_renderer()
    for step in PANEL_SHRINK:
        leg, text = _panel_content(fig, ax, spec, data, lay, seen, 6.3 * s * step)
        foot = text.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0
        if foot >= lay.panel[1] or step == PANEL_SHRINK[-1]:
            return
        leg.remove()
        text.remove()


def _panel_content(fig, ax, spec: PrintSpec, data: PrintData, lay, seen: dict, size: float):
    """The panel's legend and its filters/protection text at font ``size``."""
    x0, b, w, h = lay.panel
    w_in = fig.get_figwidth() * w * (0.55 if spec.orientation == "portrait" else 1.0)
    labels = [_wrap(fig, lbl, w_in * 0.80, size) for lbl in seen]
    leg = ax.legend(list(seen.values()), labels, loc="upper left", frameon=False,
                    fontsize=size, title=bi("legend"), title_fontsize=size * 1.25,
                    alignment="left", borderaxespad=0, handlelength=2.2, labelspacing=0.55,
                    ncols=2 if spec.orientation == "portrait" and len(labels) > 10 else 1)
    leg._legend_box.align = "left"
    renderer = fig.canvas.get_renderer()
    lb = leg.get_window_extent(renderer).transformed(fig.transFigure.inverted())
    if spec.orientation == "portrait" and len(labels) <= 10:
        tx, ty, tw = x0 + w * 0.55, b + h, w * 0.45
    else:
        tx, ty, tw = x0, lb.y0 - 0.015, w
    tw_in = fig.get_figwidth() * tw
    lines = [bi("filters") + ":", _wrap(fig, data.filters_text or "none", tw_in, size)]
    # each language's line without its own "Protection:" head (the heading says it)
    prot = " / ".join(x.split(": ", 1)[-1] for x in protection_lines(data.protection))
    lines += ["", bi("protection") + ":", _wrap(fig, prot or "not recorded / не записано",
                                                tw_in, size)]
    text = fig.text(tx, ty, "\n".join(lines), ha="left", va="top", fontsize=size,
                    color="#222222", linespacing=1.25)
    return leg, text


def _footer(fig, spec: PrintSpec, data: PrintData, lay, s) -> None:
    x0, b, w, h = lay.footer
    fig.add_artist(_rule(fig, x0, b + h, w))
    w_in = fig.get_figwidth() * w
    size = 5.6 * s
    name = print_filename(spec.title, spec.paper, spec.date, spec.fmt)
    as_of = data.as_of()
    d_en, d_ru = disclaimer(as_of)
    lines = [
        f"{bi('produced')}: {spec.date:%Y-%m-%d}  ·  {bi('period')}: {data.period_text()}  ·  "
        f"Map ID: {name}",
        f"{bi('boundaries')}: {data.versions()}  ·  {bi('layer_dates')}: {data.layer_dates()}  ·  "
        f"{en('projection')}",
        f"{bi('sources')}: " + "; ".join(data.attributions()),
        d_en, d_ru,
    ]
    lines += protection_lines(data.protection)
    text = "\n".join(_wrap(fig, x, w_in, size) for x in lines)
    fig.text(x0, b + h - 0.008, text, ha="left", va="top", fontsize=size, color="#333333",
             linespacing=1.3)


def _rule(fig, x, y, w):
    from matplotlib.lines import Line2D

    return Line2D([x, x + w], [y, y], transform=fig.transFigure, color="#888888", lw=0.6)


def print_period(df: pd.DataFrame) -> tuple:
    """(first, last) ``event_date`` of a frame (None, None when undated)."""
    d = pd.to_datetime(df.get("event_date"), errors="coerce").dropna()
    return (d.min(), d.max()) if len(d) else (None, None)
