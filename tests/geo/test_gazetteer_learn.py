"""Names learned from imported rows with exact coordinates (Gazetteer.learn, geo.learning):
learned names never overrule geography, need several consistent rows or a reviewer, and
points of one village merge into one place."""
from __future__ import annotations

import pandas as pd
import pytest

from geo.gazetteer import Gazetteer
from geo.geocode import geocode
from geo.learning import MIN_ROWS, REVIEWER_SOURCE


@pytest.fixture(scope="module")
def base() -> Gazetteer:
    return Gazetteer.build(curated_files=())


def rows(*records: dict) -> pd.DataFrame:
    defaults = {"geo_precision": 1, "source_dataset": "acled"}
    return pd.DataFrame([defaults | r for r in records])


def three(name: str, lon: float, lat: float, **extra) -> pd.DataFrame:
    """Three rows of one name within a few hundred metres (three events)."""
    return rows(*({"location": name, "lon": lon + d, "lat": lat + d,
                   "source_event_id": f"E{i}", **extra}
                  for i, d in enumerate((0.0, 0.001, 0.002))))


# Test data: "Testobod", "Learnabad" ... are fictitious names; points are arbitrary points
# inside the region, chosen away from the GeoNames places used here.
def test_three_consistent_rows_make_one_learned_place(base):
    data = three("Testobod", 70.61, 39.98, import_batch_id="b1", country="KGZ",
                 admin2_given="Batken")
    gaz = base.learn(data)
    assert len(gaz) == len(base) + 1
    place = gaz.places.iloc[-1]
    assert place["source"] == "learned" and place["place_id"] == "learned:1"
    assert place["source_detail"] == "learned from acled event E0, E1, E2 batch b1"
    assert (place["iso3"], place["admin2"]) == ("KGZ", "Batken")
    assert (place["lon"], place["lat"]) == pytest.approx((70.611, 39.981))  # the median
    result = geocode("Testobod", gaz)
    assert (result.status, result.method) == ("matched", "learned")
    report = base.learn_report(data)
    assert report["learn_status"].tolist() == ["added", "merged", "merged"]
    assert set(report["place_id"]) == {"learned:1"}
    assert "3 consistent rows" in report["why"].iat[0]
    assert len(base) == len(Gazetteer.build(curated_files=()))  # learn returns a new one


def test_one_or_two_rows_wait_and_evidence_accumulates_across_imports(base):
    first = three("Testobod", 70.61, 39.98).iloc[:2]
    once = base.learn(first)
    assert len(once) == len(base)  # not a place yet
    assert geocode("Testobod", once).status == "not_found"
    report = base.learn_report(first)
    assert report["learn_status"].tolist() == ["pending", "pending"]
    assert report["why"].iat[0].startswith(f"2 of the {MIN_ROWS} consistent rows")
    third = three("Testobod", 70.61, 39.98).iloc[2:]
    assert once.learn_report(third)["learn_status"].tolist() == ["merged"]
    assert geocode("Testobod", once.learn(third)).method == "learned"


def test_the_same_row_imported_again_counts_once(base):
    one = rows({"location": "Testobod", "lon": 70.61, "lat": 39.98, "source_event_id": "E1"})
    again = base.learn(one).learn(one).learn(one)
    assert len(again) == len(base)
    assert again.learn_report(one)["learn_status"].tolist() == ["pending"]
    no_id = rows({"location": "Testobod", "lon": 70.61, "lat": 39.98})
    assert len(base.learn(no_id).learn(no_id).learn(no_id)) == len(base)


def test_a_reviewer_confirms_a_place_from_one_row(base):
    data = rows({"location": "Learnabad", "lon": 70.61, "lat": 39.98, "source_event_id": "E1"},
                {"location": "Learnabad", "lon": 70.6101, "lat": 39.9801,
                 "source_dataset": REVIEWER_SOURCE, "source_event_id": "confirmed by ana"})
    report = base.learn_report(data)
    assert report["learn_status"].tolist() == ["added", "merged"]
    assert report["why"].iat[0].startswith("confirmed by a reviewer")
    assert geocode("Learnabad", base.learn(data)).method == "learned"


def test_building_level_points_of_one_village_merge_into_one_place(base):
    # a chain of damage points 0.9 km apart: 3.6 km end to end, one village
    data = rows(*({"location": "Ak-Saiobod", "lon": 70.61 + 0.0105 * i, "lat": 39.98,
                   "source_event_id": f"D{i}"} for i in range(5)))
    gaz = base.learn(data)
    assert (gaz.places["source"] == "learned").sum() == 1
    result = geocode("Ak-Saiobod", gaz)
    assert result.status == "matched"  # not "ambiguous: 3 distinct places"
    assert base.learn_report(data)["why"].iat[0].endswith("5 points merged into one place")


def test_a_learned_name_never_lands_across_the_line_from_its_namesake(base):
    # GeoNames' Ak-Say is a Kyrgyz village (39.874 N, 70.522 E). Rows named "Ак-Сай" at a
    # point ~3.5 km away that the line puts in Tajikistan must not create a Tajik Ak-Say.
    data = three("Ак-Сай", 70.561, 39.870, country="TJK")
    report = base.learn_report(data)
    assert set(report["learn_status"]) == {"refused_across_line"}
    assert "Ak-Say (KGZ, geonames)" in report["why"].iat[0]
    gaz = base.learn(data)
    assert len(gaz) == len(base)
    result = geocode("Ак-Сай", gaz)
    assert (result.status, result.place["iso3"]) == ("matched", "KGZ")
    # the same rows on the namesake's own side are a second Kyrgyz place: allowed
    same_side = three("Ак-Сай", 70.561, 39.870, country="KGZ")
    assert set(base.learn_report(same_side)["learn_status"]) == {"added", "merged"}
    # a point whose side is unknown is refused next to a namesake too
    unknown = three("Ак-Сай", 70.561, 39.870)
    assert set(base.learn_report(unknown)["learn_status"]) == {"refused_side_unknown"}


