"""GeoJSON and GeoPackage layers: points, polygons reduced to a point, empty geometry, CRS."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from incidents.importers import detect_format, read_any

FIXTURES = Path(__file__).parent / "fixtures"


def test_geojson_points_polygon_and_missing_geometry():
    parsed = read_any(FIXTURES / "incidents.geojson")
    assert parsed.format == "geojson" and parsed.rows_read == 4 and len(parsed.frame) == 3
    [bad] = parsed.rejected
    assert (bad.row_number, bad.field) == (5, "event_date")
    assert bad.raw["location"] == "Test-Village C"
    f = parsed.frame.set_index("location")
    assert (f.loc["Test-Village A", "lat"], f.loc["Test-Village A", "lon"]) == (39.8744, 70.5221)
    poly = f.loc["Test pasture"]  # 2 km square: a point on it, precision 2, flagged
    assert 39.90 <= poly["lat"] <= 39.92 and 70.60 <= poly["lon"] <= 70.62
    assert poly["geo_precision"] == 2 and "geometry_reduced_to_point" in poly["review_flags"]
    none = f.loc["Test-Village B"]
    assert none["geocode_method"] == "unresolved" and pd.isna(none["lat"])
    assert parsed.mapping["lat"] == "geometry"


@pytest.fixture
def gpkg_path(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"Дата": [pd.Timestamp("2025-05-16"), pd.Timestamp("2025-05-17")],
         "Село": ["Ак-Сай", "Большой район"], "Тип": ["вода", "пастбище"],
         "Погибшие": [1, None]},
        geometry=[Point(70.5221, 39.8744), box(70.0, 39.5, 70.5, 40.0)], crs=4326,
    ).to_crs(32642)  # stored in UTM 42N to check reprojection
    path = tmp_path / "layer.gpkg"
    gdf.to_file(path, layer="incidents", driver="GPKG")
    return path


def test_gpkg_reprojected_and_large_polygon_region_only(gpkg_path):
    assert detect_format(gpkg_path) == "gpkg"
    parsed = read_any(gpkg_path)
    assert parsed.format == "gpkg" and not parsed.rejected
    f = parsed.frame
    assert f["lat"].iloc[0] == pytest.approx(39.8744, abs=1e-6)
    assert f["lon"].iloc[0] == pytest.approx(70.5221, abs=1e-6)
    assert f["category"].tolist() == ["water_dispute", "land_pasture_dispute"]
    assert f["geo_precision"].tolist() == [1, 3]  # 45 km polygon: region only
    assert f["fatalities"].iloc[0] == 1 and pd.isna(f["fatalities"].iloc[1])
    assert any("reprojected" in w for w in parsed.warnings)
