"""Communities/mechanisms registry: validation, CSV round trip, store, candidates, demo."""
from __future__ import annotations

import pandas as pd
import pytest
import shapely

from analysis.demo_registry import demo_registry
from analysis.registry import (
    REGISTRY_COLUMNS,
    RegistryStore,
    RegistryValidationError,
    candidates_from_gazetteer,
    read_registry_csv,
    write_registry_csv,
)
from analysis.registry_view import with_candidates
from geo.crs import to_metric
from incidents.access import LOCAL_ADMIN as ADMIN

GOOD = {"community_id": "KG-001", "name_en": "CSWG Ak-Say", "name_ru": "Ак-Сай",
        "name_local": "Ак-Сай", "iso3": "KGZ", "lon": 70.5221, "lat": 39.8744,
        "mech_type": "cswg", "status": "active", "women": "yes", "youth": "yes",
        "authorities": "no", "priorities": "youth_clash;road_crash",
        "cross_border_contact": "occasional", "illustrative": False, "source": "test",
        "notes": "a, \"quoted\" note"}


def test_csv_round_trip(tmp_path):
    reg = pd.DataFrame([GOOD, {**GOOD, "community_id": "TJ-001", "name_en": "Vorukh group",
                                "iso3": "TJK", "mech_type": "jamoat_group",
                                "priorities": "", "name_ru": None}])
    path = write_registry_csv(reg, tmp_path / "reg.csv")
    back = read_registry_csv(path)
    assert back.issues == []
    assert list(back.frame.columns) == list(REGISTRY_COLUMNS)
    assert back.frame["community_id"].tolist() == ["KG-001", "TJ-001"]
    assert back.frame.loc[0, "notes"] == 'a, "quoted" note'
    assert back.frame.loc[0, "lon"] == pytest.approx(70.5221)
    assert back.frame.loc[0, "priorities"] == "youth_clash;road_crash"
    assert pd.isna(back.frame.loc[1, "name_ru"]) or back.frame.loc[1, "name_ru"] == ""


def test_csv_export_guards_formula_cells_and_still_round_trips(tmp_path):
    evil = '=HYPERLINK("http://x","click")'
    reg = pd.DataFrame([{**GOOD, "notes": evil, "name_ru": "@SUM(A1)"}])
    path = write_registry_csv(reg, tmp_path / "reg.csv")
    text = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text  # a spreadsheet shows text
    back = read_registry_csv(path)
    assert back.issues == []
    assert back.frame.loc[0, "notes"] == evil and back.frame.loc[0, "name_ru"] == "@SUM(A1)"


def test_csv_validation_names_row_field_reason(tmp_path):
    rows = [GOOD,
            {**GOOD, "community_id": "X-2", "iso3": "KAZ"},
            {**GOOD, "community_id": "X-3", "status": "dormant", "lat": "north"},
            {**GOOD, "community_id": "X-4", "priorities": "youth_clash;cattle_theft"},
            {**GOOD, "community_id": "KG-001"},
            {**GOOD, "community_id": "", "name_en": "Blank id"},
            {**GOOD, "community_id": "X-7", "lon": 10.0},
            {**GOOD, "community_id": "X-8", "lat": ""}]
    path = tmp_path / "bad.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    res = read_registry_csv(path)
    text = [str(i) for i in res.issues]
    assert "row 3, field 'iso3': 'KAZ' is not one of KGZ, TJK, UZB" in text
    assert any(t.startswith("row 4, field 'status': 'dormant'") for t in text)
    assert any(t.startswith("row 4, field 'lat': 'north' is not a number") for t in text)
    assert any(t.startswith("row 5, field 'priorities'") and "cattle_theft" in t for t in text)
    assert any(t.startswith("row 6, field 'community_id': duplicate id") for t in text)
    assert any(t.startswith("row 8, field 'lon/lat'") and "outside" in t for t in text)
    assert "row 9, field 'lat': required value is missing" in text  # not "'' is not a number"
    assert res.rejected_rows == [3, 4, 5, 6, 8, 9]
    # valid rows are kept, a blank id is generated
    assert res.frame["name_en"].tolist() == ["CSWG Ak-Say", "Blank id"]
    assert res.frame["community_id"].tolist() == ["KG-001", "C-0001"]


