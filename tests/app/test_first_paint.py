"""The Map page's first paint (ui.first_paint): what a session's first run draws from the
record an earlier first run left, when it is used and when it is not."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

import settings
from incidents.filters import IncidentFilter
from ui import first_paint

APP = str(settings.REPO_ROOT / "app.py")


def _tree(at) -> list[tuple[int, str, str]]:
    """Every element of the main area and the sidebar: depth, type and full proto (widget
    ids and the map component's arguments included)."""
    out = []

    def walk(node, depth=0):
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            out.append((depth, type(child).__name__, "" if proto is None else str(proto)))
            walk(child, depth + 1)
    walk(at.main)
    walk(at.sidebar)
    return out


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KGTJ_DB_URL", raising=False)
    return tmp_path


@pytest.fixture
def draws(monkeypatch):
    """How many first paints were drawn (ui.first_paint.draw wrapped)."""
    calls = []
    real = first_paint.draw

    def counting(record, lang):
        calls.append(lang)
        return real(record, lang)
    monkeypatch.setattr(first_paint, "draw", counting)
    return calls


def _records(data_dir) -> list:
    folder = data_dir / "cache" / "first_paint"
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_a_first_paint_draws_exactly_what_the_first_run_drew(data_dir, draws):
    """A first start (empty store) leaves a record; the next session's first run is drawn
    from it, element for element the same (widget ids, the map's arguments), and so is the
    run after it, which the drawn map's view report starts."""
    normal = AppTest.from_file(APP, default_timeout=180)
    normal.run()
    assert not normal.exception, [e.message for e in normal.exception]
    assert draws == [] and len(_records(data_dir)) == 1
    normal_first = _tree(normal)
    normal.run()
    normal_second = _tree(normal)

    painted = AppTest.from_file(APP, default_timeout=180)
    painted.run()
    assert not painted.exception, [e.message for e in painted.exception]
    assert draws == ["en"]
    assert _tree(painted) == normal_first
    painted.run()
    assert _tree(painted) == normal_second
    assert draws == ["en"]  # only the session's first run
    # the first run holds the title, the map and its count; the rest came with the second
    assert len(normal_first) < len(normal_second)
    assert any("SYNTHETIC DEMO" in w.value for w in painted.warning)


def test_the_record_follows_language_filter_and_store(data_dir, draws):
    AppTest.from_file(APP, default_timeout=180).run()
    assert first_paint.load("en", IncidentFilter()) is not None
    assert first_paint.load("ru", IncidentFilter()) is None
    assert first_paint.load("en", IncidentFilter(categories=("road_crash",))) is None
    # another language in the URL: drawn as usual, and recorded in its turn
    ru = AppTest.from_file(APP, default_timeout=180)
    ru.query_params["lang"] = "ru"
    ru.run()
    assert draws == [] and first_paint.load("ru", IncidentFilter()) is not None
    assert len(_records(data_dir)) == 2
    # a write to the store (the file changes): no record fits any more
    store = data_dir / "incidents.sqlite"
    stat = store.stat()
    os.utime(store, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert first_paint.load("en", IncidentFilter()) is None
    again = AppTest.from_file(APP, default_timeout=180).run()
    assert not again.exception and draws == []
    # the new record replaced both older ones (their stamp is gone)
    assert len(_records(data_dir)) == 1


def test_a_user_layer_file_or_a_server_database_changes_the_stamp(data_dir, monkeypatch):
    (data_dir / "incidents.sqlite").write_bytes(b"")
    base = first_paint.stamp()
    curated = data_dir / "curated"
    curated.mkdir()
    (curated / "segments.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert first_paint.stamp() not in (None, base)
    monkeypatch.setenv("KGTJ_DB_URL", "postgresql://user@host/db")
    assert first_paint.stamp() is None
    assert first_paint.load("en", IncidentFilter()) is None
    assert not first_paint.prepare()


def test_unreadable_or_foreign_records_are_not_drawn(data_dir):
    (data_dir / "incidents.sqlite").write_bytes(b"")
    args = {"script": "x", "key": "k", "on_change": print}
    first_paint.save("en", IncidentFilter(), args, 3, 5, True)
    record = first_paint.load("en", IncidentFilter())
    assert record["args"] == {"script": "x", "key": "k"} and record["n"] == 3
    [path] = _records(data_dir)
    path.write_text(json.dumps({**record, "format": first_paint.FORMAT + 1}))
    assert first_paint.load("en", IncidentFilter()) is None
    path.write_text("{not json")
    assert first_paint.load("en", IncidentFilter()) is None
    first_paint.save("en", IncidentFilter(), {"script": object()}, 3, 5, True)  # not JSON
    assert path.read_text() == "{not json"  # nothing half-written


def test_records_per_stamp_are_capped(data_dir):
    (data_dir / "incidents.sqlite").write_bytes(b"")
    for i in range(first_paint.MAX_RECORDS + 3):
        first_paint.save("en", IncidentFilter(text=f"q{i}"), {"script": "x"}, i, i, False)
    assert len(_records(data_dir)) == first_paint.MAX_RECORDS
    assert first_paint.load("en", IncidentFilter(text="q0")) is None  # the oldest went
    last = first_paint.MAX_RECORDS + 2
    assert first_paint.load("en", IncidentFilter(text=f"q{last}"))["n"] == last


def test_the_first_paint_path_imports_neither_pandas_nor_folium():
    """What a first paint runs before the map's component is called (which imports pandas
    through Streamlit: the warm-up imports it at start-up) loads none of the heavy stack."""
    code = ("import sys; import streamlit; "
            "import ui.shell, ui.first_paint, ui.map_view, ui.state, ui.frame, ui.warmup; "
            "heavy = [m for m in ('pandas', 'numpy', 'sqlalchemy', 'folium', "
            "'streamlit_folium', 'geopandas') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=settings.REPO_ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_component_is_streamlit_folium_s_own(data_dir):
    """Registered under the name, files and module streamlit-folium registers, so the map
    drawn by a first paint and the one drawn by st_folium are the same element."""
    import streamlit_folium

    comp = first_paint.component()
    theirs = streamlit_folium._component_func
    theirs = getattr(theirs, "func", theirs)  # first_paint.capture's recorder wraps it
    assert comp == theirs
