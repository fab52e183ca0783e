"""The store's schema under Alembic: a new store, an old store upgraded in place, a newer
store refused, and the ``db`` command."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from analysis.registry import RegistryStore, communities_table
from incidents import migrations, tables
from incidents.action_store import metadata as action_metadata
from incidents.cli import main
from incidents.review_store import reviews_table
from incidents.store import IncidentStore

# Made by the code before Alembic (hand-written migrations 1–2 in table schema_version, the
# registry's own registry_schema_version): 12 demo incidents, one edited (history), one
# deleted, the 8 illustrative communities.
LEGACY = Path(__file__).parent / "fixtures_store" / "store_made_before_alembic.sqlite"


def _columns(conn, table: str) -> set[str]:
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
    frame = store.load(include_deleted=True)
    assert len(frame) == 12 and frame["deleted"].sum() == 1
    edited = frame.loc[frame["notes"] == "edited before Alembic", "event_id"]
    assert len(edited) == 1
    history = store.history(edited.iloc[0])
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
