"""Unsafe import files (issue 15): encodings guessed and reported, control characters
removed, points outside the region rejected with row/field/reason, limits on rows, cells
and XLSX expansion with clear messages, and messages that say what is wrong."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest

from incidents.importers import limits, read_any, source
from incidents.importers.result import ImportFileError

HEADER = "date,village,lat,lon,type,notes\n"


def _csv(*rows: str) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


@pytest.mark.parametrize("encoding,expected", [
    ("latin-1", "cp1252"), ("koi8-r", "koi8_r"), ("utf-16-le", "utf_16_le"),
    ("utf-16-be", "utf_16_be"), ("cp1251", "cp1251")])
def test_encodings_are_detected_and_reported(encoding, expected):
    latin = encoding == "latin-1"
    note = ("Café Señora près de la rivière et garçon naïve" if latin
            else "столкновение у канала и спор о воде на границе")
    place = "Zürich-Déjà" if latin else "Ворух"
    text = _csv(f"2024-05-01,{place},39.87,70.52,youth_clash,{note}",
                f"2024-05-02,{place},39.85,70.58,youth_clash,{note}")
    parsed = read_any(text.encode(encoding), filename="x.csv")
    assert parsed.encoding == expected
    assert 0.5 <= parsed.encoding_confidence <= 1
    assert parsed.frame["notes"].tolist() == [note, note]  # no mojibake
    assert parsed.frame["location"].iloc[0] == place
    assert parsed.warnings[0].startswith(f"encoding detected: {expected} (confidence ")


def test_the_import_report_carries_the_guess(tmp_path, capsys):
    from incidents.cli import main
    path = tmp_path / "koi8.csv"
    path.write_bytes(_csv("2024-05-01,Ворух,39.87,70.52,youth_clash,спор о воде у канала")
                     .encode("koi8-r"))
    out = tmp_path / "r.json"
    assert main(["import", str(path), "--db", f"sqlite:///{tmp_path / 's.sqlite'}",
                 "--report", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["encoding"] == "koi8_r" and 0.5 <= report["encoding_confidence"] <= 1
    assert "text encoding: koi8_r (detected, confidence " in capsys.readouterr().out


def test_an_undecidable_encoding_is_refused_not_guessed():
    with pytest.raises(ImportFileError, match="cannot tell the text encoding"):
        read_any(b"date,village\n16.05.2025,\x98\x98\n", filename="a.csv")


def test_nul_and_control_characters_are_removed_at_import():
    text = _csv("2024-05-01,Ak\x00Say,39.87,70.52,youth_clash,bell\x07 esc\x1b[31m",
                "2024-05-02,Vorukh,39.85,70.58,youth_clash,two\nlines\tand tab")
    parsed = read_any(text.replace("two\nlines\tand tab", '"two\nlines\tand tab"')
                      .encode("utf-8"), filename="x.csv")
    assert parsed.frame["location"].tolist() == ["AkSay", "Vorukh"]
    assert parsed.frame["notes"].tolist() == ["bell esc[31m", "two\nlines\tand tab"]
    assert any("control characters" in w for w in parsed.warnings)


def test_an_imported_nul_makes_valid_kml(tmp_path):
    from incidents.schema import conform
    from sharing.export import export
    text = _csv("2024-05-01,Ak\x00Say,39.87,70.52,youth_clash,n\x00ote")
    parsed = read_any(text.encode("utf-8"), filename="x.csv")
    frame = conform(parsed.frame.assign(event_id="KGTJ-000001"))
    from incidents.access import LOCAL_ADMIN
    export(frame, "kml", tmp_path / "x.kml", mode="internal", principal=LOCAL_ADMIN)
    ET.parse(tmp_path / "x.kml")


@pytest.mark.parametrize("lat,lon", [("-0.0", "1e-320"), ("1e-320", "-0.0"),
                                     ("55.75", "37.62"), ("39.87", "170.52")])
def test_points_outside_the_region_are_rejected_with_a_reason(lat, lon):
    parsed = read_any(_csv(f"2024-05-01,Ak-Say,{lat},{lon},youth_clash,x",
                           "2024-05-02,Vorukh,39.85,70.58,youth_clash,y").encode(),
                      filename="x.csv")
    assert len(parsed.frame) == 1 and len(parsed.rejected) == 1
    bad = parsed.rejected[0]
    assert bad.row_number == 2 and bad.field == "lat/lon"
    assert "outside the region of Kyrgyzstan and Tajikistan" in bad.reason


def test_kml_is_named_as_such():
    kml = (b'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/'
           b'2.2"><Document><Placemark><name>x</name></Placemark></Document></kml>\n')
    for name in ("points.kml", "points.csv"):
        with pytest.raises(ImportFileError, match="a KML file, not an incident table") as err:
            read_any(kml, filename=name)
        assert "only a header row" not in str(err.value)


def test_a_huge_cell_is_named_as_too_long_not_as_an_open_quote():
    big = _csv('2024-05-01,Ak-Say,39.87,70.52,youth_clash,"' + "x" * 10_000_000 + '"')
    with pytest.raises(ImportFileError, match="longer than 131,072 characters") as err:
        read_any(big.encode(), filename="big.csv")
    assert "line 2" in str(err.value)


def test_a_quote_that_never_closes_says_so():
    text = _csv('2024-05-01,Ak-Say,39.87,70.52,youth_clash,"open', "2024-05-02,x,1,2,y,z")
    with pytest.raises(ImportFileError, match="a quote opened in a cell never closes"):
        read_any(text.encode(), filename="q.csv")


def _expanding_xlsx(n_rows: int) -> bytes:
    """A small workbook whose sheet XML expands a lot (rows of the same text)."""
    wb = openpyxl.Workbook()
    wb.active.append(["date", "village", "lat", "lon", "type"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    row = ('<row><c t="inlineStr"><is><t>2024-05-01</t></is></c><c t="inlineStr"><is><t>'
           'Ak-Say</t></is></c><c><v>39.87</v></c><c><v>70.52</v></c><c t="inlineStr"><is>'
           '<t>youth_clash</t></is></c></row>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r"<dimension[^>]*/>", "", data.decode())
                head, tail = text.split("</row>", 1)
                data = (head + "</row>" + row * n_rows + tail).encode()
            zf.writestr(item, data)
    return out.getvalue()


def test_an_expanding_xlsx_is_refused_before_it_is_opened(monkeypatch):
    data = _expanding_xlsx(20_000)  # ~5 MB of sheet XML in ~30 KB
    assert len(data) < 100_000
    monkeypatch.setattr(limits, "MAX_XLSX_EXPANDED_MB", 2)

    def never(*a, **k):
        raise AssertionError("the workbook was opened")
    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(ImportFileError, match=r"expands to \d+ MB, more than the limit of 2 MB"):
        read_any(data, filename="big.xlsx")


def test_row_limits_name_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    monkeypatch.setattr(source, "MAX_ROWS", 50)
    rows = [f"2024-05-01,Ak-Say,39.87,70.52,youth_clash,{i}" for i in range(60)]
    with pytest.raises(ImportFileError, match="more than 50 data rows"):
        read_any(_csv(*rows).encode(), filename="x.csv")
    with pytest.raises(ImportFileError, match="more than 50 data rows"):
        read_any(_expanding_xlsx(60), filename="x.xlsx")
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    with pytest.raises(ImportFileError, match="limit of 100 cells"):
        read_any(_csv(*rows[:20]).encode(), filename="x.csv")


def test_the_upload_limit_is_the_servers():
    import tomllib

    import settings
    conf = tomllib.loads((settings.REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert conf["server"]["maxUploadSize"] == limits.MAX_UPLOAD_MB


def test_registry_csv_import_removes_control_characters():
    from analysis.registry import read_registry_csv
    text = ("name_en,iso3,lon,lat,mech_type,status\n"
            "Ak\x00Say\x07,KGZ,70.52,39.87,cswg,active\n")
    result = read_registry_csv(io.BytesIO(text.encode("utf-8")))
    assert result.frame["name_en"].tolist() == ["AkSay"]


def test_a_record_added_by_hand_loses_control_characters():
    from incidents.validation import validate_record
    frame = validate_record({"event_date": "2024-05-01", "category": "water_dispute",
                             "lat": 39.9, "lon": 70.55, "location": "Ak\x00Say",
                             "notes": "line\x1b one\nline two", "source_dataset": "internal"})
    assert frame["location"].iloc[0] == "AkSay"
    assert frame["notes"].iloc[0] == "line one\nline two"
