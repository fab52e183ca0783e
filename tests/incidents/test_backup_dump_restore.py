"""``python -m incidents db dump|restore``: every table, history included, round-trips
between SQLite and PostgreSQL (both ways); a restore refuses a non-empty store and a broken
file, writing nothing; the dump appears whole and private."""
from __future__ import annotations

import gzip
import json
import stat
import warnings

import pytest
import sqlalchemy as sa

from analysis.registry import RegistryStore
from incidents import backup, tables
from incidents.access import LOCAL_ADMIN, Principal
from incidents.cli import main
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine, parsed, record

TABLES = ("incidents", "incident_history", "import_batches", "quarantine", "learned_places",
          "communities")


def _fill(url: str) -> None:
    """A store with every kind of row: imports (one with a rejected row), an edit, a soft
    delete, a learned place, communities and hostile text."""
    store = IncidentStore(url)
    recs = [record(i) for i in range(5)]
    recs[1]["notes"] = "<script>alert(1)</script> `${x}` $\\alpha$ кириллица " + "x" * 10000
    recs.append(record(9, category="not_a_category"))
    rep = store.import_parsed(parsed(recs), engine=FakeEngine(), gazetteer=None,
                        principal=LOCAL_ADMIN,
                              file_name="a.csv")
    with store.engine.begin() as conn:  # as an import with the real gazetteer writes it
        conn.execute(tables.learned_places.insert().values(
            location="New Place", lon=70.6, lat=39.9, geo_precision=1, source_dataset="acled",
            country="KGZ", source_event_id="KGZ0002", import_batch_id=rep.batch_id,
            learned_at=tables.utc_now()))
    store.update("KGTJ-000001", {"notes": "edited", "verification_status": "verified"},
                 principal=Principal("ana", "admin"))
    store.delete("KGTJ-000002", principal=Principal("ana", "admin"))
    store.close()
    reg = RegistryStore(url)
    reg.add({"community_id": "KG-001", "name_en": "CSWG Test", "iso3": "KGZ", "lon": 70.52,
             "lat": 39.87, "mech_type": "cswg", "status": "active"}, LOCAL_ADMIN)


def _content(url: str) -> dict[str, list]:
    engine = sa.create_engine(url)
    out = {}
    with engine.connect() as conn:
        for name in TABLES:
            with warnings.catch_warnings():  # PostGIS geometry (left out below)
                warnings.simplefilter("ignore", sa.exc.SAWarning)
                t = sa.Table(name, sa.MetaData(), autoload_with=conn)
            cols = [c for c in t.columns if c.name != "geom"]
            rows = conn.execute(sa.select(*cols).order_by(*t.primary_key.columns)).all()
            out[name] = [tuple(_plain(v) for v in r) for r in rows]
    engine.dispose()
    return out


def _plain(v):
    """A value as both backends give it back through SQLAlchemy's reflected types."""
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    if isinstance(v, bool):
        return int(v)
    return v


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'b.sqlite'}"


@pytest.mark.parametrize("direction", ["sqlite_to_pg", "pg_to_sqlite", "sqlite_to_sqlite"])
def test_dump_restore_round_trips_every_table(direction, sqlite_url, tmp_path, capsys,
                                              request):
    if direction == "sqlite_to_sqlite":
        src, dst = sqlite_url, f"sqlite:///{tmp_path / 'c.sqlite'}"
    else:
        pg = request.getfixturevalue("pg_url")
        src, dst = (sqlite_url, pg) if direction == "sqlite_to_pg" else (pg, sqlite_url)
    _fill(src)
    before = _content(src)
    assert all(before[t] for t in TABLES), {t: len(v) for t, v in before.items()}
    path = tmp_path / "store.jsonl.gz"
    assert main(["db", "dump", str(path), "--db", src]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "incident_history" in capsys.readouterr().out
    assert main(["db", "restore", str(path), "--db", dst]) == 0
    assert _content(dst) == before
    # numbering continues after the restored rows on the new backend
    store = IncidentStore(dst)
    new_id = store.add({**record(50), "source_event_id": "NEW1"},
                       principal=Principal("bo", "admin"),
                       engine=FakeEngine())
    assert new_id == "KGTJ-000006"
    assert store.history(new_id, LOCAL_ADMIN)["history_id"].iloc[0] > max(
        r[0] for r in before["incident_history"])
    store.close()


def test_restore_refuses_a_store_with_rows_and_writes_nothing(db_url, tmp_path, capsys):
    src = f"sqlite:///{tmp_path / 'src.sqlite'}"
    _fill(src)
    path = tmp_path / "d.jsonl.gz"
    backup.dump(sa.create_engine(src), path)
    store = IncidentStore(db_url)
    store.import_parsed(parsed([record(1)]), engine=FakeEngine(), gazetteer=None,
                        principal=LOCAL_ADMIN,
                        file_name="x.csv")
    before = _content(db_url)
    assert main(["db", "restore", str(path), "--db", db_url]) == 4
    assert "not empty" in capsys.readouterr().err
    assert _content(db_url) == before
    store.close()


def test_restore_of_a_truncated_or_foreign_file_writes_nothing(db_url, tmp_path, capsys):
    src = f"sqlite:///{tmp_path / 'src.sqlite'}"
    _fill(src)
    path = tmp_path / "d.jsonl.gz"
    backup.dump(sa.create_engine(src), path)
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress("\n".join(lines[:-3]).encode("utf-8")))
    assert main(["db", "restore", str(cut), "--db", db_url]) == 4
    assert "incomplete" in capsys.readouterr().err
    assert IncidentStore(db_url).count(include_deleted=True) == 0
    foreign = tmp_path / "f.jsonl.gz"
    foreign.write_bytes(gzip.compress(b'{"hello": 1}\n'))
    assert main(["db", "restore", str(foreign), "--db", db_url]) == 4
    header = json.loads(lines[0])
    assert header["format"] == backup.FORMAT and header["tables"]["incidents"] == 5


def test_a_failed_dump_leaves_the_old_file(tmp_path, monkeypatch):
    src = f"sqlite:///{tmp_path / 'src.sqlite'}"
    _fill(src)
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(b"old backup")

    def boom(_v):
        raise RuntimeError("disk full")
    monkeypatch.setattr(backup, "_encode", boom)
    with pytest.raises(RuntimeError):
        backup.dump(sa.create_engine(src), path)
    assert path.read_bytes() == b"old backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".d.")] == []
