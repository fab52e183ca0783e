"""Draw the map layers of a print on matplotlib axes in METRIC_CRS metres.

Symbology follows :mod:`maps.legend` (the web map's), so the screen and the paper agree:
countries in two light neutral tints, the KG–TJ line dark grey, disagreement zones and
claims overlaps hatched grey/violet, curated segments dashed by status; no national colours.
Each ``draw_*`` returns legend handles ``[(artist, label), ...]`` for what it drew.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.crs import METRIC_CRS, to_metric
from geo.user_border import drawn_line_m
from i18n import line_label, t
from maps.legend import (
    CATEGORY_STYLE,
    CLAIMS_STYLE,
    CLUSTER_STYLE,
    CURATED_STATUS_STYLE,
    DISAGREEMENT_STYLE,
    GI_BIN_COLOURS,
    KGTJ_LINE,
    OTHER_BORDER_LINE,
    PAIR_STYLE,
    USER_LINE,
)
from maps.print.print_text import bi
from sharing.public_analysis import approximate_circles

COUNTRY_TINTS = {"KGZ": "#F3F0E9", "TJK": "#E4E2DD", "UZB": "#FAFAFA"}
MARKERS = {"circle": "o", "square": "s", "triangle": "^", "triangle_down": "v",
           "diamond": "D", "star": "*", "pentagon": "p", "hexagon": "h", "cross": "P"}
DASHES = {"disputed": (0, (5, 3)), "undemarcated": (0, (1, 3)), "agreed": "-",
          "unknown": (0, (3, 3))}
Handles = list[tuple[object, str]]


def metric(gdf: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """``gdf`` in METRIC_CRS (None and empty frames pass through)."""
    if gdf is None or len(gdf) == 0:
        return None
    return gdf.to_crs(METRIC_CRS) if gdf.crs is not None else gdf.set_crs(4326).to_crs(
        METRIC_CRS)


def draw_countries(ax: Axes, countries: gpd.GeoDataFrame) -> Handles:
    """Country tints; a legend entry (both names) for Kyrgyzstan and Tajikistan."""
    g = metric(countries)
    handles: Handles = []
    for iso, colour in COUNTRY_TINTS.items():
        part = g[g["iso3"] == iso]
        if len(part):
            part.plot(ax=ax, color=colour, edgecolor="none", zorder=1)
            if iso in ("KGZ", "TJK"):
                handles.append((Patch(facecolor=colour, edgecolor="#9A9A9A", lw=0.5),
                                bi(f"country_{iso.lower()}")))
    return handles


def draw_user_line(ax: Axes, line) -> Handles:
    """A user's newer reference line (``geo.reference_line.UserLine``), dashed over the 2017
    line, named with its date in both languages; nothing when there is none."""
    drawn = drawn_line_m(line) if line is not None else None
    if drawn is None:
        return []
    dash = (0, (5, 2.5))
    gpd.GeoSeries([drawn], crs=METRIC_CRS).plot(ax=ax, color=USER_LINE["color"],
                                                linewidth=1.8, linestyle=dash, zorder=6)
    label = " / ".join(t("legend.user_line", lang, line=line_label(line.ref, lang))
                       for lang in ("en", "ru"))
    return [(Line2D([], [], color=USER_LINE["color"], lw=1.8, ls=dash), label)]


def draw_borders(ax: Axes, segments: gpd.GeoDataFrame, enclaves: gpd.GeoDataFrame) -> Handles:
    g = metric(segments)
    kgtj = g[g["pair"] == "KGZ-TJK"]
    other = g[g["pair"] != "KGZ-TJK"]
    if len(other):
        other.plot(ax=ax, color=OTHER_BORDER_LINE["color"], linewidth=0.9,
                   linestyle=(0, (4, 2)), zorder=4)
    kgtj.plot(ax=ax, color=KGTJ_LINE["color"], linewidth=1.5, zorder=5)
    e = metric(enclaves)
    handles: Handles = [
        (Line2D([], [], color=KGTJ_LINE["color"], lw=1.5), bi("kg_tj_line")),
        (Line2D([], [], color=OTHER_BORDER_LINE["color"], lw=0.9, ls=(0, (4, 2))),
         bi("other_line")),
    ]
    if e is not None:
        e.plot(ax=ax, facecolor="#DDD5C4", alpha=0.55, edgecolor="none", zorder=2)
        handles.append((Patch(facecolor="#DDD5C4", alpha=0.55, edgecolor="#5E5E5E"),
                        bi("enclave")))
    return handles


def draw_disputed(ax: Axes, zones, claims, curated) -> Handles:
    handles: Handles = []
    for frame, color, hatch, width, label in (
            (zones, DISAGREEMENT_STYLE["color"], "/////", 0.5, "zone"),
            (claims, CLAIMS_STYLE["color"], "\\\\\\\\", 0.6, "claims")):
        m = metric(frame)
        if m is not None:
            m.plot(ax=ax, facecolor="none", edgecolor=color, hatch=hatch, linewidth=width,
                   zorder=3)
            handles.append((Patch(facecolor="none", edgecolor=color, hatch=hatch), bi(label)))
    cur = metric(curated)
    if cur is not None:
        for status, style in CURATED_STATUS_STYLE.items():
            part = cur[cur["status"].astype(str) == status]
            if len(part) == 0:
                continue
            lines = part[part.geom_type.str.contains("Line")]
            polys = part[part.geom_type.str.contains("Polygon")]
            if len(lines):
                lines.plot(ax=ax, color=style["color"], linewidth=2.2,
                           linestyle=DASHES[status], zorder=6)
            if len(polys):
                polys.plot(ax=ax, facecolor="none", edgecolor=style["color"], linewidth=1.4,
                           linestyle=DASHES[status], zorder=6)
            handles.append((Line2D([], [], color=style["color"], lw=2.2, ls=DASHES[status]),
                            bi(f"curated_{status}")))
    return handles


def _xy(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return to_metric(pd.to_numeric(df["lon"], errors="coerce").to_numpy(float),
                     pd.to_numeric(df["lat"], errors="coerce").to_numpy(float))


def category_label(cat: str) -> str:
    """``"Water dispute / Спор из-за воды"`` (i18n vocabulary; unknown codes as written)."""
    from i18n import vocab

    en_, ru_ = vocab("category", cat, "en"), vocab("category", cat, "ru")
    return en_ if en_ == ru_ else f"{en_} / {ru_}"


def category_handles(categories) -> Handles:
    from incidents.schema import CATEGORIES

    out: Handles = []
    for cat in [c for c in CATEGORIES if c in set(categories)]:
        colour, shape = CATEGORY_STYLE.get(cat, CATEGORY_STYLE["other"])
        ms = 9 if shape == "star" else 6
        out.append((Line2D([], [], ls="none", marker=MARKERS[shape], ms=ms, mfc=colour,
                           mec="white", mew=0.6), category_label(cat)))
    return out


def draw_incident_points(ax: Axes, df: pd.DataFrame, size: float) -> Handles:
    """Exact points (internal mode), symbol per category."""
    x, y = _xy(df)
    cats = df["category"].astype("string").fillna("other").to_numpy(str)
    for cat in np.unique(cats):
        colour, shape = CATEGORY_STYLE.get(cat, CATEGORY_STYLE["other"])
        m = cats == cat
        grow = 2.2 if shape == "star" else 1.0
        ax.scatter(x[m], y[m], s=size * grow, marker=MARKERS[shape], c=colour,
                   edgecolors="white", linewidths=0.4, zorder=7)
    handles = category_handles(cats)
    contested = df["side_contested"].astype("boolean").fillna(False).to_numpy(bool) \
        if "side_contested" in df.columns else np.zeros(len(df), dtype=bool)
    if contested.any():  # a dashed black ring, as on the web map (maps.legend)
        ax.scatter(x[contested], y[contested], s=size * 4.5, marker="o", facecolors="none",
                   edgecolors="#111111", linewidths=0.9, linestyles="--", zorder=8)
        handles.append((Line2D([], [], ls="none", marker="o", ms=9, mfc="none", mec="#111111",
                               mew=0.9), bi("contested")))
    return handles


def public_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Protected rows summed per shown point: ``x_m, y_m, n`` (1.5 for '1–2'), ``small``
    (every part under 3), ``category`` (the single category or 'several'), ``contested``
    (any part holds an incident whose side is contested)."""
    n = (pd.to_numeric(df["n_incidents"], errors="coerce").astype("float64")
         if "n_incidents" in df else pd.Series(np.nan, index=df.index))
    is_inc = df["record_type"].astype(str) == "incident"
    n = n.where(~is_inc, 1.0).fillna(1.5)
    x, y = _xy(df)
    frame = pd.DataFrame({"x_m": np.round(x, 1), "y_m": np.round(y, 1), "n": n.to_numpy(),
                          "category": df["category"].astype("string").fillna("other"),
                          "suppressed": (df.get("n_label", pd.Series("", index=df.index))
                                         == "1–2").to_numpy(),
                          "contested": _contested_rows(df)})
    agg = frame.groupby(["x_m", "y_m"], sort=True).agg(
        n=("n", "sum"), ncat=("category", "nunique"), category=("category", "first"),
        suppressed=("suppressed", "all"), contested=("contested", "any"))
    agg.loc[agg["ncat"] > 1, "category"] = "several"
    return agg.reset_index()


