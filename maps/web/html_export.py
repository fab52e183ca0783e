"""The standalone HTML map of a print scene: web map content from :class:`PrintData`.

Public mode shows only what :mod:`sharing.protect` let through (incidents at settlements,
counts for sensitive categories) and hotspots as approximate circles (a hull's corners are
incident points); the page carries the same attribution, disclaimer and protection note as
the printed map.
"""
from __future__ import annotations

import datetime as dt

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import METRIC_CRS
from incidents.schema import SYNTHETIC_SOURCE, conform
from maps.legend import CATEGORY_STYLE
from maps.print.print_data import PrintData
from maps.print.print_layers import hotspot_shapes
from maps.print.print_text import (
    bi,
    contested_count,
    disclaimer,
    incident_sources,
    protection_lines,
)
from maps.web.data_tooltip import with_tooltip
from maps.web.standalone import standalone_filename, standalone_html


def _public_clusters(clusters: gpd.GeoDataFrame | None, public: bool):
    if clusters is None or len(clusters) == 0 or not public:
        return clusters
    shapes = gpd.GeoSeries(hotspot_shapes(clusters, True), crs=METRIC_CRS).to_crs(4326)
    out = clusters.copy()
    out = out.drop(columns=[c for c in ("event_ids",) if c in out.columns])
    return out.set_geometry(shapes.values)


def note_lines(data: PrintData, title: str, date: dt.date) -> list[str]:
    """Lines of the fixed note: title, dates, filters, sources, disclaimer, protection."""
    d_en, d_ru = disclaimer(data.as_of())
    lines = [title, f"{bi('produced')}: {date:%Y-%m-%d} · {bi('period')}: "
                    f"{data.period_text()}",
             f"{bi('filters')}: {data.filters_text}",
             f"{bi('sources')}: " + "; ".join(data.attributions()),
             f"{bi('layer_dates')}: {data.layer_dates()}", d_en, d_ru]
    return lines + protection_lines(data.protection) + _contested_keys(data)


def _contested_keys(data: PrintData) -> list[str]:
    """Legend lines of the dashed outlines, when the map draws any: counts and hotspots
    holding incidents whose side is contested."""
    inc, clusters = data.incidents, data.clusters
    out = []
    if inc is not None and "contested_label" in inc.columns and (
            inc["contested_label"].astype("string").fillna("") != "").any():
        out.append(bi("contested_counts"))
    if clusters is not None and "n_contested" in clusters.columns and (
            pd.to_numeric(clusters["n_contested"], errors="coerce").fillna(0) > 0).any():
        out.append(bi("contested_hotspot"))
    return out


def html_map(data: PrintData, title: str, lang: str = "en",
             date: dt.date | None = None, basemap=None) -> tuple[bytes, str]:
    """``(html bytes, file name)`` of an offline interactive map of ``data``, with the
    user's offline tiles at ``basemap`` (an .mbtiles file or XYZ folder) embedded.

    Raises
    ------
    ValueError : ``basemap`` holds no image tile of the border region.
    """
    from layers.boundaries import attributions
    from maps.web.web_layers import prepare_base
    from maps.web.webmap import MapContent, build_map

    date = date or dt.date.today()
    public = data.protection is not None and data.protection.mode == "public"
    inc = data.incidents
    counts = None
    if inc is not None and len(inc):
        rows = pd.DataFrame(inc.drop(columns="geometry", errors="ignore"))
        if "record_type" in rows.columns:
            is_count = rows["record_type"].astype(str) == "aggregate"
            counts, rows = rows[is_count], rows[~is_count]
        inc = conform(rows) if len(rows) else None
    base = prepare_base(data.layers, claims=data.claims, curated=data.curated,
                        attributions=tuple(attributions(data.layers.manifest)),
                        user_line=data.user_line)
    content = MapContent(base=base, incidents=inc, places=data.places,
                         clusters=_public_clusters(data.clusters, public), gistar=data.gistar,
                         pairs=data.pairs, demo=data.synthetic,
                         extra_attributions=tuple(  # build_map adds its own demo notice
                             incident_sources(set(data.incident_sources) - {SYNTHETIC_SOURCE})))
    if basemap is not None:
        from maps.web.local_tiles import load_basemap, region_bbox
        tiles = load_basemap(basemap, region_bbox(base.segments) or (-180, -85, 180, 85))
        if not tiles:
            raise ValueError(f"{basemap}: no image tiles of the border region "
                             "(an .mbtiles file or <z>/<x>/<y>.png folder)")
        content.local_basemap = tiles
    m = build_map(content, lang=lang, basemap="local" if basemap is not None else "none",
                  extra_groups=(_count_layer(counts),) if counts is not None and len(counts)
                  else ())
    doc = standalone_html(m, note_lines(data, title, date), title)
    return doc, standalone_filename(title, date)


def _count_layer(counts: pd.DataFrame) -> folium.FeatureGroup:
    """Public counts per hex piece as circles; '1–2' never shows an exact number. A cell
    with incidents whose side is contested gets a dashed black outline (the incidents'
    dashed ring) and 'n side contested' in its tooltip: shown as contested, not decided."""
    fg = folium.FeatureGroup(name=bi("counts"), show=True)
    n = pd.to_numeric(counts["n_incidents"], errors="coerce").astype("float64").fillna(1.5)
    for (_, r), k in zip(counts.iterrows(), n.to_numpy(), strict=True):
        cat = str(r.get("category", "other"))
        colour = CATEGORY_STYLE.get(cat, CATEGORY_STYLE["other"])[0]
        tip = (f"{r['n_label']} × {cat.replace('_', ' ')} · {r.get('cell_id', '')} · "
               f"{pd.Timestamp(r['period_start']):%Y-%m} – {pd.Timestamp(r['period_end']):%Y-%m}"
               if pd.notna(r.get("period_start")) else f"{r['n_label']} × {cat}")
        label = r.get("contested_label")
        contested = isinstance(label, str) and label != ""
        if contested:
            tip += " · " + contested_count(label)
        ring = {"color": "#111111", "weight": 2, "dash_array": "4 3"} if contested \
            else {"color": "#FFFFFF", "weight": 1}
        with_tooltip(folium.CircleMarker(
            [float(r["lat"]), float(r["lon"])], radius=4 + 2 * np.sqrt(k), **ring,
            fill=True, fill_color=colour, fill_opacity=0.75), tip).add_to(fg)
    return fg
