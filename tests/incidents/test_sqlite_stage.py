"""incidents.sqlite_stage: many rows reach a SQLite store through an ADBC-written staging
file. Stored exactly as executemany stores them, all-or-nothing, the staging file never
outlives its transaction (nor a killed process, past the next import), and an error names
no value."""
from __future__ import annotations

import os
import sqlite3
import tempfile
import textwrap

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from incidents import import_writer, sqlite_stage
from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.pipeline import prepare
from incidents.store import IncidentStore
from tests.hostile import HOSTILE
from tests.incidents.kill_child import kill_at_marker
from tests.incidents.store_fakes import FakeEngine, parsed, record

VOLATILE = {"created_at", "updated_at", "import_batch_id", "changed_at", "batch_id"}


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The staging folders go to a temporary folder of this test's own."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _awkward_records(n: int) -> list[dict]:
    """Rows with every kind of value: hostile text (NUL included), missing and present
    numbers, integers, booleans, dates, and columns empty in all rows."""
    out = []
    for i in range(n):
        text = HOSTILE[i % len(HOSTILE)]
        out.append(record(
            i, notes=text if i % 4 else None, location=f"{text[:40]} {i}",
            lon=np.nan if i % 7 == 0 else 70.5 + i * 1e-4, fatalities=pd.NA if i % 3 else i,
            notes_shareable=bool(i % 2) if i % 5 else pd.NA,
            event_date=pd.Timestamp("2021-03-01") + pd.Timedelta(days=i % 900)))
    return out


def _stored(url: str) -> dict[str, list]:
    """Every row of incidents and incident_history with each value's SQLite type, less
    the columns that hold the time or batch of the import."""
    engine = sa.create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in ("incidents", "incident_history"):
            cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")
                    if r[1] not in VOLATILE]
            sql = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
            out[table] = sorted(map(tuple, conn.exec_driver_sql(
                f"SELECT {sql} FROM {table}").all()), key=repr)
    engine.dispose()
    return out


def _spy(monkeypatch) -> list:
    """Count the copies out of a staging file (one per table)."""
    calls = []
    real = sqlite_stage.Staging.insert

    def counted(self, conn, table, *a, **kw):
        calls.append(table.name)
        return real(self, conn, table, *a, **kw)

    monkeypatch.setattr(sqlite_stage.Staging, "insert", counted)
    return calls


def _import(url: str, records: list[dict], *, staged: bool, monkeypatch) -> list:
    """Import ``records`` (after an earlier import that some of them repeat and some
    probably duplicate from another source); returns the staged copies."""
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1 if staged else 10**9)
    store = IncidentStore(url)
    earlier = [records[i] for i in range(0, 60, 3)]  # the same rows: stored once
    other = [{**records[i], "source_dataset": "ucdp", "source_event_id": f"U{i}"}
             for i in range(1, 60, 3)]  # same day, place and category: flagged
    store.import_parsed(parsed(earlier + other), principal=ADMIN, engine=FakeEngine(),
                        gazetteer=None, file_name="earlier.csv")
    calls = _spy(monkeypatch)
    rep = store.import_parsed(parsed(records), principal=ADMIN, engine=FakeEngine(),
                              gazetteer=None, file_name="s.csv")
    assert (rep.inserted, rep.duplicates) == (len(records) - 20, 20)
    assert rep.flagged_possible_duplicates >= 15  # rows without a point are never flagged
    store.close()
    return calls


@pytest.mark.parametrize("files", [1, 2])
def test_staged_rows_are_stored_exactly_as_executemany_stores_them(
        tmp_path, private_tmp, monkeypatch, files):
    """One staging file, or two halves written by two threads (a large import): the rows
    the earlier import already holds (all in the first half) are left out, so the second
    half's rows are numbered after the first half's new ones."""
    recs = _awkward_records(300)
    plain, staged = (f"sqlite:///{tmp_path / n}" for n in ("plain.sqlite", "staged.sqlite"))
    assert _import(plain, recs, staged=False, monkeypatch=monkeypatch) == []
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    parts = []
    real_init = sqlite_stage.Staging.__init__

    def init(self, rows):
        real_init(self, rows)
        parts.append([(lo, hi) for lo, hi, _ in self.parts])

    monkeypatch.setattr(sqlite_stage.Staging, "__init__", init)
    monkeypatch.setattr(sqlite_stage, "SPLIT_MIN_ROWS", 1 if files == 2 else 10**9)
    monkeypatch.setattr(sqlite_stage.os, "cpu_count", lambda: 2)
    assert _import(staged, recs, staged=True, monkeypatch=monkeypatch) == [
        "incidents", "incident_history"]
    assert parts[-1] == ([(0, 150), (150, 300)] if files == 2 else [(0, 300)])
    a, b = _stored(plain), _stored(staged)
    assert len(a["incidents"]) == 320 and len(a["incident_history"]) == 320
    assert sum("possible_duplicate:" in repr(r) for r in a["incidents"]) >= 15
    assert a == b
    nul = [r for r in b["incidents"] if any(isinstance(v, str) and "\x00" in v for v in r)]
    assert nul == []
    assert list(private_tmp.iterdir()) == []  # no staging file outlives its import


