"""Bilingual settlement labels placed without overlap (greedy, in display coordinates).

Labels of both sides are tried in turn (largest Kyrgyz place, largest Tajik place, next
Kyrgyz, ...), so a crowded map never names only one side's villages.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

LANG_COLUMN = {"en": "name", "ru": "name_ru", "ky": "name_ky", "tg": "name_tg"}
# (dx, dy) in points, horizontal and vertical alignment
POSITIONS = ((4, 2, "left", "bottom"), (-4, 2, "right", "bottom"),
             (4, -2, "left", "top"), (-4, -2, "right", "top"),
             (0, 5, "center", "bottom"), (0, -5, "center", "top"))
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
# Farther offsets (points), for a label that must be shown (a village at a pair line's end)
# when none of POSITIONS is free: drawn with a LEADER line to its dot.
FAR_POSITIONS = tuple((dx * k, dy * k, ha, va) for k in (3.0, 5.0) for dx, dy, ha, va in (
    (4, 3, "left", "bottom"), (-4, 3, "right", "bottom"), (4, -3, "left", "top"),
    (-4, -3, "right", "top"), (0, 4, "center", "bottom"), (0, -4, "center", "top"),
    (5, 0, "left", "center"), (-5, 0, "right", "center")))
LEADER = {"arrowstyle": "-", "color": "#505050", "lw": 0.6, "shrinkA": 1, "shrinkB": 2}


CYRILLIC_LANGS = ("ru", "ky", "tg")
# where else a place's Cyrillic name may be written, by country (own language first)
CYRILLIC_COLUMNS = {"TJK": ("name_ru", "name_tg", "name_ky"),
                    "KGZ": ("name_ru", "name_ky", "name_tg")}


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def label_text(row: pd.Series | dict, langs: Sequence[str]) -> str:
    """Names of a place in the chosen languages, one per line, without repeats.

    A missing name falls back to the English (Latin) name only when no other chosen
    language has a name; when a Cyrillic-script language is chosen but its column is
    empty, the place's Cyrillic name in another column of the data (Russian, Tajik or
    Kyrgyz, its own country's language first) is used, so a Tajik town whose Russian name
    is missing is still written in Cyrillic. A missing name is never invented.
    """
    names: list[str] = []
    for lang in langs:
        value = row.get(LANG_COLUMN[lang]) if hasattr(row, "get") else None
        if isinstance(value, str) and value.strip() and value.strip() not in names:
            names.append(value.strip())
    if not names and isinstance(row.get("name"), str):
        names.append(row["name"])
    if set(langs) & set(CYRILLIC_LANGS) and not any(_cyrillic(n) for n in names):
        cols = CYRILLIC_COLUMNS.get(str(row.get("iso3")), CYRILLIC_COLUMNS["KGZ"])
        for col in cols:
            value = row.get(col)
            if isinstance(value, str) and value.strip() and _cyrillic(value):
                names.append(value.strip())
                break
    return "\n".join(names)


# Size given to a curated border settlement without a population, so the villages of the
# border gazetteer are labelled before the small GeoNames places (issue 17, part 7).
CURATED_SIZE = {"town": 50_000.0, "village": 2_000.0, "enclave_village": 2_000.0}


def side_balanced_order(places: pd.DataFrame) -> np.ndarray:
    """Row positions: by size rank within each country, countries alternating (a curated
    border settlement without a population counts as :data:`CURATED_SIZE`)."""
    pop = pd.to_numeric(places.get("population"), errors="coerce").to_numpy(float)
    if "source" in places.columns:
        kind = places.get("feature_code", pd.Series("", index=places.index)).astype(object)
        size = kind.map(lambda k: CURATED_SIZE.get(str(k).casefold(), 2_000.0)).to_numpy(float)
        curated = (places["source"].astype(str) == "curated").to_numpy()
        pop = np.where(curated & np.isnan(pop), size, pop)
    pop = np.nan_to_num(pop, nan=0.0)
    iso = places.get("iso3", pd.Series("", index=places.index)).astype("string") \
        .fillna("").to_numpy(str)
    frame = pd.DataFrame({"pop": pop, "iso": iso})
    frame["rank"] = frame.groupby("iso")["pop"].rank(method="first", ascending=False)
    frame["uz_last"] = frame["iso"].isin(["KGZ", "TJK"]).map({True: 0, False: 1})
    return frame.sort_values(["uz_last", "rank", "iso"], kind="stable").index.to_numpy()


PAIR_END_M = 100.0  # a place this close to a pair line's end is that community's village


def pair_end_mask(x: np.ndarray, y: np.ndarray, pairs: pd.DataFrame | None,
                  within_m: float = PAIR_END_M) -> np.ndarray:
    """Per place (``x``/``y`` in ``geo.crs.METRIC_CRS``): True when it lies within
    ``within_m`` metres of a pair line's end (a community's point in ``pairs``:
    ``kg_lon``/``kg_lat``, ``tj_lon``/``tj_lat``)."""
    near = np.zeros(len(x), dtype=bool)
    if pairs is None or len(pairs) == 0 or len(x) == 0:
        return near
    from geo.crs import to_metric

    ends = [to_metric(pairs[f"{s}_lon"].to_numpy(float), pairs[f"{s}_lat"].to_numpy(float))
            for s in ("kg", "tj")]
    ex = np.concatenate([e[0] for e in ends])
    ey = np.concatenate([e[1] for e in ends])
    ok = np.isfinite(ex) & np.isfinite(ey)
    for a, b in zip(ex[ok], ey[ok], strict=True):
        near |= np.hypot(x - a, y - b) <= within_m
    return near


def place_labels(ax: Axes, x: np.ndarray, y: np.ndarray, texts: Sequence[str],
                 order: np.ndarray, fontsize: float, max_labels: int,
                 avoid: list[Bbox] | None = None, positions=POSITIONS,
                 force: bool = False, **style) -> list[int]:
    """Draw labels greedily where they fit; return the positions of the labelled places.

    Parameters
    ----------
    ax : the map axes (data coordinates = METRIC_CRS metres).
    x, y : label anchor points (the settlement dots).
    texts : label text per point.
    order : positions to try, most important first.
    fontsize : points.
    max_labels : stop after this many labels.
    avoid : display-coordinate boxes to keep free (scale bar, north arrow, earlier
        labels); the boxes of the labels placed here are appended to it.
    positions : (dx, dy, ha, va) offsets in points to try, in order.
    force : when no position is free, put the label at the first position anyway (for
        labels that must not be lost, e.g. hotspot ids).
    style : extra ``Axes.annotate`` keyword arguments (colour, weight).
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    taken: list[Bbox] = avoid if avoid is not None else []
    kw = {"color": "#222222", "zorder": 9, "linespacing": 0.95} | style
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    done: list[int] = []
    for i in order:
        if len(done) >= max_labels:
            break
        if not (xlim[0] <= x[i] <= xlim[1] and ylim[0] <= y[i] <= ylim[1]) or not texts[i]:
            continue
        for dx, dy, ha, va in positions:
            t = ax.annotate(texts[i], (x[i], y[i]), xytext=(dx, dy), textcoords="offset points",
                            ha=ha, va=va, fontsize=fontsize, annotation_clip=True, **kw)
            box = t.get_window_extent(renderer).expanded(1.04, 1.08)
            inside = (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                      and box.y1 <= frame.y1)
            if inside and not any(box.overlaps(b) for b in taken):
                taken.append(box)
                done.append(int(i))
                _halo(t)
                break
            t.remove()
        else:
            if force:
                dx, dy, ha, va = positions[0]
                t = ax.annotate(texts[i], (x[i], y[i]), xytext=(dx, dy), ha=ha, va=va,
                                textcoords="offset points", fontsize=fontsize, **kw)
                taken.append(t.get_window_extent(renderer))
                done.append(int(i))
                _halo(t)
    return done


def _halo(t) -> None:
    """A white outline behind a label, as a separate artist (gid "halo"): text drawn with
    a path effect becomes outlines in a PDF, so the label itself stays plain, searchable
    text on top."""
    halo = t.axes.annotate(t.get_text(), t.xy, xytext=t.xyann, textcoords=t.anncoords,
                           ha=t.get_ha(), va=t.get_va(), fontsize=t.get_fontsize(),
                           fontweight=t.get_fontweight(), linespacing=0.95, color="white",
                           zorder=t.get_zorder() - 0.01, path_effects=HALO,
                           annotation_clip=True)
    halo.set_gid("halo")
