"""Hotspot and settlement labels of a printed map, placed without overlaps by adjustText.

Hotspot ids must never be lost: they are all drawn at their hotspot, moved apart by
:func:`adjustText.adjust_text` (keeping off the reserved boxes: scale bar, north arrow,
banner, inset; a label it leaves on one goes to the nearest free spot on rings around
it), and ids whose labels still touch after that are written together as one label
("HS-004 · HS-010") and adjusted again, until no two touch. Each moved label gets a thin
leader line to its hotspot. Settlement labels come after: greedily at the free offset
nearest their dot (:func:`maps.print.labels.place_labels`), then the next settlements in
importance are tried once more with adjustText and kept only where they touch nothing.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely
from adjustText import adjust_text
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

from geo.crs import to_metric
from geo.gazetteer import without_curated_twins
from maps.print.labels import (
    FAR_POSITIONS,
    HALO,
    LEADER,
    label_text,
    pair_end_mask,
    place_labels,
    side_balanced_order,
)

JOIN = " · "
MAX_ROUNDS = 12
EXTRA_TRIES = 15
PAD_PX = 1.5


def _boxes(texts, renderer) -> list[Bbox]:
    return [t.get_window_extent(renderer).padded(PAD_PX) for t in texts]


def _first_overlap(boxes: list[Bbox]) -> tuple[int, int] | None:
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if boxes[i].overlaps(boxes[j]):
                return i, j
    return None


def _adjust(ax: Axes, texts, avoid: list[Bbox], force_static=(0.1, 0.2)) -> None:
    if not texts:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        adjust_text(texts, objects=list(avoid) or None, ax=ax, ensure_inside_axes=True,
                    expand=(1.15, 1.35), force_text=(0.3, 0.5), force_static=force_static,
                    iter_lim=400, prevent_crossings=False)


def _on_static(boxes: list[Bbox], avoid: list[Bbox]) -> bool:
    return any(b.overlaps(a) for b in boxes for a in avoid)


def _free_spots(ax: Axes, texts, avoid: list[Bbox]) -> None:
    """Last resort for a label adjustText left on a reserved box (the inset, the scale
    bar): the nearest spot on rings around where it is, in view and clear of the reserved
    boxes and the other labels."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    inv = ax.transData.inverted()
    for k, t in enumerate(texts):
        box = t.get_window_extent(renderer).padded(PAD_PX)
        if not any(box.overlaps(a) for a in avoid):
            continue
        others = [o.get_window_extent(renderer).padded(PAD_PX) for j, o in enumerate(texts)
                  if j != k]
        px, py = ax.transData.transform(t.get_position())
        step = max(box.height, 4.0)
        for r in np.arange(1, 40) * step:
            for ang in np.linspace(0, 2 * np.pi, 16, endpoint=False):
                dx, dy = r * np.cos(ang), r * np.sin(ang)
                cand = Bbox.from_extents(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)
                inside = frame.x0 <= cand.x0 and cand.x1 <= frame.x1 and \
                    frame.y0 <= cand.y0 and cand.y1 <= frame.y1
                if inside and not any(cand.overlaps(b) for b in [*avoid, *others]):
                    t.set_position(inv.transform((px + dx, py + dy)))
                    break
            else:
                continue
            break


def line_keepouts(ax: Axes, gid: str = "pair", step_px: float = 5.0, half_px: float = 1.5,
                  end_px: float = 40.0) -> list[Bbox]:
    """Small display boxes every ``step_px`` along the lines of ``ax`` with ``gid`` (the pair
    arcs), for labels to keep clear of: a label on a pair line hid where it went. The last
    ``end_px`` at each end are left free (a village's own label sits beside its point)."""
    out: list[Bbox] = []
    for ln in ax.get_lines():
        if ln.get_gid() != gid:
            continue
        line = shapely.LineString(ax.transData.transform(ln.get_xydata()))
        at = np.arange(end_px, line.length - end_px, step_px)
        pts = shapely.get_coordinates(line.interpolate(at))
        out += [Bbox.from_extents(x - half_px, y - half_px, x + half_px, y + half_px)
                for x, y in pts]
    return out


