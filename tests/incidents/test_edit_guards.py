"""Lost and doubled edits (issue 15): the version check in the UPDATE, the refusal of an
identical add, the wait on a locked store (a second connection holds a write transaction),
and the migration that gives existing stores a row version."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from incidents import migrations, writes
from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.access import Principal
from incidents.wiring import open_store
from incidents.writes import DuplicateRecord, StaleRecord, StoreBusy, is_lock_error
from tests.incidents.store_fakes import FakeEngine, parsed, record

ANA, CLI = Principal("ana", "admin"), Principal("cli", "admin")

REC = {"source_dataset": "internal", "event_date": "2024-05-01", "category": "water_dispute",
       "lon": 70.7, "lat": 40.0, "geo_precision": 1, "notes": "canal"}


@pytest.fixture
def store(db_url):
    """A new store on each backend (SQLite, PostgreSQL)."""
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def path(tmp_path):
    return tmp_path / "store.sqlite"


@pytest.fixture
def sqlite_store(path):
    """A SQLite store (the lock tests hold SQLite's write lock from a second connection)."""
    s = open_store(f"sqlite:///{path}")
    yield s
    s.close()


def test_update_with_the_version_read_writes_and_bumps_it(store):
    eid = store.add(REC, ANA, engine=FakeEngine())
    assert store.row_version(eid, ADMIN) == 0
    assert store.update(eid, {"notes": "canal gate"}, ANA, expected_version=0) == 1
    row, version = store.get_versioned(eid, ADMIN)
    assert (row["notes"], version) == ("canal gate", 1)


def test_stale_update_is_refused_and_carries_what_is_stored(store):
    eid = store.add(REC, ANA, engine=FakeEngine())
    shown_version = store.row_version(eid, ADMIN)  # the form is shown
    cli = open_store(store.url)  # another process edits meanwhile
    cli.update(eid, {"category": "protest", "notes": "cli note"}, CLI)
    cli.close()
    with pytest.raises(StaleRecord) as err:
        store.update(eid, {"notes": "form note", "sensitivity": "public"}, ANA,
                     expected_version=shown_version)
    assert err.value.event_id == eid and err.value.version == shown_version + 1
    assert err.value.stored["notes"] == "cli note"
    row = store.get(eid, ADMIN)  # nothing of the stale form was written
    assert (row["notes"], row["category"], row["sensitivity"]) == \
        ("cli note", "protest", "internal")
    assert set(store.history(eid, ADMIN)["user"]) == {"ana", "cli"}
    assert "form note" not in set(store.history(eid, ADMIN)["new_value"].dropna())


def test_the_version_is_checked_in_the_update_itself(store):
    """A write between the read and the UPDATE (the race the WHERE clause closes)."""
    eid = store.add(REC, ANA, engine=FakeEngine())
    real = store._write_update

    def racing(event_id, version, diff, user, on_busy, wait_for_s):
        with store.engine.begin() as conn:  # lands after the read, before the UPDATE
            conn.execute(sa.text("update incidents set notes='other', "
                                 "row_version=row_version+1 where event_id=:e"), {"e": eid})
        return real(event_id, version, diff, user, on_busy, wait_for_s)
    store._write_update = racing
    with pytest.raises(StaleRecord):
        store.update(eid, {"notes": "mine"}, ANA, expected_version=0)
    assert store.get(eid, ADMIN)["notes"] == "other"


def test_soft_delete_and_reimport_change_the_version(store):
    store.import_parsed(parsed([record(1), record(2)]), principal=ADMIN, engine=FakeEngine(),
                        gazetteer=None)
    v1, v2 = store.row_version("KGTJ-000001", ADMIN), store.row_version("KGTJ-000002", ADMIN)
    store.import_parsed(parsed([record(1, notes="revised"), record(2)]), principal=ADMIN,
                        engine=FakeEngine(),
                        gazetteer=None)
    assert store.row_version("KGTJ-000001", ADMIN) == v1 + 1  # changed by the import
    assert store.row_version("KGTJ-000002", ADMIN) == v2  # re-imported unchanged
    store.delete("KGTJ-000002", ANA)
    assert store.row_version("KGTJ-000002", ADMIN) == v2 + 1
    with pytest.raises(StaleRecord):
        store.update("KGTJ-000001", {"notes": "x"}, ANA, expected_version=v1)


def test_identical_add_is_refused(store):
    first = store.add(REC, ANA, engine=FakeEngine())
    with pytest.raises(DuplicateRecord) as err:
        store.add(dict(REC), ANA, engine=FakeEngine())
    assert err.value.existing_id == first and store.count(principal=ADMIN) == 1
    other = store.add({**REC, "notes": "canal, second breach"}, ANA, engine=FakeEngine())
    assert other != first and store.count(principal=ADMIN) == 2
    dup = store.add(REC, ANA, engine=FakeEngine(), allow_duplicate=True)  # on purpose
    assert dup not in (first, other) and store.count(principal=ADMIN) == 3
    store.delete(first, ANA)
    store.delete(dup, ANA)  # deleted records block nothing
    assert store.add(REC, ANA, engine=FakeEngine()) not in (first, other, dup)


def test_existing_store_gets_row_versions(path):
    """A store from before revision 0005 (no row_version), holding a row, is upgraded in
    place when it opens; its rows start at version 0."""
    from alembic import command
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrations._config(conn), "0004_incident_seq")
        conn.execute(sa.text(
            "insert into incidents (event_id, seq, content_hash, source_dataset, event_date, "
            "time_precision, category, verification_status, sensitivity, notes) values "
            "('KGTJ-000001', 1, 'h', 'internal', '2024-05-01', 1, 'other', 'unverified', "
            "'internal', 'old')"))
    engine.dispose()
    store = open_store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
    assert store.row_version("KGTJ-000001", ADMIN) == 0
    assert store.update("KGTJ-000001", {"notes": "n"}, ANA, expected_version=0) == 1
    store.close()


