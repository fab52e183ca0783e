"""Cited names of GeoNames places (geo.cited_names, data/gazetteer/names/): the shipped
file, how it fills the gazetteer, and the files it refuses."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

import settings
from geo.cited_names import COLUMNS, NAME_FIELDS, read_cited_names
from geo.gazetteer import ATTRIBUTION, Gazetteer
from geo.geonames import load_geonames_region
from geo.places_file import PlacesFileError

SHIPPED = settings.PLACE_NAMES_FILE
VORUKH, AK_SAY = "gn:1220164", "gn:10370337"  # GeoNames ids (cities500)


def _write(tmp_path, rows: list[dict], header=COLUMNS):
    path = tmp_path / "names.csv"
    lines = [",".join(header)] + [",".join(str(r.get(c, "")) for c in header) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(**kw) -> dict:
    base = {"place_id": AK_SAY, "name": "Ak-Say", "name_ru": "Ак-Сай",
            "source_title": "Ак-Сай — a test page", "source_url": "https://example.org/a",
            "evidence": "test"}
    return {**base, **kw}


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return read_cited_names(SHIPPED)


@pytest.fixture(scope="module")
def bare() -> pd.DataFrame:
    return load_geonames_region().set_index("place_id")


def test_shipped_rows_are_geonames_places_whose_names_geonames_leaves_empty(shipped, bare):
    assert len(shipped) > 0 and shipped["place_id"].is_unique
    assert shipped["place_id"].isin(bare.index).all()
    for row in shipped.itertuples(index=False):
        place = bare.loc[row.place_id]
        assert place["name"] == row.name, row.place_id
        given = [f for f in NAME_FIELDS if pd.notna(getattr(row, f))]
        assert given and all(pd.isna(place[f]) for f in given), row.place_id  # fills only
        assert str(row.source_url).startswith("http") and len(str(row.evidence)) > 10


def test_the_gazetteer_names_them_and_cites_the_page(shipped):
    places = Gazetteer.build().places.set_index("place_id")
    for row in shipped.itertuples(index=False):
        place = places.loc[row.place_id]
        for field in NAME_FIELDS:
            if pd.notna(getattr(row, field)):
                assert place[field] == getattr(row, field)
                assert field in place["source_detail"]
        assert place["source_detail"].startswith(ATTRIBUTION)
        assert str(row.source_url) in place["source_detail"]


def test_the_manifest_states_source_licence_date_rows_and_digest(shipped):
    manifest = json.loads((settings.GAZETTEER_DIR / "manifest.json").read_text("utf-8"))
    path = SHIPPED.relative_to(settings.GAZETTEER_DIR).as_posix()
    entry, = [e for e in manifest["files"] if e["path"] == path]
    assert entry["rows"] == len(shipped)
    assert entry["sha256"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    for key in ("source", "licence", "derived", "source_ru", "licence_ru", "derived_ru"):
        assert len(entry[key]) > 20, key
    assert entry["collected"][:4] == "2026"


def test_a_cited_name_fills_an_empty_name_only(tmp_path):
    path = _write(tmp_path, [_row(), _row(place_id=VORUKH, name="Vorukh",
                                          name_ru="Нечтотакое")])
    places = load_geonames_region([path]).set_index("place_id")
    assert places.loc[AK_SAY, "name_ru"] == "Ак-Сай"
    assert "https://example.org/a" in places.loc[AK_SAY, "source_detail"]
    assert places.loc[VORUKH, "name_ru"] == "Ворух"  # GeoNames' own name is kept
    assert places.loc[VORUKH, "source_detail"] == ATTRIBUTION
    assert pd.isna(load_geonames_region().set_index("place_id").loc[AK_SAY, "name_ru"])


@pytest.mark.parametrize(("row", "field", "reason"), [
    (_row(name_ru="Ak-Say"), "name_ru", "alphabet"),
    (_row(name_ru="Аң-Сай"), "name_ru", "alphabet"),  # a Kyrgyz letter is no Russian name
    (_row(name_ru="</script><b>$x$"), "name_ru", "alphabet"),
    (_row(name_ru="", name_tg="Ворух\x00"), "name_tg", "characters"),
    (_row(name_ru=""), "name_ru", "no name"),
    (_row(source_url=""), "source_url", "missing"),
    (_row(source_url="javascript:alert(1)"), "source_url", "web address"),
    (_row(source_url="https://a.org/x | https://b.org/<script>"), "source_url", "web address"),
    (_row(place_id="1220164"), "place_id", "GeoNames id"),
    (_row(evidence=""), "evidence", "missing"),
])
def test_a_bad_row_is_refused_naming_row_field_and_reason(tmp_path, row, field, reason):
    path = _write(tmp_path, [_row(place_id=VORUKH, name="Vorukh"), row])
    with pytest.raises(PlacesFileError) as err:
        read_cited_names(path)
    issue, = err.value.issues
    assert (issue.row, issue.field) == (3, field) and reason in issue.reason


def test_a_repeated_place_and_a_wrong_header_are_refused(tmp_path):
    with pytest.raises(PlacesFileError, match=r"row 3, field 'place_id'.*also on row 2"):
        read_cited_names(_write(tmp_path, [_row(), _row()]))
    with pytest.raises(PlacesFileError, match="columns must be"):
        read_cited_names(_write(tmp_path, [_row()], header=COLUMNS[:-1]))


def test_a_bad_names_file_stops_the_gazetteer(tmp_path):
    path = _write(tmp_path, [_row(name_ru="Ak-Say")])
    with pytest.raises(PlacesFileError, match="name_ru"):
        Gazetteer.build(curated_files=(), names_files=[path])


def test_two_places_given_one_russian_name_are_told_apart_by_the_row(shipped):
    """Qayroqqum (Tajikistan, Гулистан since 2016) and Guliston (Uzbekistan, Гулистан):
    the one near the KG–TJ line unless the row says Uzbekistan, the other noted."""
    from geo.geocode import geocode

    both = shipped[shipped["name_ru"] == "Гулистан"]
    assert sorted(both["name"]) == ["Guliston", "Qayroqqum"]
    gaz = Gazetteer.build()
    near = geocode("Гулистан", gaz)
    assert (near.status, near.place["iso3"]) == ("matched", "TJK")
    assert any("set aside" in n for n in near.notes)
    far = geocode("Гулистан", gaz, "UZB")
    assert (far.status, far.place["name"], far.place["iso3"]) == ("matched", "Guliston", "UZB")


def test_a_bad_row_after_a_blank_line_is_named_by_its_own_row(tmp_path):
    """Row numbers are the file's, as a spreadsheet shows them: a blank line counts."""
    path = _write(tmp_path, [_row(place_id=VORUKH, name="Vorukh")])
    bad = ",".join(str(_row(name_ru="Ak-Say").get(c, "")) for c in COLUMNS)
    path.write_text(path.read_text(encoding="utf-8") + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(PlacesFileError) as err:
        read_cited_names(path)
    issue, = err.value.issues
    assert (issue.row, issue.field) == (4, "name_ru")
