"""File exports of incidents: CSV, GeoJSON, GeoPackage, KML and XLSX.

GeoJSON and GeoPackage are written by pyogrio (GDAL) in EPSG:4326 so they open in QGIS;
KML is written by a small escaping writer (one Placemark per incident, ExtendedData with
the attributes) so it opens in Google Earth. CSV and XLSX cells are guarded against
spreadsheet formula injection by :func:`neutralise_formulas`. ``mode="public"`` hands the
rows to ``sharing.export.export_public`` (protection + embedded report; one call,
:func:`_public`).
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import pandas as pd

FORMATS: tuple[str, ...] = ("csv", "geojson", "gpkg", "kml", "xlsx")
MODES: tuple[str, ...] = ("internal", "public")
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
KML_NAME_FIELDS = ("event_id", "category", "location")


class ExportError(ValueError):
    """The export cannot be made (unknown format or mode, public mode unavailable...)."""


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells starting with = + - @ (or tab/CR) get a leading ``'``.

    Spreadsheet programs run such cells as formulas (e.g. ``=cmd|' /C calc'!A0``). Only
    text columns change; numbers, dates and booleans are left as they are, and so is text
    that is a plain signed number (``-12.5``: no formula can hide in it).
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if not (pd.api.types.is_string_dtype(s) or s.dtype == object):
            continue
        text = s.astype("string")
        risky = (text.str.startswith(FORMULA_PREFIXES)
                 & ~text.str.fullmatch(PLAIN_NUMBER)).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            out[col] = s.astype(object)
            out.loc[risky, col] = "'" + text[risky].astype(str)
    return out


def restore_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Inverse of :func:`neutralise_formulas` for text read back from our own CSV exports:
    a leading ``'`` before = + - @ (or tab/CR) is removed, so values round-trip."""
    out = df.copy()
    guarded = "^'(?=[" + "".join("\\" + p if p in "-+" else p for p in FORMULA_PREFIXES) + "])"
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].astype("string").str.replace(guarded, "", regex=True) \
                .astype(out[col].dtype)
    return out


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
    return escape(str(value), {'"': "&quot;"})


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
    Path(path).write_text("\n".join(out), encoding="utf-8")


def _public(df: pd.DataFrame, fmt: str, path: Path, engine, options):
    """The public-mode hook: ``sharing.export.export_public`` protects the rows, writes them
    with :func:`export` (internal) and embeds its protection report in the file."""
    try:
        from sharing.export import export_public
    except ImportError as exc:
        raise ExportError("public mode not available (sharing/ is missing)") from exc
    return export_public(df, fmt, path, engine, options)


def export(df: pd.DataFrame, fmt: str, path: str | Path, mode: str = "public",
           engine=None, options=None):
    """Write incidents to ``path`` as ``fmt`` (one of :data:`FORMATS`).

    Parameters
    ----------
    df : incident rows (schema columns; lon/lat EPSG:4326).
    mode : "public" (the default) protects the rows first (needs ``engine``, a
        ``geo.engine.BorderEngine``); "internal" writes the rows as they are.
    options : ``sharing.protect.ProtectionOptions`` for public mode.

    Returns
    -------
    The ``ProtectionReport`` in public mode, else None.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if mode not in MODES:
        raise ExportError(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "public":
        if engine is None:
            raise ExportError("public mode needs the border engine")
        return _public(df, fmt, path, engine, options)
    if fmt == "csv":
        neutralise_formulas(_plain_columns(pd.DataFrame(df).drop(
            columns="geometry", errors="ignore"))).to_csv(path, index=False, encoding="utf-8")
    elif fmt == "xlsx":
        plain = _plain_columns(pd.DataFrame(df).drop(columns="geometry", errors="ignore"))
        neutralise_formulas(plain).to_excel(path, index=False, sheet_name="incidents")
    elif fmt == "kml":
        write_kml(df, path)
    else:
        gdf = to_geodataframe(df)
        gdf = gpd.GeoDataFrame(_plain_columns(gdf), geometry="geometry", crs=gdf.crs)
        if path.exists():
            path.unlink()
        driver = "GeoJSON" if fmt == "geojson" else "GPKG"
        layer = {} if fmt == "geojson" else {"layer": "incidents"}
        gdf.to_file(path, driver=driver, engine="pyogrio", **layer)
    return None
