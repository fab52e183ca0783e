"""Malformed input: each case ends as a clear per-row reason or a clear file-level error,
never a crash and never a lost row."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from incidents.importers import ImportFileError, read_any

HEAD = "date,village,type,lat,lon,deaths,injured,verification,geo_precision,notes"
GOOD = "16.05.2025,Test-Village A,protest,39.9,70.6,,,,,test row"
FUTURE = (dt.date.today() + dt.timedelta(days=400)).strftime("%d.%m.%Y")


def _csv(*rows: str, head: str = HEAD) -> bytes:
    return "\n".join([head, *rows]).encode("utf-8")


# (case id, bytes, filename, expected error substring)
FILE_CASES = [
    ("empty file", b"", "a.csv", "empty"),
    ("whitespace only", b"  \r\n\r\n ", "a.csv", "empty"),
    ("header only", _csv(), "a.csv", "only a header"),
    ("header only with blank lines", _csv("", ""), "a.csv", "only a header"),
    ("no date column", b"village,type\nA,protest\n", "a.csv", "no date column"),
    ("undecodable bytes", b"date,village\n16.05.2025,\x98\x98\n", "a.csv", "encoding"),
    ("unterminated quote", b'date,village\n16.05.2025,"A\n17.05.2025,B\n', "a.csv", "quot"),
    ("old xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "a.xls", ".xls"),
    ("broken xlsx", b"PK\x03\x04garbage", "a.xlsx", "XLSX"),
    ("broken geojson", b'{"type": "FeatureCollection", "features": [', "a.geojson",
     "geojson"),
    ("empty geojson", b'{"type": "FeatureCollection", "features": []}', "a.geojson",
     "no features"),
    ("binary junk as csv", bytes(range(256)) * 4, "a.csv", "a.csv"),
]


@pytest.mark.parametrize("data,filename,expected", [c[1:] for c in FILE_CASES],
                         ids=[c[0] for c in FILE_CASES])
def test_file_level_errors_name_file_and_reason(data, filename, expected):
    with pytest.raises(ImportFileError) as err:
        read_any(data, filename=filename)
    assert expected.lower() in str(err.value).lower()
    assert filename in str(err.value) or "geojson" in expected


def test_unknown_format_and_bad_mapping():
    with pytest.raises(ImportFileError, match="unknown format 'shapefile'"):
        read_any(_csv(GOOD), fmt="shapefile", filename="a.csv")
    with pytest.raises(ImportFileError, match=r"mapped column\(s\) \['Nope'\] not in the file"):
        read_any(_csv(GOOD), filename="a.csv", mapping={"location": "Nope"})
    with pytest.raises(ImportFileError, match="unknown field"):
        read_any(_csv(GOOD), filename="a.csv", mapping={"colour": "village"})


# (case id, bad row, expected field, expected reason substring)
ROW_CASES = [
    ("impossible date", "31.02.2024,A,protest,39.9,70.6,,,,,x", "event_date", "not a valid"),
    ("word for a date", "yesterday,A,protest,39.9,70.6,,,,,x", "event_date", "not a recognised"),
    ("year only", "2024,A,protest,39.9,70.6,,,,,x", "event_date", "year-only"),
    ("future date", f"{FUTURE},A,protest,39.9,70.6,,,,,x", "event_date", "future"),
    ("empty date", ",A,protest,39.9,70.6,,,,,x", "event_date", "empty"),
    ("lat 400", "16.05.2025,A,protest,400,70.6,,,,,x", "lat", "out of range"),
    ("lon text", "16.05.2025,A,protest,39.9,abc,,,,,x", "lon", "not a longitude"),
    ("lat without lon", "16.05.2025,A,protest,39.9,,,,,,x", "lon", "without longitude"),
    ("E in lat column", "16.05.2025,A,protest,70°49'E,40.1,,,,,x", "lat", "longitude"),
    ("text in fatalities", "16.05.2025,A,protest,39.9,70.6,many,,,,x", "fatalities",
     "not a number"),
    ("negative fatalities", "16.05.2025,A,protest,39.9,70.6,-2,,,,x", "fatalities", "negative"),
    ("fractional injuries", "16.05.2025,A,protest,39.9,70.6,,1.5,,,x", "injuries", "whole"),
    ("no coordinates no place", "16.05.2025,,protest,NaN,NaN,,,,,x", "location",
     "no coordinates and no place name"),
    ("bad verification", "16.05.2025,A,protest,39.9,70.6,,,maybe,,x", "verification_status",
     "not one of"),
    ("bad precision code", "16.05.2025,A,protest,39.9,70.6,,,,7,x", "geo_precision",
     "not one of 1, 2, 3"),
    ("too many cells", "16.05.2025,A,protest,39.9,70.6,,,,,x,surplus", "(row)", "11 cells"),
    ("too few cells", "16.05.2025,A,protest", "(row)", "3 cells"),
]


@pytest.mark.parametrize("bad,fld,reason", [c[1:] for c in ROW_CASES],
                         ids=[c[0] for c in ROW_CASES])
def test_row_level_rejections_keep_the_row(bad, fld, reason):
    parsed = read_any(_csv(GOOD, bad, GOOD), filename="a.csv")
    assert parsed.rows_read == 3 and len(parsed.frame) == 2
    assert parsed.row_numbers.tolist() == [2, 4]
    [rej] = parsed.rejected
    assert rej.row_number == 3 and rej.field == fld
    assert reason in rej.reason
    first_cells = bad.split(",")
    assert list(rej.raw.values())[: len(first_cells)][:3] == first_cells[:3]


@pytest.mark.parametrize("cell,warning", [("picnic", "not in the synonym table"),
                                          ("драка из-за воды", "several categories")])
def test_unknown_category_becomes_other_with_a_warning(cell, warning):
    """Issue 16: anything outside the synonym table is 'other', flagged and warned about."""
    parsed = read_any(_csv(GOOD, f"16.05.2025,A,{cell},39.9,70.6,,,,,x", GOOD),
                      filename="a.csv")
    assert not parsed.rejected and len(parsed.frame) == 3
    assert parsed.frame["category"].iloc[1] == "other"
    assert "category_unmapped" in parsed.frame["review_flags"].iloc[1]
    assert any(warning in w and cell in w for w in parsed.warnings)
    assert parsed.category_rules[f"'{cell}' → other"] == 1


def test_end_date_before_start():
    head = "date,date end,village"
    parsed = read_any(_csv("16.05.2025,14.05.2025,A", head=head), filename="a.csv")
    assert parsed.rejected[0].field == "event_date_end"


def test_wrong_delimiter_rows_rejected_not_lost():
    data = b"date;village;type\n16.05.2025,A,protest\n17.05.2025,B,protest\n"
    parsed = read_any(data, filename="a.csv")
    assert parsed.delimiter == ";" and parsed.rows_read == 2 and parsed.frame.empty
    assert {r.row_number for r in parsed.rejected} == {2, 3}
    assert all("1 cells but the header has 3" in r.reason for r in parsed.rejected)


def test_quoted_line_breaks_keep_spreadsheet_row_numbers():
    data = b'date,village,notes\n16.05.2025,A,"two\nlines"\nyesterday,B,x\n'
    parsed = read_any(data, filename="a.csv")
    assert parsed.frame["notes"].iloc[0] == "two\nlines"
    assert parsed.rejected[0].row_number == 3


def test_only_place_name_accepted_unresolved():
    parsed = read_any(_csv("16.05.2025,Test-Village Z,protest,,,,,,,x"), filename="a.csv")
    row = parsed.frame.iloc[0]
    assert row["geocode_method"] == "unresolved" and row["geo_precision"] is not None
    assert str(row["geo_precision"]) == "<NA>"


def test_zero_zero_is_no_point():
    parsed = read_any(_csv("16.05.2025,A,protest,0,0,,,,,x"), filename="a.csv")
    assert parsed.frame["geocode_method"].iloc[0] == "unresolved"
    assert any("0, 0" in w for w in parsed.warnings)


def test_outside_region_point_accepted():
    parsed = read_any(_csv("16.05.2025,Bishkek test,protest,42.87,74.59,,,,,x"),
                      filename="a.csv")
    assert parsed.frame["lat"].iloc[0] == 42.87 and not parsed.rejected


def test_rejected_raw_roundtrips_to_a_fixed_file():
    parsed = read_any(_csv(GOOD, "31.02.2024,A,protest,39.9,70.6,,,,,x"), filename="a.csv")
    raw = dict(parsed.rejected[0].raw)
    raw["date"] = "28.02.2024"
    fixed = ",".join(raw.values())
    again = read_any(_csv(fixed), filename="a.csv")
    assert not again.rejected and again.frame["event_date"].iloc[0].day == 28
    assert json.loads(again.frame["extra"].iloc[0]) == {}


def test_xlsx_header_only_and_empty_sheet():
    import io

    import openpyxl

    for rows in ([["Дата", "Село"]], []):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buf = io.BytesIO()
        book.save(buf)
        with pytest.raises(ImportFileError, match="j.xlsx: (only a header|the file is empty)"):
            read_any(buf.getvalue(), filename="j.xlsx")


def test_utf16_tab_separated_unicode_text():
    data = "Дата\tСело\tТип\r\n16.05.2025\tАк-Сай\tДТП\r\n".encode("utf-16")
    parsed = read_any(data, filename="unicode.txt")
    assert (parsed.encoding, parsed.delimiter) == ("utf-16", "\t")
    assert parsed.frame["category"].iloc[0] == "road_crash"


def test_line_separator_characters_in_an_unused_cell_stay_in_extra():
    # U+0085 and U+2028 are line breaks to str.splitlines, not to JSON (found by
    # test_import_fuzz: the row's extra was split in two and the import crashed)
    data = (HEAD + ",remark\n" + GOOD + ",a\u0085b\u2028c\n" + GOOD + ",d\n").encode()
    parsed = read_any(data, filename="a.csv")
    assert len(parsed.frame) == 2 and not parsed.rejected
    assert [json.loads(e)["remark"] for e in parsed.frame["extra"]] == ["a\u0085b\u2028c", "d"]
