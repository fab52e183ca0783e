"""ui.incident_links under AppTest: the page address's ``show=`` centres the Map page on an
incident of the filter, ``edit=`` opens one in the edit form; unknown or hostile ids are
ignored and removed from the address."""
from __future__ import annotations

import json

import pytest

import settings
from incidents.access import LOCAL_ADMIN
from tests.app.conftest import opened_app
from tests.hostile import SCRIPT_CLOSE
from ui import state


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("links_data")


@pytest.fixture
def app(data_dir, monkeypatch):
    return opened_app(data_dir, monkeypatch)


def _map_script(at) -> str:
    comps = [e for e in at.get("component_instance")
             if getattr(e.proto, "component_name", "").endswith("st_folium")]
    return json.loads(comps[0].proto.json_args)["script"]


def _an_incident():
    from incidents.store import IncidentStore
    store = IncidentStore(settings.database_url())
    try:
        df = store.load(principal=LOCAL_ADMIN).dropna(subset=["lat", "lon"])
    finally:
        store.close()
    return df.iloc[5]


def test_show_centres_the_map_on_the_incident(app):
    rec = _an_incident()
    app.query_params["show"] = rec["event_id"]
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.session_state[state.MAP_CENTER] == pytest.approx((rec["lat"], rec["lon"]))
    assert app.session_state[state.MAP_ZOOM] == 13
    script = _map_script(app)
    import re
    lat, lon = map(float, re.search(r"center: \[([-\d.]+), ([-\d.]+)\]", script).groups())
    assert (lat, lon) == pytest.approx((rec["lat"], rec["lon"]))
    assert re.search(r"\"?zoom\"?: 13\b", script) and ".fitBounds(" not in script
    assert "show" not in app.query_params


@pytest.mark.parametrize("bad", [SCRIPT_CLOSE, "../../etc/passwd", "KGTJ-999999"])
def test_unknown_or_hostile_ids_are_ignored(app, bad):
    before = app.session_state[state.MAP_CENTER] if state.MAP_CENTER in app.session_state \
        else None
    app.query_params["show"] = bad
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    after = app.session_state[state.MAP_CENTER] if state.MAP_CENTER in app.session_state \
        else None
    assert after == before and "show" not in app.query_params


def test_edit_opens_the_incident_in_the_edit_form(app):
    rec = _an_incident()
    app.switch_page("ui/pages/incidents_page.py")
    app.query_params["edit"] = rec["event_id"]
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.radio(key="inc_section").value == "edit"
    assert app.selectbox(key="edit_id").value == rec["event_id"]
    assert "edit" not in app.query_params
