"""Synthetic incident frames and study areas for the analysis tests (no real data)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import to_lonlat
from incidents.schema import SYNTHETIC_SOURCE, conform

# A 60 km × 40 km rectangle in metric CRS around the projection centre (71 E, 40 N).
AREA_M = shapely.box(-30000.0, -20000.0, 30000.0, 20000.0)


def make_incidents(x_m, y_m, *, dates=None, categories=None, sides=None, precision=1,
                   fatalities=None, injuries=None, border_dist_m=None, start_id=1,
                   **extra) -> pd.DataFrame:
    """An incident frame (schema columns) at metric positions ``x_m, y_m``."""
    x_m = np.asarray(x_m, float)
    y_m = np.asarray(y_m, float)
    n = len(x_m)
    lon, lat = to_lonlat(x_m, y_m)
    data = {
        "event_id": [f"KGTJ-{i:06d}" for i in range(start_id, start_id + n)],
        "source_dataset": SYNTHETIC_SOURCE,
        "event_date": dates if dates is not None else pd.Timestamp("2024-06-01"),
        "time_precision": 1,
        "category": categories if categories is not None else "youth_clash",
        "lon": lon, "lat": lat,
        "geo_precision": precision,
        "side": sides if sides is not None else np.where(x_m < 0, "KG", "TJ"),
        "border_dist_m": border_dist_m if border_dist_m is not None else -x_m,
        "fatalities": fatalities if fatalities is not None else 0,
        "injuries": injuries if injuries is not None else 0,
        "verification_status": "verified", "sensitivity": "public",
        **extra,
    }
    return conform(pd.DataFrame(data, index=range(n)))


@pytest.fixture
def area_m():
    return AREA_M


@pytest.fixture
def rng():
    return np.random.default_rng(7)
