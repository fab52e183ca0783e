"""User places files (geo.places_file) and their place in the gazetteer."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import settings
from geo.gazetteer import Gazetteer
from geo.geocode import geocode
from geo.places_file import PlacesFileError, normalize_country, read_places_file

HEADER = "name,alt_names,lat,lon,country,admin1,admin2,note\n"


def write(tmp_path: Path, text: str, name: str = "places.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def issues_of(path: Path) -> list[tuple[int, str, str]]:
    with pytest.raises(PlacesFileError) as info:
        read_places_file(path)
    return [(i.row, i.field, i.reason) for i in info.value.issues]


def test_user_place_is_added_and_found(tmp_path):
    # Test data: a fictitious village at an arbitrary point inside the region.
    path = write(tmp_path, HEADER +
                 "Testkishlak,Тесткишлак|Test-Kishlak,40.01,70.66,KGZ,Batken,Batken,test row\n")
    gaz = Gazetteer.build([path])
    row = gaz.places[gaz.places["source"] == "user"]
    assert len(row) == 1
    assert row["place_id"].iat[0] == "user:1"
    assert row["source_detail"].iat[0] == "places.csv row 2: test row"
    for spelling in ("Testkishlak", "Тесткишлак", "TEST-KISHLAK", "село Testkishlak"):
        result = geocode(spelling, gaz)
        assert result.status == "matched", spelling
        assert result.method == "user_places"
        assert result.place["place_id"] == "user:1"
        assert (result.place["lat"], result.place["lon"]) == (40.01, 70.66)
    assert len(gaz) == len(Gazetteer.build()) + 1


def test_several_errors_each_name_row_and_field(tmp_path):
    path = write(tmp_path, HEADER +
                 "Good,,40.0,70.6,KGZ,,,\n"          # row 2 ok
                 "Badlat,,400,70.6,KGZ,,,\n"         # row 3
                 ",,40.0,70.6,TJK,,,\n"              # row 4
                 "Nocountry,,40.0,70.6,KZ,,,\n"      # row 5
                 "Text,,forty,70.6,TJK,,,\n"         # row 6
                 "\n"                                # row 7: blank, skipped
                 "Swapped,,70.6,40.0,TJK,,,\n"       # row 8
                 "Short,,40.0\n")                    # row 9
    found = issues_of(path)
    assert (3, "lat", "latitude 400.0 is not between -90 and 90") in found
    assert (4, "name", "missing: every place needs a name") in found
    assert (5, "country", "unknown country 'KZ' (use KGZ/TJK/UZB or KG/TJ/UZ)") in found
    assert any(r == 6 and f == "lat" and "'forty' is not a number" in why for r, f, why in found)
    assert any(r == 8 and f == "lat/lon" and "look swapped" in why for r, f, why in found)
    assert any(r == 9 and f == "(row)" and "3 fields" in why for r, f, why in found)
    assert not any(r == 2 for r, _, _ in found)
    # nothing is loaded from a bad file, and the message lists every problem
    with pytest.raises(PlacesFileError, match="6 problem"):
        Gazetteer.build([path])


def test_a_control_character_is_refused_by_row_and_field_never_echoed(tmp_path):
    """A NUL in a name would reach every map label (a missing glyph in print) and the
    gazetteer's matching; the file is refused, the character never repeated."""
    path = write(tmp_path, HEADER +
                 "Ak\x00Say,,39.87,70.52,KGZ,,,\n"   # row 2: NUL in the name
                 "Good,,40.0,70.6,TJK,,,tab\tis fine\n"  # row 3
                 "Esc,,40.0,70.6,TJK,,,\x1b[31m\n")  # row 4: ESC in the last column
    found = issues_of(path)
    reason = "holds a control character (such as NUL or ESC): remove it"
    last = HEADER.strip().split(",")[-1]
    assert found == [(2, "name", reason), (4, last, reason)]
    with pytest.raises(PlacesFileError) as err:
        Gazetteer.build([path])
    assert "\x00" not in str(err.value) and "\x1b" not in str(err.value)


def test_outside_region_and_missing_values(tmp_path):
    path = write(tmp_path, HEADER + "Far,,55.75,37.62,KGZ,,,\nEmpty,,,,,,,\n")
    found = issues_of(path)
    assert any(r == 2 and f == "lat/lon" and "outside the project region" in why
               and "swapped" not in why for r, f, why in found)
    assert {(3, "lat"), (3, "lon"), (3, "country")} <= {(r, f) for r, f, _ in found}


def test_header_problems_are_file_level(tmp_path):
    found = issues_of(write(tmp_path, "name,latitude,lon,country\nX,40,70.6,KGZ\n"))
    assert (1, "lat", "missing required column") in found
    assert any(r == 1 and f == "latitude" and "unknown column" in why for r, f, why in found)
    assert issues_of(write(tmp_path, "", "empty.csv")) == [(1, "(header)", "the file is empty")]


def test_cp1251_semicolon_decimal_comma(tmp_path):
    # cp1251 cannot encode ҳ: a Russian-only alternate name for this file
    text = ("name;alt_names;lat;lon;country;admin2\n"
            "Testdeha;Тестдеха;40,02;70,55;Таджикистан;Isfara\n")
    places = read_places_file(write(tmp_path, text, encoding="cp1251"))
    assert places.loc[0, ["name", "alt_names", "iso3", "admin2"]].tolist() == [
        "Testdeha", "Тестдеха", "TJK", "Isfara"]
    assert places.loc[0, "lat"] == 40.02 and places.loc[0, "lon"] == 70.55


def test_errors_across_files_are_collected(tmp_path):
    a = write(tmp_path, HEADER + "A,,40.0,70.6,XX,,,\n", "a.csv")
    b = write(tmp_path, HEADER + ",,40.0,70.6,KGZ,,,\n", "b.csv")
    with pytest.raises(PlacesFileError) as info:
        Gazetteer.build([a, b])
    assert {(i.path, i.row, i.field) for i in info.value.issues} == {
        ("a.csv", 2, "country"), ("b.csv", 2, "name")}


def test_example_file_is_valid_and_says_example():
    path = settings.EXAMPLES_DIR / "places_example.csv"
    places = read_places_file(path)
    assert len(places) >= 1
    assert places["note"].str.contains("EXAMPLE ROW").all()
    assert places["name"].str.startswith("Example").all()
    gaz = Gazetteer.build([path])
    assert geocode("Example village A", gaz).method == "user_places"
    assert geocode("Пример-А", gaz).place["iso3"] == "KGZ"


def test_places_files_from_settings(tmp_path, monkeypatch):
    path = write(tmp_path, HEADER + "Settingsdeha,,40.03,70.57,TJK,Sughd,Isfara,\n")
    monkeypatch.setenv("KGTJ_PLACES_FILES", str(path))
    gaz = Gazetteer.from_settings()
    assert geocode("Settingsdeha", gaz).place["place_id"] == "user:1"


@pytest.mark.parametrize("text, iso3", [
    ("KGZ", "KGZ"), ("kg", "KGZ"), ("Kyrgyzstan", "KGZ"), ("Кыргызстан", "KGZ"),
    ("TJ", "TJK"), ("Таджикистан", "TJK"), ("uzb", "UZB"), ("KZ", None), ("", None),
    (None, None), (pd.NA, None),
])
def test_normalize_country(text, iso3):
    assert normalize_country(text) == iso3