def _contested_rows(df: pd.DataFrame) -> np.ndarray:
    """Per protected row: a count with a contested label, or a point whose side is contested."""
    flag = df["side_contested"].astype("boolean").fillna(False).to_numpy(bool) \
        if "side_contested" in df.columns else np.zeros(len(df), dtype=bool)
    if "contested_label" in df.columns:
        label = df["contested_label"].astype("string").fillna("")
        flag = flag | (label != "").to_numpy(bool)
    return flag


def draw_public_counts(ax: Axes, df: pd.DataFrame, size: float) -> Handles:
    """Generalised counts as circles sized by count; '1–2' cells all get the smallest size."""
    agg = public_counts(df)
    sizes = size * (0.6 + np.sqrt(agg["n"].to_numpy(float)) * 0.7)
    colours = [CATEGORY_STYLE.get(c, CATEGORY_STYLE["other"])[0] if c != "several"
               else "#4D4D4D" for c in agg["category"]]
    ax.scatter(agg["x_m"], agg["y_m"], s=sizes, c=colours, alpha=0.8, edgecolors="white",
               linewidths=0.5, zorder=7)
    big = agg[~agg["suppressed"] & (agg["n"] >= 10)]
    for r in big.itertuples():
        ax.annotate(f"{int(round(r.n))}", (r.x_m, r.y_m), ha="center", va="center",
                    fontsize=5.5, color="white", zorder=8, fontweight="bold", gid="count")
    handles = category_handles(agg["category"])
    ring = agg["contested"].to_numpy(bool)
    if ring.any():  # contested shown as contested: a dashed ring, as on the web map
        ax.scatter(agg["x_m"][ring], agg["y_m"][ring], s=sizes[ring] * 1.9, marker="o",
                   facecolors="none", edgecolors="#111111", linewidths=0.9, linestyles="--",
                   zorder=7.5, gid="contested")
        handles.append((Line2D([], [], ls="none", marker="o", ms=9, mfc="#BBBBBB",
                               mec="#111111", mew=0.9), bi("contested_counts")))
    if (agg["category"] == "several").any():
        handles.append((Line2D([], [], ls="none", marker="o", ms=6, mfc="#4D4D4D",
                               mec="white"), bi("several")))
    handles.append((Line2D([], [], ls="none", marker="o", ms=9, mfc="#BBBBBB", mec="white"),
                    bi("counts")))
    return handles


