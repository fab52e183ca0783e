"""BorderEngine on a small synthetic map with known answers (no shipped data needed).

The map (lon/lat degrees), invented for the test only:
- KGZ: 70.0–71.0 E, 40.0–40.5 N, with two holes: a TJK exclave "T-exclave"
  (70.4–70.5 E, 40.2–40.3 N) and a UZB exclave "U-exclave" (70.7–70.8 E, 40.2–40.3 N);
- TJK: 70.0–71.0 E, 39.5–40.0 N, plus T-exclave; UZB: 69.0–70.0 E, 39.5–40.5 N, plus U-exclave;
- the KG–TJ line: lat 40.0 from 70.0 to 70.5 (KG-TJ-001) and 70.5 to 71.0 (KG-TJ-002),
  and the ring of T-exclave (KG-TJ-003); the KG–UZ line lon 70.0 (KG-UZ-001).
"""
from __future__ import annotations

from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, box

from geo.crs import METRIC_CRS, to_lonlat, to_metric
from geo.engine import BorderEngine
from incidents.schema import DTYPES, ENRICHMENT_COLUMNS

GEOD = Geod(ellps="WGS84")
T_EX = box(70.4, 40.2, 70.5, 40.3)
U_EX = box(70.7, 40.2, 70.8, 40.3)


