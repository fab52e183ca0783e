"""The standalone HTML map of a print scene: web map content from :class:`PrintData`.

Public mode shows only what :mod:`sharing.protect` let through (incidents at settlements,
counts for sensitive categories) and hotspots as approximate circles (a hull's corners are
incident points); the page carries the same attribution, disclaimer and protection note as
the printed map.
"""
from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd

from geo.crs import METRIC_CRS
from incidents.schema import conform
from maps.print_data import PrintData
from maps.print_layers import hotspot_shapes
from maps.print_text import bi, disclaimer
from maps.standalone import standalone_filename, standalone_html


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
             f"{bi('sources')}: " + "; ".join(data.attributions()), d_en, d_ru]
    if data.protection is not None:
        lines.append(data.protection.headline())
    return lines


def html_map(data: PrintData, title: str, lang: str = "en",
             date: dt.date | None = None) -> tuple[bytes, str]:
    """``(html bytes, file name)`` of an offline interactive map of ``data``."""
    from layers.boundaries import attributions
    from maps.webmap import MapContent, build_map, prepare_base

    date = date or dt.date.today()
    public = data.protection is not None and data.protection.mode == "public"
    inc = data.incidents
    if inc is not None and len(inc):
        inc = conform(pd.DataFrame(inc.drop(columns="geometry", errors="ignore")))
    base = prepare_base(data.layers, claims=data.claims, curated=data.curated,
                        attributions=tuple(attributions(data.layers.manifest)))
    content = MapContent(base=base, incidents=inc, places=data.places,
                         clusters=_public_clusters(data.clusters, public), gistar=data.gistar,
                         pairs=data.pairs, demo=data.synthetic)
    m = build_map(content, lang=lang)
    doc = standalone_html(m, note_lines(data, title, date), title)
    return doc, standalone_filename(title, date)