def draw_gistar(ax: Axes, gistar: gpd.GeoDataFrame | None) -> Handles:
    g = metric(gistar)
    if g is None or "gi_bin" not in g.columns:
        return []
    b = pd.to_numeric(g["gi_bin"], errors="coerce").fillna(0).astype(int)
    handles: Handles = []
    for level, colour in GI_BIN_COLOURS.items():
        part = g[b == level]
        if len(part):
            part.plot(ax=ax, color=colour, alpha=0.45, edgecolor="none", zorder=2.5)
    if (b > 0).any():
        handles.append((Patch(color=GI_BIN_COLOURS[2], alpha=0.45), bi("gi_hot")))
    if (b < 0).any():
        handles.append((Patch(color=GI_BIN_COLOURS[-2], alpha=0.45), bi("gi_cold")))
    return handles


def hotspot_shapes(clusters: gpd.GeoDataFrame, public: bool, pad_m: float = 2000.0):
    """Hull polygons (internal) or circles around the hull centre (public: the hull's
    vertices are incident points). METRIC_CRS."""
    hulls = np.asarray(metric(clusters).geometry.values, dtype=object)
    return approximate_circles(hulls, pad_m) if public else hulls


def draw_hotspots(ax: Axes, clusters: gpd.GeoDataFrame | None, public: bool) -> Handles:
    """Hotspot areas; their id labels are placed with the other labels (see
    :func:`hotspot_anchors`)."""
    if clusters is None or len(clusters) == 0:
        return []
    shapes = gpd.GeoSeries(hotspot_shapes(clusters, public), crs=METRIC_CRS)
    shapes.plot(ax=ax, facecolor=CLUSTER_STYLE["fillColor"], alpha=0.25, edgecolor="none",
                zorder=6)
    n = pd.to_numeric(clusters["n_contested"], errors="coerce").fillna(0).to_numpy() \
        if "n_contested" in clusters.columns else np.zeros(len(clusters))
    contested = n > 0
    if (~contested).any():
        shapes[~contested].plot(ax=ax, facecolor="none", edgecolor=CLUSTER_STYLE["color"],
                                linewidth=1.3, zorder=6)
    handles = [(Patch(facecolor=CLUSTER_STYLE["fillColor"], alpha=0.5,
                      edgecolor=CLUSTER_STYLE["color"]),
                bi("hotspot_public" if public else "hotspot"))]
    if contested.any():  # contested shown as contested: a dashed black outline
        shapes[contested].plot(ax=ax, facecolor="none", edgecolor="#111111", linewidth=1.3,
                               linestyle="--", zorder=6, gid="contested_hotspot")
        handles.append((Patch(facecolor=CLUSTER_STYLE["fillColor"], alpha=0.5,
                              edgecolor="#111111", linestyle="--"), bi("contested_hotspot")))
    return handles


