"""History, error messages and caches hold no more than their reader may see (issue 15).

On the code before: the app's history showed old notes with a phone number; a database error
printed its SQL (with notes) on the terminal and the app showed full tracebacks
(``showErrorDetails`` "full"); the first-paint cache folder was readable by every account.
"""
from __future__ import annotations

import stat
import tomllib

import pytest
import sqlalchemy as sa

import settings
from incidents.access import LOCAL_ADMIN, Principal
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine

PHONE = "+992 93 555 12 34"


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'h.sqlite'}"


def _edited(db) -> str:
    store = IncidentStore(db)
    eid = store.add({"source_dataset": "internal", "event_date": "2024-05-01",
                     "category": "youth_clash", "lon": 70.7, "lat": 40.0, "geo_precision": 1,
                     "notes": f"Gulnora, call {PHONE}", "sensitivity": "restricted"},
                    principal=Principal("ana", "admin"), engine=FakeEngine())
    store.update(eid, {"notes": "moved", "verification_status": "verified"},
                 principal=Principal("ana", "admin"))
    store.close()
    return eid


def test_history_shows_that_notes_changed_not_their_old_value(db):
    from i18n.display_tables import history_values
    eid = _edited(db)
    hist = IncidentStore(db).history(eid, LOCAL_ADMIN)
    assert PHONE in hist["old_value"].astype(str).str.cat()  # kept in the store
    for lang in ("en", "ru"):
        shown = history_values(hist, lang)
        text = shown.astype(str).to_string()
        assert PHONE not in text and "Gulnora" not in text
        assert len(shown) == len(hist)  # every change is listed
        notes = shown[hist["field"] == "notes"]
        assert len(notes) == 1 and "moved" not in notes.astype(str).to_string()
        status = shown[hist["field"] == "verification_status"]
        assert status["new_value"].notna().all() and "(" not in str(status["new_value"].iloc[0])
    allowed = history_values(hist, "en", may_see_personal=True).astype(str).to_string()
    assert PHONE in allowed


def test_cli_history_hides_personal_values_unless_asked(db, capsys):
    from incidents.cli import main
    eid = _edited(db)
    assert main(["history", eid, "--db", db]) == 0
    out = capsys.readouterr().out
    assert PHONE not in out and "notes:" in out and "verified" in out
    assert main(["history", eid, "--db", db, "--personal"]) == 0
    assert PHONE in capsys.readouterr().out


def _boom(*_a, **_k):
    raise sa.exc.OperationalError(
        "SELECT notes FROM incidents WHERE notes = ?", (f"Gulnora {PHONE}",),
        Exception("database is locked"))


def test_cli_database_error_prints_a_reference_and_logs_details(db, monkeypatch, capsys):
    from incidents.cli import main
    _edited(db)
    monkeypatch.setattr(IncidentStore, "load", _boom)
    assert main(["list", "--db", db]) == 5
    err = capsys.readouterr().err
    assert "SELECT" not in err and PHONE not in err and "Gulnora" not in err
    assert "reference E-" in err and len(err.strip().splitlines()) == 1
    log = settings.data_dir() / "logs" / "errors.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    ref = err.split("reference ")[1].split(")")[0]
    assert ref in log.read_text(encoding="utf-8") and "SELECT" in log.read_text()


def test_store_engines_hide_statement_parameters(db):
    from analysis.registry import RegistryStore
    assert IncidentStore(db).engine.hide_parameters
    assert RegistryStore(db).engine.hide_parameters


def test_app_shows_no_error_details():
    config = tomllib.loads((settings.REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] in ("none", False)


def test_first_paint_cache_is_owner_only(monkeypatch):
    from incidents.filters import IncidentFilter
    from ui import first_paint
    monkeypatch.setattr(first_paint, "stamp", lambda: "f" * 64)
    first_paint.save("en", IncidentFilter(), {"html": "notes"}, 1, 1, "none")
    files = list(first_paint.folder().glob("*.json"))
    assert files, "no record written"
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    assert stat.S_IMODE(first_paint.folder().stat().st_mode) == 0o700
