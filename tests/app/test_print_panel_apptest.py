"""The map page's print panel offers the same extents as ``python -m maps print``: a named
area, a hotspot, a typed box (through :func:`maps.print.areas.print_bbox`)."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import settings
from tests.app.conftest import open_app
from ui import state

APP = str(settings.REPO_ROOT / "app.py")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("print_panel_data")


@pytest.fixture
def app(data_dir, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = open_app(AppTest.from_file(APP, default_timeout=180))
    at.session_state[state.MAP_REPORTED] = True  # the browser's view report
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _pdf_offered(at) -> bool:
    return any(getattr(b.proto, "label", "").endswith(".pdf")
               for b in at.get("download_button"))


def test_print_panel_area_hotspot_and_box(app):
    assert app.radio(key="dl_extent").value == "area"
    assert "Leilek" in app.selectbox(key="dl_area").options
    app.selectbox(key="dl_area").set_value("Leilek")
    app.button(key="dl_print_go").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert _pdf_offered(app)
    app.radio(key="dl_extent").set_value("hotspot").run()
    ids = app.selectbox(key="dl_hotspot").options
    assert ids and ids[0].startswith("HS-")
    app.button(key="dl_print_go").click().run()
    assert not app.exception and _pdf_offered(app)
    app.radio(key="dl_extent").set_value("bbox").run()
    app.text_input(key="dl_bbox").input("70.9,40.2,70.4").run()
    app.button(key="dl_print_go").click().run()
    assert not app.exception
    assert app.error and not _pdf_offered(app)
