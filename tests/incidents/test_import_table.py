"""Generic tables: Russian/English headers, cp1251, XLSX, mapping override, odd cells."""
from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from incidents.importers import ImportFileError, read_any

RU_HEADER = "Дата;Село;Район;Область;Широта;Долгота;Тип;Описание;Погибшие;Раненые;Источник"


def _ru_csv(*rows: str, encoding: str = "cp1251") -> bytes:
    return "\r\n".join([RU_HEADER, *rows]).encode(encoding)


def test_cp1251_semicolon_decimal_commas_russian_headers():
    data = _ru_csv("16.05.2025;Ак-Сай;Баткенский;Баткенская;39,8744;70,5221;ДТП;тест;0;2;монитор",
                   "17.05.2025;Ворух;Исфара;Согд;;;водный спор;тест;;;монитор")
    parsed = read_any(data, filename="журнал.csv")
    assert (parsed.format, parsed.encoding, parsed.delimiter) == ("table", "cp1251", ";")
    assert parsed.warnings[0].startswith("encoding detected: cp1251 (confidence ")
    assert parsed.mapping == {
        "event_date": "Дата", "location": "Село", "admin2_given": "Район",
        "admin1_given": "Область", "lat": "Широта", "lon": "Долгота", "category": "Тип",
        "notes": "Описание", "fatalities": "Погибшие", "injuries": "Раненые",
        "source": "Источник"}
    f = parsed.frame
    assert f["location"].tolist() == ["Ак-Сай", "Ворух"]
    assert (f["lat"].iloc[0], f["lon"].iloc[0]) == (39.8744, 70.5221)
    assert f["category"].tolist() == ["road_crash", "water_dispute"]
    assert f["injuries"].iloc[0] == 2 and pd.isna(f["injuries"].iloc[1])  # unknown ≠ 0
    assert f["source_dataset"].eq("internal").all()
    assert f["verification_status"].eq("unverified").all()
    assert f["sensitivity"].eq("internal").all() and f["time_precision"].eq(1).all()


def test_utf8_with_bom_and_comma():
    text = "\ufeffdate,village,type,notes\n2025-05-16,Test-Village A,protest,test row\n"
    parsed = read_any(text.encode("utf-8"), filename="list.csv", source_dataset="other")
    assert parsed.encoding == "utf-8-sig" and parsed.delimiter == ","
    assert parsed.frame["source_dataset"].iloc[0] == "other"
    assert parsed.mapping["event_date"] == "date"  # BOM not part of the header name


def test_category_vocabulary_in_russian_and_english():
    rows = [f"16.05.2025;Село {i};;;;;{cat};тест;;;" for i, cat in enumerate(
        ["ДТП", "вода", "пастбище", "земля", "Пограничный инцидент", "драка молодежи",
         "protest", "Infrastructure dispute", "бытовое насилие", "другое"])]
    f = read_any(_ru_csv(*rows, encoding="utf-8"), filename="t.csv").frame
    assert f["category"].tolist() == [
        "road_crash", "water_dispute", "land_pasture_dispute", "land_pasture_dispute",
        "border_guard_incident", "youth_clash", "protest", "infrastructure_dispute",
        "domestic_violence", "other"]
    assert f["sensitivity"].iloc[8] == "restricted"  # domestic violence


def test_missing_category_column_imports_as_other_flagged():
    parsed = read_any(b"date,village\n2025-05-16,Test-Village A\n", filename="t.csv")
    assert parsed.frame["category"].iloc[0] == "other"
    assert "category_missing" in parsed.frame["review_flags"].iloc[0]


def test_explicit_mapping_overrides_detection():
    data = b"when,where,what,y_coord,x_coord\n16/05/2025,Test-Village A,protest,39.9,70.6\n"
    with pytest.raises(ImportFileError, match="no date column"):
        read_any(data, filename="t.csv")
    parsed = read_any(data, filename="t.csv", mapping={
        "event_date": "when", "location": "where", "category": "what",
        "lat": "y_coord", "lon": "x_coord"})
    row = parsed.frame.iloc[0]
    assert (row["lat"], row["lon"], row["category"]) == (39.9, 70.6, "protest")
    assert json.loads(row["extra"]) == {}


