"""Content hashes stay what stores already hold: the row's canonical texts joined by U+001F,
SHA-256, 32 hex characters (a changed hash would turn re-imports into updates)."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from incidents.dedupe import HASH_COLUMNS, content_hashes
from incidents.schema import conform


def _one_by_one(frame: pd.DataFrame) -> list[str]:
    """The hash as stored rows got it: each row's texts formatted one at a time."""
    out = []
    for _, row in frame.iterrows():
        parts = []
        for col in HASH_COLUMNS:
            value = row[col]
            if pd.isna(value):
                parts.append("\x00")
            elif isinstance(value, pd.Timestamp):
                parts.append(value.strftime("%Y-%m-%d"))
            elif isinstance(value, float):
                parts.append("%.7f" % value)  # noqa: UP031 - the stored rule, spelled out
            else:
                parts.append(str(value))
        out.append(hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32])
    return out


def test_hashes_match_the_row_by_row_rule():
    frame = conform(pd.DataFrame({
        "source_dataset": ["acled", None, "internal"],
        "source_event_id": ["TST1", None, "x\x1fy"],
        "event_date": pd.to_datetime(["2024-05-01", "2023-12-31", None]),
        "time_precision": pd.array([1, None, 3], dtype="Int64"),
        "category": ["protest", "other", None],
        "lon": [70.5967, np.nan, -0.0],
        "lat": [39.8367123456, 40.0, 1e-320],
        "notes": ["Ворух </script> ${x}", "", None],
        "notes_shareable": pd.array([True, None, False], dtype="boolean"),
        "fatalities": pd.array([0, 12, None], dtype="Int64"),
        "extra": ['{"year":"2024"}', "{}", None],
    }))
    assert content_hashes(frame).tolist() == _one_by_one(frame)
    assert content_hashes(frame.iloc[:0]).empty