def hotspot_labels(ax: Axes, x: np.ndarray, y: np.ndarray, ids: Sequence[str],
                   fontsize: float, avoid: list[Bbox], **style) -> list[Bbox]:
    """Draw every hotspot id whose anchor ``(x, y)`` (METRIC_CRS) is in view near it, with
    no two labels touching; return the labels' display boxes. ``avoid``: display boxes to keep clear
    (not extended here)."""
    renderer = ax.figure.canvas.get_renderer()
    kw = {"color": "#222222", "zorder": 9.6, "ha": "center", "va": "bottom",
          "fontsize": fontsize, "clip_on": True} | style
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    inside = (x >= xlim[0]) & (x <= xlim[1]) & (y >= ylim[0]) & (y <= ylim[1])
    groups = [[i] for i in range(len(ids)) if str(ids[i]) and inside[i]]
    texts = []
    for _ in range(MAX_ROUNDS):
        for t in texts:
            t.remove()
        texts = [ax.text(float(np.mean(x[g])), float(np.mean(y[g])),
                         JOIN.join(str(ids[i]) for i in g), **kw) for g in groups]
        _adjust(ax, texts, avoid)
        for force in (0.5, 1.0, 2.0):  # labels still on a reserved box: push harder
            if not _on_static(_boxes(texts, renderer), avoid):
                break
            _adjust(ax, texts, avoid, (force, force))
        _free_spots(ax, texts, avoid)
        hit = _first_overlap(_boxes(texts, renderer))
        if hit is None:
            break
        a, b = hit
        groups[a] = sorted(groups[a] + groups[b])
        del groups[b]
    frame = ax.get_window_extent(renderer)
    for t, g in zip(texts, groups, strict=True):
        _leaders(ax, t, x[g], y[g], frame, style.get("color", "#222222"))
        _halo_text(t)
    return _boxes(texts, renderer)


def _leaders(ax: Axes, t, xs, ys, frame: Bbox, colour: str) -> None:
    """A thin line from the label to each of its anchors that the label does not sit on."""
    renderer = ax.figure.canvas.get_renderer()
    box = t.get_window_extent(renderer)
    for ax_x, ax_y in zip(xs, ys, strict=True):
        px, py = ax.transData.transform((ax_x, ax_y))
        if box.expanded(1.0, 1.6).contains(px, py) or not frame.contains(px, py):
            continue
        ax.annotate("", xy=(ax_x, ax_y), xytext=t.get_position(), zorder=9.4,
                    arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6,
                                "patchA": t, "shrinkA": 1, "shrinkB": 0})


def _halo_text(t) -> None:
    """A white outline behind a plain text (see :func:`maps.print.labels._halo`)."""
    halo = t.axes.text(*t.get_position(), t.get_text(), ha=t.get_ha(), va=t.get_va(),
                       fontsize=t.get_fontsize(), fontweight=t.get_fontweight(),
                       linespacing=t.get_linespacing(), color="white",
                       zorder=t.get_zorder() - 0.01, clip_on=True)
    halo.set_path_effects(HALO)
    halo.set_gid("halo")


