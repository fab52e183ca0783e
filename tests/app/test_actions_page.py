"""The Actions page under AppTest, in English and Russian: the demo's illustrative actions
with their before/after evaluation and chart, an action added through the form, the
Monday list and a review recorded."""
from __future__ import annotations

import datetime
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import settings
from tests.app.conftest import open_app

APP = str(settings.REPO_ROOT / "app.py")
PAGE = "ui/pages/actions_page.py"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("actions_app")


@pytest.fixture
def app(data_dir, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))  # one demo store for the module
    at = open_app(AppTest.from_file(APP, default_timeout=240))
    assert not at.exception, [e.message for e in at.exception]
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _frame_with(at, *columns):
    return next(d for d in at.dataframe if set(columns) <= set(d.value.columns))


def test_actions_page_in_english(app):
    assert app.title[0].value == "Actions of the working groups"
    table = _frame_with(app, "action_id", "verdict")
    assert {"DEMO-A1", "DEMO-A2", "DEMO-A3"} <= set(table.value["action_id"])
    assert set(table.value["verdict"]) <= {"fewer incidents", "more incidents",
                                           "no clear change", "too few to judge"}
    assert [m.label for m in app.metric] == ["Before", "After", "Rest of area: after/before"]
    # the verdict is a phrase: written out in full, not cut to a metric's width
    verdict = table.value.set_index("action_id")["verdict"]["DEMO-A1"]
    assert "Verdict" in [c.value for c in app.caption]
    assert f"**{verdict}**" in [m.value for m in app.markdown]
    texts = " ".join(e.value for e in app.get("text"))
    assert re.search(r"\d+ before, \d+ after", texts)  # the first action: DEMO-A1
    charts = app.get("vega_lite_chart")
    assert charts, "no before/after chart"
    spec = json.loads(charts[0].proto.spec)
    assert [v["what"] for v in spec["layer"][0]["data"]["values"]] == ["before", "action",
                                                                        "after"]
    assert any(s.value == "What changed since the last review" for s in app.subheader)
    assert any("Displacement" in m.value or "displacement" in m.value for m in app.markdown)


