"""The incident layer's data is built once per content and reused across maps (sessions),
and never reused for other content (a changed note, point, filter or language)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from incidents.schema import CATEGORIES, conform
from maps.web.incident_layer import incident_rows, layer_data


def _frame(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i:06d}" for i in range(n)], "lon": rng.uniform(70, 71, n),
        "lat": rng.uniform(39.8, 40.3, n), "category": rng.choice(CATEGORIES, n),
        "event_date": pd.Timestamp("2020-01-01"), "location": "Vorukh",
        "source_dataset": "SYNTHETIC DEMO", "notes": "note"}))


def test_same_content_is_built_once_other_content_never_reused():
    df = _frame()
    first = layer_data(df)
    assert layer_data(df.copy()) is first  # another session, the same incidents
    rows, tables = incident_rows(df)
    assert first[0] == rows
    changed = df.copy()
    changed.loc[7, "notes"] = "<b>changed</b>"
    assert layer_data(changed)[1] != first[1] and "changed" in layer_data(changed)[1]
    moved = df.copy()
    moved.loc[7, "lat"] = 40.0
    assert layer_data(moved)[1] != first[1]
    assert layer_data(df.iloc[:-1])[1] != first[1]  # a filter dropping one row
    assert layer_data(df, place_names={"Vorukh": "Ворух"})[2] != first[2]  # language
    assert layer_data(df, with_notes=False)[1] != first[1]
