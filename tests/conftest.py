"""Fixtures shared by all test folders. Area-specific fixtures live in tests/<area>/conftest.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import settings

SHARED_DIR = Path(os.environ.get("KGTJ_SHARED_DIR", settings.REPO_ROOT.parent / "shared"))
COD_DIR = SHARED_DIR / "boundaries" / "cod-ab"
COD_KGZ = COD_DIR / "kgz_admbnda_adm2_moes_20181119.json"
COD_TJK = COD_DIR / "tjk_admin_boundaries_v2.json"


@pytest.fixture(scope="session")
def cod_files() -> tuple[Path, Path]:
    """The official COD-AB test copies in ../shared (never copied into the repo)."""
    missing = [p for p in (COD_KGZ, COD_TJK) if not p.exists()]
    if missing:  # fail loudly: CI always has ../shared beside the clone
        pytest.fail(f"COD-AB test files not found: {missing}; set KGTJ_SHARED_DIR")
    return COD_KGZ, COD_TJK


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own empty data folder, so no test touches ./local_data."""
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("KGTJ_DB_URL", raising=False)
    monkeypatch.delenv("KGTJ_COD_FILES", raising=False)
