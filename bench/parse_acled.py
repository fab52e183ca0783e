"""Time the importer's parse step (``incidents.importers.read_any``) on fictitious
ACLED-layout CSVs of 1e4 and 1e5 rows, against pandas ``read_csv`` of the same bytes (the
floor, measured in the same run). Geocoding, enrichment and the store write are timed by
``bench/import.py``.

Run: ``.venv/bin/python bench/parse_acled.py [--rows 10000 100000] [--repeat 3]``
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from incidents.importers import read_any  # noqa: E402
from incidents.importers.acled_layout import synthetic_acled_csv  # noqa: E402


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'rows':>8} {'MB':>6} {'date form':>9} {'read_csv s':>10} {'read_any s':>10} "
          f"{'ratio':>6}")
    for n in args.rows:
        for style in ("iso", "text"):
            data = synthetic_acled_csv(n, seed=0, date_style=style)
            floor = _best(lambda d=data: pd.read_csv(io.BytesIO(d), dtype=str), args.repeat)
            parsed = read_any(data, filename="bench.csv")
            assert len(parsed.frame) == n and not parsed.rejected
            ours = _best(lambda d=data: read_any(d, filename="bench.csv"), args.repeat)
            print(f"{n:>8} {len(data) / 1e6:>6.1f} {style:>9} {floor:>10.2f} {ours:>10.2f} "
                  f"{ours / floor:>6.1f}")


if __name__ == "__main__":
    main()
