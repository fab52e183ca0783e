"""Benchmark: full import of fictitious ACLED-layout CSVs against pandas ``read_csv``.

Generates 1e4 and 1e5-row ACLED-layout files (no real ACLED rows; 10 % of rows have no
coordinates but a place name from the gazetteer, so the geocoder runs), then times the
full import into a fresh SQLite store (parse, validate, geocode, enrich, deduplicate, write)
and ``pandas.read_csv`` of the same file as the floor (wall clock and this process's CPU
time, which a shared machine's load changes least). Bar: 1e5 rows in ≤ 3 s (issue 20 item 8).
Then the same file again with 10 % of its rows revised (new fatalities and notes: a newer
export of the same events), timed against the first import in the same run.

Run: ``.venv/bin/python bench/import.py [--sizes 10000 100000]``
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from incidents.importers.acled_layout import ACLED_COLUMNS, synthetic_acled_csv  # noqa: E402

BAR_S = 3.0  # issue 20 item 8: full import of 1e5 ACLED-layout rows


def bench_csv(n_rows: int, names: list[str], seed: int = 7) -> bytes:
    """ACLED-layout CSV; 10 % of rows get an empty lat/lon and a gazetteer place name."""
    raw = synthetic_acled_csv(n_rows, seed=seed)
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rng = np.random.default_rng(seed)
    blank = rng.uniform(size=n_rows) < 0.10
    df.loc[blank, ["latitude", "longitude"]] = ""
    df.loc[blank, "location"] = rng.choice(names, size=int(blank.sum()))
    df.loc[blank, "geo_precision"] = "2"
    buf = io.StringIO()
    df[list(ACLED_COLUMNS)].to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8")


def revised_csv(raw: bytes, share: float = 0.10, seed: int = 11) -> tuple[bytes, int]:
    """``raw`` with ``share`` of its rows revised (fatalities + 1, notes changed), as a
    newer export of the same events; and how many rows were revised."""
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    pick = rng.uniform(size=len(df)) < share
    fat = pd.to_numeric(df.loc[pick, "fatalities"], errors="coerce").fillna(0).astype(int)
    df.loc[pick, "fatalities"] = (fat + 1).astype(str)
    df.loc[pick, "notes"] = df.loc[pick, "notes"] + " (revised)"
    buf = io.StringIO()
    df.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue().encode("utf-8"), int(pick.sum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args(argv)

    from incidents.access import LOCAL_ADMIN
    from incidents.file_import import import_file
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ.setdefault("KGTJ_DATA_DIR", str(tmp / "data"))  # never touch ./local_data
        t0 = time.perf_counter()
        res = load_resources(f"sqlite:///{tmp / 'warm.sqlite'}")
        import pyarrow as pa
        print(f"resources (engine + gazetteer, once per process): "
              f"{time.perf_counter() - t0:.2f} s; Arrow memory pool: "
              f"{pa.default_memory_pool().backend_name}")
        names = ["Isfara", "Batken", "Vorukh", "Ak-Say", "Kulundu", "Samarkandyk",
                 "Ворух", "Исфара", "Ak-Sai", "Kyzyl-Bel"]
        print(f"{'rows':>8} {'read_csv s':>11} {'import s':>9} {'ratio':>7} "
              f"{'inserted':>9} {'geocoded':>9} {'unresolved':>10}  bar")
        for n in args.sizes:
            path = tmp / f"acled_{n}.csv"
            path.write_bytes(bench_csv(n, names))
            t0, c0 = time.perf_counter(), time.process_time()
            pd.read_csv(path)
            floor, floor_cpu = time.perf_counter() - t0, time.process_time() - c0
            store = IncidentStore(f"sqlite:///{tmp / f'store_{n}.sqlite'}")
            t0, c0 = time.perf_counter(), time.process_time()
            rep = import_file(path, store, engine=res.engine, gazetteer=res.gazetteer,
                              principal=LOCAL_ADMIN)
            full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
            assert rep.rows_read == n == rep.inserted + rep.updated + rep.duplicates \
                + len(rep.rejected)
            ok = "ok" if n < 100_000 or full <= BAR_S else f"OVER {BAR_S:g} s"
            print(f"{n:>8} {floor:>11.3f} {full:>9.2f} {full / floor:>7.0f} "
                  f"{rep.inserted:>9} {rep.geocoded:>9} {rep.unresolved:>10}  {ok}")
            stages = ", ".join(f"{k} {v:.2f}" for k, v in rep.timings_s.items())
            t0 = time.perf_counter()
            loaded = store.load(principal=LOCAL_ADMIN)
            t_load = time.perf_counter() - t0
            print(f"{'':>8} stages (s): {stages}; store.load() of {len(loaded)} rows "
                  f"{t_load:.2f}")
            # CPU time of this process (all its threads): what a loaded, shared machine
            # changes least; the wall-clock bar above is what a user waits
            print(f"{'':>8} CPU s: read_csv {floor_cpu:.3f}, import {full_cpu:.2f} "
                  f"(ratio {full_cpu / max(floor_cpu, 1e-9):.0f})")
            raw, n_revised = revised_csv(path.read_bytes())
            path.write_bytes(raw)
            t0 = time.perf_counter()
            again = import_file(path, store, engine=res.engine, gazetteer=res.gazetteer,
                                principal=LOCAL_ADMIN)
            t_again = time.perf_counter() - t0
            assert again.updated == n_revised and again.inserted == 0
            print(f"{'':>8} re-import with {n_revised} rows revised: {t_again:.2f} s "
                  f"({t_again / full:.2f}x the first import; write "
                  f"{again.timings_s.get('write', 0):.2f} s)")
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