def test_csv_missing_required_columns(tmp_path):
    path = tmp_path / "cols.csv"
    pd.DataFrame({"name_en": ["x"]}).to_csv(path, index=False)
    res = read_registry_csv(path)
    assert res.frame.empty and "iso3" in res.issues[0].field and res.rejected_rows == [2]


def test_store_add_update_delete_load_and_reopen(tmp_path, db_url):
    url = db_url
    store = RegistryStore(url)
    assert store.add(GOOD, ADMIN) == ["KG-001"]
    [new_id] = store.add({**GOOD, "community_id": "", "name_en": "Second", "iso3": "TJK"}, ADMIN)
    assert new_id == "C-0001"
    with pytest.raises(RegistryValidationError) as err:
        store.add({**GOOD, "community_id": "KG-001"}, ADMIN)
    assert err.value.issues[0].field == "community_id"
    store.update("KG-001", {"status": "suspended", "cross_border_contact": "suspended"},
                 ADMIN)
    with pytest.raises(RegistryValidationError, match="status"):
        store.update("KG-001", {"status": "asleep"}, ADMIN)
    with pytest.raises(KeyError):
        store.update("nope", {"status": "active"}, ADMIN)
    again = RegistryStore(url).load()  # reopening keeps the rows and the version
    assert again.set_index("community_id").loc["KG-001", "status"] == "suspended"
    assert store.delete("C-0001", ADMIN) and not store.delete("C-0001", ADMIN)
    assert store.load()["community_id"].tolist() == ["KG-001"]
    out = store.export_csv(tmp_path / "out.csv")
    imported = RegistryStore(f"sqlite:///{tmp_path / 'other.sqlite'}").import_csv(out, ADMIN)
    assert imported.issues == [] and imported.frame["community_id"].tolist() == ["KG-001"]


def _places():
    return pd.DataFrame({
        "place_id": ["gn:1", "gn:2", "gn:3", "gn:4"],
        "name": ["Ak-Say", "Vorukh", "Tashkent-ish", "Faraway"],
        "name_ru": ["Ак-Сай", "Ворух", None, None],
        "lon": [70.5221, 70.5801, 70.6, 73.9], "lat": [39.8744, 39.8513, 39.9, 42.0],
        "iso3": ["KGZ", "TJK", "UZB", "KGZ"], "source": "geonames",
    })


def test_candidates_from_gazetteer_inside_the_study_area_without_a_mechanism():
    x, y = to_metric([70.55], [39.86])
    area = shapely.Point(x[0], y[0]).buffer(20000)
    cand = candidates_from_gazetteer(_places(), area)
    assert cand["name_en"].tolist() == ["Ak-Say", "Vorukh"]  # UZB and far place left out
    assert (cand["status"] == "candidate").all() and (cand["mech_type"] == "candidate").all()
    assert cand["community_id"].tolist() == ["cand:gn:1", "cand:gn:2"]
    existing = pd.DataFrame([GOOD])  # a KG mechanism at Ak-Say
    cand = candidates_from_gazetteer(_places(), area, existing=existing)
    assert cand["name_en"].tolist() == ["Vorukh"]


def test_a_village_in_the_border_gazetteer_and_in_geonames_is_one_candidate():
    """The border gazetteer's Vorukh and GeoNames' Vorukh, ~300 m apart, are one village:
    one candidate community (the gazetteer's), so no pair is recommended twice. A namesake
    farther away stays."""
    x, y = to_metric([70.55], [39.86])
    area = shapely.Point(x[0], y[0]).buffer(20000)
    curated = pd.DataFrame({"place_id": ["cur:TJK-ISF-vorukh", "cur:KGZ-BAT-ak-say"],
                            "name": ["Vorukh", "Ak-Sai"], "name_ru": ["Ворух", "Ак-Сай"],
                            "lon": [70.576944, 70.60], "lat": [39.853333, 39.95],
                            "iso3": ["TJK", "KGZ"], "source": "curated"})
    places = pd.concat([_places(), curated], ignore_index=True)
    cand = candidates_from_gazetteer(places, area)
    assert sorted(cand["community_id"]) == ["cand:cur:KGZ-BAT-ak-say", "cand:cur:TJK-ISF-vorukh",
                                            "cand:gn:1"]  # Ak-Sai here is ~9 km away


