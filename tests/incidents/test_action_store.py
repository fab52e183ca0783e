"""Actions and reviews in the store, on SQLite and PostgreSQL (``db_url``): add, edit with
history, delete, CSV import with rejection reports and formula guards, export round-trip,
the illustrative demo actions loaded and removed with the demo."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from incidents.access import LOCAL_ADMIN, AccessDenied, Principal, Role
from incidents.action_store import ActionNotFound, ActionStore
from incidents.actions import ACTION_COLUMNS, read_actions_csv
from incidents.csv_rows import RowValidationError
from incidents.review_store import ReviewStore
from tests.hostile import HOSTILE, storable

GOOD = {"scope": "joint", "community_id": "K-1", "partner_community_id": "T-1",
        "title_en": "Speed bumps at the crossing", "title_ru": "Лежачие полицейские",
        "category": "road_crash", "place_kind": "point", "lon": 70.52, "lat": 39.87,
        "start_date": "2022-06-01", "end_date": "2022-08-31", "action_type": "infrastructure",
        "partners": "police;District_Administration", "status": "done", "women": 4,
        "youth": 10, "attachments": "minutes-2022-06.pdf;photo.jpg"}
ANA, BEK = Principal("ana", Role.EDITOR), Principal("bek", Role.EDITOR)
MEMBER = Principal("mia", Role.MEMBER)
VIEWER = Principal("guest", Role.VIEWER)


def test_add_edit_delete_keep_history(db_url):
    store = ActionStore(db_url)
    [aid] = store.add(GOOD, ANA)
    row = store.get(aid)
    assert aid == "A-0001" and row["partners"] == "police;district_administration"
    assert row["start_date"] == pd.Timestamp("2022-06-01") and row["women"] == 4
    assert store.update(aid, {"status": "stopped", "youth": 12}, BEK) == \
        ["status", "youth"]
    assert store.update(aid, {"status": "stopped"}, BEK) == []  # nothing changed
    with pytest.raises(RowValidationError, match="end_date"):
        store.update(aid, {"end_date": "2021-01-01"}, BEK)  # before the start: nothing written
    store.delete(aid, ANA)
    assert store.load().empty and store.get(aid)["status"] == "stopped"
    hist = store.history(aid, principal=MEMBER)
    assert hist["change"].tolist() == ["insert", "update", "update", "delete"]
    assert hist.loc[1, ["field", "old_value", "new_value", "user"]].tolist() == \
        ["status", "done", "stopped", "bek"]
    with pytest.raises(ActionNotFound):
        store.update("A-9999", {"status": "done"}, ANA)
    store.close()


@pytest.mark.parametrize(("change", "field"), [
    ({"scope": "parallel", "partner_community_id": ""}, "partner_community_id"),
    ({"category": "road_crash;speeding"}, "category"),
    ({"place_kind": "line", "line_wkt": "POINT (70 40)"}, "line_wkt"),
    ({"place_kind": "settlement", "settlement": "Vorukh", "place_radius_m": ""},
     "place_radius_m"),
    ({"lon": 10.0}, "lon/lat"),
    ({"status": "done", "end_date": ""}, "end_date"),
    ({"action_type": "football"}, "action_type"),
    ({"women": -3}, "women"),
    ({"start_date": "01/06/2022"}, "start_date"),
])
def test_every_bad_field_is_named(db_url, change, field):
    store = ActionStore(db_url)
    with pytest.raises(RowValidationError) as err:
        store.add({**GOOD, **change}, ANA)
    assert field in {i.field for i in err.value.issues}
    assert store.load().empty
    store.close()


def test_csv_import_reports_rows_and_round_trips_hostile_text(db_url, tmp_path):
    store = ActionStore(db_url)
    rows = [{**GOOD, "notes": h, "title_local": h, "source": "=HYPERLINK(\"x\")"}
            for h in HOSTILE]
    rows.append({**GOOD, "category": "nonsense"})                       # line 11
    rows.append({**GOOD, "community_id": "NOT-IN-REGISTRY"})           # line 12
    src = tmp_path / "in.csv"
    pd.DataFrame(rows).to_csv(src, index=False)
    result = store.import_csv(src, ANA, known_communities={"K-1", "T-1"})
    assert len(result.frame) == len(HOSTILE) and result.rejected_rows == [11, 12]
    assert {(i.row, i.field) for i in result.issues} == {(11, "category"),
                                                         (12, "community_id")}
    fix = pd.read_csv(io.StringIO(result.rejected_csv()), dtype=str, keep_default_na=False)
    assert fix["rejected_row"].tolist() == ["11", "12"]
    assert "unknown value(s) ['nonsense']" in fix["rejected_reason"][0]
    stored = store.load()
    assert stored["notes"].tolist() == [storable(h) for h in HOSTILE]
    out = tmp_path / "out.csv"
    store.export_csv(out)
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text  # guarded for spreadsheets
    again = read_actions_csv(out)
    assert not again.issues
    pd.testing.assert_frame_equal(again.frame, stored)
    assert list(again.frame.columns) == list(ACTION_COLUMNS)
    # a second store gets the same rows back
    second = ActionStore(f"sqlite:///{tmp_path / 'second.sqlite'}")
    second.import_csv(out, ANA)
    pd.testing.assert_frame_equal(second.load(), stored)
    store.close()
    second.close()


def test_a_file_without_the_required_columns_or_too_big(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("title_en,notes\nx,y\n", encoding="utf-8")
    result = read_actions_csv(bad)
    assert result.rejected_rows == [2] and "required column(s) missing" in \
        result.issues[0].reason
    from incidents import csv_rows
    big = tmp_path / "big.csv"
    big.write_text("title_en\n" + "x\n" * 50, encoding="utf-8")
    orig = csv_rows.MAX_ROWS
    try:
        csv_rows.read_guarded_csv.__defaults__ = (10,)
        result = read_actions_csv(big)
    finally:
        csv_rows.read_guarded_csv.__defaults__ = (orig,)
    assert result.issues[0].field == "file" and "more than 10 rows" in result.issues[0].reason


def test_reviews_latest_and_checks(db_url):
    store = ReviewStore(db_url)
    store.add({"subject_kind": "pair", "subject_id": "K-1|T-1", "reviewed_on": "2025-01-06",
               "decision": "pair_now", "mode_at_review": "joint"}, ANA)
    store.add({"subject_kind": "pair", "subject_id": "K-1|T-1", "reviewed_on": "2025-02-03",
               "decision": "not_now", "why": "armed incident in January"}, ANA)
    with pytest.raises(RowValidationError, match="why"):
        store.add({"subject_kind": "hotspot", "subject_id": "HS-001",
                   "reviewed_on": "2025-02-03", "decision": "not_now"}, ANA)
    latest = store.latest()
    assert len(store.load()) == 2 and len(latest) == 1
    assert latest.iloc[0]["decision"] == "not_now"
    assert latest.iloc[0]["reviewed_on"] == pd.Timestamp("2025-02-03")
    store.close()


def test_demo_actions_come_and_go_with_the_demo(db_url):
    from analysis.demo_registry import DEMO_ENTRIES, demo_registry
    from incidents.demo_actions import (
        DEMO_ACTIONS,
        demo_actions,
        remove_demo_actions,
        seed_demo_actions,
    )
    names = {"Ak-Say": ("KGZ", 70.52211, 39.87438), "Vorukh": ("TJK", 70.58012, 39.85125),
             "Isfara": ("TJK", 70.62526, 40.12649), "Kyzyl-Bel’": ("KGZ", 70.74053, 40.09991)}
    places = pd.DataFrame([{"place_id": f"gn:{i}", "name": n, "iso3": iso, "lon": lon,
                            "lat": lat, "source": "geonames"}
                           for i, (n, (iso, lon, lat)) in enumerate(names.items())])
    frame = demo_actions(places)
    assert set(frame["action_id"]) == {"DEMO-A1", "DEMO-A2", "DEMO-A3"}  # Ak-Tatyr missing
    # the communities named are the illustrative registry's ids
    registry_ids = {f"DEMO-{i:02d}" for i in range(1, len(DEMO_ENTRIES) + 1)}
    assert {a[2] for a in DEMO_ACTIONS} | {a[3] for a in DEMO_ACTIONS if a[3]} <= registry_ids
    assert demo_registry(places)["community_id"].tolist() == ["DEMO-01", "DEMO-02",
                                                                "DEMO-05", "DEMO-06"]
    store = ActionStore(db_url)
    store.add({**GOOD, "title_en": "a real one"}, ANA)
    assert seed_demo_actions(db_url, places) == 3
    assert seed_demo_actions(db_url, places) == 0  # once only
    demo = store.load()
    assert demo["illustrative"].sum() == 3
    assert demo.loc[demo["illustrative"], "title_en"].str.contains("(illustrative)",
                                                                   regex=False).all()
    with pytest.raises(AccessDenied):  # an editor may not remove the demo
        remove_demo_actions(db_url, ANA)
    assert remove_demo_actions(db_url, LOCAL_ADMIN) == (3, 1)
    assert store.load()["title_en"].tolist() == ["a real one"]
    assert store.history(principal=MEMBER)["action_id"].tolist() == ["A-0001"]
    store.close()


def test_removing_the_demo_in_the_app_removes_its_actions(tmp_path):
    """The Data page's "remove the demo" (analysis.demo_registry.remove_demo_data) takes the
    illustrative actions and reviews with the demo incidents; the user's own stay."""
    from analysis.demo_registry import remove_demo_data
    from incidents.demo_actions import seed_demo_actions
    from incidents.review_store import ReviewStore
    from incidents.store import IncidentStore
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    places = pd.DataFrame([{"place_id": "gn:1", "name": "Ak-Say", "iso3": "KGZ",
                            "lon": 70.52211, "lat": 39.87438, "source": "geonames"}])
    assert seed_demo_actions(url, places) == 1
    actions = ActionStore(url)
    actions.add({**GOOD, "title_en": "ours"}, ANA)
    remove_demo_data(IncidentStore(url), LOCAL_ADMIN)
    assert actions.load()["title_en"].tolist() == ["ours"]
    assert ReviewStore(url).load().empty


