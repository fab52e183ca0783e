"""Start-up warm-up: import the heavy libraries while the browser is still loading the page.

``streamlit run app.py`` serves ``app.app`` (an ``st.App``); its lifespan hook starts one
thread that imports pandas, SQLAlchemy, folium and the map builder, about 2 s of
imports on a 2-core machine, during the second the browser spends loading Streamlit's own
page. The first session waits for that thread (:func:`wait`) instead of importing the same
modules at the same time, so no module is ever imported by two threads at once.

On a first start (an empty store) the thread then also loads the synthetic demo, which the
first session would otherwise do while the browser waits; the prepared map layers come
shipped (``data/web/``, :mod:`maps.web.base_cache`).

When a first paint of the Map page is stored for the current code and data
(:mod:`ui.first_paint`), the first session's first run needs none of these modules but
pandas and pyarrow, which Streamlit imports in every component call (``FIRST``, imported at
once). Importing the rest at the same time would only slow that run and the browser down
(2 cores; first map drawn at 4.7 s instead of 5.1 s when they waited, median of 4
restarts), so the thread holds them until a run needs them (:func:`wait`: the run the drawn
map's view report starts), at most ``HOLD_S``. On a first start ever the shipped first
paint is drawn the same way and the demo load waits with the imports: run alongside, they
held back the browser's loading of the map from the same server (interleaved A/B, 4 fresh
starts each, medians: first map 4.3 s held, 6.0 s alongside, 7.8 s before the shipped
first paint; hotspots 12.6, 10.7 and 13.0 s).

``streamlit_folium`` is deliberately not imported here: it registers its component only
when imported inside a session's script run, and imported outside one the map's iframe
would never load.
"""
from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

# what the first page (the map) needs; geopandas and shapely are not among them: the map
# draws prepared layers (maps.web.base_cache)
MODULES = ("pandas", "sqlalchemy", "incidents.store", "folium", "folium.plugins", "branca",
           "maps.web.webmap", "ui.resources")
# what any Streamlit component call imports (streamlit's dataframe check imports pandas,
# the component code pyarrow): the first paint's map needs them too, so they never wait
FIRST = ("pandas", "pyarrow", "streamlit.components.v1.component_arrow")
HOLD_S = 15.0
_done = threading.Event()
_release = threading.Event()
_lock = threading.Lock()
_started = False
_log = logging.getLogger(__name__)


def _load_demo_if_empty() -> None:
    """First start: the synthetic demo and its illustrative registry into the empty store."""
    import settings
    from analysis.demo_registry import load_demo_start
    from incidents.wiring import load_resources, open_store
    from ui import first_paint

    store = open_store(settings.database_url())
    try:
        loaded = False
        if store.is_empty():
            res = load_resources(store=store)
            loaded = load_demo_start(store, res.engine, res.gazetteer)
    finally:
        store.close()
    if loaded:
        first_paint.adopt_shipped()


def _run(hold_s: float) -> None:
    try:
        for name in FIRST:
            importlib.import_module(name)
        if hold_s > 0:
            _release.wait(hold_s)
        for name in MODULES:
            importlib.import_module(name)
        _load_demo_if_empty()
    except Exception:  # noqa: BLE001 - the session's own call raises it where it is seen
        _log.exception("warm-up failed")
    finally:
        _done.set()


def start(hold_s: float = 0.0) -> None:
    """Start the warm-up thread (once per process); its imports wait up to ``hold_s``
    seconds for a run that needs them (:func:`wait`)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_run, args=(hold_s,), name="kgtj-warmup", daemon=True).start()


def wait(timeout_s: float = 120.0) -> None:
    """Block until the warm-up has finished, releasing it if it holds (returns at once when
    it was never started)."""
    _release.set()
    if _started:
        _done.wait(timeout_s)


def _first_element_check() -> None:
    """Streamlit's once-per-process check made when a session draws its first element
    (``delta_generator._maybe_print_use_warning``: is this a REPL?) walks the stack with
    ``inspect``, which resolves every loaded module's file: 0.4 s once pandas is loaded, in
    the first session's first run. Made here at start-up, with few modules loaded, it takes
    a few milliseconds and the flag it sets skips it later. A Streamlit without it: no-op."""
    try:
        from streamlit import delta_generator

        delta_generator._maybe_print_use_warning()
    except (ImportError, AttributeError):
        pass


@asynccontextmanager
async def lifespan(app) -> AsyncIterator[None]:  # noqa: ARG001 - st.App passes itself
    """``st.App`` lifespan: start the warm-up (held when a first paint is stored), serve."""
    from ui import first_paint
    _first_element_check()
    # with a first paint to draw, the imports (and on a first start the demo load) wait
    start(HOLD_S if first_paint.prepare() else 0.0)
    yield
