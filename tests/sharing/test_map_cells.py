"""Counts per cell piece for the app's map beyond its threshold (sharing.map_cells): the
public exports' cells and small-count rule, each count on its own side of the line, nothing
of an incident but its count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.crs import to_metric
from sharing.map_cells import CELL_COLUMNS, cell_counts, cell_index
from sharing.protect import SMALL_CELL_LABEL, ProtectionOptions, protect_for_public
from tests.hostile import HOSTILE


def _straddling(world, n_kg: int, n_tj: int, **cols) -> pd.DataFrame:
    """``n_kg`` incidents just north of the line and ``n_tj`` just south, all within one
    2 km hexagon at x = -30 km (the line: y = 2 km sin(x / 5 km))."""
    x = np.full(n_kg + n_tj, -30000.0) + np.arange(n_kg + n_tj) * 10.0
    y0 = world.line_y(x)
    y = np.where(np.arange(n_kg + n_tj) < n_kg, y0 + 150.0, y0 - 150.0)
    return world.incidents_at(x, y, **cols)


def test_counts_stay_on_their_side_and_small_counts_are_hidden(world):
    df = _straddling(world, 5, 1)
    cells, outside = cell_counts(cell_index(df, world.engine), df)
    assert outside == 0 and list(cells.columns) == list(CELL_COLUMNS)
    by_side = cells.set_index("side")
    assert by_side.loc["KG", "n_label"] == "5" and by_side.loc["KG", "n_incidents"] == 5
    assert by_side.loc["TJ", "n_label"] == SMALL_CELL_LABEL  # one incident: no number
    assert pd.isna(by_side.loc["TJ", "n_incidents"])
    assert by_side.loc["KG", "cell_id"] == by_side.loc["TJ", "cell_id"]  # one hexagon, cut
    x, y = to_metric(cells["lon"].to_numpy(float), cells["lat"].to_numpy(float))
    north = y > world.line_y(x)
    assert list(north) == [s == "KG" for s in cells["side"]]  # each count on its own side


def test_a_filter_counts_its_rows_only_and_unknown_rows_are_not_counted(world):
    df = _straddling(world, 6, 4, category=["water_dispute"] * 3 + ["land_dispute"] * 7)
    index = cell_index(df, world.engine)
    sub = df[df["category"] == "land_dispute"]
    cells, outside = cell_counts(index, sub)
    assert outside == 0
    assert dict(zip(cells["side"], cells["n_label"], strict=True)) == {"KG": "3", "TJ": "4"}
    stranger = sub.assign(event_id=[f"X-{i}" for i in range(len(sub))])  # not indexed
    cells, outside = cell_counts(index, stranger)
    assert cells.empty and outside == len(sub)


def test_incidents_outside_every_country_are_reported_not_placed(world):
    df = world.incidents_at([-30000.0, -30010.0, -30020.0, 500000.0],
                            [5000.0, 5000.0, 5000.0, 900000.0])
    cells, outside = cell_counts(cell_index(df, world.engine), df)
    assert outside == 1 and cells["n_incidents"].sum() == 3


@pytest.mark.parametrize("n_contested, label", [(4, "4"), (2, SMALL_CELL_LABEL), (0, "")])
def test_contested_counts_follow_the_small_count_rule(world, n_contested, label):
    df = _straddling(world, 6, 0)
    df["side_contested"] = pd.array([True] * n_contested + [False] * (6 - n_contested),
                                    dtype="boolean")
    cells, _ = cell_counts(cell_index(df, world.engine), df)
    assert cells["contested_label"].tolist() == [label]


def test_a_cell_carries_nothing_of_an_incident_but_its_count(world):
    texts = list(HOSTILE)
    df = _straddling(world, len(texts), 0, notes=texts, location=texts[::-1])
    cells, _ = cell_counts(cell_index(df, world.engine), df)
    dump = cells.astype(str).to_string()
    for text in ("script", "img", "pwned", "undefinedmacro", "evil", "Ak", "xxxx", "Example",
                 "KGTJ-", "2024"):
        assert text not in dump, text


def test_the_same_cells_and_counts_as_the_public_hex_export(world):
    """One rule: the public export's hexagon pieces (by_category False) hold the same counts
    under the same labels."""
    rng = np.random.default_rng(5)
    x = rng.uniform(-45000, -5000, 400)
    y = rng.uniform(-9000, 9000, 400)
    df = world.incidents_at(x, y)
    cells, outside = cell_counts(cell_index(df, world.engine), df)
    export, _ = protect_for_public(df, world.engine,
                                   ProtectionOptions(location="hex", by_category=False))
    agg = export[export["record_type"] == "aggregate"]
    mine = sorted(zip(cells["cell_id"], cells["side"], cells["n_label"], strict=True))
    theirs = sorted(zip(agg["cell_id"], agg["side"], agg["n_label"], strict=True))
    assert mine == theirs and outside == 0
    assert np.allclose(np.sort(cells["lon"].to_numpy(float)),
                       np.sort(agg["lon"].to_numpy(float)))


def test_cells_narrower_than_the_public_exports_are_refused(world):
    df = _straddling(world, 3, 0)
    with pytest.raises(ValueError, match="at least"):
        cell_index(df, world.engine, hex_m=500.0)