def test_dms_coordinates_and_pair_column():
    data = ("date,village,type,lat,lon,coordinates\n"
            "2025-05-16,A,protest,40°03'12\"N,70°49'E,\n"
            "2025-05-16,B,protest,40 03 12 N,70 49 00 E,\n"
            "2025-05-16,C,protest,,,\"40°03'N 70°49'E\"\n").encode()
    f = read_any(data, filename="t.csv").frame
    assert f["lat"].round(5).tolist() == [40.05333, 40.05333, 40.05]
    assert f["lon"].round(5).tolist() == [70.81667, 70.81667, 70.81667]


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_with_russian_headers_dates_serials_and_numbers():
    data = _xlsx(["№", "Дата", "Населённый пункт", "Широта", "Долгота", "Категория",
                  "Примечание", "Погибшие"],
                 [[1, dt.datetime(2025, 5, 16), "Ак-Сай", 39.8744, 70.5221, "вода", "тест", 0],
                  [2, 45000, "Ворух", "39,8513", "70,5801", "ДТП", "тест", None],
                  [3, "16.05.2025", "Кок-Таш", None, None, "драка молодежи", "тест", "3"]])
    parsed = read_any(data, filename="журнал.xlsx")
    assert parsed.format == "table" and parsed.encoding == "xlsx" and not parsed.rejected
    f = parsed.frame
    assert f["event_date"].tolist() == [pd.Timestamp("2025-05-16"), pd.Timestamp("2023-03-15"),
                                        pd.Timestamp("2025-05-16")]
    assert f["source_event_id"].tolist() == ["1", "2", "3"]
    assert f["lat"].iloc[1] == 39.8513
    assert f["fatalities"].tolist()[0] == 0 and pd.isna(f["fatalities"].iloc[1])
    assert f["geocode_method"].tolist() == ["coordinates", "coordinates", "unresolved"]
    assert parsed.row_numbers.tolist() == [2, 3, 4]


def test_duplicate_header_names_kept_in_extra():
    data = b"date,village,notes,notes\n2025-05-16,A,first,second\n"
    parsed = read_any(data, filename="t.csv")
    row = parsed.frame.iloc[0]
    assert row["notes"] == "first"
    assert json.loads(row["extra"]) == {"notes__2": "second"}
    assert any("duplicate column name 'notes'" in w for w in parsed.warnings)


def test_formula_like_cells_kept_verbatim_and_flagged():
    data = (b"date,village,notes\n2025-05-16,A,=cmd|' /C calc'!A0\n"
            b"2025-05-16,@SUM(1),plain\n2025-05-16,B,-5 people\n")
    f = read_any(data, filename="t.csv").frame
    assert f["notes"].iloc[0] == "=cmd|' /C calc'!A0" and f["location"].iloc[1] == "@SUM(1)"
    flags = f["review_flags"].fillna("")
    assert flags.str.contains("formula_like_text").tolist() == [True, True, False]


def test_html_in_notes_kept_as_text():
    notes = '<b>bold</b> <img src=x onerror="alert(1)">'
    data = f'date,village,notes\n2025-05-16,A,"{notes.replace(chr(34), chr(34) * 2)}"\n'
    assert read_any(data.encode(), filename="t.csv").frame["notes"].iloc[0] == notes


def test_month_dates_and_mmdd_column():
    data = b"date,village\n05.2025,A\n05/16/2025,B\n"
    parsed = read_any(data, filename="t.csv")
    f = parsed.frame
    assert f["event_date"].iloc[0] == pd.Timestamp("2025-05-15")
    assert f["time_precision"].tolist() == [3, 1]
    assert f["event_date"].iloc[1] == pd.Timestamp("2025-05-16")
    assert any("mm/dd/yyyy" in w for w in parsed.warnings)


def test_bytes_and_paths_give_same_result(tmp_path):
    data = _ru_csv("16.05.2025;Ак-Сай;;;39,8744;70,5221;ДТП;тест;;;")
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    a = read_any(path).frame
    b = read_any(data, filename="f.csv").frame
    pd.testing.assert_frame_equal(a, b)
