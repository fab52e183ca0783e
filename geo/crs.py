"""The metric CRS used for every distance and area in the project.

The Kyrgyz–Tajik border spans about 67.5–74.5 E, more than one UTM zone, so distances are
computed in a Lambert azimuthal equal-area projection centred on the border region.
Distances in it stay within 0.5 % of the geodesic across the study region (tested).
"""
from __future__ import annotations

import numpy as np
import shapely
from pyproj import CRS, Transformer

LONLAT_CRS = CRS.from_epsg(4326)
METRIC_CRS = CRS.from_proj4(
    "+proj=laea +lat_0=40.0 +lon_0=71.0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
)
# Region the project works in (lon/lat): the Ferghana valley and its rims.
REGION_BOUNDS = (67.0, 38.5, 74.5, 42.5)  # minx, miny, maxx, maxy in degrees

_FWD = Transformer.from_crs(LONLAT_CRS, METRIC_CRS, always_xy=True)
_INV = Transformer.from_crs(METRIC_CRS, LONLAT_CRS, always_xy=True)


def to_metric(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project lon/lat degrees (EPSG:4326) to x/y metres in :data:`METRIC_CRS`."""
    return _FWD.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))


def to_lonlat(x_m: np.ndarray, y_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`to_metric`: metres in :data:`METRIC_CRS` to lon/lat degrees."""
    return _INV.transform(np.asarray(x_m, dtype=float), np.asarray(y_m, dtype=float))


def to_metric_geom(geom: shapely.Geometry) -> shapely.Geometry:
    """A lon/lat geometry (EPSG:4326) in metres in :data:`METRIC_CRS`."""
    return shapely.transform(geom, lambda xy: np.column_stack(to_metric(xy[:, 0], xy[:, 1])))


def to_lonlat_geom(geom: shapely.Geometry) -> shapely.Geometry:
    """Inverse of :func:`to_metric_geom`: a METRIC_CRS geometry in lon/lat degrees."""
    return shapely.transform(geom, lambda xy: np.column_stack(to_lonlat(xy[:, 0], xy[:, 1])))


def in_region(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Boolean mask: the point lies in :data:`REGION_BOUNDS` (NaN → False)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    minx, miny, maxx, maxy = REGION_BOUNDS
    with np.errstate(invalid="ignore"):
        return (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy)