def _store_of_three(tmp_path) -> tuple[str, IncidentStore]:
    """A SQLite store holding three imported incidents."""
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = IncidentStore(url)
    store.import_parsed(parsed([record(i) for i in range(3)]), principal=ADMIN,
                        engine=FakeEngine(), gazetteer=None, file_name="first.csv")
    return url, store


def test_a_failure_after_staging_rolls_everything_back_and_removes_the_file(
        tmp_path, private_tmp, monkeypatch):
    url, store = _store_of_three(tmp_path)
    before = _stored(url)
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    seen = []
    real = sqlite_stage.Staging.insert

    def then_fail(self, conn, table, *a, **kw):
        real(self, conn, table, *a, **kw)
        seen.append(sorted(p.name for p in private_tmp.iterdir()))
        raise RuntimeError("injected after staging")

    monkeypatch.setattr(sqlite_stage.Staging, "insert", then_fail)
    big = [record(i, source_event_id=f"B{i}") for i in range(50)]
    with pytest.raises(RuntimeError, match="injected"):
        store.import_parsed(parsed(big), principal=ADMIN, engine=FakeEngine(),
                            gazetteer=None, file_name="big.csv")
    assert len(seen) == 1 and len(seen[0]) == 1  # the file existed inside the transaction
    assert _stored(url) == before and store.count(principal=ADMIN) == 3
    assert list(private_tmp.iterdir()) == []


def test_a_driver_error_names_no_value_and_leaves_no_file(tmp_path, private_tmp,
                                                           monkeypatch):
    from adbc_driver_manager import AdbcStatusCode, OperationalError

    real = sqlite_stage._write_file

    def broken(path, rows):
        real(path, rows)  # the file exists, then the driver fails
        raise OperationalError(f"disk I/O error writing {rows.column('notes')[0]}",
                               status_code=AdbcStatusCode.IO)

    monkeypatch.setattr(sqlite_stage, "_write_file", broken)
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    store = IncidentStore(f"sqlite:///{tmp_path / 's.sqlite'}")
    recs = [record(i, notes="Survivor Gulnara +996 555 0101") for i in range(5)]
    with pytest.raises(sqlite_stage.StagingError) as err:
        store.import_parsed(parsed(recs), principal=ADMIN, engine=FakeEngine(),
                            gazetteer=None, file_name="s.csv")
    assert "OperationalError" in str(err.value)
    assert "Gulnara" not in str(err.value) and err.value.__cause__ is None
    assert store.count(principal=ADMIN) == 0 and list(private_tmp.iterdir()) == []


def test_chunks_past_the_attach_limit_go_on_through_executemany(tmp_path, private_tmp,
                                                                monkeypatch):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    store = IncidentStore(url)
    store.count()  # the schema exists
    staged = _spy(monkeypatch)
    with store._write_txn(10) as conn:  # one transaction, as a chunked import writes
        limit = conn.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED)
        for chunk in range(limit + 2):
            recs = [record(i, source_event_id=f"C{chunk}-{i}") for i in range(20)]
            import_writer.write_import(
                conn, prepare(parsed(recs), engine=FakeEngine(), gazetteer=None),
                file_name=f"c{chunk}.csv", sha256=None, principal=ADMIN)
        assert len(sqlite_stage._attached(conn.connection.driver_connection)) == limit - 1
        # still attached in the open transaction, yet no file is left on disk
        assert list(private_tmp.iterdir()) == []
    assert staged == ["incidents", "incident_history"] * (limit - 1)  # one slot left free
    assert store.count(principal=ADMIN) == 20 * (limit + 2)
    with store.engine.connect() as conn:  # the pooled connection, detached at check-in
        assert sqlite_stage._attached(conn.connection.driver_connection) == []
        assert sqlite_stage.ATTACHED not in conn.connection.info
    assert list(private_tmp.iterdir()) == []


_CHILD = textwrap.dedent("""
    import sys, time
    from incidents import sqlite_stage
    from incidents.access import LOCAL_ADMIN
    from incidents.store import IncidentStore
    from tests.incidents.store_fakes import FakeEngine, parsed, record
    real = sqlite_stage.Staging.insert
    def slow(self, conn, table, *a, **kw):
        real(self, conn, table, *a, **kw)
        print("STAGED", flush=True)
        time.sleep(60)
    sqlite_stage.Staging.insert = slow
    store = IncidentStore(sys.argv[1])
    recs = [record(i, source_event_id=f"S{i}") for i in range(3000)]
    store.import_parsed(parsed(recs), principal=LOCAL_ADMIN, engine=FakeEngine(),
                        gazetteer=None, file_name="k.csv")
    print("DONE", flush=True)
""")


def test_a_killed_staged_import_changes_nothing_and_its_file_goes_at_the_next(
        tmp_path, private_tmp, monkeypatch):
    url, store = _store_of_three(tmp_path)
    store.close()
    before = _stored(url)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    pid = kill_at_marker(script, [url], "STAGED", env={"TMPDIR": str(private_tmp)})
    left = [p.name for p in private_tmp.iterdir()]
    assert left and all(n.startswith(f"kgtj-stage-{pid}-") for n in left)
    assert IncidentStore(url).count(principal=ADMIN) == 3  # the journal rolls back
    assert _stored(url) == before
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    IncidentStore(url).import_parsed(parsed([record(9, source_event_id="N9")]),
                                     principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                                     file_name="next.csv")
    assert list(private_tmp.iterdir()) == []  # the dead process's folder is swept


