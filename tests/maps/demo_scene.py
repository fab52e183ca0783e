"""The synthetic demo store's public print scene, loaded once per test module
(``from tests.maps.demo_scene import demo_scene``: a module-scoped fixture)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


def make_demo_store(folder) -> dict:
    """The synthetic demo store in ``folder`` (``python -m incidents demo``, the shipped
    gazetteer only); returns the environment that points at it, for further commands."""
    env = dict(os.environ, KGTJ_DATA_DIR=str(folder), KGTJ_GAZETTEER_FILES="")
    r = subprocess.run([sys.executable, "-m", "incidents", "demo"], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr
    return env


@pytest.fixture(scope="module")
def demo_scene(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_scene")
    make_demo_store(folder)
    mp = pytest.MonkeyPatch()
    mp.setenv("KGTJ_DATA_DIR", str(folder))
    try:
        from incidents.access import LOCAL_ADMIN
        from maps.print.print_scene import load_scene
        yield load_scene(demo_registry=True, principal=LOCAL_ADMIN)
    finally:
        mp.undo()
