"""The latitude and longitude fields of a record's form: empty for a new record, so an
unchanged form never stores a made-up point (they showed 40.0, 70.7 before); the record's
own values when it is edited."""
from __future__ import annotations

import pandas as pd

from i18n import t

# the widest a field takes, degrees: (lat min, lat max), (lon min, lon max)
WORLD = ((-90.0, 90.0), (-180.0, 180.0))
NEAR_REGION = ((38.0, 43.0), (66.0, 75.0))  # a little wider than geo.crs.REGION_BOUNDS


def present(value):
    """``value``, or None when it is missing (None, NaN, <NA>): what a form shows of a
    record's field."""
    return None if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) \
        else value


def _given(value) -> float | None:
    """``value`` as a float, None when it is missing."""
    value = present(value)
    return None if value is None else float(value)


def coordinate_fields(lat_col, lon_col, lang: str, current: dict | None, lat_key: str,
                      lon_key: str, bounds=NEAR_REGION) -> tuple[float | None, float | None]:
    """Latitude in ``lat_col`` and longitude in ``lon_col`` (Streamlit columns), degrees
    (EPSG:4326), starting from ``current``'s ``lat``/``lon`` or empty; None where empty."""
    cur = current or {}
    (lat_min, lat_max), (lon_min, lon_max) = bounds
    lat = lat_col.number_input(t("inc.lat", lang), lat_min, lat_max, _given(cur.get("lat")),
                               format="%.5f", key=lat_key)
    lon = lon_col.number_input(t("inc.lon", lang), lon_min, lon_max, _given(cur.get("lon")),
                               format="%.5f", key=lon_key)
    return lat, lon
