"""The store's schema under Alembic: a new store, an old store upgraded in place, a newer
store refused, and the ``db`` command."""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa

from analysis.registry import RegistryStore, communities_table
from incidents import migrations, tables
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.action_store import metadata as action_metadata
from incidents.cli import main
from incidents.review_store import reviews_table
from incidents.store import IncidentStore

# Made by the code before Alembic (hand-written migrations 1–2 in table schema_version, the
# registry's own registry_schema_version): 12 demo incidents, one edited (history), one
# deleted, the 8 illustrative communities.
LEGACY = Path(__file__).parent / "fixtures_store" / "store_made_before_alembic.sqlite"


def _columns(conn, table: str) -> set[str]:
    with warnings.catch_warnings():  # PostGIS's geometry type is unknown to SQLAlchemy
        warnings.filterwarnings("ignore", "Did not recognize type", sa.exc.SAWarning)
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _assert_schema_matches_code(engine: sa.Engine) -> None:
    """Every table and column the code declares exists after the revisions ran: a column
    added to the code without its revision fails here."""
    with engine.connect() as conn:
        for table in [*tables.metadata.sorted_tables, communities_table,
                      *action_metadata.sorted_tables, reviews_table]:
            assert sa.inspect(conn).has_table(table.name), table.name
            missing = {c.name for c in table.columns} - _columns(conn, table.name)
            assert not missing, f"{table.name}: no revision adds {sorted(missing)}"


def test_new_store_gets_every_revision_once(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    applied = migrations.upgrade(engine)
    assert applied[0] == "0001_base" and applied[-1] == migrations.head()
    assert migrations.upgrade(engine) == []
    assert migrations.pending(engine) == []
    with engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
    _assert_schema_matches_code(engine)


def test_store_made_before_alembic_upgrades_in_place(tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, db)
    url = f"sqlite:///{db}"
    assert migrations.pending(sa.create_engine(url))[0] == "0003_registry"
    store = IncidentStore(url)
    frame = store.load(principal=ADMIN, include_deleted=True)
    assert len(frame) == 12 and frame["deleted"].sum() == 1
    edited = frame.loc[frame["notes"] == "edited before Alembic", "event_id"]
    assert len(edited) == 1
    history = store.history(edited.iloc[0], ADMIN)
    assert "legacy-user" in set(history["user"])
    registry = RegistryStore(url).load()
    assert len(registry) == 8 and registry["illustrative"].all()
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
    _assert_schema_matches_code(store.engine)
    store.close()


def test_newer_store_is_refused_with_a_clear_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'n.sqlite'}"
    IncidentStore(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("update alembic_version set version_num = '9999_future'"))
    with pytest.raises(migrations.SchemaTooNewError, match="newer version; update the program"):
        IncidentStore(url)
    legacy = tmp_path / "legacy_future.sqlite"
    shutil.copy(LEGACY, legacy)
    with sa.create_engine(f"sqlite:///{legacy}").begin() as conn:
        conn.execute(sa.text("insert into schema_version values (99, 'future', 'x')"))
    with pytest.raises(migrations.SchemaTooNewError, match="newer than this program"):
        IncidentStore(f"sqlite:///{legacy}")


def test_db_command_current_check_upgrade(tmp_path, capsys):
    db = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, db)
    url = f"sqlite:///{db}"
    assert main(["db", "check", "--db", url]) == 4
    assert "pending 0003_registry" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "applied: 0003_registry" in capsys.readouterr().out
    assert main(["db", "check", "--db", url]) == 0
    assert main(["db", "current", "--db", url]) == 0
    assert f"database: {migrations.head()}" in capsys.readouterr().out


def test_postgresql_store_upgrades_in_place(pg_server_url):
    """A PostgreSQL store at 0003 (before the event-number sequence, row versions and the
    geometry column) holding incidents upgrades in place: rows kept, new numbers continue
    after the old ones, geometry filled from lon/lat where PostGIS is installed."""
    from alembic import command

    from tests import pg_server
    from tests.incidents.store_fakes import FakeEngine, parsed, record
    url = pg_server.create_database(pg_server_url)  # empty: no template
    try:
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            command.upgrade(migrations._config(conn), "0003_registry")
            conn.execute(sa.text(
                "INSERT INTO incidents (event_id, source_dataset, event_date, category, lon, "
                "lat, seq, content_hash, deleted) VALUES ('KGTJ-000007', 'acled', "
                "'2022-01-01', 'water_dispute', 70.6, 39.9, 7, 'h7', false)"))
        engine.dispose()
        assert migrations.pending(sa.create_engine(url))[0] == "0004_incident_seq"
        with warnings.catch_warnings(record=True) as seen:  # an operator's upgrade log
            warnings.simplefilter("always")
            store = IncidentStore(url)
        assert [str(w.message) for w in seen if issubclass(w.category, sa.exc.SAWarning)] == []
        rep = store.import_parsed(parsed([record(1)]), principal=ADMIN, engine=FakeEngine(),
                                  gazetteer=None,
                                  file_name="new.csv")
        assert rep.inserted == 1
        df = store.load(principal=ADMIN)
        assert df["event_id"].tolist() == ["KGTJ-000007", "KGTJ-000008"]
        assert store.row_version("KGTJ-000007", ADMIN) == 0
        with store.engine.connect() as conn:
            assert migrations.current(conn) == migrations.head()
            if conn.execute(sa.text(
                    "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'")).scalar():
                xy = conn.execute(sa.text("SELECT ST_X(geom), ST_Y(geom) FROM incidents "
                                          "WHERE event_id = 'KGTJ-000007'")).one()
                assert tuple(xy) == (70.6, 39.9)
        _assert_schema_matches_code(store.engine)
        store.close()
    finally:
        pg_server.drop_database(pg_server_url, url)