def more_settlement_labels(ax: Axes, x: np.ndarray, y: np.ndarray, texts: Sequence[str],
                           candidates: Sequence[int], fontsize: float, taken: list[Bbox],
                           limit: int = EXTRA_TRIES) -> list[int]:
    """Try up to ``limit`` more settlements (positions in ``candidates``, most important
    first) with adjustText, around everything already ``taken`` (display boxes, extended
    with the kept labels); keep a label only where it touches no other box and lies inside
    the frame. Returns the positions labelled."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    pick = [int(i) for i in candidates
            if xlim[0] <= x[i] <= xlim[1] and ylim[0] <= y[i] <= ylim[1] and texts[i]][:limit]
    if not pick:
        return []
    kw = {"color": "#222222", "zorder": 9, "linespacing": 0.95, "fontsize": fontsize,
          "ha": "left", "va": "bottom", "clip_on": True}
    new = [ax.text(x[i], y[i], texts[i], **kw) for i in pick]
    _adjust(ax, new, taken)
    kept = []
    for i, t in zip(pick, new, strict=True):
        box = t.get_window_extent(renderer).padded(PAD_PX)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 \
            and box.y1 <= frame.y1
        if inside and not any(box.overlaps(b) for b in taken):
            taken.append(box)
            kept.append(i)
            _leaders(ax, t, x[[i]], y[[i]], frame, "#505050")
            _halo_text(t)
        else:
            t.remove()
    return kept



def thin_counts(ax: Axes, hidden_by: list[Bbox]) -> None:
    """Hide count numbers that would overprint a larger one (circles in neighbouring cells
    cut along the line can sit closer than a number is wide) or sit under ``hidden_by``
    (the inset)."""
    renderer = ax.figure.canvas.get_renderer()
    counts = sorted((t for t in ax.texts if t.get_gid() == "count"),
                    key=lambda t: -int(t.get_text()))
    shown: list[Bbox] = list(hidden_by)
    for t in counts:
        box = t.get_window_extent(renderer)
        if any(box.overlaps(b) for b in shown):
            t.set_visible(False)
        else:
            shown.append(box)


def hide_counts_under(ax: Axes, boxes: list[Bbox]) -> None:
    """Hide the count numbers a hotspot or pair-end label still covers (the circle's size
    still says how many; the label must stay readable)."""
    renderer = ax.figure.canvas.get_renderer()
    for t in ax.texts:
        if t.get_gid() == "count" and any(t.get_window_extent(renderer).overlaps(b)
                                          for b in boxes):
            t.set_visible(False)


def settlement_labels(ax: Axes, places: pd.DataFrame | None, pairs: pd.DataFrame | None,
                      langs: Sequence[str], max_labels: int, fontsize: float,
                      dot_size: float, ext: tuple[float, float, float, float],
                      avoid: list[Bbox]) -> None:
    """Settlement names in ``langs`` (and their dots of ``dot_size``, points²), at most
    ``max_labels``, inside ``ext`` (x0, x1, y0, y1, ``geo.crs.METRIC_CRS`` metres), clear of
    ``avoid`` (display boxes; the labels' own are added). The villages at a pair line's end
    come first and may cover a cell's count number (then hidden): a reader must see which
    villages a line joins; one with no room beside its dot is moved further off, with a
    leader line. The others follow by size, the two countries alternating."""
    if places is None or len(places) == 0 or max_labels <= 0:
        return
    x0, x1, y0, y1 = ext
    if "source" in places.columns:
        places = places[places["source"].astype(str) != "learned"]
    places = without_curated_twins(places.reset_index(drop=True))  # one label per village
    px, py = to_metric(places["lon"].to_numpy(float), places["lat"].to_numpy(float))
    inside = (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
    places = places[inside].reset_index(drop=True)
    px, py = px[inside], py[inside]
    texts = [label_text(r, langs) for _, r in places.iterrows()]
    order = side_balanced_order(places)
    ends = pair_end_mask(px, py, pairs)
    first = order[ends[order]]
    renderer = ax.figure.canvas.get_renderer()
    counts = {tuple(t.get_window_extent(renderer).extents) for t in ax.texts
              if t.get_gid() == "count"}
    clear = [b for b in avoid if tuple(b.extents) not in counts]
    n_clear = len(clear)
    done = place_labels(ax, px, py, texts, first, fontsize, max_labels, clear)
    placed = set(done)
    missed = np.array([i for i in first if i not in placed], dtype=int)
    if len(missed) and len(done) < max_labels:  # no room beside the dot: further off
        done += place_labels(ax, px, py, texts, missed, fontsize, max_labels - len(done),
                             clear, positions=FAR_POSITIONS, arrowprops=LEADER)
    hide_counts_under(ax, clear[n_clear:])
    avoid += clear[n_clear:]
    rest = order[~ends[order]]
    done += place_labels(ax, px, py, texts, rest, fontsize, max_labels - len(done), avoid)
    if len(done) < max_labels:
        placed = set(done)
        again = [i for i in order if i not in placed]
        done += more_settlement_labels(ax, px, py, texts, again, fontsize, avoid,
                                       min(EXTRA_TRIES, max_labels - len(done)))
    ax.scatter(px[done], py[done], s=dot_size, c="white", edgecolors="#505050",
               linewidths=0.7, zorder=8.5)
