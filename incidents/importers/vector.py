"""GeoJSON and GeoPackage incident layers (read with pyogrio; first layer of a GPKG).

Properties are mapped like a table (:mod:`incidents.importers.table`). The geometry gives
the point, reprojected to EPSG:4326 when the layer has another CRS (a layer without CRS is
taken as lon/lat, with a warning). Decision for non-point geometries: a polygon or line is
reduced to a representative point that lies on it (shapely ``point_on_surface``), flagged
``geometry_reduced_to_point``, with ``geo_precision`` 2 when the shape spans at most 5 km and
3 beyond (a district polygon is "region only"). A multipoint is treated the same way. Rows
with an empty geometry fall back to coordinate properties, then to the place name.
Row numbers are feature index + 2, as if the layer were written as a table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from geo.crs import to_metric
from geo.vector_read import read_vector
from incidents.importers.assemble import Draft, finish
from incidents.importers.result import ImportFileError, ParsedImport
from incidents.importers.source import RawTable
from incidents.importers.table import fill_fields, resolve_mapping
from incidents.messages import Msg

MAX_NEAR_EXTENT_M = 5000.0


def _text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            text = s.dt.strftime("%Y-%m-%d").where(s.notna(), "")
        elif pd.api.types.is_float_dtype(s):
            text = s.map(lambda v: "" if pd.isna(v) else (str(int(v)) if float(v).is_integer()
                                                          else repr(float(v))))
        else:
            text = s.map(lambda v: "" if v is None or (np.ndim(v) == 0 and pd.isna(v))
                         else str(v))
        out[str(col)] = text.astype(object)
    return pd.DataFrame(out, index=frame.index)


def _read(data: bytes, name: str, fmt: str):
    try:  # only GeoJSON or GeoPackage content reaches GDAL (never a VRT naming other files)
        layers, gdf = read_vector(data)
    except Exception as exc:  # GDAL raises DataSourceError and friends
        raise ImportFileError(Msg("import.bad_vector", file=name, fmt=fmt, detail=str(exc))) \
            from exc
    warnings = []
    if len(layers) > 1:
        warnings.append(Msg("warn.layers", value=str(layers[0][0]),
                            names=", ".join(str(lyr[0]) for lyr in layers[1:])))
    if gdf.crs is None:
        warnings.append(Msg("warn.no_crs"))
    elif not gdf.crs.equals("EPSG:4326") and gdf.crs.to_epsg() != 4326:
        warnings.append(Msg("warn.reprojected", crs=gdf.crs.to_string()))
        gdf = gdf.to_crs(4326)
    return gdf, warnings


def parse(data: bytes, name: str, fmt: str, mapping: dict[str, str] | None = None,
          source_dataset: str | None = None) -> ParsedImport:
    """Import a GeoJSON (``fmt="geojson"``) or GeoPackage (``"gpkg"``) layer."""
    gdf, warnings = _read(data, name, fmt)
    if len(gdf) == 0:
        raise ImportFileError(Msg("import.no_features", file=name))
    props = _text_frame(pd.DataFrame(gdf.drop(columns=gdf.geometry.name)))
    props.index = pd.RangeIndex(len(props))
    raw = RawTable(name=name, frame=props,
                   row_numbers=pd.Series(np.arange(len(props)) + 2, index=props.index),
                   encoding="utf-8", warnings=warnings)
    d = Draft(fmt, raw, resolve_mapping(raw, mapping))
    fill_fields(d)

    geom = np.asarray(gdf.geometry.values, dtype=object)
    empty = shapely.is_missing(geom) | shapely.is_empty(geom)
    is_point = ~empty & (shapely.get_type_id(geom) == 0)
    reduced = ~empty & ~is_point
    points = np.where(reduced, shapely.point_on_surface(geom), geom)
    gx = np.where(empty, np.nan, shapely.get_x(np.where(empty, None, points)))
    gy = np.where(empty, np.nan, shapely.get_y(np.where(empty, None, points)))
    lat = d.fields.get("lat", pd.Series(np.nan, index=d.index))
    lon = d.fields.get("lon", pd.Series(np.nan, index=d.index))
    has_geom = pd.Series(~empty, index=d.index)
    d.fields["lat"] = pd.Series(gy, index=d.index).where(has_geom, lat)
    d.fields["lon"] = pd.Series(gx, index=d.index).where(has_geom, lon)
    d.mapping.setdefault("lat", "geometry")
    d.mapping.setdefault("lon", "geometry")
    if reduced.any():
        minx, miny, maxx, maxy = shapely.bounds(np.where(reduced, geom, None)).T
        x0, y0 = to_metric(minx, miny)
        x1, y1 = to_metric(maxx, maxy)
        extent = np.fmax(np.abs(x1 - x0), np.abs(y1 - y0))
        gp = d.fields.get("geo_precision", pd.Series(pd.NA, index=d.index, dtype="Int64"))
        derived = np.where(extent <= MAX_NEAR_EXTENT_M, 2, 3)
        d.fields["geo_precision"] = gp.mask(pd.Series(reduced, index=d.index) & gp.isna(),
                                            pd.Series(derived, index=d.index))
        d.flag("geometry_reduced_to_point", pd.Series(reduced, index=d.index))
        d.warnings.append(Msg("warn.reduced_to_point", n=int(reduced.sum())))
    return finish(d, source_dataset)
