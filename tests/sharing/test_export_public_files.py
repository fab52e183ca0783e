"""Public files carry their protection report and neutralise spreadsheet formulas."""
from __future__ import annotations

import json
import sqlite3

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from sharing.export import export_public, sidecar_path
from sharing.protect import ProtectionOptions


@pytest.fixture
def frame(world):
    x = np.array([-30000.0, -30010.0, -30020.0, -32000.0])
    y = np.array([20000.0, 20000.0, 20000.0, -8000.0])
    return world.incidents_at(x, y, category=["=cmd|' /C calc'!A0", "water_dispute",
                                              "water_dispute", "+protest"],
                              actor1="Aziz Karimov")


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg", "xlsx", "kml"])
def test_every_format_records_protection(world, frame, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    report = export_public(frame, fmt, path, world.engine,
                           ProtectionOptions(location="settlement"))
    raw = path.read_bytes()
    assert b"Aziz" not in raw and b"Karimov" not in raw
    if fmt == "geojson":
        doc = json.loads(raw)
        assert doc["protection"]["mode"] == "public"
        assert doc["protection"]["summary"] == report.headline()
    elif fmt == "csv":
        assert "Export mode: PUBLIC." in sidecar_path(path).read_text(encoding="utf-8")
        df = pd.read_csv(path)
        assert not df["category"].astype(str).str.match(r"^[=+\-@]").any()
        assert "'=cmd|' /C calc'!A0" in set(df["category"])
    elif fmt == "gpkg":
        with sqlite3.connect(path) as con:
            lines = [r[0] for r in con.execute("SELECT line FROM protection")]
            kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
        assert lines == report.lines() and kinds["protection"] == "attributes"
    elif fmt == "xlsx":
        wb = load_workbook(path)
        assert wb.sheetnames[1] == "protection"
        assert wb["protection"]["A1"].value == "Export mode: PUBLIC."
        cats = [c.value for c in wb[wb.sheetnames[0]]["A"]]  # record_type column first
        values = [c.value for row in wb[wb.sheetnames[0]].iter_rows() for c in row]
        assert not any(isinstance(v, str) and v[:1] in "=+@" for v in values), cats
    else:
        assert b"<description>Export mode: PUBLIC." in raw


def test_download_bytes_carry_the_report(world, frame):
    import io
    import zipfile

    from incidents.access import LOCAL_ADMIN
    from sharing.export import export_bytes

    day = __import__("datetime").date(2026, 11, 25)
    data, name, report = export_bytes(frame, "csv", world.engine, name="demo", date=day)
    assert name == "KGZ-TJK_demo_public_20261125.zip"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(zf.namelist())
        assert names == ["KGZ-TJK_demo_public_20261125.csv",
                         "KGZ-TJK_demo_public_20261125.protection.txt"]
        assert zf.read(names[1]).decode("utf-8").splitlines() == report.lines()
    data, name, _ = export_bytes(frame, "geojson", world.engine, date=day)
    assert name.endswith(".geojson") and json.loads(data)["protection"]["mode"] == "public"
    # internal: the rows as stored, no report
    data, name, report = export_bytes(frame, "geojson", mode="internal", date=day,
                                      principal=LOCAL_ADMIN)
    assert name == "KGZ-TJK_incidents_internal_20261125.geojson" and report is None
    doc = json.loads(data)
    assert "protection" not in doc and len(doc["features"]) == len(frame)


LATIN_WORD = r"\b[A-Za-z]{4,}\b"
# what a Russian report may keep in Latin: field names and the user's ids and values
RU_ALLOWED = {"notes", "border_dist_band", "border_dist_m", "side_contested", "contested",
              "source_event_id", "actor1", "actor2", "Kobo"}


@pytest.mark.parametrize("fmt", ["csv", "gpkg", "xlsx", "kml", "geojson"])
@pytest.mark.parametrize("location", ["settlement", "hex"])
def test_the_report_in_the_file_reads_in_russian(world, frame, tmp_path, fmt, location):
    """A Russian user's public file carries the report in Russian (each sentence keyed,
    plural forms by Babel's rules), the same sentences as the English one, no English words
    beyond field names."""
    import re

    path = tmp_path / f"out.{fmt}"
    frame = frame.assign(notes="call +996 555 123 456", notes_shareable=True)
    report = export_public(frame, fmt, path, world.engine,
                           ProtectionOptions(location=location), lang="ru")
    ru, en = report.lines("ru"), report.lines("en")
    assert len(ru) == len(en) >= 4 and ru[0] == "Режим выгрузки: ПУБЛИЧНЫЙ."
    assert any(line.startswith("ВНИМАНИЕ:") and "телефон" in line for line in ru) \
        == any("phone" in line for line in en)
    for line in ru:
        latin = set(re.findall(LATIN_WORD, line)) - RU_ALLOWED - set(report.dropped_fields)
        assert not latin, line
        assert "(s)" not in line and "(ов)" not in line
    if fmt == "csv":
        written = sidecar_path(path).read_text(encoding="utf-8").splitlines()
    elif fmt == "gpkg":
        with sqlite3.connect(path) as con:
            written = [r[0] for r in con.execute("SELECT line FROM protection")]
    elif fmt == "xlsx":
        written = [c.value for c in load_workbook(path)["protection"]["A"]]
    elif fmt == "kml":
        written = path.read_text(encoding="utf-8").split("<description>", 1)[1] \
            .split("</description>", 1)[0].splitlines()
    else:
        doc = json.loads(path.read_bytes())["protection"]
        written = doc["lines"]
        assert doc["actions"] == [str(a) for a in report.actions]  # machine part: English
    assert written == ru


def test_report_sentences_follow_plural_rules():
    from sharing.report import ProtectionReport

    rep = ProtectionReport()
    for n in (1, 2, 5, 21):
        rep.add("deleted", n=n)
    assert [s.text("ru") for s in rep.actions] == [
        "1 удалённая запись не включена.", "2 удалённые записи не включены.",
        "5 удалённых записей не включено.", "21 удалённая запись не включена."]
    assert [str(s) for s in rep.actions[:2]] == ["1 deleted record left out.",
                                                 "2 deleted records left out."]
