"""Benchmark: peak memory of a 1e6-row CSV import against ``pandas.read_csv`` of the file.

Generates a fictitious ACLED-layout CSV (no real rows) in a temporary folder, then runs, each
in a fresh Python process so that the peaks do not mix:

1. the baseline: ``pandas.read_csv(path, dtype=str)`` (the floor any import pays);
2. ``python -m incidents import`` of the same file into a fresh SQLite store (parse,
   validate, geocode, enrich, deduplicate, write).

and prints each peak resident set size (``ru_maxrss``), the ratio and the target (import
peak ≤ 1 GB, issue 15). Run: ``.venv/bin/python bench/import_memory.py [--rows 1000000]``
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 1024
PEAK = ("import resource, sys; r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
        "print(f'PEAK_KB {r}', file=sys.stderr)")
GENERATE = """
import io, sys
import pandas as pd
sys.path.insert(0, {root!r})
from incidents.importers.acled_layout import synthetic_acled_csv
n, path, step = {rows}, {path!r}, 100_000
with open(path, "w", encoding="utf-8", newline="") as fh:
    for start in range(0, n, step):
        block = pd.read_csv(io.BytesIO(synthetic_acled_csv(min(step, n - start), seed=start)),
                            dtype=str, keep_default_na=False, encoding="utf-8-sig")
        # event ids unique over the whole file (each block would restart them: a repeated
        # id with other content is a rejected row, and the bench would measure rejections)
        block["event_id_cnty"] = ["SYN" + str(start + i) for i in range(len(block))]
        block.to_csv(fh, index=False, header=start == 0)
"""
BASELINE = "import pandas as pd; df = pd.read_csv({path!r}, dtype=str); print(len(df))"
IMPORT = ("import sys; sys.path.insert(0, {root!r}); from incidents.cli import main; "
          "code = main(['import', {path!r}, '--db', {db!r}])")


def _run(code: str, env: dict) -> tuple[float, float, str]:
    """(peak MB, seconds, last stdout line) of ``python -c code``."""
    t0 = time.perf_counter()
    code += "\n" + PEAK + ("\nsys.exit(code)" if "code = " in code else "")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT)
    took = time.perf_counter() - t0
    if out.returncode not in (0, 4):  # 4: rows rejected (still a full import)
        raise SystemExit(f"failed ({out.returncode}):\n{out.stderr[-3000:]}")
    peak = next(int(line.split()[1]) for line in out.stderr.splitlines()
                if line.startswith("PEAK_KB"))
    last = (out.stdout.strip().splitlines() or [""])[-1]
    return peak / 1024, took, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KGTJ_DATA_DIR": str(Path(tmp) / "data")}
        path = str(Path(tmp) / "acled.csv")
        subprocess.run([sys.executable, "-c", GENERATE.format(root=str(ROOT), rows=args.rows,
                                                               path=path)],
                       check=True, env=env)
        size_mb = Path(path).stat().st_size / 1e6
        print(f"{args.rows:,} rows, {size_mb:,.0f} MB CSV")
        base_mb, base_s, _ = _run(BASELINE.format(path=path), env)
        print(f"baseline pandas.read_csv(dtype=str): peak {base_mb:,.0f} MB, {base_s:.1f} s")
        db = f"sqlite:///{Path(tmp) / 'store.sqlite'}"
        imp_mb, imp_s, last = _run(IMPORT.format(root=str(ROOT), path=path, db=db), env)
        print(f"import (python -m incidents import): peak {imp_mb:,.0f} MB, {imp_s:.1f} s")
        print(f"ratio import / baseline: {imp_mb / base_mb:.2f}; target ≤ {TARGET_MB} MB: "
              f"{'met' if imp_mb <= TARGET_MB else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
