"""Cost of public protection against plain hex binning, on the shipped layers.

Run: ``python bench/protect.py [N ...]`` (default 2000 20000). Prints, per N, the
seconds of ``sharing.protect.protect_for_public`` (hex mode, and settlement mode) and of a
baseline that only bins the same points into hex cells (no region cutting, no field
policy), measured in the same run, and their ratio. Best of 3.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.crs import to_lonlat, to_metric  # noqa: E402
from geo.engine import BorderEngine  # noqa: E402
from geo.hexagons import axial_round  # noqa: E402
from incidents.schema import conform  # noqa: E402
from layers.boundaries import load_boundaries  # noqa: E402
from sharing.protect import ProtectionOptions, protect_for_public  # noqa: E402


def _frame(engine: BorderEngine, n: int, seed: int = 1) -> pd.DataFrame:
    """Points within 15 km of the KG–TJ line (rejection sampling in the study area)."""
    rng = np.random.default_rng(seed)
    area = engine.study_area(15000)
    minx, miny, maxx, maxy = area.bounds
    xs, ys = [], []
    while sum(len(x) for x in xs) < n:
        x = rng.uniform(minx, maxx, 4 * n)
        y = rng.uniform(miny, maxy, 4 * n)
        keep = shapely.contains_xy(area, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
    x = np.concatenate(xs)[:n]
    y = np.concatenate(ys)[:n]
    lon, lat = to_lonlat(x, y)
    return conform(pd.DataFrame({
        "event_id": [f"B{i}" for i in range(n)], "source_dataset": "internal",
        "event_date": pd.Timestamp("2024-01-01"), "time_precision": 1,
        "category": "road_crash", "lon": lon, "lat": lat,
        "verification_status": "verified", "sensitivity": "internal"}))


def _best(fn, reps: int = 3) -> float:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return min(out)


def main(sizes: list[int]) -> None:
    engine = BorderEngine(load_boundaries())
    protect_for_public(_frame(engine, 10), engine)  # build the region pieces once
    for n in sizes:
        df = _frame(engine, n)

        def baseline(df=df):
            x, y = to_metric(df["lon"].to_numpy(), df["lat"].to_numpy())
            q, r = axial_round(x, y, 2000.0)
            pd.DataFrame({"q": q, "r": r}).groupby(["q", "r"]).size()

        base = _best(baseline)
        hexes = _best(lambda df=df: protect_for_public(df, engine, ProtectionOptions()))
        snap = _best(lambda df=df: protect_for_public(
            df, engine, ProtectionOptions(location="settlement")))
        print(f"N={n:>7}: baseline hex binning {base:.4f} s; protect hex {hexes:.3f} s "
              f"(x{hexes / base:.0f}); protect settlement {snap:.3f} s (x{snap / base:.0f})")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 20000])
