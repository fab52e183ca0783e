"""Import pipeline: geocoding of name-only rows, and atomicity (injected failure, SIGKILL)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

import settings
from incidents import import_writer, pipeline, row_insert
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.store import IncidentStore
from tests.incidents.kill_child import kill, kill_at_marker
from tests.incidents.store_fakes import (
    FakeEngine,
    FakeGazetteer,
    fake_geocode_many,
    parsed,
    record,
)


def _snapshot(url: str) -> dict[str, list]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        out = {t: sorted(map(tuple, conn.execute(sa.text(f"select * from {t}")).all()),
                         key=repr)
               for t in ("incidents", "import_batches", "quarantine", "incident_history",
                         "learned_places")}
    engine.dispose()
    return out


@pytest.fixture
def url(db_url):
    """A new store on each backend (SQLite, PostgreSQL)."""
    return db_url


def test_name_only_rows_are_geocoded_or_queued(url, monkeypatch):
    monkeypatch.setattr(pipeline, "_geocode_many", fake_geocode_many)
    nan = float("nan")
    recs = [record(1, location="Ak-Say", lon=nan, lat=nan, geo_precision=pd.NA,
                   geocode_method="unresolved"),
            record(2, location="Kara-Suu", lon=nan, lat=nan, geo_precision=pd.NA,
                   geocode_method="unresolved"),
            record(3, location="Nowhere", lon=nan, lat=nan, geo_precision=pd.NA,
                   geocode_method="unresolved"),
            record(4)]
    store = IncidentStore(url)
    rep = store.import_parsed(parsed(recs), principal=ADMIN, engine=FakeEngine(),
                              gazetteer=FakeGazetteer(),
                              file_name="n.csv")
    assert (rep.inserted, rep.geocoded, rep.unresolved) == (4, 1, 2)
    df = store.load(principal=ADMIN).set_index("location")
    assert df.loc["Ak-Say", "lon"] == pytest.approx(70.52211)
    assert df.loc["Ak-Say", "geo_precision"] == 2
    assert df.loc["Ak-Say", "geocode_method"] == "gazetteer"
    assert "gn:10370337" in df.loc["Ak-Say", "geocode_match"]
    assert pd.isna(df.loc["Kara-Suu", "lon"]) and df.loc["Kara-Suu", "geo_precision"] is pd.NA
    assert df.loc["Kara-Suu", "review_flags"] == "geocode_ambiguous"
    assert "UZB" in df.loc["Kara-Suu", "geocode_candidates"]
    assert df.loc["Nowhere", "review_flags"] == "geocode_not_found"
    assert df.loc["Nowhere", "geocode_method"] == "unresolved"
    assert df.loc["Village 4", "geocode_method"] == "coordinates"


@pytest.mark.parametrize("where", ["enrich", "third_chunk", "learned"])
def test_failure_midway_leaves_store_unchanged(url, monkeypatch, where):
    store = IncidentStore(url)
    store.import_parsed(parsed([record(i) for i in range(3)]), principal=ADMIN, engine=FakeEngine(),
                        gazetteer=None, file_name="first.csv")
    before = _snapshot(url)
    big = [record(i, source_event_id=f"B{i}", location=f"Place {i}") for i in range(250)]
    boom = RuntimeError("injected failure")
    if where == "enrich":
        monkeypatch.setattr(FakeEngine, "enrich", lambda *a, **k: (_ for _ in ()).throw(boom))
    elif where == "third_chunk":
        monkeypatch.setattr(row_insert, "CHUNK_ROWS", 50)
        calls = []
        real = row_insert.insert_chunk

        def flaky(conn, block):
            calls.append(len(block))
            if len(calls) == 3:
                raise boom
            real(conn, block)
        monkeypatch.setattr(row_insert, "insert_chunk", flaky)
    else:
        monkeypatch.setattr(import_writer, "_write_learned",
                            lambda *a, **k: (_ for _ in ()).throw(boom))
    with pytest.raises(RuntimeError, match="injected"):
        store.import_parsed(parsed(big), principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                            file_name="big.csv")
    assert _snapshot(url) == before
    assert store.count(principal=ADMIN) == 3


_CHILD = textwrap.dedent("""
    import sys, time
    from incidents import row_insert, sqlite_stage
    from incidents.access import LOCAL_ADMIN
    from incidents.store import IncidentStore
    from tests.incidents.store_fakes import FakeEngine, parsed, record
    real = row_insert.insert_chunk
    calls = []
    def slow(conn, block):
        real(conn, block)
        calls.append(1)
        if len(calls) == 2:
            print("HALFWAY", flush=True)
            time.sleep(60)
    row_insert.insert_chunk = slow
    row_insert.CHUNK_ROWS = 1000
    sqlite_stage.STAGE_MIN_ROWS = 10**9  # the chunked path (test_sqlite_stage: the staged one)
    store = IncidentStore(sys.argv[1])
    recs = [record(i, source_event_id=f"S{i}") for i in range(5000)]
    store.import_parsed(parsed(recs), principal=LOCAL_ADMIN, engine=FakeEngine(), gazetteer=None,
                        file_name="k.csv")
    print("DONE", flush=True)
""")


def test_killed_import_leaves_store_unchanged(url, tmp_path):
    store = IncidentStore(url)
    store.import_parsed(parsed([record(i) for i in range(3)]), principal=ADMIN, engine=FakeEngine(),
                        gazetteer=None, file_name="first.csv")
    store.close()
    before = _snapshot(url)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    kill_at_marker(script, [url], "HALFWAY")  # 2000 rows written in the open transaction
    after_store = IncidentStore(url)  # reopen: SQLite rolls the journal back
    assert after_store.count(principal=ADMIN) == 3
    assert _snapshot(url) == before


def test_killed_cli_import_of_a_large_file_leaves_store_unchanged(tmp_path):
    """No seams: a real `python -m incidents import` of 20,000 rows, SIGKILLed as soon as
    its write transaction is open (SQLite's rollback journal exists)."""
    from incidents.importers.acled_layout import synthetic_acled_csv

    db_path = tmp_path / "cli.sqlite"
    url = f"sqlite:///{db_path}"
    (tmp_path / "tmp").mkdir()  # where the killed import's staging file stays
    small = tmp_path / "small.csv"
    small.write_bytes(synthetic_acled_csv(5, seed=11))
    env = dict(os.environ, PYTHONPATH=str(settings.REPO_ROOT), TMPDIR=str(tmp_path / "tmp"))
    cmd = [sys.executable, "-m", "incidents", "import"]
    done = subprocess.run([*cmd, str(small), "--db", url], cwd=settings.REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    before = _snapshot(url)
    big = tmp_path / "big.csv"
    big.write_bytes(synthetic_acled_csv(20000, seed=12))
    journal = Path(f"{db_path}-journal")
    proc = subprocess.Popen([*cmd, str(big), "--db", url], cwd=settings.REPO_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert journal.exists(), "the import never opened its write transaction"
        time.sleep(0.2)  # let it write part of the rows
    finally:
        kill(proc)
    assert IncidentStore(url).count(principal=ADMIN) == 5
    assert _snapshot(url) == before