def _hold_write_lock(url: str, hold_s: float, eid: str = "KGTJ-000001",
                     release: threading.Event | None = None) -> threading.Thread:
    """A second connection holds a write transaction (as a long import does) for hold_s,
    or until ``release`` is set: SQLite's write lock; on PostgreSQL the row's lock."""
    ready = threading.Event()
    release = release or threading.Event()

    def hold():
        if url.startswith("sqlite"):
            con = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            con.execute("update incidents set source = source")
            ready.set()
            release.wait(hold_s)
            con.execute("COMMIT")
            con.close()
            return
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("update incidents set source = source where event_id = :e"),
                         {"e": eid})
            ready.set()
            release.wait(hold_s)
        engine.dispose()
    th = threading.Thread(target=hold)
    th.start()
    ready.wait(10)
    return th


def test_write_waits_for_a_held_lock_and_says_so(store, monkeypatch):
    monkeypatch.setattr(writes, "DEFAULT_ATTEMPT_S", 0.3)  # say so every 0.3 s
    eid = store.add(REC, ANA, engine=FakeEngine())
    holder = _hold_write_lock(store.url, 1.2, eid)
    told = []
    t0 = time.monotonic()
    store.update(eid, {"notes": "after the import"}, ANA, expected_version=0,
                 on_busy=told.append, wait_for_s=20)
    holder.join()
    assert time.monotonic() - t0 >= 1.0 and told and told == sorted(told)
    assert store.get(eid, ADMIN)["notes"] == "after the import"


def test_write_gives_up_cleanly_when_the_lock_stays(sqlite_store):
    store = sqlite_store
    eid = store.add(REC, ANA, engine=FakeEngine())
    release = threading.Event()
    holder = _hold_write_lock(store.url, 30.0, release=release)
    with pytest.raises(StoreBusy) as err:
        store.update(eid, {"notes": "lost?"}, ANA, expected_version=0, wait_for_s=0.5)
    text = str(err.value)
    assert "nothing was written" in text and "update" not in text.lower()
    assert "lost?" not in text and err.value.__cause__ is None and err.value.__context__ is None
    with pytest.raises(StoreBusy):
        store.add({**REC, "notes": "new one"}, ANA, engine=FakeEngine(), wait_for_s=0.5)
    release.set()
    holder.join()
    assert store.get(eid, ADMIN)["notes"] == "canal" and store.count(principal=ADMIN) == 1
    # the connection given back to the pool waits again as long as before
    assert store.update(eid, {"notes": "later"}, ANA, expected_version=0) == 1


def test_is_lock_error_only_for_locks():
    locked = sa.exc.OperationalError("x", {}, sqlite3.OperationalError("database is locked"))
    other = sa.exc.OperationalError("x", {}, sqlite3.OperationalError("no such table: t"))
    assert is_lock_error(locked) and not is_lock_error(other)
    assert not is_lock_error(ValueError("database is locked"))


def test_cli_edit_checks_the_version(sqlite_store, capsys):
    from incidents import cli
    eid = sqlite_store.add(REC, ANA, engine=FakeEngine())
    url = sqlite_store.url
    assert cli.main(["edit", eid, "--db", url, "--set", "notes=gate repaired",
                     "verification_status=verified", "--expect-version", "0"]) == 0
    assert f"{eid}: version 1" in capsys.readouterr().out
    assert cli.main(["edit", eid, "--db", url, "--set", "notes=stale",
                     "--expect-version", "0"]) == 4
    err = capsys.readouterr().err
    assert "changed since it was read" in err and "stale" not in err.replace(
        "changed since", "")
    row = sqlite_store.get(eid, ADMIN)
    assert (row["notes"], row["verification_status"]) == ("gate repaired", "verified")
    assert cli.main(["edit", eid, "--db", url, "--set", "notes=no version check"]) == 0
    assert cli.main(["edit", eid, "--db", url, "--set", "category=riot"]) == 4


def test_postgresql_lock_codes_are_retried_others_not():
    class PgError(Exception):
        def __init__(self, sqlstate):
            super().__init__("pg")
            self.sqlstate = sqlstate
    for code in ("55P03", "40P01", "40001"):
        assert is_lock_error(sa.exc.OperationalError("x", {}, PgError(code)))
    assert not is_lock_error(sa.exc.OperationalError("x", {}, PgError("53100")))  # disk full
