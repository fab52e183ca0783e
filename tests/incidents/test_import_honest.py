"""Honest imports (issue 16, part 6): an import rejecting every row exits 4; the quarantine
keeps the latest rejection of each source row; rows without coordinates are geocoded
whatever their precision text says."""
from __future__ import annotations

from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.cli import EXIT_DATA, main
from incidents.importers import read_any
from incidents.store import IncidentStore

HEADER = "id,date,village,lat,lon,type\n"


def _store(db):
    return IncidentStore(db)


def test_all_rows_rejected_exits_4(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "A1,not a date,Arka,,,protest\nA2,31.02.2024,Arka,,,protest\n",
                    encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == EXIT_DATA
    assert "every row" in capsys.readouterr().err
    assert len(_store(db).quarantine(ADMIN)) == 2


def test_quarantine_keeps_latest_rejection_per_row(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "A1,2024-05-01,Arka,40.1978,69.8881,protest\n"
                    "A2,not a date,Arka,,,protest\n"
                    ",also not a date,Vorukh,,,protest\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    assert main(["import", str(path), "--db", db]) == 0  # the same file again
    q = _store(db).quarantine(ADMIN)
    assert len(q) == 2, q[["row_number", "reason"]]  # not doubled
    assert len(_store(db).quarantine(ADMIN, include_resolved=True)) == 4  # nothing deleted
    # fix the rows in place and import again: they leave the quarantine
    path.write_text(HEADER + "A1,2024-05-01,Arka,40.1978,69.8881,protest\n"
                    "A2,2024-05-02,Arka,40.1978,69.8881,protest\n"
                    ",2024-05-03,Vorukh,39.8513,70.5801,protest\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    assert _store(db).quarantine(ADMIN).empty


def test_fixed_row_from_the_fix_file_leaves_the_quarantine(tmp_path):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "A1,2024-05-01,Arka,40.1978,69.8881,protest\n"
                    "A2,not a date,Arka,,,protest\n", encoding="utf-8")
    main(["import", str(path), "--db", db])
    fix = tmp_path / "fix.csv"  # another file, another row number, the same source id
    fix.write_text(HEADER + "A0,2024-04-30,Arka,40.1978,69.8881,protest\n"
                   "A9,2024-04-29,Arka,40.1978,69.8881,protest\n"
                   "A2,2024-05-02,Arka,40.1978,69.8881,protest\n", encoding="utf-8")
    main(["import", str(fix), "--db", db])
    assert _store(db).quarantine(ADMIN).empty


def test_rows_without_coordinates_go_to_geocoding_whatever_the_precision_text():
    data = (b"date,village,lat,lon,geo precision,type\n"
            b"2024-05-01,Vorukh,,,near the village,protest\n"
            b"2024-05-01,Vorukh,39.85,70.58,near the village,protest\n")
    parsed = read_any(data, filename="p.csv")
    assert len(parsed.frame) == 1 and len(parsed.rejected) == 1
    assert parsed.rejected[0].field == "geo_precision"  # with a point, a bad code is an error
    assert parsed.frame["geocode_method"].iloc[0] == "unresolved"
    assert any("geocoded instead" in w for w in parsed.warnings)
