"""Start-up warm-up: import the heavy libraries while the browser is still loading the page.

``streamlit run app.py`` serves ``app.app`` (an ``st.App``); its lifespan hook starts one
thread that imports pandas, SQLAlchemy, folium and the map builder, about 2 s of
imports on a 2-core machine, during the second the browser spends loading Streamlit's own
page. The first session waits for that thread (:func:`wait`) instead of importing the same
modules at the same time, so no module is ever imported by two threads at once.

On a first start (an empty store) the thread then also loads the synthetic demo, which the
first session would otherwise do while the browser waits; the prepared map layers come
shipped (``data/web/``, :mod:`maps.base_cache`).

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
# draws prepared layers (maps.base_cache)
MODULES = ("pandas", "sqlalchemy", "incidents.store", "folium", "folium.plugins", "branca",
           "maps.webmap", "ui.resources")
_done = threading.Event()
_lock = threading.Lock()
_started = False
_log = logging.getLogger(__name__)


def _load_demo_if_empty() -> None:
    """First start: the synthetic demo into the empty store (IncidentStore.ensure_demo)."""
    import settings
    from incidents.store import IncidentStore

    store = IncidentStore(settings.database_url())
    try:
        store.ensure_demo()
    finally:
        store.close()


def _run() -> None:
    try:
        for name in MODULES:
            importlib.import_module(name)
        _load_demo_if_empty()
    except Exception:  # noqa: BLE001 - the session's own call raises it where it is seen
        _log.exception("warm-up failed")
    finally:
        _done.set()


def start() -> None:
    """Start the warm-up thread (once per process)."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=_run, name="kgtj-warmup", daemon=True).start()


def wait(timeout_s: float = 120.0) -> None:
    """Block until the warm-up has finished (returns at once when it was never started)."""
    if _started:
        _done.wait(timeout_s)


@asynccontextmanager
async def lifespan(app) -> AsyncIterator[None]:  # noqa: ARG001 - st.App passes itself
    """``st.App`` lifespan: start the warm-up, serve."""
    start()
    yield
