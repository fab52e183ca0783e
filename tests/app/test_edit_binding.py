"""The edit form's binding to one record (issue 15): a Save pressed on a form drawn for
another incident writes nothing anywhere and keeps the input; the pure helpers of
ui.form_binding."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import settings
from incidents.access import LOCAL_ADMIN
from incidents.store import IncidentStore
from tests.app.conftest import opened_app
from ui import form_binding


def _edit_ids(app) -> list[str]:
    """The edit picker's incident ids (its options read "id · date · category · place")."""
    return [o.split(" · ")[0] for o in app.selectbox(key="edit_id").options]



@pytest.fixture
def app(tmp_path, monkeypatch):
    return opened_app(tmp_path, monkeypatch)


def _key(app, name: str) -> str:
    bound = app.session_state["_edit_bound"]
    return f"{form_binding.form_prefix(bound['event_id'], bound['version'])}_{name}"


def test_save_on_a_form_for_another_incident_writes_nothing(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("edit").run()
    a, b = _edit_ids(app)[:2]
    app.selectbox(key="edit_id").set_value(a).run()
    store = IncidentStore(settings.database_url())
    before = {e: {k: str(v) for k, v in store.get(e, LOCAL_ADMIN).items()} for e in (a, b)}
    app.text_area(key=_key(app, "notes")).set_value("for A only")
    app.text_input(key=_key(app, "user")).set_value("ana")
    save_a = app.button(key=_key(app, "save"))
    app.selectbox(key="edit_id").set_value(b)  # chosen and saved in the same run
    save_a.click().run()
    assert not app.exception, [e.message for e in app.exception]
    errors = " ".join(e.value for e in app.error)
    assert f"this form was opened for {a}, but {b} is chosen now" in errors, errors
    assert any("for A only" in t.value.to_string() for t in app.table)  # input kept
    after = {e: {k: str(v) for k, v in store.get(e, LOCAL_ADMIN).items()} for e in (a, b)}
    assert after == before
    assert app.session_state["_edit_bound"]["event_id"] == b  # the form shows B now
    store.close()


def test_submitted_forms_and_input_are_read_from_the_keys():
    p = form_binding.form_prefix("KGTJ-000007", 3)
    state = {f"{p}_save": True, f"{p}_notes": "mine", f"{p}_fat": "2", "edit_id": "x",
             f"{form_binding.form_prefix('KGTJ-000001', 0)}_save": False}
    assert form_binding.submitted_forms(state) == [("KGTJ-000007", 3)]
    assert form_binding.form_input(state, p) == {"notes": "mine", "fatalities": "2"}


def test_comparison_keeps_every_input_that_differs_and_every_change_elsewhere():
    shown = {"notes": "old", "category": "protest", "event_date": pd.Timestamp("2024-05-01"),
             "fatalities": pd.NA}
    stored = {**shown, "notes": "cli", "fatalities": 2}
    mine = {"notes": "form", "category": "protest", "event_date": dt.date(2024, 5, 1),
            "fatalities": "2"}
    rows = {r["field"]: r for r in form_binding.comparison(stored, mine, shown)}
    assert rows["notes"] == {"field": "notes", "shown": "old", "stored": "cli",
                             "mine": "form"}
    assert "fatalities" in rows  # changed elsewhere, the same as the input: still shown
    assert "category" not in rows and "event_date" not in rows  # the same everywhere


def test_a_record_changed_elsewhere_is_flagged_refused_then_loaded(app):
    app.switch_page("ui/pages/incidents_page.py").run()
    app.radio(key="inc_section").set_value("edit").run()
    a = _edit_ids(app)[2]
    app.selectbox(key="edit_id").set_value(a).run()
    store = IncidentStore(settings.database_url())
    store.update(a, {"notes": "written by the CLI"}, LOCAL_ADMIN)  # elsewhere, meanwhile
    app.run()
    assert any(f"{a} has been changed elsewhere" in w.value for w in app.warning)
    app.text_area(key=_key(app, "notes")).set_value("mine")
    app.text_input(key=_key(app, "user")).set_value("ana")
    app.button(key=_key(app, "save")).click().run()
    errors = " ".join(e.value for e in app.error)
    assert f"Not saved: {a} was changed" in errors, errors
    shown = app.table[0].value.to_string()
    assert "written by the CLI" in shown and "mine" in shown
    assert store.get(a, LOCAL_ADMIN)["notes"] == "written by the CLI"
    app.button(key="edit_load_stored").click().run()  # the form shows the stored record
    assert app.text_area(key=_key(app, "notes")).value == "written by the CLI"
    assert "mine" in app.table[0].value.to_string()  # the input still shown beside it
    store.close()
