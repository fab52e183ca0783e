"""The COD-AB test files in ``shared/`` are found beside the repository, or beside the local
checkout it was cloned from (a clone in a temporary folder, as CI may make)."""
from __future__ import annotations

import subprocess

import settings
from tests import conftest


def test_a_clone_elsewhere_finds_shared_beside_its_origin(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "shared" / "boundaries" / "cod-ab").mkdir(parents=True)
    (work / "main").mkdir()
    subprocess.run(["git", "init", "-q", str(work / "main")], check=True)
    clone = tmp_path / "elsewhere" / "p"
    clone.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    monkeypatch.delenv("KGTJ_SHARED_DIR", raising=False)
    monkeypatch.setattr(settings, "REPO_ROOT", clone)
    assert conftest._shared_dir() == tmp_path / "elsewhere" / "shared"  # no origin: beside it
    subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", str(work / "main")],
                   check=True)
    assert conftest._shared_dir() == work / "shared"
