"""Per-point checks of lon/lat input: missing, outside the region, or lat/lon swapped.

The border engine flags bad points instead of raising, so one bad row never loses a batch.
Importers can call :func:`location_flags` directly to decide what to do with a row (for
example, offer the swapped point to a reviewer); nothing here corrects a coordinate.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from geo.crs import in_region

FLAG_OK = "ok"
FLAG_MISSING = "missing"                  # NaN/None/unparsable lon or lat
FLAG_OUTSIDE_REGION = "outside_region"    # a number, but outside geo.crs.REGION_BOUNDS
FLAG_SWAPPED_SUSPECT = "swapped_suspect"  # outside, but (lat, lon) read as (lon, lat) is inside
LOCATION_FLAGS: tuple[str, ...] = (
    FLAG_OK, FLAG_MISSING, FLAG_OUTSIDE_REGION, FLAG_SWAPPED_SUSPECT,
)


def coerce_coords(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return lon/lat as 1-D float arrays; values that are not numbers become NaN.

    Parameters
    ----------
    lon, lat : array-like of the same length (degrees, EPSG:4326); scalars are allowed.

    Raises
    ------
    ValueError
        When the two inputs differ in length (a calling error, not a bad point).
    """
    lon_a = _to_float(lon)
    lat_a = _to_float(lat)
    if lon_a.shape != lat_a.shape:
        raise ValueError(
            f"lon and lat must have the same length, got {lon_a.size} and {lat_a.size}"
        )
    return lon_a, lat_a


def _to_float(values: ArrayLike) -> np.ndarray:
    try:  # plain numbers (None becomes NaN)
        return np.atleast_1d(np.asarray(values, dtype=float)).ravel()
    except (TypeError, ValueError):  # strings, pd.NA, mixed objects: element by element
        ser = pd.Series(np.atleast_1d(np.asarray(values, dtype=object)).ravel())
        return pd.to_numeric(ser, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def location_flags(lon: ArrayLike, lat: ArrayLike) -> np.ndarray:
    """Classify each point as ``ok``, ``missing``, ``outside_region`` or ``swapped_suspect``.

    Parameters
    ----------
    lon, lat : array-like, degrees (EPSG:4326).

    Returns
    -------
    numpy.ndarray of str (object dtype), one flag per point. ``swapped_suspect`` means the
    given point is outside :data:`geo.crs.REGION_BOUNDS` but the point with lon and lat
    exchanged is inside: the input most likely has its columns swapped.
    """
    lon_a, lat_a = coerce_coords(lon, lat)
    flags = np.full(lon_a.shape, FLAG_OUTSIDE_REGION, dtype=object)
    flags[in_region(lon_a, lat_a)] = FLAG_OK
    flags[(flags != FLAG_OK) & in_region(lat_a, lon_a)] = FLAG_SWAPPED_SUSPECT
    flags[np.isnan(lon_a) | np.isnan(lat_a)] = FLAG_MISSING
    return flags
