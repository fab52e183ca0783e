"""What a web map shows (:class:`MapContent`, :class:`BaseLayers`) and the tooltip helpers
the layer modules share; no folium here, so :mod:`maps.web.web_layers` and
:mod:`maps.web.analysis_layers` need not import :mod:`maps.web.webmap`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # geopandas loads only where layers are prepared
    import geopandas as gpd

    from maps.web.local_tiles import LocalBasemap


# --- step 1: prepared (cacheable) boundary GeoJSON: maps.web.web_layers -----------------
@dataclass
class BaseLayers:
    """Boundary layers as prepared GeoJSON dicts (None when absent) and their attribution."""

    countries: dict | None = None
    segments: dict | None = None
    enclaves: dict | None = None
    disagreement: dict | None = None
    districts: dict | None = None
    claims: dict | None = None
    curated: dict | None = None
    user_line: dict | None = None  # a user's newer reference line (geo.user_border)
    user_line_ref: dict | None = None  # its geo.reference_line.ReferenceLine, as a dict
    attributions: tuple[str, ...] = ()
    country_labels: tuple[dict, ...] = ()  # maps.web.country_labels.country_label_points


# --- step 2: the map -------------------------------------------------------------------
@dataclass
class MapContent:
    """Everything a map may show; each item optional. Frames are EPSG:4326."""

    base: BaseLayers = field(default_factory=BaseLayers)
    incidents: pd.DataFrame | None = None        # incident schema columns
    places: pd.DataFrame | None = None           # name, name_ru, lon, lat, iso3
    clusters: gpd.GeoDataFrame | None = None     # hotspot hulls (analysis)
    gistar: gpd.GeoDataFrame | None = None       # hex cells with z, gi_bin
    communities: pd.DataFrame | None = None      # registry: name_en, name_ru, lon, lat, status
    pairs: pd.DataFrame | None = None            # kg_lon, kg_lat, tj_lon, tj_lat, mode, why
    demo: bool = False                           # all incidents are synthetic demo data
    demo_mixed: bool = False                     # synthetic demo incidents beside real ones
    extra_attributions: tuple[str, ...] = ()
    local_basemap: LocalBasemap | None = None   # the user's offline tiles (maps.web.local_tiles)


def _name(props: dict, lang: str) -> str:
    first = props.get(f"name_{lang}") or props.get("name_en") or props.get("name") or ""
    return first


def _tooltip_fc(fc: dict, text_of, keep: tuple[str, ...] = ()) -> dict:
    """Copy of ``fc`` whose features carry only an escaped ``_tip`` (``text_of(props)``;
    property values are already escaped) and the ``keep`` properties."""
    feats = [{"type": "Feature", "geometry": f["geometry"],
              "properties": {"_tip": text_of(f["properties"]),
                             **{k: f["properties"].get(k) for k in keep}}}
             for f in fc["features"]]
    return {"type": "FeatureCollection", "features": feats}
