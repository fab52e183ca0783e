"""incidents.dedupe: the canonical text of numbers and dates that content hashes are made of
must stay the same characters (a stored hash must match a re-import's)."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from incidents.dedupe import content_hashes, fixed7


def _python(values) -> list[str]:
    return [f"{v:.7f}" for v in values]


def test_fixed_seven_decimals_are_pythons_to_the_character():
    rng = np.random.default_rng(11)
    values = np.concatenate([
        rng.uniform(-180, 180, 200_000),  # coordinates
        np.round(rng.uniform(-180, 180, 50_000), 8),  # a digit past the seventh
        (rng.integers(-2**20, 2**20, 50_000) / 2**8),  # exact halves of the 7th digit
        np.arange(-5000, 5000) / 2**8 + 0.5e-7,
        np.arange(1, 200) * 0.00000005,  # decimal halves (not exact in binary)
        [0.0, -0.0, -1e-9, 1e-9, 4.9999999e-8, 5e-8, -5e-8, 0.00390625, 99999999.99999994,
         1e8, -1e8, 123456789.123, 1e300, -1e300, 5e-324, np.inf, -np.inf, 179.99999995,
         -179.99999995, 89.999999949999, 0.1, 0.2, 0.3]])
    got = fixed7(values).to_pylist()
    assert got == _python(values)


def test_nan_is_missing_in_the_hash_text_and_hashes_keep_their_bytes():
    """A row's hash: SHA-256 of its texts joined by U+001F, missing as NUL (as stored)."""
    frame = pd.DataFrame({
        "source_dataset": ["acled", "acled"], "event_date": pd.to_datetime(
            ["2021-03-05", "2024-12-31"]), "lon": [70.51234565, np.nan],
        "lat": [-0.0, 39.0000000499], "fatalities": pd.array([3, pd.NA], dtype="Int64")})
    from incidents.dedupe import HASH_COLUMNS
    for col in HASH_COLUMNS:
        if col not in frame:
            frame[col] = pd.Series([None, None], dtype="string")
    got = content_hashes(frame).tolist()

    def cell(v, col):
        if pd.isna(v):
            return "\x00"
        if col == "event_date":
            return v.strftime("%Y-%m-%d")
        return f"{v:.7f}" if isinstance(v, float) else str(v)

    want = [hashlib.sha256("\x1f".join(cell(row[c], c) for c in HASH_COLUMNS).encode())
            .hexdigest()[:32] for row in frame.to_dict("records")]
    assert got == want
