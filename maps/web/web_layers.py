"""Step 1 of the web map (:mod:`maps.web.webmap`): boundary GeoDataFrames (shipped layers,
COD-AB districts, official-claims overlap, curated layer) and analysis frames as small,
simplified GeoJSON dicts. Separate from the map builder so that drawing a map from prepared
(cached) layers never imports geopandas or shapely.

All coordinates EPSG:4326; string properties are HTML-escaped.
"""
from __future__ import annotations

import dataclasses
import html
import json

import geopandas as gpd
import numpy as np
import shapely

from geo.user_border import drawn_line_lonlat
from maps.web.country_labels import country_label_points
from maps.web.web_content import BaseLayers

WEB_TOLERANCE_DEG = 0.0002  # ~20 m: simplification of boundary layers for the browser


def web_geojson(gdf: gpd.GeoDataFrame | None, columns: list[str],
                tolerance_deg: float = WEB_TOLERANCE_DEG, grid_deg: float = 1e-5) -> dict | None:
    """Simplified GeoJSON FeatureCollection of ``gdf`` (EPSG:4326) snapped to ``grid_deg``
    (1e-5° ≈ 1 m), with ``columns`` as properties (missing skipped; strings HTML-escaped)."""
    if gdf is None or len(gdf) == 0:
        return None
    geoms = gdf.geometry.to_crs(4326) if gdf.crs and gdf.crs.to_epsg() != 4326 else gdf.geometry
    geoms = shapely.set_precision(
        shapely.simplify(geoms.values, tolerance_deg, preserve_topology=True), grid_deg)
    features = []
    cols = [c for c in columns if c in gdf.columns]
    records = gdf[cols].astype(object).where(gdf[cols].notna(), None).to_dict("records")
    for geom, props in zip(geoms, records, strict=True):
        if geom is None or shapely.is_empty(geom):
            continue
        clean = {k: html.escape(v) if isinstance(v, str) else
                 (float(v) if isinstance(v, (np.floating,)) else
                  (int(v) if isinstance(v, (np.integer,)) else v))
                 for k, v in props.items()}
        features.append({"type": "Feature", "properties": clean,
                         "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def prepare_base(boundaries=None, districts: gpd.GeoDataFrame | None = None,
                 claims: gpd.GeoDataFrame | None = None,
                 curated: gpd.GeoDataFrame | None = None,
                 attributions: tuple[str, ...] = (), user_line=None) -> BaseLayers:
    """Prepare :class:`BaseLayers` from a ``layers.boundaries.BoundaryLayers`` and the
    optional user layers (COD-AB frame, claims overlap, curated segments/sites, a newer
    reference line: ``geo.reference_line.UserLine``)."""
    b = boundaries
    drawn = drawn_line_lonlat(user_line) if user_line is not None else None
    return BaseLayers(
        countries=web_geojson(b.countries, ["iso3", "name_en", "name_ru"]) if b else None,
        segments=web_geojson(b.segments, ["segment_id", "pair", "length_m"]) if b else None,
        enclaves=web_geojson(b.enclaves, ["enclave_id", "name_en", "name_ru", "owner_iso3",
                                          "host_iso3", "area_km2"]) if b else None,
        disagreement=web_geojson(b.disagreement_zones, ["zone_id", "area_km2", "osm_iso3",
                                                        "ne_iso3"]) if b else None,
        districts=web_geojson(districts, ["iso3", "admin2_name_en", "admin2_name_ru",
                                          "admin1_name_en", "admin2_pcode"], 0.0005),
        claims=web_geojson(claims, ["overlap_id", "area_km2", "kgz_admin2", "tjk_admin2"]),
        curated=web_geojson(curated, ["curated_id", "kind", "name", "status",
                                      "status_as_of", "source", "note"], 0.0, 1e-5),
        user_line=web_geojson(gpd.GeoDataFrame(geometry=[drawn], crs=4326), [], 0.0)
        if drawn is not None else None,
        user_line_ref=dataclasses.asdict(user_line.ref) if drawn is not None else None,
        attributions=tuple(attributions),
        country_labels=tuple(country_label_points(b.countries, b.segments)) if b else (),
    )
