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


@pytest.fixture(autouse=True)
def _shipped_gazetteer(monkeypatch):
    """The app as shipped reads the border gazetteer, whose villages the map labels (the
    test suite leaves it out elsewhere: tests/conftest.py); the shipped first paint is
    made with it (python -m ui.ship_first_paint)."""
    monkeypatch.delenv("KGTJ_GAZETTEER_FILES", raising=False)


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


def test_the_shipped_first_paint_is_current(data_dir):
    """The shipped first paint of a first start is what a first run on a new store draws
    now, made by this code and these packages (a stale file is never drawn: its stamp no
    longer fits)."""
    from ui.ship_first_paint import build
    shipped = json.loads(first_paint.SHIPPED.read_text(encoding="utf-8"))
    assert build() == shipped, "data/first_paint/ is stale: run python -m ui.ship_first_paint"
    assert shipped["demo"] == "only" and shipped["n"] == shipped["total"] > 100
    assert "Synthetic demo data" in shipped["about"]


def test_a_first_start_ever_draws_the_shipped_first_paint(tmp_path, monkeypatch, draws):
    """No store yet: the first run draws the shipped record, element for element what a
    normal first start draws, and so is the run after it; once the demo is loaded (the
    warm-up's work) the record is this store's, for the restarts."""
    from ui import warmup
    monkeypatch.delenv("KGTJ_DB_URL", raising=False)
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path / "normal"))
    normal = AppTest.from_file(APP, default_timeout=180)
    normal.run()
    normal_first = _tree(normal)
    normal_second = _tree(normal.run())
    assert draws == []

    fresh = tmp_path / "fresh"
    monkeypatch.setenv("KGTJ_DATA_DIR", str(fresh))
    assert first_paint.prepare() == "shipped"
    painted = AppTest.from_file(APP, default_timeout=180)
    painted.run()
    assert not painted.exception, [e.message for e in painted.exception]
    assert draws == ["en"] and _tree(painted) == normal_first
    assert not (fresh / "incidents.sqlite").exists()  # drawn before the demo is loaded
    warmup._load_demo_if_empty()  # what the warm-up thread does meanwhile
    assert _tree(painted.run()) == normal_second
    [record] = _records(fresh)
    shipped = json.loads(first_paint.SHIPPED.read_text(encoding="utf-8"))
    assert json.loads(record.read_text(encoding="utf-8"))["args"] == shipped["args"]
    # a restart draws this store's record; another language or filter is drawn as usual
    assert first_paint.prepare() == "stored"
    assert first_paint.load("en", IncidentFilter())["args"] == shipped["args"]
    assert first_paint.load("ru", IncidentFilter()) is None


def test_no_shipped_first_paint_beside_a_store_or_user_files(data_dir, monkeypatch):
    (data_dir / "incidents.sqlite").write_bytes(b"")
    assert first_paint.prepare() is None
    assert first_paint.load("en", IncidentFilter()) is None
    other = data_dir / "other"
    monkeypatch.setenv("KGTJ_DATA_DIR", str(other))
    (other / "curated").mkdir(parents=True)
    (other / "curated" / "segments.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}')
    assert first_paint.prepare() is None  # the shipped map lacks the user's layer
    assert first_paint.load("en", IncidentFilter()) is None
    line_only = data_dir / "line_only"
    monkeypatch.setenv("KGTJ_DATA_DIR", str(line_only))
    (line_only / "reference_line").mkdir(parents=True)
    for name in ("line.geojson", "meta.json"):
        (line_only / "reference_line" / name).write_text("{}")
    assert first_paint.prepare() is None  # nor the user's newer line


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
    with_curated = first_paint.stamp()
    assert with_curated not in (None, base)
    # a newer reference line: the map draws it, so a record without it is stale
    from geo.reference_line import save_user_line
    from incidents.access import LOCAL_ADMIN
    save_user_line(b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                   b'{"left_side":"KG"},"geometry":{"type":"LineString","coordinates":'
                   b'[[70.5,39.9],[70.7,39.95]]}}]}', "Fictitious", "2025-03-13",
                   principal=LOCAL_ADMIN)
    assert first_paint.stamp() not in (None, base, with_curated)
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


def test_the_shipped_stamp_follows_data_not_code():
    """An ordinary code change leaves the shipped record current: its stamp is made of the
    shipped data files alone (and the record format and packages)."""
    files = first_paint._shipped_data_files()
    assert files and all(p.is_relative_to(settings.REPO_ROOT / "data") for p in files)
    assert not any(p.suffix == ".py" for p in files)
    assert any(p.parent.name == "boundaries" for p in files)
