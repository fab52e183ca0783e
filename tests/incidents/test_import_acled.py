"""ACLED exports: current and old layouts, fictitious rows only (ACLED's terms)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from incidents.importers import detect_format, read_any
from incidents.importers.acled_layout import ACLED_COLUMNS, synthetic_acled_csv
from incidents.schema import COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"


def _by_id(parsed):
    return parsed.frame.set_index("source_event_id")


def test_current_export_accounts_for_every_row():
    parsed = read_any(FIXTURES / "fictitious_armed_conflict_export.csv")
    assert parsed.format == "acled" and parsed.encoding == "utf-8-sig"
    assert parsed.rows_read == 8 == len(parsed.frame) + len(parsed.rejected)
    assert list(parsed.frame.columns) == list(COLUMNS)
    assert parsed.frame["event_id"].isna().all()
    assert (parsed.frame["source_dataset"] == "acled").all()
    assert parsed.row_numbers.tolist() == [2, 3, 4, 5, 6, 7, 9]
    [bad] = parsed.rejected
    assert (bad.row_number, bad.field) == (8, "event_date")
    assert "31/02/2024" in bad.reason
    assert bad.raw["event_id_cnty"] == "TST7" and bad.raw["notes"].startswith("test row")


def test_all_acled_date_forms_parse():
    f = _by_id(read_any(FIXTURES / "fictitious_armed_conflict_export.csv"))
    assert f.loc["TST1", "event_date"] == pd.Timestamp("2025-05-16")  # dd/mm/yyyy
    assert f.loc["TST2", "event_date"] == pd.Timestamp("2025-05-17")  # yyyy-mm-dd
    assert f.loc["TST3", "event_date"] == pd.Timestamp("2025-05-18")  # dd-mm-yyyy
    assert f.loc["TST4", "event_date"] == pd.Timestamp("2025-05-19")  # 16 May 2025


def test_categories_refined_by_actors_and_notes():
    f = _by_id(read_any(FIXTURES / "fictitious_armed_conflict_export.csv"))
    assert f.loc["TST1", "category"] == "border_guard_incident"  # state vs external forces
    assert f.loc["TST2", "category"] == "water_dispute"  # communal clash over a canal
    assert f.loc["TST3", "category"] == "protest"
    assert f.loc["TST4", "category"] == "land_pasture_dispute"  # riot about pasture
    assert f.loc["TST5", "category"] == "border_guard_incident"  # attack by other state's guards
    assert f.loc["TST6", "category"] == "other"  # Agreement


def test_swapped_point_corrected_and_reported():
    parsed = read_any(FIXTURES / "fictitious_armed_conflict_export.csv")
    row = _by_id(parsed).loc["TST5"]
    assert (row["lat"], row["lon"]) == (40.0999, 70.7405)
    assert "swapped_latlon_corrected" in row["review_flags"]
    assert row["location_flag"] == "swapped_corrected"
    assert any("swapped" in w and "rows 6" in w for w in parsed.warnings)


def test_place_only_row_is_unresolved_not_rejected():
    row = _by_id(read_any(FIXTURES / "fictitious_armed_conflict_export.csv")).loc["TST6"]
    assert pd.isna(row["lat"]) and pd.isna(row["lon"])
    assert row["geocode_method"] == "unresolved" and pd.isna(row["geo_precision"])
    assert row["location"] == "Test-Village F"


def test_text_kept_verbatim_and_unused_columns_in_extra():
    f = _by_id(read_any(FIXTURES / "fictitious_armed_conflict_export.csv"))
    assert f.loc["TST8", "notes"] == 'test row: <script>alert("x")</script> kept as text'
    extra = json.loads(f.loc["TST1", "extra"])
    assert {"year", "iso", "region", "interaction", "tags", "timestamp", "country"} <= set(extra)
    assert extra["interaction"] == "State forces-External/Other forces"
    assert f.loc["TST1", "fatalities"] == 2 and f.loc["TST3", "fatalities"] == 0


def test_zero_fatalities_kept_but_noted():
    parsed = read_any(FIXTURES / "fictitious_armed_conflict_export.csv")
    assert (parsed.frame["fatalities"] == 0).sum() == 5
    assert any("no information on fatalities" in w for w in parsed.warnings)


def test_old_export_with_numeric_inter_codes():
    parsed = read_any(FIXTURES / "fictitious_armed_conflict_old_numeric.csv")
    assert parsed.format == "acled" and not parsed.rejected
    f = _by_id(parsed)
    assert f.loc["TSTOLD1", "actor1_type"] == "State forces"
    assert f.loc["TSTOLD1", "actor2_type"] == "External/Other forces"
    assert f.loc["TSTOLD2", "actor1_type"] == "Rioters"
    assert pd.isna(f.loc["TSTOLD3", "actor2_type"])  # inter2 = 0: no second actor
    assert f.loc["TSTOLD2", "time_precision"] == 2
    assert f.loc["TSTOLD1", "geo_precision"] == 2
    assert f.loc["TSTOLD1", "event_date"] == pd.Timestamp("2019-05-16")  # dd-mm-yyyy
    assert json.loads(f.loc["TSTOLD1", "extra"])["iso3"] == "KGZ"


@pytest.mark.parametrize("style", ["iso", "dmy", "text"])
def test_generated_export_each_date_style(style):
    data = synthetic_acled_csv(200, seed=1, date_style=style)
    assert detect_format(data, "x.csv") == "acled"
    parsed = read_any(data, filename="x.csv")
    assert len(parsed.frame) == 200 and not parsed.rejected
    assert parsed.frame["event_date"].between("2019-01-01", "2025-12-31").all()


def test_ten_megabyte_export(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(synthetic_acled_csv(33000, seed=2))
    assert path.stat().st_size > 10_000_000
    parsed = read_any(path)
    assert parsed.rows_read == 33000 == len(parsed.frame)
    assert parsed.row_numbers.iloc[-1] == 33001


def test_header_order_and_columns_match_codebook():
    path = FIXTURES / "fictitious_armed_conflict_export.csv"
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert tuple(header.split(",")) == ACLED_COLUMNS