def test_demo_registry_is_marked_illustrative_and_uses_only_real_places():
    demo = demo_registry(_places())
    assert set(demo["name_en"]) == {"CSWG Ak-Say (illustrative)", "CSWG Vorukh (illustrative)"}
    assert demo["illustrative"].all()
    assert demo["notes"].str.contains("ILLUSTRATIVE").all()
    places = _places().set_index("name")
    row = demo[demo["name_en"].str.contains("Vorukh")].iloc[0]
    assert (row["lon"], row["lat"]) == (places.loc["Vorukh", "lon"], places.loc["Vorukh", "lat"])


def test_with_candidates_adds_demo_and_candidates_without_duplicates():
    x, y = to_metric([70.55], [39.86])
    area = shapely.Point(x[0], y[0]).buffer(20000)
    full = with_candidates(pd.DataFrame(columns=list(REGISTRY_COLUMNS)), _places(), area,
                           demo=True)
    # demo mechanisms at Ak-Say and Vorukh; no candidate duplicates them
    assert full["status"].tolist().count("candidate") == 0
    assert full["illustrative"].sum() == 2
    only_candidates = with_candidates(pd.DataFrame(columns=list(REGISTRY_COLUMNS)), _places(),
                                      area)
    assert only_candidates["name_en"].tolist() == ["Ak-Say", "Vorukh"]
    assert with_candidates(pd.DataFrame([GOOD]), None, area)["community_id"].tolist() == \
        ["KG-001"]


def test_registry_cli_exports_and_imports_keeping_the_rejected_rows(tmp_path, capsys, db_url):
    """``python -m analysis registry``: the valid rows go in in one step, each bad row is
    named (row, field, reason) and handed back with its own cells to fix."""
    import io

    from analysis.cli import main
    from cli_common import EXIT_DATA, EXIT_OK

    csv = tmp_path / "in.csv"
    csv.write_text("community_id,name_en,iso3,lon,lat,mech_type,status,notes\n"
                   "KG-7,CSWG Test,KGZ,70.52,39.87,cswg,active,=cmd\n"
                   "TJ-7,Mahalla Test,TJK,70.58,39.85,mahalla_committee,sleeping,x\n"
                   "TJ-8,Far away,TJK,95.0,39.85,jamoat_group,active,y\n", encoding="utf-8")
    db = db_url
    rejected = tmp_path / "rejected.csv"
    assert main(["registry", "--db", db, "--import", str(csv), "--rejected",
                 str(rejected)]) == EXIT_DATA
    out = capsys.readouterr()
    assert "1 row(s) added; 2 rejected" in out.out
    assert "row 3, field 'status'" in out.err and "row 4" in out.err
    back = pd.read_csv(rejected, dtype=str, keep_default_na=False)
    assert back["community_id"].tolist() == ["TJ-7", "TJ-8"]
    assert back["rejected_row"].tolist() == ["3", "4"]
    assert "status" in back["rejected_reason"][0] and "lon" in back["rejected_reason"][1]
    assert RegistryStore(db).load()["community_id"].tolist() == ["KG-7"]
    exported = tmp_path / "out.csv"
    assert main(["registry", "--db", db, "--export", str(exported)]) == EXIT_OK
    again = read_registry_csv(io.BytesIO(exported.read_bytes()))
    assert again.issues == [] and again.frame["notes"].tolist() == ["=cmd"]  # round trip


def test_demo_mechanisms_are_added_once_to_a_store_that_holds_them():
    """`maps brief --demo-registry` on the demo store (whose registry is seeded with the demo
    mechanisms) listed the pair CSWG Ak-Say – CSWG Vorukh four times: each side twice."""
    x, y = to_metric([70.55], [39.86])
    area = shapely.Point(x[0], y[0]).buffer(20000)
    seeded = demo_registry(_places())
    again = with_candidates(seeded, _places(), area, demo=True)
    assert again["community_id"].is_unique
    assert sorted(again["community_id"]) == sorted(
        with_candidates(pd.DataFrame(columns=list(REGISTRY_COLUMNS)), _places(), area,
                        demo=True)["community_id"])
