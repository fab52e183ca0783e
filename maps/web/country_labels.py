"""Where to write the country names on a map of the border region.

Each country (KGZ, TJK, UZB) is labelled at the centre of the largest circle inscribed in
its land within ``reach_m`` of the KG–TJ line, so the names sit near the area users look at,
on each country's own land, whatever the data (no hand-placed coordinates).
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.crs import METRIC_CRS, to_lonlat


def country_label_points(countries: gpd.GeoDataFrame, segments: gpd.GeoDataFrame,
                         reach_m: float = 40_000.0) -> list[dict]:
    """``[{"iso3", "name_en", "name_ru", "lon", "lat"}]`` label anchors (EPSG:4326).

    Parameters
    ----------
    countries : country polygons with ``iso3``, ``name_en``, ``name_ru`` (EPSG:4326).
    segments : shared border lines (EPSG:4326) with ``pair``; the KGZ-TJK ones are used.
    reach_m : how far from the KG–TJ line a label may sit (metres, METRIC_CRS).
    """
    if countries is None or segments is None or countries.empty or segments.empty:
        return []
    polys = shapely.simplify(countries.to_crs(METRIC_CRS).geometry.to_numpy(), 500.0)
    kgtj = segments[segments["pair"] == "KGZ-TJK"]
    lines = (kgtj if len(kgtj) else segments).to_crs(METRIC_CRS).geometry.to_numpy()
    # a 1 km simplification is plenty for placing a label 40 km around the line
    near = shapely.buffer(shapely.simplify(shapely.union_all(lines), 1000.0), reach_m,
                          quad_segs=4)
    out = []
    for row, poly in zip(countries.itertuples(index=False), polys, strict=True):
        area = shapely.intersection(poly, near)
        if shapely.is_empty(area):
            area = poly
        parts = shapely.get_parts(area)
        largest = parts[int(np.argmax(shapely.area(parts)))]
        centre = shapely.get_coordinates(
            shapely.maximum_inscribed_circle(largest, tolerance=2000.0))[0]
        lon, lat = to_lonlat(centre[0], centre[1])
        out.append({"iso3": row.iso3, "name_en": row.name_en, "name_ru": row.name_ru,
                    "lon": round(float(lon), 5), "lat": round(float(lat), 5)})
    return out
