"""The shell draws the page before the sidebar (the map reaches the browser first), and the
rules that keep that safe: pages never stop early or rerun themselves; month playback asks
the shell for a rerun once everything is drawn."""
from __future__ import annotations

import json
import re

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

import settings
from tests.app.conftest import open_app, opened_app, slider_months
from ui import shared_analysis, state

APP = str(settings.REPO_ROOT / "app.py")
PAGES = sorted((settings.REPO_ROOT / "ui" / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("shell_data")


@pytest.fixture
def app(data_dir, monkeypatch):
    return opened_app(data_dir, monkeypatch)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_page_stops_early_or_reruns_itself(page):
    code = page.read_text(encoding="utf-8")
    assert not re.search(r"\bst\.(stop|rerun)\(", code), \
        f"{page.name}: use ui.state.request_rerun / if-else, never st.stop()/st.rerun()"


def test_sidebar_drawn_after_the_page_still_holds_every_filter(app):
    assert app.get("component_instance"), "the map"
    keys = {w.key for w in app.sidebar.multiselect}
    assert {state.F_CATS, state.F_SIDES, state.F_PREC, state.F_VERIF, state.F_SENS} <= keys
    assert app.sidebar.date_input(key=state.F_DATES) is not None


def test_filters_survive_a_page_that_has_no_hotspots(app):
    """A filter with no hotspots used to st.stop() the Hotspots page; the sidebar (and the
    chosen filter) must still be there."""
    app.sidebar.text_input(key=state.F_TEXT).set_value("no such words anywhere").run()
    app.switch_page("ui/pages/hotspots_page.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.sidebar.text_input(key=state.F_TEXT).value == "no such words anywhere"
    assert app.info, "the page says there are no hotspots"
    assert any("endorsement" in c.value for c in app.caption)  # the footer was drawn too


def test_playback_steps_to_the_next_month_through_the_shell(app, monkeypatch):
    months = slider_months(app.select_slider(key=state.MAP_MONTH))
    requested: list[float] = []  # the pause, then -1.0 for the rerun
    monkeypatch.setattr(streamlit, "rerun", lambda *a, **k: requested.append(-1.0))
    monkeypatch.setattr("ui.shell.sleep", requested.append)
    app.toggle(key="map_playing").set_value(True).run()
    assert not app.exception, [e.message for e in app.exception]
    assert requested == [1.2, -1.0], "playback pauses, then reruns"
    assert st_value(app) == "all"  # this run still shows what the user chose
    app.run()  # the rerun the shell asked for
    assert st_value(app) == months[0]
    app.run()
    assert st_value(app) == months[1]
    app.toggle(key="map_playing").set_value(False).run()


def st_value(at) -> str:
    return at.select_slider(key=state.MAP_MONTH).value


def test_only_the_first_map_run_leaves_the_sidebar_out(data_dir, monkeypatch):
    """A first visit to the Map page draws the map without the sidebar (the browser loads
    the filter widgets' code after the map); a first visit to any other page draws it."""
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert at.get("component_instance") and not at.sidebar.multiselect
    assert any("endorsement" in c.value for c in at.caption)  # the footer is there
    other = AppTest.from_file(APP, default_timeout=180)
    other.switch_page("ui/pages/incidents_page.py").run()
    assert not other.exception, [e.message for e in other.exception]
    assert other.sidebar.multiselect(key=state.F_CATS) is not None


def test_the_second_run_draws_the_sidebar_before_it_computes_the_hotspots(data_dir,
                                                                          monkeypatch):
    """The hotspots are the slowest part of the Map page's second run: the filters in the
    sidebar must not wait for them (ui.state.defer)."""
    from ui import map_body
    order: list[str] = []
    real_sidebar, real_analysis = state.sidebar, map_body.analysis_content

    def sidebar(*args, **kwargs):
        order.append("sidebar")
        return real_sidebar(*args, **kwargs)

    def analysis(*args, **kwargs):
        order.append("hotspots")
        return real_analysis(*args, **kwargs)
    monkeypatch.setattr(state, "sidebar", sidebar)
    monkeypatch.setattr(map_body, "analysis_content", analysis)
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    shared_analysis.forget()  # no session of this server has analysed the filter yet
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert order == []  # the first run: the map only
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert order[:2] == ["sidebar", "hotspots"], order


def _groups(at) -> str:
    comps = [e for e in at.get("component_instance")
             if getattr(e.proto, "component_name", "").endswith("st_folium")]
    return json.loads(comps[0].proto.json_args)["feature_group"] or ""


def test_a_filter_one_session_analysed_is_on_the_next_sessions_first_map(data_dir,
                                                                         monkeypatch):
    """Hotspots and pairs are found once per server for a filter: the next visitor's first
    map run draws them, without computing them again and without a map sent without them
    and then again with them (ui.resources.analysed; 1.4 MB a send at 10k incidents)."""
    from ui import map_body
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    shared_analysis.forget()
    first = open_app(AppTest.from_file(APP, default_timeout=180))
    assert not first.exception, [e.message for e in first.exception]
    assert "HS-001" in _groups(first)  # found for the first visitor, after its first map
    computed: list[str] = []
    real = map_body._analysis
    monkeypatch.setattr(map_body, "_analysis",
                        lambda *a, **k: computed.append("analysis") or real(*a, **k))
    second = AppTest.from_file(APP, default_timeout=180).run()  # a first paint, or the map
    if "HS-001" not in _groups(second):  # the first run replayed a stored first paint
        second.run()  # the Map page's first run
    assert not second.exception, [e.message for e in second.exception]
    assert "HS-001" in _groups(second) and computed == []


def test_a_filter_change_leaving_few_incidents_draws_its_hotspots_in_its_own_run(
        data_dir, monkeypatch):
    """After a filter change that leaves at most ``INLINE_ANALYSIS_MAX_ROWS`` incidents the
    hotspots and pairs are computed in the filter's run, so the map is sent once, with them;
    with more, that run draws the incidents and the analysis follows it (``_analysis``)."""
    from ui import map_body
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    shared_analysis.forget()
    app = open_app(AppTest.from_file(APP, default_timeout=180))
    assert "HS-001" in _groups(app)
    deferred: list[str] = []
    real = map_body._analysis
    monkeypatch.setattr(map_body, "_analysis",
                        lambda *a, **k: deferred.append("analysis") or real(*a, **k))
    app.sidebar.multiselect[0].set_value(["youth_clash"]).run()
    assert not app.exception, [e.message for e in app.exception]
    n = int(app.metric[0].value)
    assert 0 < n <= map_body.INLINE_ANALYSIS_MAX_ROWS
    assert "HS-001" in _groups(app) and deferred == []
    monkeypatch.setattr(map_body, "INLINE_ANALYSIS_MAX_ROWS", n - 1)  # now too many
    app.sidebar.multiselect[0].set_value(["youth_clash", "road_crash"]).run()
    assert not app.exception, [e.message for e in app.exception]
    assert deferred == ["analysis"]


def test_the_sidebar_filters_are_sent_without_streamlits_select_all(app):
    """(tests/app/test_widget_language.py checks the code of every multiselect)"""
    assert app.sidebar.multiselect
    for widget in app.sidebar.multiselect:
        assert widget.proto.select_all == 0, widget.label
