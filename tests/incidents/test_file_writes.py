"""Every CSV/XLSX writer guards formulas the same way (fileio), quotes multi-line fields,
and every export is written atomically; NUL and control characters never make invalid
KML or a failed XLSX (issue 15, "Unsafe files and inputs")."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

import fileio
from incidents.access import LOCAL_ADMIN
from incidents.schema import conform
from sharing.export import export

HOSTILE_CELLS = ("\r=2+2", "\n=3+3", "\t=4+4", "=1+1", "+1+1", "-1+1", "@SUM(A1:A9)",
                 "ok\r\n=5+5", "plain")


def _rows(text: str) -> list[list[str]]:
    """Rows as a spreadsheet reads them: RFC 4180, a quoted field may hold line breaks."""
    return list(csv.reader(io.StringIO(text, newline="")))


def _assert_guarded(text: str, n_rows: int, column: int = 0) -> None:
    rows = _rows(text)
    assert len(rows) == n_rows + 1, rows  # no row was split by a CR or LF
    for row in rows[1:]:
        cell = row[column]
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), cell


def test_csv_text_guards_and_quotes_line_breaks():
    df = pd.DataFrame({"v": list(HOSTILE_CELLS), "n": range(len(HOSTILE_CELLS))})
    text = fileio.csv_text(df)
    _assert_guarded(text, len(HOSTILE_CELLS))
    back = fileio.restore_formulas(pd.read_csv(io.StringIO(text), dtype=str,
                                               keep_default_na=False))
    assert back["v"].tolist() == list(HOSTILE_CELLS)
    assert fileio.neutralise_formulas(pd.DataFrame({"v": ["-12.5", "+3"]}))["v"].tolist() \
        == ["-12.5", "+3"]  # plain numbers stay numbers


def _incidents(notes) -> pd.DataFrame:
    n = len(notes)
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i:06d}" for i in range(1, n + 1)], "source_dataset": "test",
        "event_date": pd.Timestamp("2024-05-01"), "time_precision": 1,
        "category": "water_dispute", "lat": 39.9, "lon": 70.55, "geo_precision": 1,
        "verification_status": "unverified", "sensitivity": "internal",
        "location": list(notes), "notes": list(notes)}))


def test_internal_csv_export_is_guarded(tmp_path):
    df = _incidents(HOSTILE_CELLS)
    out = tmp_path / "x.csv"
    export(df, "csv", out, mode="internal", principal=LOCAL_ADMIN)
    text = out.read_bytes().decode("utf-8")
    header = _rows(text)[0]
    _assert_guarded(text, len(df), header.index("notes"))


def test_quarantine_out_is_guarded(tmp_path, monkeypatch):
    from incidents import cli

    rows = pd.DataFrame({"date": list(HOSTILE_CELLS), "quarantine_row": "2"})
    monkeypatch.setattr(cli, "_store", lambda args: setattr(args, "principal", LOCAL_ADMIN)
                        or SimpleNamespace(quarantine_rows=lambda principal, batch: rows))
    out = tmp_path / "fix.csv"
    assert cli.main(["quarantine", "--db", "sqlite://", "--out", str(out)]) == 0
    _assert_guarded(out.read_bytes().decode("utf-8"), len(rows))


def test_analysis_pairs_out_is_guarded(tmp_path):
    from analysis.cli import write_table

    pairs = pd.DataFrame({"kg_name": ["=1+1", "@SUM(A1:A2)", "\r=2+2"],
                          "tj_name": ["a", "b", "c"], "score": [0.1, 0.2, 0.3]})
    path = write_table(pairs, tmp_path / "pairs.csv")
    _assert_guarded(path.read_bytes().decode("utf-8"), 3)


def test_registry_csv_is_guarded():
    from analysis.registry import empty_registry, registry_csv_text

    reg = empty_registry()
    text = registry_csv_text(pd.concat([reg, pd.DataFrame({"name_en": ["\r=2+2", "@x"]})]))
    rows = _rows(text)
    col = rows[0].index("name_en")
    _assert_guarded(text, 2, col)


NUL_TEXT = ("Ak\x00Say", "bell\x07 \x1b[31m", "ok")


@pytest.mark.parametrize("fmt", ["kml", "xlsx", "csv", "geojson", "gpkg"])
def test_control_characters_make_valid_files(tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    export(_incidents(NUL_TEXT), fmt, out, mode="internal", principal=LOCAL_ADMIN)
    if fmt == "kml":
        root = ET.parse(out).getroot()  # valid XML
        values = [v.text or "" for v in root.iter("{http://www.opengis.net/kml/2.2}value")]
        assert "AkSay" in values
    elif fmt == "xlsx":
        ws = openpyxl.load_workbook(out).active
        assert "AkSay" in [c.value for c in next(ws.iter_cols(
            min_col=[c.value for c in ws[1]].index("notes") + 1))]
    elif fmt in ("geojson", "gpkg"):
        assert len(gpd.read_file(out)) == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "kml", "geojson", "gpkg"])
def test_an_interrupted_export_leaves_no_partial_file(tmp_path, monkeypatch, fmt):
    """Disk full while writing: the old file stays whole, no new or truncated file."""
    out = tmp_path / f"x.{fmt}"
    out.write_bytes(b"previous export")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(fileio.os, "replace", disk_full)
    with pytest.raises(OSError):
        export(_incidents(["a", "b"]), fmt, out, mode="internal", principal=LOCAL_ADMIN)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary left behind


def test_a_writer_failing_half_way_leaves_nothing(tmp_path, monkeypatch):
    out = tmp_path / "x.xlsx"

    def half(self, path, **kwargs):
        open(path, "wb").write(b"PK\x03\x04 partial")
        raise ValueError("cell failed")
    monkeypatch.setattr(pd.DataFrame, "to_excel", half)
    with pytest.raises(ValueError):
        export(_incidents(["a"]), "xlsx", out, mode="internal", principal=LOCAL_ADMIN)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "kml", "geojson", "gpkg"])
def test_the_hostile_corpus_survives_every_export_format(tmp_path, fmt):
    """Every hostile string (tests/hostile.py) as place and note: the file is valid and
    gives the text back (NUL and controls removed; formula cells behind a quote)."""
    from tests.hostile import HOSTILE, storable

    out = tmp_path / f"x.{fmt}"
    export(_incidents(HOSTILE), fmt, out, mode="internal", principal=LOCAL_ADMIN)
    expected = [storable(h) for h in HOSTILE]
    if fmt == "csv":
        got = fileio.restore_formulas(pd.read_csv(out, dtype=str, keep_default_na=False))
        notes = got["notes"].tolist()
    elif fmt == "xlsx":
        got = fileio.restore_formulas(pd.read_excel(out, dtype=str, keep_default_na=False))
        notes = got["notes"].tolist()
    elif fmt == "kml":
        root = ET.parse(out).getroot()
        ns = "{http://www.opengis.net/kml/2.2}"
        notes = [d.find(f"{ns}value").text or "" for d in root.iter(f"{ns}Data")
                 if d.get("name") == "notes"]
    else:
        notes = gpd.read_file(out)["notes"].fillna("").tolist()
    assert notes == expected
