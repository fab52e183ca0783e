"""End to end over helper D1's fixture files (read, not edited) and an updated ACLED export."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.cli import main
from incidents.store import IncidentStore

FIXTURES = Path(__file__).parent / "fixtures"
UPDATED = Path(__file__).parent / "fixtures_store" / "fictitious_armed_conflict_export_updated.csv"
LAYOUTS = ["fictitious_armed_conflict_export.csv", "fictitious_armed_conflict_old_numeric.csv",
           "kobo_export.csv", "ucdp_ged.csv", "incidents.geojson"]


@pytest.fixture
def db(db_url):
    """A new store on each backend (SQLite, PostgreSQL)."""
    return db_url


def _import(db, path, tmp_path, *extra) -> dict:
    report = tmp_path / f"{Path(path).stem}.json"
    assert main(["import", str(path), "--db", db, "--report", str(report), *extra]) == 0
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_accounted_for_and_reimport_is_noop(db, tmp_path, name):
    first = _import(db, FIXTURES / name, tmp_path)
    assert first["rows_read"] > 0
    assert first["rows_read"] == (first["inserted"] + first["updated"] + first["duplicates"]
                                  + first["rejected_count"])
    store = IncidentStore(db)
    assert store.count(principal=ADMIN) == first["inserted"]
    assert len(store.quarantine(ADMIN)) == first["rejected_count"]
    before = store.load(principal=ADMIN)
    again = _import(db, FIXTURES / name, tmp_path)
    assert (again["inserted"], again["updated"]) == (0, 0)
    assert again["duplicates"] == first["inserted"]
    pd.testing.assert_frame_equal(store.load(principal=ADMIN), before)


def test_updated_acled_export_updates_changed_events(db, tmp_path, capsys):
    first = _import(db, FIXTURES / "fictitious_armed_conflict_export.csv", tmp_path)
    rep = _import(db, UPDATED, tmp_path)
    assert rep["updated"] == 1 and rep["inserted"] == 1
    assert rep["duplicates"] == first["inserted"] - 1
    store = IncidentStore(db)
    row = store.load(principal=ADMIN).set_index("source_event_id").loc["TST1"]
    assert row["fatalities"] == 3
    h = store.history(row["event_id"], ADMIN)
    fat = h[(h["action"] == "import_update") & (h["field"] == "fatalities")]
    assert fat[["old_value", "new_value"]].values.tolist() == [["2", "3"]]
    capsys.readouterr()
    assert main(["history", row["event_id"], "--db", db]) == 0
    assert "fatalities: 2 → 3" in capsys.readouterr().out


def test_cross_source_duplicate_from_a_table_file(db, tmp_path):
    _import(db, FIXTURES / "fictitious_armed_conflict_export.csv", tmp_path)
    store = IncidentStore(db)
    ref = store.load(principal=ADMIN).dropna(subset=["lon"]).iloc[0]
    table = tmp_path / "monitor.csv"
    table.write_text(
        "date,village,lat,lon,type,notes\n"
        f"{ref['event_date']:%Y-%m-%d},Same place,{ref['lat'] + 0.002:.4f},"
        f"{ref['lon'] + 0.002:.4f},{ref['category']},monitor report\n", encoding="utf-8")
    rep = _import(db, table, tmp_path, "--source-dataset", "internal")
    assert rep["inserted"] == 1 and rep["flagged_possible_duplicates"] == 1
    new = store.load(principal=ADMIN).set_index("source_dataset").loc["internal"]
    assert new["review_flags"] == f"possible_duplicate:{ref['event_id']}"
    assert store.count(principal=ADMIN) == len(store.load(principal=ADMIN))  # both kept, not merged


def test_cli_filters_on_list_and_export(db, tmp_path, capsys):
    assert main(["demo", "--db", db]) == 0
    out = tmp_path / "water.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--db", db, "--mode",
                 "internal", "--category", "water_dispute", "--from", "2021-01-01"]) == 0
    df = pd.read_csv(out)
    assert len(df) > 0 and set(df["category"]) == {"water_dispute"}
    assert (pd.to_datetime(df["event_date"]) >= "2021-01-01").all()
    capsys.readouterr()
    assert main(["list", "--db", db, "--category", "nonsense"]) == 4
    assert "nonsense" in capsys.readouterr().err


def test_quarantined_rows_can_be_fixed_and_reimported(db, tmp_path, capsys):
    path = tmp_path / "table.csv"
    path.write_text("date,village,lat,lon,type\n2024-05-01,Ak-Say,39.87,70.52,youth_clash\n"
                    "2024-13-45,Vorukh,39.85,70.58,youth_clash\n", encoding="utf-8")
    first = _import(db, path, tmp_path)
    assert first["rejected_count"] == 1
    fix = tmp_path / "fix.csv"
    assert main(["quarantine", "--db", db, "--out", str(fix)]) == 0
    rows = pd.read_csv(fix, dtype=str)
    assert rows.loc[0, "date"] == "2024-13-45" and rows.loc[0, "quarantine_row"] == "3"
    assert rows.loc[0, "lat"] == "39.85"  # plain numbers are not quote-prefixed
    rows.loc[0, "date"] = "2024-05-02"
    rows.drop(columns=["quarantine_row", "quarantine_field", "quarantine_reason"]).to_csv(
        fix, index=False)
    second = _import(db, fix, tmp_path)
    assert second["inserted"] == 1 and second["rejected_count"] == 0
    assert IncidentStore(db).count(principal=ADMIN) == 2
