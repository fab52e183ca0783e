"""Geocoding names (geo.geocode): spellings, ambiguity and evidence, batch geocoding."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from geo.gazetteer import Gazetteer
from geo.geocode import RESULT_COLUMNS, geocode, geocode_many
from geo.geocode_report import format_result

HEADER = "name,alt_names,lat,lon,country,admin1,admin2,note\n"
# Test data, not facts: two villages named Dostuk, one put in Batken district near the
# Isfara river and one in Leilek district, at points chosen for this test only.
DOSTUK_ROWS = (
    "Dostuk,Достук,40.05,70.63,KGZ,Batken,Batken,test data\n"
    "Dostuk,Достук,39.95,69.80,KGZ,Batken,Leilek,test data\n"
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.build(curated_files=())  # GeoNames only: the shipped rows are tested apart


@pytest.fixture(scope="module")
def dostuk_gaz(tmp_path_factory) -> Gazetteer:
    path = Path(tmp_path_factory.mktemp("places")) / "dostuk.csv"
    path.write_text(HEADER + DOSTUK_ROWS, encoding="utf-8")
    return Gazetteer.build([path], curated_files=())


@pytest.mark.parametrize("name, expected", [
    ("Ак-Сай", "Ak-Say"), ("Aksay", "Ak-Say"), ("Ak-Sai", "Ak-Say"), ("ak say", "Ak-Say"),
    ("Ворух", "Vorukh"), ("Vorukh", "Vorukh"), ("Woruh", "Vorukh"), ("село Ворух", "Vorukh"),
    ("Исфара", "Isfara"), ("Баткен", "Batken"), ("Kulundu", "Kulundu"),
    ("Самаркандык", "Samarkandyk"), ("Кызыл-Бель", "Kyzyl-Bel’"), ("Kyzyl-Bel", "Kyzyl-Bel’"),
    ("Isfana", "Razzakov"), ("Раззаков", "Razzakov"), ("Сүлүктү", "Suluktu"),
    ("Sulyukta", "Suluktu"),
])
def test_spellings_find_the_place(gaz, name, expected):
    result = geocode(name, gaz)
    assert result.status == "matched", format_result(result)
    assert result.place["name"] == expected
    assert result.method == "gazetteer"
    assert result.score == 100
    assert result.match in ("exact", "transliteration")


def test_match_levels(gaz):
    assert geocode("Vorukh", gaz).match == "exact"
    assert geocode("Woruh", gaz).match == "transliteration"
    fuzzy = geocode("Vorukhs", gaz)
    assert (fuzzy.status, fuzzy.match, fuzzy.place["name"]) == ("matched", "fuzzy", "Vorukh")
    assert 85 <= fuzzy.score < 100


def test_threshold_controls_fuzzy(gaz):
    assert geocode("Isfarra-e", gaz, threshold=80).status == "matched"
    assert geocode("Isfarra-e", gaz, threshold=95).status == "not_found"


@pytest.mark.parametrize("nonsense", ["Qwertzuiop", "Zzyzx", "12345", "", "   ", None])
def test_nonsense_is_not_found(gaz, nonsense):
    result = geocode(nonsense, gaz)
    assert (result.status, result.place, result.method) == ("not_found", None, "unresolved")
    assert result.candidates == []


def test_places_missing_from_geonames_are_not_invented(gaz):
    for name in ("Kok-Tash", "Chorkuh", "Khoja Alo", "Dostuk"):
        assert geocode(name, gaz).status == "not_found", name


def test_ambiguous_name_lists_all_candidates(dostuk_gaz):
    result = geocode("Dostuk", dostuk_gaz)
    assert (result.status, result.place, result.method) == ("ambiguous", None, "unresolved")
    assert len(result.candidates) == 2
    assert {c["admin2"] for c in result.candidates} == {"Batken", "Leilek"}
    for cand in result.candidates:
        assert {"name", "place_id", "lon", "lat", "iso3", "admin1", "admin2", "score",
                "source"} <= set(cand)
        assert cand["source"] == "user" and cand["score"] == 100
    assert "2 distinct places" in format_result(result)


@pytest.mark.parametrize("admin", ["Leilek", "Leilek district", "Лейлекский район",
                                   ["Batken", "Leilek"]])
def test_admin2_evidence_resolves(dostuk_gaz, admin):
    result = geocode("Достук", dostuk_gaz, admin=admin)
    assert result.status == "matched"
    assert result.place["admin2"] == "Leilek"
    assert result.method == "user_places"
    assert "left 1 of 2 places" in result.evidence
    assert len(result.candidates) == 1 and len(result.set_aside) == 1  # alternative visible


def test_evidence_that_fits_both_or_neither_leaves_ambiguity(dostuk_gaz):
    # both villages are in Batken oblast and in Kyrgyzstan
    assert geocode("Dostuk", dostuk_gaz, admin="Batken oblast").status == "ambiguous"
    assert geocode("Dostuk", dostuk_gaz, iso3="KGZ").status == "ambiguous"
    neither = geocode("Dostuk", dostuk_gaz, admin="Kadamjay")
    assert neither.status == "ambiguous"
    assert any("matches none" in n for n in neither.notes)


def test_country_evidence_resolves(tmp_path):
    # Test data: one fictitious name on both sides of the border at arbitrary points.
    path = tmp_path / "twin.csv"
    path.write_text(HEADER + "Twinobod,,40.05,70.63,KGZ,,,test data\n"
                             "Twinobod,,40.15,70.50,TJK,,,test data\n", encoding="utf-8")
    gaz = Gazetteer.build([path])
    assert geocode("Twinobod", gaz).status == "ambiguous"
    result = geocode("Twinobod", gaz, iso3="Tajikistan")
    assert (result.status, result.place["iso3"]) == ("matched", "TJK")
    assert result.evidence.startswith("country TJK")


def test_contradicting_country_goes_to_a_person(gaz):
    result = geocode("Vorukh", gaz, iso3="KGZ")
    # one place found, but in another country than the row says: maybe a same-named
    # village the gazetteer lacks, so not matched
    assert (result.status, result.method) == ("ambiguous", "unresolved")
    assert result.evidence == "conflict: the row says KGZ, the only place found is in TJK"
    assert [c["name"] for c in result.candidates] == ["Vorukh"]
    assert "contradicts" in format_result(result)
    assert geocode("Vorukh", gaz, iso3="TJ").status == "matched"


def test_district_evidence_never_excludes_geonames_places(gaz):
    # GeoNames has no districts: "Isfara district" cannot contradict Vorukh (Sughd)
    result = geocode("Vorukh", gaz, admin="Isfara district")
    assert result.status == "matched" and result.evidence == ""
    # a region that contradicts the only place is noted but does not block the match
    other = geocode("Vorukh", gaz, admin="Batken oblast")
    assert other.status == "matched"
    assert other.evidence.startswith("conflict") and "matches none" in other.evidence


def test_region_evidence_between_geonames_places(gaz):
    # GeoNames has two places named Buston, both in Sughd: the region cannot tell them apart
    assert geocode("Buston", gaz).status == "ambiguous"
    assert geocode("Buston", gaz, admin="Sughd").status == "ambiguous"
    assert geocode("Buston", gaz, admin="Согдийская область").status == "ambiguous"


@pytest.mark.parametrize("name", ["Kayragach", "Kairagach", "Kara-Bulak"])
def test_fuzzy_does_not_jump_to_a_look_alike_village(gaz, name):
    # Kayragach is missing from GeoNames; Kara-Dzhygach and Kara-Bak are other villages
    assert geocode(name, gaz).status == "not_found"


def test_same_place_from_two_sources_is_not_ambiguous(gaz):
    for lon, lat in ((70.5300, 39.8760), (70.5330, 39.8800)):  # ~0.7 km and ~1.2 km away
        report = gaz.learn_report(pd.DataFrame({
            "location": ["Ak-Sai"], "lon": [lon], "lat": [lat], "geo_precision": [1],
            "source_dataset": ["acled"]}))
        assert report["learn_status"].iat[0] == "known"  # within SAME_SPOT_M: same place
    assert len(gaz.learn(pd.DataFrame({
        "location": ["Ak-Sai"], "lon": [70.5330], "lat": [39.8800],
        "geo_precision": [1], "source_dataset": ["acled"]}))) == len(gaz)
    assert geocode("Ак-Сай", gaz).status == "matched"


def test_same_name_far_away_is_learned_but_geonames_comes_first(gaz):
    far = gaz.learn(pd.DataFrame({  # three rows ~3.3 km north, on the same side: learned
        "location": ["Ak-Sai"] * 3, "lon": [70.5221] * 3, "lat": [39.9044] * 3,
        "geo_precision": [1] * 3, "source_dataset": ["acled"] * 3,
        "source_event_id": ["A1", "A2", "A3"], "country": ["KGZ"] * 3}))
    assert len(far) == len(gaz) + 1
    result = geocode("Ак-Сай", far)
    # precedence: a learned name never outranks GeoNames; the learned place stays visible
    assert (result.status, result.place["source"]) == ("matched", "geonames")
    assert [c["source"] for c in result.set_aside] == ["learned"]
    assert any("lower-precedence" in n for n in result.notes)


def test_geocode_many_matches_geocode(dostuk_gaz):
    names = pd.Series(["Ак-Сай", "Dostuk", "Dostuk", None, "Qwertz", "Vorukh"],
                      index=[10, 11, 12, 13, 14, 15])
    admin = pd.DataFrame({"admin1": [None, "Batken", "Batken", None, None, None],
                          "admin2": [None, None, "Leilek", None, None, None]},
                         index=names.index)
    out = geocode_many(names, dostuk_gaz, admin=admin)
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out.index.equals(names.index)
    assert out["status"].tolist() == ["matched", "ambiguous", "matched", "not_found",
                                      "not_found", "matched"]
    assert out["method"].tolist() == ["gazetteer", "unresolved", "user_places", "unresolved",
                                      "unresolved", "gazetteer"]
    assert out.loc[10, "place_name"] == "Ak-Say"
    assert out.loc[10, ["lat", "lon"]].tolist() == pytest.approx([39.87438, 70.52211])
    assert np.isnan(out.loc[11, "lon"]) and pd.isna(out.loc[11, "place_id"])
    assert len(json.loads(out.loc[11, "candidates_json"])) == 2
    assert out.loc[12, "place_id"] == geocode("Dostuk", dostuk_gaz, admin="Leilek").place[
        "place_id"]
    assert pd.isna(out.loc[10, "candidates_json"])  # one place: no candidate list
    assert out["lon"].dtype == "float64" and out["score"].dtype == "float64"


def test_geocode_many_country_series(dostuk_gaz):
    names = pd.Series(["Vorukh", "Vorukh"])
    out = geocode_many(names, dostuk_gaz, iso3=pd.Series(["TJK", None]))
    assert out["status"].tolist() == ["matched", "matched"]
    assert out["evidence"].tolist() == ["", ""]
    conflict = geocode_many(names, dostuk_gaz, iso3=pd.Series(["KGZ", "TJK"]))
    assert conflict["status"].tolist() == ["ambiguous", "matched"]
    # the one contradicted candidate is kept for the reviewer
    assert [c["name"] for c in json.loads(conflict.loc[0, "candidates_json"])] == ["Vorukh"]
    assert conflict.loc[0, "evidence"].startswith("conflict")


def test_format_result_for_the_cli(gaz):
    text = format_result(geocode("Ворух", gaz))
    assert "'Ворух': matched" in text
    assert "Vorukh" in text and "gn:1220164" in text and "ru Ворух" in text
    assert "39.85125" in text and "70.58012" in text
    assert "GeoNames (geonames.org), CC BY 4.0" in text
    assert "no place in the gazetteer" in format_result(geocode("Qwertz", gaz))
