"""The Kyrgyz–Tajik line of the shipped boundary layers, for distances to it (metres).

Read straight from ``data/boundaries/border_segments.geojson`` (segments whose ``pair`` is
``KGZ-TJK``) with json and shapely: the gazetteer needs only distances, not the layers.
The line is the 2017 OpenStreetMap line (see ``data/boundaries/manifest.json``): a claim,
used here to say how far a place is from the border region, never whose it is.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from numpy.typing import ArrayLike

from geo.crs import to_metric

KGTJ_PAIR = "KGZ-TJK"
SEGMENTS_FILE = "border_segments.geojson"


@lru_cache(maxsize=4)
def kgtj_line_m(boundaries_dir: Path | None = None):
    """The KG–TJ line as one shapely MultiLineString in METRIC_CRS metres (cached)."""
    if boundaries_dir is None:
        import settings

        boundaries_dir = settings.BOUNDARIES_DIR
    data = json.loads((Path(boundaries_dir) / SEGMENTS_FILE).read_text(encoding="utf-8"))
    lines = []
    for feature in data["features"]:
        if feature["properties"].get("pair") != KGTJ_PAIR:
            continue
        coords = np.asarray(feature["geometry"]["coordinates"], dtype=float)
        x_m, y_m = to_metric(coords[:, 0], coords[:, 1])
        lines.append(shapely.linestrings(np.column_stack([x_m, y_m])))
    return shapely.multilinestrings(lines)


def kgtj_dist_m(lon: ArrayLike, lat: ArrayLike, boundaries_dir: Path | None = None
                ) -> np.ndarray:
    """Unsigned distance (metres, METRIC_CRS) of EPSG:4326 points to the KG–TJ line;
    NaN for a missing point."""
    lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
    lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
    out = np.full(lon_a.shape, np.nan)
    ok = np.isfinite(lon_a) & np.isfinite(lat_a)
    if ok.any():
        x_m, y_m = to_metric(lon_a[ok], lat_a[ok])
        out[ok] = shapely.distance(shapely.points(x_m, y_m), kgtj_line_m(boundaries_dir))
    return out
