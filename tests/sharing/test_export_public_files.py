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
