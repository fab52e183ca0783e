"""``python -m analysis … --as ACCOUNT``: the analysis commands act as a named account, as
``python -m incidents`` does: its role decides what is read and what may be changed, and
the history records its name."""
from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis.cli import build_parser, main
from analysis.cli_inputs import load_inputs
from cli_common import EXIT_DENIED, EXIT_USAGE
from incidents.access import LOCAL_ADMIN
from incidents.accounts import AccountStore
from incidents.store import IncidentStore
from tests.analysis.test_actions_cli import _actions_csv
from tests.incidents.store_fakes import FakeEngine, parsed, record

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def db(tmp_path):
    """A store with one record of each sensitivity and three accounts."""
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = IncidentStore(url)
    recs = [record(i, sensitivity=s, source_event_id=f"S{i}")
            for i, s in enumerate(("public", "internal", "restricted"))]
    store.import_parsed(parsed(recs), principal=LOCAL_ADMIN, engine=FakeEngine(),
                        gazetteer=None, file_name="three.csv")
    accounts = AccountStore(store.engine)
    for name, role in (("vera", "viewer"), ("mira", "member"), ("eddie", "editor")):
        accounts.add(name, role, LOCAL_ADMIN, password=PASSWORD)
    store.close()
    return url


def _read(db: str, *extra: str) -> set[str]:
    args = build_parser().parse_args(["hotspots", "--db", db, "--out", "x.csv", *extra])
    incidents, _, _ = load_inputs(args)
    return set(incidents["sensitivity"].astype(str))


def test_the_account_decides_which_records_are_read(db):
    assert _read(db) == {"public", "internal", "restricted"}  # the person at the machine
    assert _read(db, "--as", "mira", "--mode", "internal") == {"public", "internal"}
    assert _read(db, "--as", "vera") == {"public"}


def test_internal_mode_needs_a_member(db, tmp_path, capsys):
    out = tmp_path / "h.csv"
    rc = main(["hotspots", "--db", db, "--as", "vera", "--mode", "internal", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == EXIT_DENIED and "vera (viewer) may not read internal records" in err
    assert not out.exists()


def test_changes_need_the_accounts_right_and_record_its_name(db, tmp_path, capsys):
    csv = str(_actions_csv(tmp_path / "a.csv"))
    rc = main(["actions", "--db", db, "--as", "mira", "--import", csv])
    assert rc == EXIT_DENIED and "needs the editor role" in capsys.readouterr().err
    rc = main(["registry", "--db", db, "--as", "vera", "--remove-illustrative"])
    assert rc == EXIT_DENIED
    rc = main(["actions", "--db", db, "--as", "eddie", "--user", "someone-else",
               "--import", csv])
    assert rc != EXIT_DENIED
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        users = set(pd.read_sql("SELECT user FROM action_history", conn)["user"])
    engine.dispose()
    assert users == {"eddie"}  # the account acted, not the free-text --user


def test_an_unknown_or_disabled_account_is_a_usage_error(db, tmp_path, capsys):
    store = IncidentStore(db)
    AccountStore(store.engine).disable("mira", LOCAL_ADMIN)
    store.close()
    for name in ("ghost", "mira"):
        rc = main(["hotspots", "--db", db, "--as", name, "--out", str(tmp_path / "h.csv")])
        assert rc == EXIT_USAGE and f"--as {name}" in capsys.readouterr().err


def test_maps_act_as_the_account_too(db, tmp_path, capsys):
    from maps.cli import main as maps_main
    rc = maps_main(["html", "--db", db, "--as", "vera", "--mode", "internal",
                    "--out", str(tmp_path / "m.html")])
    err = capsys.readouterr().err
    assert rc == EXIT_DENIED and "vera (viewer) may not export internal data" in err
    assert not (tmp_path / "m.html").exists()
