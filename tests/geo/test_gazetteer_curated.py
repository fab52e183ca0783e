"""The curated border gazetteer as the first geocoding source (issue 17, parts 3 and 5):
precedence, the border region, "far", ambiguity resolved by admin evidence, compound names.

Fixture ``fixtures/border_settlements_test.csv``: four real rows of the border gazetteer
(Arka, Kek-Tash, Chorkuh, Maksat, with their citations) and fictitious rows ("Twinkishlak",
"Farkishlak", "Precotest": no such villages) at arbitrary points for the mechanics.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.curated_places import read_curated_file
from geo.gazetteer import Gazetteer
from geo.geocode import geocode, geocode_many
from geo.geocode_report import format_result, result_dict
from geo.places_file import PlacesFileError

FIXTURE = Path(__file__).parent / "fixtures" / "border_settlements_test.csv"
PLACES_HEADER = "name,alt_names,lat,lon,country,admin1,admin2,note\n"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.build(curated_files=[FIXTURE])


def test_curated_rows_carry_their_citation_to_the_candidates(gaz):
    result = geocode("Arka", gaz)
    assert (result.status, result.method) == ("matched", "border_gazetteer")
    place = result.place
    assert (place["iso3"], place["admin2"], place["community"]) == ("KGZ", "Leilek",
                                                                      "Jangy-Jer")
    assert place["source"] == "curated" and "wikipedia" in place["source_detail"]
    assert place["place_id"] == "cur:KGZ-LEI-arka"
    assert "source: " in format_result(result)  # the citation is shown to the user


@pytest.mark.parametrize("spelling", ["Arka", "Arka-2", "Арка", "arka 2", "Арка-2"])
def test_alternate_names_and_scripts(gaz, spelling):
    assert geocode(spelling, gaz).place["place_id"] == "cur:KGZ-LEI-arka"


def test_json_contract_of_the_cli(gaz):
    out = result_dict(geocode("Chorkuh", gaz))
    assert list(out) == ["query", "status", "candidates"]
    assert out["status"] == "matched"
    assert out["candidates"] == [{"name": "Chorkuh", "name_ru": "Чоркух", "lat": 39.966667,
                                  "lon": 70.566667, "country": "TJK", "district": "Isfara",
                                  "source": "curated"}]


def test_shared_name_is_ambiguous_until_the_district_picks_one(gaz):
    result = geocode("Twinkishlak", gaz)
    assert result.status == "ambiguous"
    assert sorted(c["admin2"] for c in result.candidates) == ["Batken", "Leilek"]
    for admin in ("Leilek", "Leilek district", "Лейлекский район"):
        picked = geocode("Twinkishlak", gaz, admin=admin)
        assert (picked.status, picked.place["admin2"]) == ("matched", "Leilek"), admin
    # "Batken" is a district and the region of both: the district is tried first
    assert geocode("Twinkishlak", gaz, admin="Batken").place["admin2"] == "Batken"
    # named as the region, it fits both: still ambiguous
    assert geocode("Twinkishlak", gaz, admin="Batken oblast").status == "ambiguous"
    # a row's admin-1 column is a region, its admin-2 column a district
    out = geocode_many(pd.Series(["Twinkishlak", "Twinkishlak"]), gaz,
                       admin=pd.DataFrame({"admin1": ["Batken", "Batken"],
                                           "admin2": [None, "Leilek"]}))
    assert out["status"].tolist() == ["ambiguous", "matched"]


def test_curated_comes_before_user_places_geonames_and_learned(tmp_path):
    user = tmp_path / "places.csv"  # fictitious: a same-named user place 14 km away
    user.write_text(PLACES_HEADER + "Precotest,,40.10,70.52,TJK,,,test data\n",
                    encoding="utf-8")
    both = Gazetteer.build([user], curated_files=[FIXTURE])
    result = geocode("Precotest", both)
    assert (result.status, result.place["source"]) == ("matched", "curated")
    assert [c["source"] for c in result.set_aside] == ["user"]
    assert geocode("Precotest", Gazetteer.build([user], curated_files=())).place[
        "source"] == "user"
    learned = both.learn(pd.DataFrame({  # three rows of a learned Precotest 30 km away
        "location": ["Precotest"] * 3, "lon": [70.75] * 3, "lat": [40.05] * 3,
        "geo_precision": [1] * 3, "source_dataset": ["acled"] * 3,
        "source_event_id": ["P1", "P2", "P3"], "country": ["KGZ"] * 3}))
    assert geocode("Precotest", learned).place["source"] == "curated"


def test_a_place_far_from_the_border_is_reported_not_accepted(gaz):
    result = geocode("Farkishlak", gaz, iso3="KGZ")
    assert (result.status, result.place) == ("far", None)
    assert "far from the border — check" in result.evidence
    assert result_dict(result)["candidates"][0]["name"] == "Farkishlak"
    assert geocode("Farkishlak", gaz).status == "far"  # no country said: checked too
    # a name only GeoNames has, as an Uzbek town 137 km from the line: never taken silently
    bulak = geocode("Bulak-Bashy", gaz)
    assert bulak.status == "far" and bulak.candidates[0]["iso3"] == "UZB"
    assert geocode("Buloqboshi", gaz, iso3="UZB").status == "matched"  # the row says UZB
    # a GeoNames town far from the line is "far" too when the row says KGZ
    assert geocode("Osh", gaz, iso3="KGZ").status == "far"
    assert geocode("Khujand", gaz, iso3="TJK").status == "matched"  # 18 km from the line


def test_places_in_the_border_region_come_first(tmp_path):
    user = tmp_path / "places.csv"  # fictitious: one name near the line and one far away
    user.write_text(PLACES_HEADER + "Nearfar,,40.02,70.45,KGZ,,,test data\n"
                                    "Nearfar,,41.40,72.90,KGZ,,,test data\n",
                    encoding="utf-8")
    result = geocode("Nearfar", Gazetteer.build([user], curated_files=()))
    assert (result.status, result.place["lat"]) == ("matched", 40.02)
    assert len(result.set_aside) == 1 and any("km from the border" in n for n in result.notes)


@pytest.mark.parametrize("text, parts", [
    ("Kek-Tash / Chorkuh", ["Kek-Tash", "Chorkuh"]),
    ("Arka and Maksat", ["Arka", "Maksat"]),
    ("Арка и Максат", ["Arka", "Maksat"]),
    ("between Arka and Maksat", ["Arka", "Maksat"]),
    ("near Arka", ["Arka"]),
    ("около Арка", ["Arka"]),
    ("с. Арка", ["Arka"]),
    ("село «Арка»", ["Arka"]),
    ("кишлак Чоркух", ["Chorkuh"]),
    ("джамоат Чоркух", ["Chorkuh"]),
    ("ж. Чоркух", ["Chorkuh"]),
    ("айыл Максат", ["Maksat"]),
    ('"Arka"', ["Arka"]),
    ("Twinkishlak (Leilek district)", ["Twinkishlak"]),
    ("между Аркой и Максатом", ["Arka", "Maksat"]),  # Russian case endings
    ("около Арки", ["Arka"]),
    ("у Чоркуха", ["Chorkuh"]),
])
def test_compound_and_descriptive_names_resolve_to_their_parts(gaz, text, parts):
    result = geocode(text, gaz)
    assert result.status == "matched", format_result(result)
    assert [c["name"] for c in result.candidates] == parts
    if len(parts) > 1 or result.match == "compound":
        assert any("compound name" in n for n in result.notes)


def test_case_endings_are_tried_only_as_exact_names(gaz):
    # a case guess never fuzzy-matches: "Аркойх" is no form of Arka
    assert geocode("около Аркойх", gaz).status == "not_found"
    result = geocode("между Аркой и Максатом", gaz)
    assert any("read as 'Арка'" in n for n in result.notes)


def test_compound_point_and_precision(gaz):
    between = geocode("between Arka and Maksat", gaz)
    assert between.place["lat"] == pytest.approx((40.19778 + 40.13972) / 2)
    listed = geocode("Kek-Tash / Chorkuh", gaz)
    assert (listed.place["lat"], listed.place["name"]) == (39.94972, "Kek-Tash + Chorkuh")
    assert listed.place["place_id"] == "cur:KGZ-BAT-kek-tash+cur:TJK-ISF-chorkuh"
    # a bracketed district resolves the shared name
    assert geocode("Twinkishlak (Leilek district)", gaz).place["admin2"] == "Leilek"
    # an ambiguous part keeps the whole name waiting, with that part's candidates
    amb = geocode("Arka / Twinkishlak", gaz)
    assert amb.status == "ambiguous" and {c["part"] for c in amb.candidates} == {"Twinkishlak"}
    # one part unknown: resolved to the part found, the other reported
    half = geocode("Arka / Qwertzobod", gaz)
    assert half.status == "matched" and any("not found" in n for n in half.notes)


def test_curated_file_problems_are_all_reported(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n"
                   "X1,Badlat,,,,,95,70.5,KGZ,,,,village,T,https://example.invalid,,\n"
                   "X1,Nocite,,,,,40.0,70.5,KGZ,,,,village,,,,\n"
                   "X3,Badcountry,,,,,40.0,70.5,KAZ,,,,village,T,https://example.invalid,,\n",
                   encoding="utf-8")
    with pytest.raises(PlacesFileError) as err:
        read_curated_file(bad)
    text = str(err.value)
    for expected in ("row 2, field 'lat'", "row 3, field 'source_title'", "row 3, field 'id'",
                     "row 4, field 'country'"):
        assert expected in text
