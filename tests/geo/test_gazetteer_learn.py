"""Names learned from imported rows with exact coordinates (Gazetteer.learn)."""
from __future__ import annotations

import pandas as pd
import pytest

from geo.gazetteer import Gazetteer
from geo.geocode import geocode


@pytest.fixture(scope="module")
def base() -> Gazetteer:
    return Gazetteer.build()


def rows(*records: dict) -> pd.DataFrame:
    defaults = {"geo_precision": 1, "source_dataset": "acled"}
    return pd.DataFrame([defaults | r for r in records])


# Test data: "Testobod" and "Learnabad" are fictitious names; points are arbitrary points
# inside the region, chosen away from the GeoNames places used here.
def test_learned_name_is_found_with_method_learned(base):
    data = rows({"location": "Testobod", "lon": 70.61, "lat": 39.98, "source_event_id": "KGZ9",
                 "import_batch_id": "b1", "country": "KGZ", "admin2_given": "Batken"})
    gaz = base.learn(data)
    assert len(gaz) == len(base) + 1
    place = gaz.places.iloc[-1]
    assert place["source"] == "learned" and place["place_id"] == "learned:1"
    assert place["source_detail"] == "learned from acled event KGZ9 batch b1"
    assert (place["iso3"], place["admin2"]) == ("KGZ", "Batken")
    result = geocode("Testobod", gaz)
    assert (result.status, result.method) == ("matched", "learned")
    assert (result.place["lon"], result.place["lat"]) == (70.61, 39.98)
    assert len(base) == len(Gazetteer.build())  # learn returns a new gazetteer


def test_only_exact_named_in_region_rows_are_learned(base):
    data = rows(
        {"location": "Learnabad", "lon": 70.61, "lat": 39.98},                       # added
        {"location": "Learnabad", "lon": 70.6105, "lat": 39.9802},                   # same spot
        {"location": "Learnabad", "lon": 70.90, "lat": 40.30},                       # 2nd place
        {"location": "Nearabad", "lon": 70.61, "lat": 39.98, "geo_precision": 2},    # not exact
        {"location": "", "lon": 70.61, "lat": 39.98},                                # no name
        {"location": None, "lon": 70.61, "lat": 39.98},                              # no name
        {"location": "Farabad", "lon": 37.6, "lat": 55.7},                           # outside
        {"location": "Nanabad", "lon": None, "lat": 39.98},                          # no point
        {"location": "Vorukh", "lon": 70.5815, "lat": 39.8525},                      # known
        {"location": "Ворух", "lon": 70.45, "lat": 39.70},       # same name, 18 km off: new
    )
    report = base.learn_report(data)
    assert report["learn_status"].tolist() == [
        "added", "duplicate_in_batch", "added", "not_exact", "no_name", "no_name",
        "outside_region", "bad_coordinates", "known", "added"]
    assert report["place_id"].iat[1] == report["place_id"].iat[0] == "learned:1"
    vorukh_id = base.places.loc[base.places["name"] == "Vorukh", "place_id"].iat[0]
    assert report["place_id"].iat[8] == vorukh_id
    gaz = base.learn(data)
    assert (gaz.places["source"] == "learned").sum() == 3
    # a Cyrillic learned name gets a readable Latin name and keeps the original
    cyr = gaz.places[gaz.places["place_id"] == report["place_id"].iat[9]].iloc[0]
    assert (cyr["name"], cyr["alt_names"]) == ("Vorukh", "Ворух")
    # two same-named places far apart: ambiguous, both reported, never guessed
    result = geocode("Learnabad", gaz)
    assert result.status == "ambiguous"
    assert {c["place_id"] for c in result.candidates} == {"learned:1", "learned:2"}
    assert geocode("Vorukh", gaz).status == "ambiguous"


def test_learning_twice_adds_nothing_new(base):
    data = rows({"location": "Testobod", "lon": 70.61, "lat": 39.98})
    once = base.learn(data)
    twice = once.learn(data)
    assert len(twice) == len(once)
    assert once.learn_report(data)["learn_status"].tolist() == ["known"]
    more = once.learn(rows({"location": "Otherobod", "lon": 70.62, "lat": 39.99}))
    assert more.places["place_id"].iat[-1] == "learned:2"  # numbering continues


def test_build_with_learned_rows(base):
    gaz = Gazetteer.build(learned=rows({"location": "Testobod", "lon": 70.61, "lat": 39.98}))
    assert geocode("Testobod", gaz).method == "learned"


def test_learn_requires_its_columns(base):
    with pytest.raises(ValueError, match="geo_precision"):
        base.learn(pd.DataFrame({"location": ["X"], "lon": [70.6], "lat": [40.0],
                                 "source_dataset": ["acled"]}))


def test_learn_accepts_nullable_dtypes(base):
    data = pd.DataFrame({
        "location": pd.array(["Testobod", pd.NA], dtype="string"),
        "lon": [70.61, 70.62], "lat": [39.98, 39.99],
        "geo_precision": pd.array([1, pd.NA], dtype="Int64"),
        "source_dataset": pd.array(["ucdp", "ucdp"], dtype="string"),
    })
    assert base.learn_report(data)["learn_status"].tolist() == ["added", "not_exact"]
