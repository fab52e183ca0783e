"""Fixtures shared by all test folders. Area-specific fixtures live in tests/<area>/conftest.py."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import settings


def _origin_dir() -> Path | None:
    """The checkout this repository was cloned from, when it is a folder on this machine
    (``git clone /work/main /tmp/x/p``: ``/work/main``), else None."""
    import subprocess
    try:
        url = subprocess.run(["git", "-C", str(settings.REPO_ROOT), "remote", "get-url",
                              "origin"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.strip().removeprefix("file://")) if url.strip() else None
    return path if path is not None and path.is_absolute() and path.is_dir() else None


def _shared_dir() -> Path:
    """``KGTJ_SHARED_DIR``, else the first ``shared/`` beside the repository or one of its
    parents (a clone in ``work/main`` and a worktree in ``work/wt/x`` both find
    ``work/shared``), else beside the local checkout it was cloned from (a clone in a
    temporary folder of ``work/main`` finds ``work/shared`` too)."""
    if os.environ.get("KGTJ_SHARED_DIR"):
        return Path(os.environ["KGTJ_SHARED_DIR"])
    origin = _origin_dir()
    for root in (settings.REPO_ROOT, *([origin] if origin else [])):
        for parent in root.parents:
            if (parent / "shared" / "boundaries" / "cod-ab").is_dir():
                return parent / "shared"
    return settings.REPO_ROOT.parent / "shared"


SHARED_DIR = _shared_dir()
# The shipped border gazetteer is opted into by the tests that test it (they pass its files
# or set KGTJ_GAZETTEER_FILES): the others keep the GeoNames-only gazetteer they assert on.
# Set at import, before any module- or session-scoped fixture builds a gazetteer.
os.environ["KGTJ_GAZETTEER_FILES"] = ""
COD_DIR = SHARED_DIR / "boundaries" / "cod-ab"
COD_KGZ = COD_DIR / "kgz_admbnda_adm2_moes_20181119.json"
COD_TJK = COD_DIR / "tjk_admin_boundaries_v2.json"


@pytest.fixture(scope="session")
def cod_files() -> tuple[Path, Path]:
    """The official COD-AB test copies in ../shared (never copied into the repo)."""
    missing = [p for p in (COD_KGZ, COD_TJK) if not p.exists()]
    if missing:  # CI always has ../shared beside the clone and sets KGTJ_REQUIRE_COD=1
        if os.environ.get("KGTJ_REQUIRE_COD") == "1":
            pytest.fail(f"COD-AB test files not found: {missing}; set KGTJ_SHARED_DIR")
        pytest.skip("COD-AB files not found (../shared/boundaries/cod-ab; set KGTJ_SHARED_DIR)")
    return COD_KGZ, COD_TJK


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own empty data folder, so no test touches ./local_data."""
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("KGTJ_DB_URL", raising=False)
    monkeypatch.delenv("KGTJ_COD_FILES", raising=False)
    monkeypatch.setenv("KGTJ_GAZETTEER_FILES", "")  # see the top of this file


@pytest.fixture(scope="session")
def pg_server_url():
    """URL of a PostgreSQL server for the tests (see tests/pg_server.py); skips with a
    one-line reason when none can be had, fails instead under ``KGTJ_REQUIRE_PG=1``."""
    from tests import pg_server
    server = None
    try:
        url = os.environ.get("KGTJ_TEST_PG_URL")
        if url:
            pg_server.wait_ready(url)
        else:
            server = pg_server.Server()
            url = server.url
            pg_server.wait_ready(url)
    except pg_server.NoServer as exc:
        if server is not None:  # started, but it does not answer: none is left running
            server.stop()
        if os.environ.get("KGTJ_REQUIRE_PG") == "1":
            pytest.fail(f"{exc} (KGTJ_REQUIRE_PG=1)")
        pytest.skip(str(exc))
    yield url
    if server is not None:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server_url):
    """Name of a database with PostGIS and the store's schema, copied by :func:`db_url`."""
    from tests import pg_server
    name = pg_server.make_template(pg_server_url)
    yield name
    pg_server.drop_database(pg_server_url, pg_server._url_of(pg_server_url, name))


@pytest.fixture
def pg_url(pg_server_url, pg_template):
    """A new PostgreSQL store (schema at the newest revision), dropped afterwards."""
    from tests import pg_server
    url = pg_server.create_database(pg_server_url, template=pg_template)
    yield url
    pg_server.drop_database(pg_server_url, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new store URL on each backend: SQLite in ``tmp_path`` (empty), and a fresh database
    on the test PostgreSQL server (schema already at the newest revision; dropped
    afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    yield request.getfixturevalue("pg_url")


_BACKEND_ID = re.compile(r"[\[-](sqlite|postgresql)[\]-]")


def pytest_terminal_summary(terminalreporter):
    """A closing line per store backend: how many tests ran on SQLite and on PostgreSQL
    (the ``db_url`` tests), so a run shows that both were exercised."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error", "skipped"):
        for rep in terminalreporter.stats.get(outcome, []):
            found = _BACKEND_ID.search(getattr(rep, "nodeid", ""))
            if found and (rep.when == "call" or outcome != "passed"):
                per = counts.setdefault(found.group(1), {})
                per[outcome] = per.get(outcome, 0) + 1
    if counts:
        parts = [f"{name}: " + ", ".join(f"{n} {o}" for o, n in sorted(per.items()))
                 for name, per in sorted(counts.items(), reverse=True)]
        terminalreporter.write_line("store backends — " + "; ".join(parts))


def pytest_xdist_make_scheduler(config, log):
    """How pytest-xdist (``-n auto``, pyproject's addopts) shares the tests out: each test
    file whole on one worker (its module fixtures are built once), and the browser tests
    all on one worker in turn: each starts a Streamlit server and a Chromium, and two at once
    on 2 cores made one wait beyond its timeouts. (xdist's own ``--dist loadgroup`` does not
    group under pytest 9, which no longer reads the node id it rewrites.)"""
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndBrowser(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/browser/" if path.startswith("tests/browser/") else path

    return FilesAndBrowser(config, log)
