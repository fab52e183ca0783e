"""incidents.tables.frame_to_tuples: the bulk insert binds only the schema columns that hold a
value in some row (an import's all-empty columns are left to the table's NULL)."""
from __future__ import annotations

import pandas as pd

from incidents import tables
from incidents.schema import COLUMNS, conform


def test_columns_empty_in_every_row_are_left_out_and_the_rest_kept_in_order():
    frame = conform(pd.DataFrame({
        "event_id": ["KGTJ-000001", "KGTJ-000002"],
        "event_date": pd.to_datetime(["2023-05-01", "2023-05-02"]),
        "category": ["water_dispute", "road_crash"],
        "fatalities": [pd.NA, 2], "notes": [None, None], "lon": [70.5, None],
    }))
    columns, rows = tables.frame_to_tuples(frame, {"seq": [1, 2], "content_hash": ["a", "b"]},
                                           dates_as_text=True)
    assert "notes" not in columns and "injuries" not in columns  # empty in both rows
    kept = [c for c in COLUMNS if c in columns]
    assert list(columns) == [*kept, "seq", "content_hash"]  # schema order, then the extras
    assert {"event_id", "event_date", "category", "fatalities", "lon"} <= set(columns)
    first, second = (dict(zip(columns, r, strict=True)) for r in rows)
    assert first["fatalities"] is None and second["fatalities"] == 2
    assert first["event_date"] == "2023-05-01" and second["lon"] is None
    assert (first["seq"], second["content_hash"]) == (1, "b")


def test_no_rows_gives_no_tuples():
    columns, rows = tables.frame_to_tuples(conform(pd.DataFrame()).iloc[0:0], {"seq": []})
    assert rows == [] and columns == ("seq",)
