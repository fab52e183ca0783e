"""UCDP GED precision codes and KoBoToolbox exports (CSV with ';', XLSX split columns)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd

from incidents.importers import read_any

FIXTURES = Path(__file__).parent / "fixtures"


def test_ucdp_precision_codes_mapped():
    parsed = read_any(FIXTURES / "ucdp_ged.csv")
    assert parsed.format == "ucdp"
    assert parsed.rows_read == 5 == len(parsed.frame) + len(parsed.rejected)
    f = parsed.frame.set_index("source_event_id")
    assert f.loc["900001", "geo_precision"] == 1 and f.loc["900001", "time_precision"] == 1
    assert f.loc["900002", "geo_precision"] == 2 and f.loc["900002", "time_precision"] == 2
    assert f.loc["900002", "event_date_end"] == pd.Timestamp("2012-10-17")
    assert f.loc["900003", "geo_precision"] == 3 and f.loc["900003", "time_precision"] == 3
    vague = f.loc["900004"]  # where_prec 6: country centroid, no point
    assert pd.isna(vague["lat"]) and pd.isna(vague["lon"]) and vague["geo_precision"] == 3
    assert "admin_only_location" in vague["review_flags"] and pd.isna(vague["location"])
    assert json.loads(vague["extra"])["where_coordinates"] == "Kyrgyzstan"
    [year_only] = parsed.rejected
    assert year_only.row_number == 6 and "year-only date" in year_only.reason


def test_ucdp_fields():
    f = read_any(FIXTURES / "ucdp_ged.csv").frame.set_index("source_event_id")
    row = f.loc["900001"]
    assert row["fatalities"] == 3 and row["category"] == "border_guard_incident"
    assert row["actor1"] == "Test Government A" and row["admin2_given"] == "Batken district"
    assert row["event_type"] == "Battles" and row["source_dataset"] == "ucdp"
    extra = json.loads(row["extra"])
    assert (extra["low"], extra["high"]) == ("2", "5")
    assert f.loc["900003", "category"] == "other"  # one-sided violence


def test_kobo_csv_semicolon_geopoint_and_uuid():
    parsed = read_any(FIXTURES / "kobo_export.csv")
    assert parsed.format == "kobo" and parsed.delimiter == ";"
    assert parsed.rows_read == 3 and len(parsed.frame) == 2
    [no_date] = parsed.rejected
    assert (no_date.row_number, no_date.field) == (4, "event_date")
    f = parsed.frame.set_index("source_event_id")
    first = f.loc["a1b2c3d4-0000-4000-8000-000000000001"]
    assert (first["lat"], first["lon"]) == (39.8744, 70.5221)
    assert first["category"] == "water_dispute" and first["injuries"] == 1
    assert first["location"] == "Test-Village A" and first["admin2_given"] == "Batken"
    assert first["source_dataset"] == "kobo"
    assert json.loads(first["extra"])["_submission_time"] == "2025-05-20T04:10:00"
    second = f.loc["a1b2c3d4-0000-4000-8000-000000000002"]
    assert second["category"] == "road_crash" and second["geocode_method"] == "unresolved"


def _kobo_xlsx(rows: list[list[object]], header: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.create_sheet("repeat_group")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_kobo_xlsx_geopoint_four_parts_only():
    header = ["today", "incident/date", "incident/type", "gps", "_uuid", "_id"]
    data = _kobo_xlsx([["2025-05-20", "2025-05-18", "protest", "40.0604 70.8193 900 8",
                        "u-1", 1]], header)
    parsed = read_any(data, filename="survey.xlsx")
    assert parsed.format == "kobo" and parsed.mapping["coordinates"] == "gps"
    row = parsed.frame.iloc[0]
    assert (row["lat"], row["lon"], row["geo_precision"]) == (40.0604, 70.8193, 1)
    assert row["source_event_id"] == "u-1"
    assert any("only the first sheet" in w for w in parsed.warnings)


def test_kobo_xlsx_split_columns_and_survey_date_fallback():
    header = ["start", "today", "grp/type", "grp/village", "_loc_latitude", "_loc_longitude",
              "_loc_altitude", "_loc_precision", "_id", "_submission_time"]
    rows = [["2025-05-20T09:00:00", "2025-05-20", "пастбище", "Test-Village A", 39.8744,
             70.5221, 980, 5, 7, "2025-05-20T04:10:00"],
            ["2025-05-21T09:00:00", "2025-05-21", "водный спор", "Test-Village B", None, None,
             None, None, 8, "2025-05-21T04:10:00"]]
    parsed = read_any(_kobo_xlsx(rows, header), filename="survey.xlsx")
    assert parsed.format == "kobo" and parsed.rows_read == 2 and not parsed.rejected
    assert parsed.mapping["event_date"] == "today"
    assert "geo_precision" not in parsed.mapping  # _loc_precision is GPS accuracy in metres
    f = parsed.frame
    assert f["category"].tolist() == ["land_pasture_dispute", "water_dispute"]
    assert f["lat"].iloc[0] == 39.8744 and pd.isna(f["lat"].iloc[1])
    assert f["source_event_id"].tolist() == ["7", "8"]
    assert f["review_flags"].str.contains("date_is_survey_date").all()
    assert any("survey date" in w for w in parsed.warnings)


def test_kobo_empty_geopoint_named_location_does_not_steal_place_name():
    header = ["today", "incident_date", "location", "village", "_location_latitude",
              "_location_longitude", "_uuid"]
    rows = [["2025-05-20", "2025-05-18", "", "Test-Village A", "", "", "u-9"]]
    parsed = read_any(_kobo_xlsx(rows, header), filename="survey.xlsx")
    assert parsed.mapping["location"] == "village"
    row = parsed.frame.iloc[0]
    assert row["location"] == "Test-Village A" and row["geocode_method"] == "unresolved"


def test_ucdp_one_sided_violence_by_a_government(tmp_path):
    """One-sided violence by 'Government of Tajikistan' is an incident with state forces
    (border_guard_incident, as ACLED's violence against civilians by state forces) and stays
    findable as violence against civilians; by anyone else it stays 'other'."""
    text = (FIXTURES / "ucdp_ged.csv").read_text(encoding="utf-8").splitlines()
    text.append(text[3].replace("900003", "900006").replace("TST-3", "TST-6")
                .replace(",Test Government A,", ",Government of Tajikistan,"))
    path = tmp_path / "ucdp_gov.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    parsed = read_any(path)
    f = parsed.frame.set_index("source_event_id")
    gov = f.loc["900006"]
    assert gov["category"] == "border_guard_incident"
    assert gov["event_type"] == "Violence against civilians"
    assert f.loc["900003", "category"] == "other"
    assert parsed.category_rules["one_sided_violence_by_government → border_guard_incident"] == 1
    assert parsed.category_rules["one_sided_violence_other → other"] == 1
    assert parsed.category_rules["type_of_violence → border_guard_incident"] == 2
