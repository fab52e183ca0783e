"""incidents.importers.coords.numbers: Arrow's number parser where it gives pandas' values,
pandas wherever a cell is not a plain number Arrow reads."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from incidents.importers.coords import blank_out, numbers

ODD = ["1e", "e1", ".", "+", "-", "1.2.3", "1e+", "0.5e-3", "١٢٣", "３", "1d5", "0b1",
       "0x10", "1f", "nan(123)", "+nan", "-nan", "infinity", "INF", "+inf", "-inf",
       "1.#INF", "3\x00", "0.", "-.5", "+.5e2", "1e-400", "4.9e-324",
       "2.4703282292062328e-324", "1.7976931348623159e308", "0000.1000", "1e0001", "1E+05",
       "𝟙", "++1", "--1", "1-", "0x1p3", "1.0e", "Inf", "iNfInItY", "1 000", "1'000",
       "1_000", "5e-3.2", "-0", "00012", "3,5", "40°03'", "", "99999999999999999999"]


def _pandas(text: pd.Series) -> pd.Series:
    return pd.to_numeric(text, errors="coerce").astype("float64")


@pytest.mark.parametrize("cell", ODD)
def test_each_odd_cell_reads_as_pandas_reads_it(cell):
    """Alone and beside plain numbers (a cell Arrow refuses sends the column to pandas)."""
    for cells in ([cell], ["40.1", cell, "", "7"], [cell, "7"]):
        t = blank_out(pd.Series(cells, dtype="str"))
        got, want = numbers(t), _pandas(t)
        pd.testing.assert_series_equal(got, want)
        assert (np.signbit(got.fillna(1)) == np.signbit(want.fillna(1))).all()  # -0.0


def test_coordinates_to_the_last_bit_and_the_index_kept():
    """Stored coordinates and the content hashes printed from them must not change: every
    value is the nearest float, as pandas (and Python's float) read it."""
    rng = np.random.default_rng(5)
    cells = [f"{x:.{d}f}" for x, d in zip(rng.uniform(-180, 180, 50_000),
                                          rng.integers(0, 17, 50_000), strict=True)]
    cells[::7] = [""] * len(cells[::7])
    t = blank_out(pd.Series(cells, dtype="str", index=np.arange(50_000) * 3 + 11))
    got = numbers(t)
    pd.testing.assert_series_equal(got, _pandas(t))
    exact = np.array([float(c) if c else np.nan for c in cells])
    assert np.array_equal(got.to_numpy(), exact, equal_nan=True)


def test_object_cells_go_to_pandas():
    for cells in (["3", "", "x"], [3, "4.5", None], [1.5, 2]):
        t = pd.Series(cells, dtype=object)
        pd.testing.assert_series_equal(numbers(t), _pandas(t))
