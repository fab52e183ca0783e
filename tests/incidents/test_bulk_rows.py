"""incidents.row_values.frame_block: the bulk insert binds only the schema columns that hold a
value in some row (an import's all-empty columns are left to the table's NULL)."""
from __future__ import annotations

import pandas as pd
import pytest

from incidents import row_values, tables
from incidents.schema import COLUMNS, conform


def test_columns_empty_in_every_row_are_left_out_and_the_rest_kept_in_order():
    frame = conform(pd.DataFrame({
        "event_id": ["KGTJ-000001", "KGTJ-000002"],
        "event_date": pd.to_datetime(["2023-05-01", "2023-05-02"]),
        "category": ["water_dispute", "road_crash"],
        "fatalities": [pd.NA, 2], "notes": [None, None], "lon": [70.5, None],
    }))
    block = row_values.frame_block(frame, {"seq": [1, 2], "content_hash": ["a", "b"]},
                               dates_as_text=True)
    columns, rows = block.columns, list(block)
    assert len(block) == 2 and list(block.rows(1, 2)) == rows[1:]
    assert "notes" not in columns and "injuries" not in columns  # empty in both rows
    kept = [c for c in COLUMNS if c in columns]
    assert list(columns) == [*kept, "seq", "content_hash"]  # schema order, then the extras
    assert {"event_id", "event_date", "category", "fatalities", "lon"} <= set(columns)
    first, second = (dict(zip(columns, r, strict=True)) for r in rows)
    assert first["fatalities"] is None and second["fatalities"] == 2
    assert first["event_date"] == "2023-05-01" and second["lon"] is None
    assert (first["seq"], second["content_hash"]) == (1, "b")


def test_no_rows_gives_no_tuples():
    block = row_values.frame_block(conform(pd.DataFrame()).iloc[0:0], {"seq": []})
    assert list(block) == [] and len(block) == 0 and block.columns == ("seq",)


def test_a_block_reorders_its_columns_and_refuses_ragged_ones():
    block = row_values.RowBlock(("a", "b"), [[1, 2], ["x", "y"]])
    assert list(block.select(["b", "a"])) == [("x", 1), ("y", 2)]
    with pytest.raises(ValueError, match="one length"):
        row_values.RowBlock(("a", "b"), [[1, 2], ["x"]])


def test_a_driver_error_is_raised_as_sqlalchemys_without_the_values(tmp_path):
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'b.sqlite'}")
    tables.metadata.create_all(engine, tables=[tables.incident_history])
    block = row_values.RowBlock(("event_id", "changed_at", "user", "action"),
                            [["KGTJ-000001"], ["2025-01-01"], ["secret-person"], [None]])
    with engine.begin() as conn, pytest.raises(sa.exc.IntegrityError) as err:
        tables.bulk_insert(conn, tables.incident_history, block.columns, block)
    assert "NOT NULL" in str(err.value) and "secret-person" not in str(err.value)