def test_points_of_one_name_on_two_sides_are_refused(base):
    data = rows(*({"location": "Twinobod", "lon": 70.61 + 0.005 * i, "lat": 39.98,
                   "country": "KGZ" if i < 2 else "TJK"} for i in range(4)))
    report = base.learn_report(data)
    assert set(report["learn_status"]) == {"refused_inconsistent"}
    assert "KGZ, TJK" in report["why"].iat[0]


def test_only_exact_named_in_region_rows_are_considered(base):
    data = rows(
        {"location": "Nearabad", "lon": 70.61, "lat": 39.98, "geo_precision": 2},    # not exact
        {"location": "", "lon": 70.61, "lat": 39.98},                                # no name
        {"location": None, "lon": 70.61, "lat": 39.98},                              # no name
        {"location": "Farabad", "lon": 37.6, "lat": 55.7},                           # outside
        {"location": "Nanabad", "lon": None, "lat": 39.98},                          # no point
        {"location": "Vorukh", "lon": 70.5815, "lat": 39.8525},                      # known
    )
    report = base.learn_report(data)
    assert report["learn_status"].tolist() == [
        "not_exact", "no_name", "no_name", "outside_region", "bad_coordinates", "known"]
    vorukh_id = base.places.loc[base.places["name"] == "Vorukh", "place_id"].iat[0]
    assert report["place_id"].iat[5] == vorukh_id
    assert report["why"].map(bool).all()


def test_two_clusters_of_one_name_far_apart_stay_ambiguous(base):
    data = pd.concat([three("Learnabad", 70.61, 39.98), three("Learnabad", 70.90, 40.30)
                      .assign(source_event_id=lambda d: "F" + d["source_event_id"])])
    gaz = base.learn(data)
    assert (gaz.places["source"] == "learned").sum() == 2
    result = geocode("Learnabad", gaz)
    assert result.status == "ambiguous"
    assert {c["place_id"] for c in result.candidates} == {"learned:1", "learned:4"}
    # a Cyrillic learned name gets a readable Latin name and keeps the original
    cyr = base.learn(three("Ворухобод", 70.45, 39.70)).places.iloc[-1]
    assert (cyr["name"], cyr["alt_names"]) == ("Vorukhobod", "Ворухобод")


def test_build_with_learned_rows():
    gaz = Gazetteer.build(learned=three("Testobod", 70.61, 39.98), curated_files=())
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
        "country": pd.array([pd.NA, pd.NA], dtype="string"),
    })
    assert base.learn_report(data)["learn_status"].tolist() == ["pending", "not_exact"]


def test_every_why_is_a_keyed_message_and_reads_in_russian(base):
    """Each reason geo.learning gives is a keyed message (learn.*), rendered in Russian from
    its key with no English words beyond names and codes (the import report's text)."""
    import i18n
    from incidents.messages import EN, Msg
    from tests.app.test_why_ru import latin_words
    cases = [three("Testobod", 70.61, 39.98), three("Testobod", 70.61, 39.98).iloc[:2],
             rows({"location": "Learnabad", "lon": 70.61, "lat": 39.98},
                  {"location": "Learnabad", "lon": 70.6101, "lat": 39.9801,
                   "source_dataset": REVIEWER_SOURCE}),
             rows({"location": "Learnabad", "lon": 70.61, "lat": 39.98,
                   "source_dataset": REVIEWER_SOURCE}),
             rows(*({"location": "Ak-Saiobod", "lon": 70.61 + 0.0105 * i, "lat": 39.98,
                     "source_event_id": f"D{i}"} for i in range(5))),
             three("Ак-Сай", 70.561, 39.870, country="TJK"), three("Ак-Сай", 70.561, 39.870),
             rows(*({"location": "Twinobod", "lon": 70.61 + 0.005 * i, "lat": 39.98,
                     "country": "KGZ" if i < 2 else "TJK"} for i in range(4))),
             rows({"location": "Nearabad", "lon": 70.61, "lat": 39.98, "geo_precision": 2},
                  {"location": "", "lon": 70.61, "lat": 39.98},
                  {"location": "Farabad", "lon": 37.6, "lat": 55.7},
                  {"location": "Nanabad", "lon": None, "lat": 39.98},
                  {"location": "Vorukh", "lon": 70.5815, "lat": 39.8525})]
    whys = [w for data in cases for w in base.learn_report(data)["why"]]
    assert all(isinstance(w, Msg) for w in whys), [w for w in whys if not isinstance(w, Msg)]
    # "learn.rows" (enough rows, one point) needs MIN_ROWS 1: its text is checked below
    assert {w.key for w in whys} == {k for k in EN if k.startswith("learn.")} - {"learn.rows"}
    whys.append(Msg("learn.rows", n=MIN_ROWS, m=1))
    names = ["Ak-Say", "Vorukh", "KGZ", "TJK", "GeoNames", "geo_precision"]
    for why in whys:
        ru = i18n.reason_text(why, "ru")
        assert ru != why and not latin_words(ru, names), (why, ru)