def test_add_an_action_and_review_a_hotspot(app):
    n = len(_frame_with(app, "action_id", "verdict").value)
    app.text_input(key="act@new_title_en").set_value("Street lights at the crossing")
    app.multiselect(key="act@new_categories").set_value(["road_crash"])
    app.selectbox(key="act@new_community").set_value("DEMO-01")
    # a point action starts without a made-up point: saved so, it asks for one
    assert app.number_input(key="act@new_lat").value is None
    app.button(key="act@new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert "needs coordinates" in " ".join(e.value for e in app.error)
    assert len(_frame_with(app, "action_id", "verdict").value) == n
    app.number_input(key="act@new_lat").set_value(39.87)
    app.number_input(key="act@new_lon").set_value(70.52)
    app.button(key="act@new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    app.run()
    table = _frame_with(app, "action_id", "verdict").value
    assert len(table) == n + 1
    assert "Street lights at the crossing" in set(table["title_en"])
    # a radius around a settlement: its own point from the gazetteer, by id (not by name)
    vorukh = [o for o in app.selectbox(key="act@new_settlement").options if o.startswith("Vorukh")]
    assert vorukh, "Vorukh is not offered"
    app.text_input(key="act@new_title_en").set_value("Youth football at Vorukh")
    app.multiselect(key="act@new_categories").set_value(["youth_clash"])
    app.selectbox(key="act@new_community").set_value("DEMO-02")
    app.selectbox(key="act@new_place_kind").set_value("settlement")
    app.selectbox(key="act@new_settlement").set_value(
        app.selectbox(key="act@new_settlement").options[
            app.selectbox(key="act@new_settlement").options.index(vorukh[0])])
    app.button(key="act@new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    from incidents.action_store import ActionStore
    stored = ActionStore(settings.database_url()).load()
    mine = stored[stored["title_en"] == "Youth football at Vorukh"].iloc[0]
    assert mine["settlement"] == "Vorukh" and mine["place_kind"] == "settlement"
    assert (mine["lon"], mine["lat"]) == pytest.approx((70.58012, 39.85125), abs=1e-5)
    assert mine["place_radius_m"] == 3000.0
    app.run()
    app.radio(key="fu_kind").set_value("hotspot").run()
    app.selectbox(key="fu_decision").set_value("not_now")
    app.button(key="fu_save").click().run()
    assert any("Say why not now" in e.value for e in app.error)
    app.text_input(key="fu_why").set_value("harvest season")
    app.date_input(key="fu_on").set_value(datetime.date(2025, 1, 6))
    app.button(key="fu_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    from incidents.review_store import ReviewStore
    stored = ReviewStore(settings.database_url()).load()
    mine = stored[stored["why"] == "harvest season"].iloc[0]
    assert (mine["subject_id"], mine["decision"]) == ("HS-001", "not_now")
    assert mine["n_incidents_at_review"] > 0
    app.run()
    lines = [e.value for e in app.get("text")]
    # named by its places, as on the Hotspots page
    assert any(v.startswith("• Hotspot HS-001 (Vorukh") and "since 2025-01-06" in v
               for v in lines), lines


def test_the_form_shows_the_action_chosen_and_keeps_it_through_a_language_switch(app):
    """Every field of the edit form follows the action chosen (keyed fields kept the first
    one's values: DEMO-A2 was shown with an empty English title, and saving would have
    written it), and the values stay through a switch of language."""
    from incidents.action_store import ActionStore
    stored = ActionStore(settings.database_url()).load().set_index("action_id")
    for aid in ("DEMO-A1", "DEMO-A2"):
        app.selectbox(key="act_edit_id").set_value(aid).run()
        assert app.text_input(key=f"act@{aid}_title_en").value == stored.at[aid, "title_en"]
        assert app.text_input(key=f"act@{aid}_title_ru").value == stored.at[aid, "title_ru"]
        assert app.selectbox(key=f"act@{aid}_community").value == \
            stored.at[aid, "community_id"]
    shown = {w.key: w.value for w in app.text_input if str(w.key).startswith("act@DEMO-A2")}
    status = app.selectbox(key="act@DEMO-A2_status").value
    app.sidebar.radio[0].set_value("ru").run()
    assert not app.exception, [e.message for e in app.exception]
    assert {w.key: w.value for w in app.text_input
            if str(w.key).startswith("act@DEMO-A2")} == shown
    assert app.selectbox(key="act@DEMO-A2_status").value == status
    assert CYRILLIC.search(app.selectbox(key="act@DEMO-A2_status").label)
    app.sidebar.radio[0].set_value("en").run()
    app.selectbox(key="act_edit_id").set_value("").run()


def test_actions_page_in_russian(app):
    app.sidebar.radio[0].set_value("ru").run()
    app.switch_page(PAGE).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value == "Действия рабочих групп"
    table = _frame_with(app, "action_id", "verdict")
    assert set(table.value["verdict"]) <= {"инцидентов меньше", "инцидентов больше",
                                           "явных изменений нет", "слишком мало, чтобы судить"}
    assert all(CYRILLIC.search(m.label) for m in app.metric)
    assert all(CYRILLIC.search(str(v)) for v in table.value["scope"])
    app.selectbox(key="act_selected").set_value("DEMO-A1").run()
    texts = " ".join(e.value for e in app.get("text"))
    assert re.search(r"\d+ до, \d+ после", texts) and " before" not in texts
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    shaded = [v["what"] for v in spec["layer"][0]["data"]["values"]]
    assert shaded == ["до", "действие", "после"]
    assert any(s.value == "Что изменилось после рассмотрения" for s in app.subheader)
    assert any("смещение" in m.value.lower() for m in app.markdown)


def test_hotspot_page_says_what_was_done_there(app):
    app.switch_page("ui/pages/hotspots_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(s.value == "What was done here" for s in app.subheader)
    # the demo's top hotspot (Ak-Say – Vorukh) has illustrative actions within 3 km
    lines = [e.value for e in app.get("text") if e.value.startswith("DEMO-A")]
    assert lines and all(re.search(r"(before|Not )", v) for v in lines), lines


def test_the_hotspot_chart_is_of_the_action_the_user_chooses(app):
    """Two actions near the hotspot, one chart: it was always the first one's, with no word
    of which. A choice names the action, and the chart follows it."""
    app.switch_page("ui/pages/hotspots_page.py").run()
    choice = next(s for s in app.selectbox if str(s.key).startswith("hs_action_chart@"))
    listed = [o.split(" – ")[0] for o in choice.options]
    lines = [e.value for e in app.get("text")]
    assert len(listed) >= 2 and all(any(v.startswith(f"{i} – ") for v in lines)
                                    for i in listed), (listed, lines)
    assert choice.value == listed[0] and choice.label == "Chart of the action"

    def shaded(at):
        spec = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
        return {v["what"]: (v["from"], v["to"]) for v in spec["layer"][0]["data"]["values"]}

    from incidents.action_store import ActionStore
    acts = ActionStore(settings.database_url()).load().set_index("action_id")
    start = {i: pd.Timestamp(acts.at[i, "start_date"]).strftime("%Y-%m-%d") for i in listed}
    assert shaded(app)["action"][0] == start[listed[0]]
    other = next(i for i in listed if start[i] != start[listed[0]])  # another action's chart
    choice.set_value(other).run()
    assert not app.exception, [e.message for e in app.exception]
    second = shaded(app)
    assert second["action"][0] == start[other]
    app.sidebar.radio[0].set_value("ru").run()
    assert not app.exception, [e.message for e in app.exception]
    choice = next(s for s in app.selectbox if str(s.key).startswith("hs_action_chart@"))
    assert choice.value == other and choice.label == "График действия"
    assert shaded(app)["действие"] == second["action"]
    app.sidebar.radio[0].set_value("en").run()


def test_a_demo_store_from_before_actions_gets_its_illustrative_actions(tmp_path, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    from incidents.access import LOCAL_ADMIN
    from incidents.action_store import ActionStore
    from incidents.wiring import open_store
    store = open_store(settings.database_url())
    # incidents only, as `incidents demo` loaded them before actions
    store.load_demo(principal=LOCAL_ADMIN)
    store.close()
    assert ActionStore(settings.database_url()).load().empty
    at = open_app(AppTest.from_file(APP, default_timeout=240))
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    table = _frame_with(at, "action_id", "verdict").value
    assert set(table["action_id"]) >= {"DEMO-A1", "DEMO-A4"}


def test_a_refused_write_is_told_in_the_users_language():
    """When the store refuses a write (the role was lowered after the page was drawn), the
    page says so in the user's language, naming both roles."""
    from incidents.access import AccessDenied, Principal, Role
    from ui.auth import denied_text
    err = AccessDenied(Principal("mia", Role.MEMBER), "actions")
    assert denied_text(err, "en") == ("Not saved: your role (member) does not allow this; "
                                      "it needs the editor role.")
    assert denied_text(err, "ru") == ("Не сохранено: ваша роль (участник) этого не "
                                      "позволяет; нужна роль «редактор».")


def test_none_took_part_is_kept_apart_from_not_recorded(app):
    """Women 0 is stored as 0 (none took part) and young people left empty as not recorded;
    the form showed 0 for both and stored 0 as "not recorded"."""
    assert app.number_input(key="act@new_women").value is None
    app.text_input(key="act@new_title_en").set_value("Women's council on the canal rota")
    app.multiselect(key="act@new_categories").set_value(["water_dispute"])
    app.selectbox(key="act@new_community").set_value("DEMO-01")
    app.number_input(key="act@new_lat").set_value(39.87)
    app.number_input(key="act@new_lon").set_value(70.52)
    app.number_input(key="act@new_women").set_value(0)
    app.button(key="act@new_save").click().run()
    assert not app.exception, [e.message for e in app.exception]
    from incidents.action_store import ActionStore
    stored = ActionStore(settings.database_url()).load()
    mine = stored[stored["title_en"] == "Women's council on the canal rota"].iloc[0]
    assert mine["women"] == 0 and pd.isna(mine["youth"])
    aid = mine["action_id"]
    app.selectbox(key="act_edit_id").set_value(aid).run()  # and the edit form shows them so
    assert app.number_input(key=f"act@{aid}_women").value == 0
    assert app.number_input(key=f"act@{aid}_youth").value is None
