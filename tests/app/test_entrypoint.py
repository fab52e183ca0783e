"""app.py's two roles and the start-up warm-up (ui.warmup)."""
from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import sys
import time

import settings
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401


def test_app_module_is_an_st_app_when_imported():
    """`streamlit run app.py` imports app.py to find `app`; it must be an st.App serving
    app.py itself, with the warm-up as its lifespan."""
    code = ("import streamlit as st, importlib.util\n"
            "spec = importlib.util.spec_from_file_location('app', 'app.py')\n"
            "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
            "from ui import warmup\n"
            "print(isinstance(m.app, st.App), m.app._script_path.resolve().name,\n"
            "      m.app._user_lifespan is warmup.lifespan)")
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.REPO_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "app.py", "True"], out.stdout


def test_streamlit_run_discovers_the_asgi_app():
    from streamlit.web.server.app_discovery import discover_asgi_app
    result = discover_asgi_app(settings.REPO_ROOT / "app.py")
    assert result.is_asgi_app and result.import_string == "app:app"


def _fresh_warmup(monkeypatch, modules, demo: bool = False):
    spec = importlib.util.find_spec("ui.warmup")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "MODULES", modules)
    if not demo:
        monkeypatch.setattr(mod, "_load_demo_if_empty", lambda: None)
    return mod


def test_wait_returns_at_once_when_never_started(monkeypatch):
    mod = _fresh_warmup(monkeypatch, ("json",))
    mod.wait(timeout_s=0.01)
    assert not mod._done.is_set()  # nothing ran, nothing to wait for


def test_lifespan_imports_the_modules_and_wait_blocks_until_done(monkeypatch):
    mod = _fresh_warmup(monkeypatch, ("json", "colorsys"))
    sys.modules.pop("colorsys", None)

    async def serve():
        async with mod.lifespan(None):
            mod.wait(timeout_s=30)

    asyncio.run(serve())
    assert mod._done.is_set() and "colorsys" in sys.modules


def test_a_failing_import_still_releases_the_session(monkeypatch):
    mod = _fresh_warmup(monkeypatch, ("no_such_module_kgtj",))
    mod.start()
    mod.wait(timeout_s=30)
    assert mod._done.is_set()


def test_with_a_first_paint_stored_the_warmup_holds_its_imports_until_a_run_asks(
        monkeypatch):
    """Only what every component call needs is imported at once; the rest waits for the
    first run that calls wait() (a first paint's run does not)."""
    from ui import first_paint
    mod = _fresh_warmup(monkeypatch, ("colorsys",))
    monkeypatch.setattr(mod, "FIRST", ("json",))
    monkeypatch.setattr(first_paint, "prepare", lambda: True)
    sys.modules.pop("colorsys", None)

    async def serve():
        async with mod.lifespan(None):
            time.sleep(0.5)
            assert "colorsys" not in sys.modules and not mod._done.is_set()
            mod.wait(timeout_s=30)

    asyncio.run(serve())
    assert mod._done.is_set() and "colorsys" in sys.modules


def test_warmup_never_imports_streamlit_folium():
    """streamlit_folium registers its component only inside a script run."""
    from ui import warmup
    assert not any(m.startswith("streamlit_folium") for m in warmup.MODULES)


def test_first_start_warmup_loads_the_demo_once(monkeypatch):
    """An empty store gets the synthetic demo from the warm-up (before the first session);
    a store with incidents is left alone."""
    from incidents.store import IncidentStore
    mod = _fresh_warmup(monkeypatch, ("json",), demo=True)
    mod.start()
    mod.wait(timeout_s=120)
    store = IncidentStore(settings.database_url())
    try:
        n = store.count(principal=ADMIN)
        assert n > 100 and store.has_only_demo()
        from analysis.registry import RegistryStore
        registry = RegistryStore(settings.database_url()).load()
        assert len(registry) > 0 and registry["illustrative"].all()  # seeded with the demo
        mod._load_demo_if_empty()  # a restart: nothing added
        assert store.count(principal=ADMIN) == n
    finally:
        store.close()