def _gdf(rows: list[dict]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _layers() -> SimpleNamespace:
    kgz = box(70.0, 40.0, 71.0, 40.5).difference(T_EX).difference(U_EX)
    tjk = shapely.union(box(70.0, 39.5, 71.0, 40.0), T_EX)
    uzb = shapely.union(box(69.0, 39.5, 70.0, 40.5), U_EX)
    countries = _gdf([
        {"iso3": "KGZ", "name_en": "Kyrgyzstan", "name_ru": "Кыргызстан", "geometry": kgz},
        {"iso3": "TJK", "name_en": "Tajikistan", "name_ru": "Таджикистан", "geometry": tjk},
        {"iso3": "UZB", "name_en": "Uzbekistan", "name_ru": "Узбекистан", "geometry": uzb},
    ])
    enclaves = _gdf([
        {"enclave_id": "t", "name_en": "T-exclave", "name_ru": "Т", "owner_iso3": "TJK",
         "host_iso3": "KGZ", "area_km2": 1.0, "geometry": T_EX},
        {"enclave_id": "u", "name_en": "U-exclave", "name_ru": "У", "owner_iso3": "UZB",
         "host_iso3": "KGZ", "area_km2": 1.0, "geometry": U_EX},
    ])
    segments = _gdf([
        {"segment_id": sid, "pair": pair, "geometry": geom} for sid, pair, geom in (
            ("KG-UZ-001", "KGZ-UZB", LineString([(70, 40), (70, 40.5)])),
            ("KG-TJ-001", "KGZ-TJK", LineString([(70, 40), (70.5, 40)])),
            ("KG-TJ-002", "KGZ-TJK", LineString([(70.5, 40), (71, 40)])),
            ("KG-TJ-003", "KGZ-TJK", T_EX.exterior),
        )
    ])
    zones = _gdf([{"zone_id": "DZ-01", "area_km2": 1.0, "osm_iso3": "TJK", "ne_iso3": "KGZ",
                   "geometry": box(70.2, 39.95, 70.3, 40.05)}])
    return SimpleNamespace(countries=countries, enclaves=enclaves, segments=segments,
                           countries_ne=countries, disagreement_zones=zones, manifest={})


def _cod() -> gpd.GeoDataFrame:
    # the TJ unit is listed first and reaches 0.02° into KGZ: the own-country rule must win
    return _gdf([
        {"iso3": "TJK", "admin1_pcode": "TJ1", "admin1_name_en": "T-oblast",
         "admin2_pcode": "TJ101", "admin2_name_en": "T-district",
         "geometry": box(70.0, 39.5, 71.0, 40.02)},
        {"iso3": "KGZ", "admin1_pcode": "KG1", "admin1_name_en": "K-oblast",
         "admin2_pcode": "KG101", "admin2_name_en": "K-district",
         "geometry": box(70.0, 40.0, 71.0, 40.5)},
    ])


@pytest.fixture(scope="module")
def engine() -> BorderEngine:
    return BorderEngine(_layers())


@pytest.fixture(scope="module")
def full_engine() -> BorderEngine:
    claims = _gdf([{"overlap_id": "OV-01", "area_km2": 1.0,
                    "geometry": box(70.6, 39.99, 70.7, 40.02)}])
    curated = _gdf([
        {"curated_id": "SITE-B", "kind": "site", "geometry": Point(70.26, 40.1)},
        {"curated_id": "SITE-A", "kind": "site", "geometry": Point(70.25, 40.11)},
        {"curated_id": "SEG-1", "kind": "segment",
         "geometry": LineString([(70.9, 39.9), (70.9, 39.8)])},
    ])
    places = pd.DataFrame({"name": ["Northville", "Southville", "Nowhere"],
                           "lon": [70.25, 70.75, np.nan], "lat": [40.2, 39.8, np.nan]})
    return BorderEngine(_layers(), cod=_cod(), claims=claims, curated=curated,
                        gazetteer=SimpleNamespace(places=places))


def _meridian_m(lon: float, lat1: float, lat2: float) -> float:
    return GEOD.inv(lon, lat1, lon, lat2)[2]


def test_columns_dtypes_and_order(engine):
    out = engine.enrich([70.25, 70.75], [40.1, 39.9])
    assert list(out.columns) == list(ENRICHMENT_COLUMNS)
    assert {c: str(out[c].dtype) for c in out.columns} == {c: DTYPES[c] for c in out.columns}
    assert out.index.tolist() == [0, 1]


def test_known_answers(engine):
    lon = [70.25, 70.75, 70.45, 70.75, 70.25, 72.0, 69.5]
    lat = [40.10, 39.90, 40.25, 40.25, 39.98, 40.0, 40.0]
    out = engine.enrich(lon, lat)
    assert out["country"].tolist() == ["KGZ", "TJK", "TJK", "UZB", "TJK", "outside", "UZB"]
    assert out["side"].tolist() == ["KG", "TJ", "TJ", "UZ", "TJ", "outside", "UZ"]
    assert out["enclave"].tolist()[:4] == [pd.NA, pd.NA, "T-exclave", "U-exclave"]
    assert out["border_segment_id"].tolist()[:3] == ["KG-TJ-001", "KG-TJ-002", "KG-TJ-003"]
    assert out["disagreement_zone_id"].tolist()[4] == "DZ-01"
    assert out["disagreement_zone_id"].isna().sum() == 6
    assert (out["location_flag"] == "ok").all()
    d = out["border_dist_m"].to_numpy()
    # KGZ positive, TJK negative (also in the exclave), UZB/outside unsigned
    assert d[0] == pytest.approx(_meridian_m(70.25, 40.1, 40.0), rel=5e-3)
    assert d[1] == pytest.approx(-_meridian_m(70.75, 39.9, 40.0), rel=5e-3)
    # in T-exclave the nearest edge is the west/east one, 0.05° of longitude away
    assert d[2] == pytest.approx(-GEOD.inv(70.45, 40.25, 70.5, 40.25)[2], rel=5e-3)
    assert d[3] > 0 and d[5] > 0 and d[6] > 0
    # (72, 40) is outside all countries; nearest KG–TJ point is the line's end (71, 40)
    assert d[5] == pytest.approx(GEOD.inv(72.0, 40.0, 71.0, 40.0)[2], rel=5e-3)
    # without optional layers those columns stay empty
    for col in ("claims_overlap_id", "curated_ids", "admin1_pcode", "admin2_name",
                "nearest_place"):
        assert out[col].isna().all(), col
    assert out["nearest_place_dist_m"].isna().all()


def test_bad_points_are_flagged_not_raised(engine):
    lon = [np.nan, 400.0, 40.1, 70.25, None, "abc", np.inf]
    lat = [40.0, 40.0, 70.25, 40.1, 40.0, 40.0, 40.0]
    out = engine.enrich(lon, lat)
    assert out["location_flag"].tolist() == [
        "missing", "outside_region", "swapped_suspect", "ok", "missing", "missing",
        "outside_region",
    ]
    assert out["country"].tolist()[1:4] == ["outside", "outside", "KGZ"]
    assert out["country"].isna().tolist() == [True, False, False, False, True, True, False]
    bad = out["location_flag"] != "ok"
    assert out.loc[bad, "border_dist_m"].isna().all()
    assert out.loc[bad, "border_segment_id"].isna().all()
    assert not out.loc[bad, "in_study_area"].any()
    assert out.loc[3, "border_dist_m"] > 0


def test_empty_input(engine):
    out = engine.enrich([], [])
    assert out.empty and list(out.columns) == list(ENRICHMENT_COLUMNS)
    assert {c: str(out[c].dtype) for c in out.columns} == {c: DTYPES[c] for c in out.columns}


def test_length_mismatch_is_a_calling_error(engine):
    with pytest.raises(ValueError, match="same length"):
        engine.enrich([70.0, 70.1], [40.0])
    with pytest.raises(ValueError, match="curated_radius_m"):
        engine.enrich([70.0], [40.0], curated_radius_m=-1)


def test_missing_layer_column_is_named():
    layers = _layers()
    layers.segments = layers.segments.drop(columns="pair")
    with pytest.raises(ValueError, match=r"segments layer is missing column\(s\) \['pair'\]"):
        BorderEngine(layers)


def test_optional_layers(full_engine):
    lon = [70.25, 70.65, 70.65, 70.9, 70.75]
    lat = [40.10, 40.01, 39.995, 39.85, 39.8]
    out = full_engine.enrich(lon, lat, curated_radius_m=2000)
    # both sites are within 2 km of the first point, listed sorted; the segment near pt 4
    assert out["curated_ids"].tolist()[0] == "SITE-A;SITE-B"
    assert out["curated_ids"].tolist()[3] == "SEG-1"
    assert out["curated_ids"].isna().tolist() == [False, True, True, False, True]
    assert out["claims_overlap_id"].tolist()[1:3] == ["OV-01", "OV-01"]
    # (70.65, 40.01) is in KGZ and in both COD units: its own country's unit wins
    assert out["admin2_pcode"].tolist()[:3] == ["KG101", "KG101", "TJ101"]
    assert out["admin1_name"].tolist()[2] == "T-oblast"
    assert out["admin2_name"].tolist()[0] == "K-district"
    # (70.65, 40.01) is in KGZ: named after the Kyrgyz-side Northville, never after the
    # nearer Southville across the line (issue 17)
    assert out["nearest_place"].tolist() == [
        "Northville", "Northville", "Southville", "Southville", "Southville",
    ]
    assert out["nearest_place_dist_m"].iloc[0] == pytest.approx(
        GEOD.inv(70.25, 40.1, 70.25, 40.2)[2], rel=5e-3)
    assert out["nearest_place_dist_m"].iloc[4] < 1.0
    small = full_engine.enrich([70.25], [40.1], curated_radius_m=500)
    assert small["curated_ids"].tolist() == [pd.NA]


def test_study_area(engine):
    area = engine.study_area(20000)
    assert area.is_valid and not area.is_empty
    # the area is the 20 km band either side of the KG–TJ line, KGZ ∪ TJK land only
    # (70.05, 40.45) is ~34 km from the T-exclave ring and 50 km from lat 40; U-exclave is UZB
    lon, lat = np.array([70.25, 70.05, 70.25, 70.75]), np.array([40.1, 40.45, 39.9, 40.25])
    inside = shapely.intersects_xy(area, *to_metric(lon, lat))
    assert inside.tolist() == [True, False, True, False]
    out = engine.enrich(lon, lat)
    assert out["in_study_area"].tolist() == inside.tolist()
    wide = engine.enrich([70.05], [40.45], study_buffer_m=40000)
    assert wide["in_study_area"].tolist() == [True]
    lonlat = engine.study_area_lonlat(20000)
    minx, miny, maxx, maxy = lonlat.bounds
    assert 69.99 <= minx and maxx <= 71.01 and 39.5 <= miny and maxy <= 40.5
    with pytest.raises(ValueError, match="buffer_m"):
        engine.study_area(0)


def test_the_study_area_computed_ahead_is_the_one_every_thread_gets():
    import threading

    ahead = BorderEngine(_layers())
    ahead.study_area_soon()
    got: list = []
    readers = [threading.Thread(target=lambda: got.append(ahead.study_area())) for _ in range(4)]
    for t in readers:
        t.start()
    for t in readers:
        t.join()
    assert len(got) == 4 and all(a is got[0] for a in got)  # computed once
    assert got[0] is ahead.study_area(20000)
    assert got[0].equals(BorderEngine(_layers()).study_area())  # as computed in line


def test_border_distance_m_metric_inputs(engine):
    x, y = to_metric(np.array([70.25, 70.75]), np.array([40.1, 39.9]))
    dist_m, seg = engine.border_distance_m(np.append(x, np.nan), np.append(y, 0.0))
    assert engine.border_segments["segment_id"].iloc[seg[:2]].tolist() == ["KG-TJ-001", "KG-TJ-002"]
    assert seg[2] == -1 and np.isnan(dist_m[2])
    assert dist_m[0] == pytest.approx(_meridian_m(70.25, 40.1, 40.0), rel=5e-3)


def test_vectorised_matches_pointwise_geometry(engine):
    """Nearest-segment distances equal shapely's distance to the undivided line."""
    rng = np.random.default_rng(1)
    lon = rng.uniform(69.5, 71.5, 500)
    lat = rng.uniform(39.6, 40.4, 500)
    x, y = to_metric(lon, lat)
    dist_m, _ = engine.border_distance_m(x, y)
    kgtj = engine.border_segments.to_crs(METRIC_CRS).geometry.union_all()
    expected = shapely.distance(shapely.points(x, y), kgtj)
    np.testing.assert_allclose(dist_m, expected, rtol=1e-9, atol=1e-6)
    out = engine.enrich(lon, lat)
    np.testing.assert_allclose(np.abs(out["border_dist_m"].to_numpy()), expected, atol=1e-6)
    # round trip sanity of the projection helpers used above
    lon2, lat2 = to_lonlat(x, y)
    np.testing.assert_allclose(lon2, lon, atol=1e-9)


def test_package_exports_the_engine():
    import geo

    assert geo.BorderEngine is BorderEngine
    with pytest.raises(AttributeError):
        _ = geo.NoSuchThing


def _user_line(features: list[tuple[str, str, list]]):
    """A user line file of (kind, side, lon/lat ring or path) features, parsed."""
    import json

    from geo.reference_line import parse_user_line
    feats = [{"type": "Feature",
              "properties": {"side" if kind == "Polygon" else "left_side": side},
              "geometry": {"type": kind, "coordinates": [coords] if kind == "Polygon"
                           else coords}} for kind, side, coords in features]
    doc = json.dumps({"type": "FeatureCollection", "features": feats})
    return parse_user_line(doc.encode(), "Test line (fictitious)", "2025-03-13")


def _ring(x0: float, y0: float, x1: float, y1: float) -> list:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


# The fictitious newer line moves the western stretch of the border 0.1° south (lat 39.9).
# Points: (70.25, 39.95) was TJ, now KG; (70.25, 39.85) stays TJ; (70.25, 40.05) stays KG,
# now 0.15° from the line (the 2017 line ran 0.05° away); (70.75, 39.9) and the T-exclave
# point are not covered and keep the 2017 answers.
MOVED_LON = [70.25, 70.25, 70.25, 70.75, 70.45]
MOVED_LAT = [39.95, 39.85, 40.05, 39.90, 40.25]


def _moved_expectation() -> list[float]:
    return [_meridian_m(70.25, 39.95, 39.9), -_meridian_m(70.25, 39.85, 39.9),
            _meridian_m(70.25, 40.05, 39.9), -_meridian_m(70.75, 39.9, 40.0),
            -GEOD.inv(70.45, 40.25, 70.5, 40.25)[2]]


@pytest.mark.parametrize("kind", ["polygons", "line"])
def test_border_distance_follows_a_user_line(kind):
    """Where a newer line answers the side, the signed distance is to that line: a point
    it gives to Kyrgyzstan is no longer 'Tajik side, 5.5 km' by the 2017 line."""
    if kind == "polygons":
        line = _user_line([("Polygon", "KG", _ring(70.0, 39.9, 70.5, 40.1)),
                           ("Polygon", "TJ", _ring(70.0, 39.5, 70.5, 39.9))])
    else:  # digitised west → east, Kyrgyzstan on its left (north)
        line = _user_line([("LineString", "KG", [[70.0, 39.9], [70.5, 39.9]])])
    shipped = BorderEngine(_layers()).enrich(MOVED_LON, MOVED_LAT)
    out = BorderEngine(_layers(), reference_line=line).enrich(MOVED_LON, MOVED_LAT)
    # a line reaches 20 km: not (70.75, 39.9), 21 km east of its end, nor the T-exclave
    assert out["side_line"].tolist() == ["KG", "TJ", "KG", "TJ", "TJ"]
    assert out["side_line_ref"].tolist() == ["user-2025-03-13"] * 3 + ["osm-2017-12"] * 2
    d = out["border_dist_m"].to_numpy()
    for i, want in enumerate(_moved_expectation()):
        assert d[i] == pytest.approx(want, rel=1.5e-2), (kind, i)
    # the shipped answers were different where the line moved, the same where it did not
    assert shipped["border_dist_m"].iloc[0] < 0 < d[0]
    assert abs(shipped["border_dist_m"].iloc[2]) < 0.5 * d[2]
    assert d[3] == shipped["border_dist_m"].iloc[3]
    assert out["border_segment_id"].tolist() == shipped["border_segment_id"].tolist()


def test_a_side_the_user_file_does_not_draw_keeps_the_shipped_distance():
    """Only a Kyrgyz polygon: nothing Tajik to measure to, so the 2017 distance stays, with
    the sign of the side the newer line gives."""
    line = _user_line([("Polygon", "KG", _ring(70.0, 39.9, 70.5, 40.1))])
    shipped = BorderEngine(_layers()).enrich(MOVED_LON[:1], MOVED_LAT[:1])
    out = BorderEngine(_layers(), reference_line=line).enrich(MOVED_LON[:1], MOVED_LAT[:1])
    assert out["side_line"].iloc[0] == "KG"
    assert out["border_dist_m"].iloc[0] == pytest.approx(-shipped["border_dist_m"].iloc[0])
    assert out["border_dist_m"].iloc[0] > 0


@pytest.mark.parametrize("names, lons, lats, point, by_2017, by_newer", [
    # (70.25, 39.95) is Tajik by the 2017 line and Kyrgyz by the newer one: named after the
    # Kyrgyz-side Northville, not the only Tajik-side place, Southville
    (["Northville", "Southville"], [70.25, 70.75], [40.2, 39.8], (70.25, 39.95),
     "Southville", "Northville"),
    # Bandville lies between the two lines (Tajik by 2017, Kyrgyz by the newer line): a
    # Kyrgyz-side point 14 km from it and 17 km from Northville is named after it only
    # with the newer line
    (["Northville", "Bandville"], [70.25, 70.3], [40.2, 39.93], (70.25, 40.05),
     "Northville", "Bandville"),
])
def test_nearest_place_is_on_the_side_the_newer_line_gives(names, lons, lats, point,
                                                           by_2017, by_newer):
    gaz = SimpleNamespace(places=pd.DataFrame({"name": names, "lon": lons, "lat": lats}))
    line = _user_line([("Polygon", "KG", _ring(70.0, 39.9, 70.5, 40.1)),
                       ("Polygon", "TJ", _ring(70.0, 39.5, 70.5, 39.9))])
    shipped = BorderEngine(_layers(), gazetteer=gaz).enrich([point[0]], [point[1]])
    newer = BorderEngine(_layers(), gazetteer=gaz, reference_line=line).enrich(
        [point[0]], [point[1]])
    assert shipped["nearest_place"].iloc[0] == by_2017
    assert newer["nearest_place"].iloc[0] == by_newer
