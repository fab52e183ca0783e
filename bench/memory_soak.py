"""Memory over many visits, one at a time, in one process: do the app's caches stay bounded?

A store of 10,000 synthetic incidents (``bench/app.py``'s ``make_10k_store``, marked
SYNTHETIC DEMO) is opened ``--visits`` times (120) by a new AppTest session each (two runs:
the map, then its hotspots and pairs), each with one of ``--filters`` (40) filtered maps in
turn (``date_from`` a month apart), so every bounded cache (``ui.resources``,
``ui.shared_analysis``: 16 filters at most) fills and turns over several times. This
process's resident memory (VmRSS) is printed every 10 visits, after a full garbage
collection. Baseline in the same run: the median of the first quarter of the samples
(the caches filling); printed is the last quarter's median as a ratio of it (about 1: bounded;
a leak keeps growing with the visits).

No browser and no websocket: ``bench/team_load.py`` measures the server under several
people at once (sessions kept after their page closes, several runs' working sets at once).

Run: ``.venv/bin/python bench/memory_soak.py [--visits 120] [--filters 40]``
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """This process's resident memory (MB)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=120)
    parser.add_argument("--filters", type=int, default=40)
    args = parser.parse_args(argv)
    spec = importlib.util.spec_from_file_location("bench_app", ROOT / "bench" / "app.py")
    bench_app = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_app)
    import pandas as pd
    from streamlit.testing.v1 import AppTest
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        os.environ["KGTJ_DATA_DIR"] = str(data)
        bench_app.make_10k_store(data)
        months = pd.period_range("2019-01", periods=max(1, args.filters), freq="M")
        print(f"store: 10000 synthetic incidents; {args.visits} visits over "
              f"{len(months)} filters; RSS before the first visit {rss_mb():.0f} MB")
        samples: list[float] = []
        t0 = time.perf_counter()
        for k in range(args.visits):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            at.query_params["date_from"] = str(months[k % len(months)].start_time.date())
            at.run()
            at.run()
            if at.exception:
                print(f"visit {k + 1}: exception on the page: {at.exception[0].message[:200]}")
                return 1
            del at
            if (k + 1) % 10 == 0:
                gc.collect()
                samples.append(rss_mb())
                print(f"visit {k + 1:4d}: RSS {samples[-1]:6.0f} MB "
                      f"({time.perf_counter() - t0:.0f} s)", flush=True)
    if len(samples) < 4:
        print("too few samples: give --visits 40 or more")
        return 0
    quarter = max(1, len(samples) // 4)
    first = statistics.median(samples[:quarter])
    last = statistics.median(samples[-quarter:])
    print(f"RSS median of the first quarter {first:.0f} MB (baseline), of the last quarter "
          f"{last:.0f} MB: {last / first:.2f}×; range {min(samples):.0f}–{max(samples):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
