"""File exports of incidents: CSV, GeoJSON, GeoPackage, KML and XLSX.

GeoJSON and GeoPackage are written by pyogrio (GDAL) in EPSG:4326 so they open in QGIS;
KML is written by a small escaping writer (one Placemark per incident, ExtendedData with
the attributes) so it opens in Google Earth. CSV and XLSX cells are guarded against
spreadsheet formula injection by :func:`fileio.neutralise_formulas`; every file is
written atomically (:mod:`fileio`), and KML/XLSX text has XML-illegal characters
removed. ``mode="public"`` hands the rows to ``sharing.export.export_public`` (protection +
embedded report; one call, :func:`_public`).
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import pandas as pd

from fileio import (  # noqa: F401 - re-exported
    FORMULA_PREFIXES,
    atomic_path,
    atomic_write,
    neutralise_formulas,
    restore_formulas,
    write_csv,
    write_xlsx,
    xml_safe,
    xml_text,
)

FORMATS: tuple[str, ...] = ("csv", "geojson", "gpkg", "kml", "xlsx")
MODES: tuple[str, ...] = ("internal", "public")
KML_NAME_FIELDS = ("event_id", "category", "location")
#: Written as true/false booleans in GeoJSON and GeoPackage (other booleans stay text).
TRUE_BOOLEANS: tuple[str, ...] = ("side_contested",)


class ExportError(ValueError):
    """The export cannot be made (unknown format or mode, public mode unavailable...)."""


def to_geodataframe(df: pd.DataFrame) -> gpd.GeoDataFrame:
    """Points from lon/lat (EPSG:4326); rows without coordinates keep an empty geometry."""
    if isinstance(df, gpd.GeoDataFrame):
        return df.to_crs(4326) if df.crs is not None else df.set_crs(4326)
    geometry = gpd.points_from_xy(df["lon"], df["lat"], crs=4326)
    missing = df["lon"].isna() | df["lat"].isna()
    geometry[missing.to_numpy(dtype=bool)] = None
    return gpd.GeoDataFrame(df.copy(), geometry=geometry, crs=4326)


def _plain_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text, nullable booleans as text (drivers disagree on both)."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if col == "geometry":
            continue
        if pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d").astype(object)
        elif str(s.dtype) == "boolean":
            out[col] = s.map(lambda v: None if v is pd.NA else ("true" if v else "false"))
        elif pd.api.types.is_string_dtype(s):
            out[col] = s.astype(object).where(s.notna(), None)
    return out


def _kml_value(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return escape(xml_text(str(value)), {'"': "&quot;"})


def write_kml(df: pd.DataFrame, path: str | Path, name: str = "Incidents") -> None:
    """Write a KML document (one Placemark per row, attributes as ExtendedData)."""
    plain = _plain_columns(df.drop(columns="geometry", errors="ignore"))
    cols = list(plain.columns)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<kml xmlns="http://www.opengis.net/kml/2.2">', "<Document>",
           f"<name>{_kml_value(name)}</name>"]
    for row in plain.itertuples(index=False):
        rec = dict(zip(cols, row, strict=True))
        title = " · ".join(_kml_value(rec.get(f)) for f in KML_NAME_FIELDS if rec.get(f))
        out.append(f"<Placemark><name>{title}</name>")
        if rec.get("event_date"):
            out.append(f"<TimeStamp><when>{_kml_value(rec['event_date'])}</when></TimeStamp>")
        out.append("<ExtendedData>")
        out += [f'<Data name="{_kml_value(c)}"><value>{_kml_value(rec[c])}</value></Data>'
                for c in cols]
        out.append("</ExtendedData>")
        lon, lat = rec.get("lon"), rec.get("lat")
        if lon is not None and lat is not None and not (pd.isna(lon) or pd.isna(lat)):
            out.append(f"<Point><coordinates>{float(lon):.6f},{float(lat):.6f}"
                       "</coordinates></Point>")
        out.append("</Placemark>")
    out += ["</Document>", "</kml>"]
    atomic_write(path, "\n".join(out))


def write_file(df: pd.DataFrame, fmt: str, path: str | Path) -> None:
    """Write rows to ``path`` as ``fmt`` exactly as given: the writer under :func:`export`,
    for rows already protected (``sharing.export``) or already allowed."""
    fmt = check_format(fmt, "internal")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        write_csv(_plain_columns(pd.DataFrame(df).drop(columns="geometry", errors="ignore")),
                  path)
    elif fmt == "xlsx":
        plain = _plain_columns(pd.DataFrame(df).drop(columns="geometry", errors="ignore"))
        write_xlsx(plain, path, sheet_name="incidents")
    elif fmt == "kml":
        write_kml(df, path)
    else:
        gdf = to_geodataframe(df)
        plain = _plain_columns(gdf)
        for col in TRUE_BOOLEANS:  # real JSON/GPKG booleans where no value is missing
            if col in gdf.columns and not gdf[col].isna().any():
                plain[col] = gdf[col].astype(bool)
        gdf = gpd.GeoDataFrame(xml_safe(plain), geometry="geometry", crs=gdf.crs)
        driver = "GeoJSON" if fmt == "geojson" else "GPKG"
        layer = {} if fmt == "geojson" else {"layer": "incidents"}
        with atomic_path(path) as tmp:
            gdf.to_file(tmp, driver=driver, engine="pyogrio", **layer)


def check_format(fmt: str, mode: str) -> str:
    """``fmt`` in lower case; :class:`ExportError` for an unknown format or mode."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if mode not in MODES:
        raise ExportError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    return fmt