def hotspot_anchors(clusters: gpd.GeoDataFrame, public: bool, view=None):
    """(x_m, y_m, ids): the top-centre of each hotspot shape, where its id goes; with a
    ``view`` polygon, of the shape's part in view (NaN when none of it is)."""
    shapes = hotspot_shapes(clusters, public)
    if view is not None:
        shapes = shapely.intersection(shapes, view)
    b = shapely.bounds(shapes)
    return (b[:, 0] + b[:, 2]) / 2, b[:, 3], [str(h) for h in clusters["hotspot_id"]]


PAIR_LINES = {"joint": "-", "parallel": (0, (5, 3))}


def distinct_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each community pair once (a pair recommended in several hotspots was drawn once per
    hotspot, line over line): ``kg_lon, kg_lat, tj_lon, tj_lat, mode``, parallel when any of
    its hotspots asks for parallel work (the cautious reading)."""
    p = pairs.assign(mode=np.where(pairs.get("mode", pd.Series("joint", index=pairs.index))
                                   .astype(str) == "parallel", "parallel", "joint"))
    keys = ["kg_lon", "kg_lat", "tj_lon", "tj_lat"]
    return (p.groupby(keys, sort=False)["mode"]
            .agg(lambda m: "parallel" if (m == "parallel").any() else "joint").reset_index())


def draw_pairs(ax: Axes, pairs: pd.DataFrame | None) -> Handles:
    """Pair lines KG community → TJ community, each pair once, as arcs bent so that they
    cross each other as little as possible (:mod:`maps.print.pair_routes`): joint work solid,
    parallel work dashed, one legend entry per mode shown (English and Russian)."""
    from maps.print.pair_routes import route_pairs
    if pairs is None or len(pairs) == 0:
        return []
    pairs = distinct_pairs(pairs)
    kx, ky = to_metric(pairs["kg_lon"].to_numpy(float), pairs["kg_lat"].to_numpy(float))
    tx, ty = to_metric(pairs["tj_lon"].to_numpy(float), pairs["tj_lat"].to_numpy(float))
    colour = PAIR_STYLE["joint"]["color"]
    modes = pairs["mode"].to_numpy()
    for route, mode in zip(route_pairs(kx, ky, tx, ty), modes, strict=True):
        ax.plot(route[:, 0], route[:, 1], color=colour, lw=1.8 if mode == "joint" else 1.5,
                ls=PAIR_LINES[mode], zorder=8, solid_capstyle="round", gid="pair")
    ax.scatter(np.r_[kx, tx], np.r_[ky, ty], s=18, marker="s", c="white", edgecolors=colour,
               linewidths=1.2, zorder=8)
    return [(Line2D([], [], color=colour, lw=1.8 if m == "joint" else 1.5, ls=PAIR_LINES[m],
                    marker="s", mfc="white", mec=colour), bi(f"pair_{m}"))
            for m in ("joint", "parallel") if (modes == m).any()]
