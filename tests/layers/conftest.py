"""Fixtures for the layers tests: shipped boundaries, COD-AB frames, one fresh build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import settings
from layers.boundaries import BoundaryLayers, load_boundaries
from layers.build_boundaries import DEFAULT_NPM_CACHE, BuildResult, build
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


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> BuildResult:
    """The build script run once into a temporary folder (~6 s). Tarballs come from
    ``KGTJ_NPM_CACHE`` or build/npm-cache; the script fetches them with npm when missing."""
    cache = Path(os.environ.get("KGTJ_NPM_CACHE", DEFAULT_NPM_CACHE))
    return build(cache, tmp_path_factory.mktemp("boundaries"), build_date=FIXED_DATE)
