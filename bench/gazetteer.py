"""Benchmark of the gazetteer build and of batch geocoding, against baselines of the same run.

1. Build: a cold ``Gazetteer.build()`` in a fresh process (imports excluded; the region
   subset of ``cities500.json`` found by the byte scan of :mod:`geo.geonames`), against the
   naive floor of ``json.load`` of the whole file in the same kind of process. Also the
   warm rebuild (the region subset is cached per process).
2. Geocoding: ``geocode_many`` over N rows drawing on U distinct spellings (GeoNames names,
   Cyrillic alternate names, lower-cased, hyphens removed, one-letter typos, unknown names),
   against ``Series.map`` of a ready dict (the floor of any per-row look-up) and against
   calling ``geocode`` once per row (no cache), measured on the first 1,000 rows.

Run: ``.venv/bin/python -m bench.gazetteer [--rows 10000] [--unique 300]``
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script too

from geo.gazetteer import Gazetteer
from geo.geocode import geocode, geocode_many

_COLD = """
import time
from geo.gazetteer import Gazetteer
t0 = time.perf_counter()
Gazetteer.build()
print(time.perf_counter() - t0)
"""
_FLOOR = """
import json, time
from geo.geonames import cities500_path
t0 = time.perf_counter()
with open(cities500_path(), "rb") as fh:
    json.load(fh)
print(time.perf_counter() - t0)
"""


def _in_fresh_process(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _spellings(gaz: Gazetteer, unique: int, seed: int = 7) -> list[str]:
    rng = np.random.default_rng(seed)
    names: list[str] = []
    for _, place in gaz.places.iterrows():
        alts = [a for a in str(place["alt_names"]).split("|") if a]
        names += [place["name"], place["name"].lower(), place["name"].replace("-", "")]
        names += alts[:2]
        word = place["name"]
        if len(word) > 6:  # a one-letter typo
            k = int(rng.integers(1, len(word) - 1))
            names.append(word[:k] + word[k + 1:])
    names += [f"Unknownobod {i}" for i in range(unique // 10)]
    pool = list(dict.fromkeys(names))
    return list(rng.choice(pool, size=min(unique, len(pool)), replace=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--unique", type=int, default=300)
    args = parser.parse_args()

    cold = min(_in_fresh_process(_COLD) for _ in range(3))
    floor = min(_in_fresh_process(_FLOOR) for _ in range(3))
    t0 = time.perf_counter()
    gaz = Gazetteer.build()
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    Gazetteer.build()
    warm = time.perf_counter() - t0
    print(f"gazetteer: {len(gaz)} places")
    print(f"build, cold process: {cold:.3f} s   floor json.load(cities500): {floor:.3f} s   "
          f"ratio build/floor: {cold / floor:.2f}")
    print(f"build in this process: first {first:.3f} s, warm (cached subset) {warm:.4f} s")

    rng = np.random.default_rng(11)
    spellings = _spellings(gaz, args.unique)
    names = pd.Series(rng.choice(spellings, size=args.rows))
    t0 = time.perf_counter()
    out = geocode_many(names, gaz)
    batch = time.perf_counter() - t0
    lookup = {s: i for i, s in enumerate(spellings)}
    t0 = time.perf_counter()
    names.map(lookup)
    map_floor = time.perf_counter() - t0
    sample = names.iloc[:1000]
    t0 = time.perf_counter()
    for name in sample:
        geocode(name, gaz)
    per_row = (time.perf_counter() - t0) * len(names) / len(sample)
    counts = out["status"].value_counts().to_dict()
    print(f"geocode_many: {args.rows} rows, {len(spellings)} distinct names: {batch:.3f} s "
          f"({counts})")
    print(f"  floor Series.map(dict): {map_floor:.4f} s   ratio: {batch / map_floor:.0f}x")
    print(f"  per-row geocode without cache (extrapolated from 1000 rows): {per_row:.3f} s   "
          f"speed-up of the cache: {per_row / batch:.1f}x")


if __name__ == "__main__":
    main()