def test_the_sql_event_id_is_the_python_one():
    from incidents import tables

    seqs = [1, 42, 999_999, 1_000_000, 12_345_678]
    con = sqlite3.connect(":memory:")
    sql = [con.execute(f"SELECT {tables.event_id_sql('?')}", (s,)).fetchone()[0]
           for s in seqs]
    assert sql == [tables.format_event_id(s) for s in seqs] == tables.format_event_ids(seqs)


def test_two_staging_files_need_ascending_positions_and_one_core_stages_one(monkeypatch):
    monkeypatch.setattr(sqlite_stage, "SPLIT_MIN_ROWS", 4)
    monkeypatch.setattr(sqlite_stage.os, "cpu_count", lambda: 2)
    assert (sqlite_stage.n_parts(3), sqlite_stage.n_parts(4)) == (1, 2)
    monkeypatch.setattr(sqlite_stage.os, "cpu_count", lambda: 1)
    assert sqlite_stage.n_parts(10**6) == 1  # one core: no second writer
    monkeypatch.setattr(sqlite_stage.os, "cpu_count", lambda: 2)
    import pyarrow as pa
    staging = sqlite_stage.Staging(pa.table({"notes": [f"n{i}" for i in range(8)]}))
    try:
        assert len(staging.parts) == 2
        with pytest.raises(ValueError, match="ascending"):
            staging.insert(None, sa.Table("t", sa.MetaData()), [5, 1], {}, {})
    finally:
        staging.close()
    assert not any(os.path.exists(path) for _, _, path in staging.parts)  # removed


def _indexes(url: str) -> dict[str, list]:
    """Named indexes of incidents with their columns, and the query plan of a date lookup."""
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        names = [r[1] for r in conn.exec_driver_sql("PRAGMA index_list(incidents)")
                 if not r[1].startswith("sqlite_autoindex")]
        out = {n: [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({n})")]
               for n in names}
        out["plan"] = [r[3] for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT event_id FROM incidents WHERE event_date = '2021-03-05'")]
    engine.dispose()
    return out


def _ddl_spy(monkeypatch) -> list[str]:
    """The index statements an import runs."""
    seen: list[str] = []
    orig_execute = sa.Connection.execute

    def execute(self, statement, *a, **kw):
        text = str(statement) if not isinstance(statement, str) else statement
        if "INDEX" in text.upper():
            seen.append(" ".join(text.split()))
        return orig_execute(self, statement, *a, **kw)

    monkeypatch.setattr(sa.Connection, "execute", execute)
    return seen


def test_a_large_import_into_a_small_store_builds_the_date_index_once(
        tmp_path, private_tmp, monkeypatch):
    """The date/category index is dropped and built once after the rows when the import
    holds at least as many rows as the store; it is the same index after (same columns,
    used by a date lookup), and a smaller import leaves it alone."""
    url, store = _store_of_three(tmp_path)
    before = _indexes(url)
    assert before["ix_incidents_date_cat"] == ["event_date", "category"]
    assert any("ix_incidents_date_cat" in p for p in before["plan"])
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    ddl = _ddl_spy(monkeypatch)
    store.import_parsed(parsed([record(i, source_event_id=f"B{i}") for i in range(50)]),
                        principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                        file_name="big.csv")
    assert [s.split(" ON ")[0] for s in ddl] == ["DROP INDEX ix_incidents_date_cat",
                                                  "CREATE INDEX ix_incidents_date_cat"]
    assert _indexes(url) == before
    ddl.clear()
    store.import_parsed(parsed([record(i, source_event_id=f"C{i}") for i in range(20)]),
                        principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                        file_name="small.csv")  # 20 new rows, 53 stored: kept
    assert ddl == [] and _indexes(url) == before
    assert store.count(principal=ADMIN) == 73
    store.close()


def test_a_failure_inside_the_rebuilt_index_insert_leaves_the_index(tmp_path, private_tmp,
                                                                      monkeypatch):
    url, store = _store_of_three(tmp_path)
    before = _indexes(url)
    monkeypatch.setattr(sqlite_stage, "STAGE_MIN_ROWS", 1)
    real = sqlite_stage.Staging.insert

    def then_fail(self, conn, table, *a, **kw):
        real(self, conn, table, *a, **kw)
        if table.name == "incidents":  # the index is dropped at this point
            raise RuntimeError("injected inside the insert")

    monkeypatch.setattr(sqlite_stage.Staging, "insert", then_fail)
    with pytest.raises(RuntimeError, match="injected"):
        store.import_parsed(parsed([record(i, source_event_id=f"B{i}") for i in range(50)]),
                            principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                            file_name="big.csv")
    assert _indexes(url) == before and store.count(principal=ADMIN) == 3
    store.close()