def test_only_editors_write_actions_and_reviews(db_url, tmp_path):
    """The stores check the role themselves (not only the page layout): a member or a viewer
    is refused every write before anything is written, a name is not an account, and an
    action's history (it names the accounts) needs a member."""
    store, reviews = ActionStore(db_url), ReviewStore(db_url)
    [aid] = store.add(GOOD, ANA)
    src = tmp_path / "in.csv"
    pd.DataFrame([{**GOOD, "title_en": "from a file"}]).to_csv(src, index=False)
    review = {"subject_kind": "pair", "subject_id": "K-1|T-1", "reviewed_on": "2025-01-06",
              "decision": "pair_now"}
    for who in (MEMBER, VIEWER):
        for write in (lambda p: store.add({**GOOD, "title_en": "sneaked"}, p),
                      lambda p: store.update(aid, {"status": "stopped"}, p),
                      lambda p: store.delete(aid, p),
                      lambda p: store.import_csv(src, p),
                      lambda p: store.remove_illustrative(p),
                      lambda p: reviews.add(review, p),
                      lambda p: reviews.remove_illustrative(p)):
            with pytest.raises(AccessDenied, match=who.role.label):
                write(who)
    with pytest.raises(AccessDenied, match="histories"):
        store.history(aid, principal=VIEWER)
    with pytest.raises(TypeError):  # a typed name is not an account
        store.add({**GOOD, "title_en": "by name"}, "ana")
    with pytest.raises(AccessDenied):  # an editor may not purge the demo's rows
        store.remove_illustrative(ANA)
    assert store.load()["title_en"].tolist() == [GOOD["title_en"]]
    assert store.get(aid)["status"] == "done" and reviews.load().empty
    assert store.history(aid, principal=MEMBER)["user"].tolist() == ["ana"]
    reviews.add(review, ANA)
    assert reviews.load()["user"].tolist() == ["ana"]
    store.close()
    reviews.close()
