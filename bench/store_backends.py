"""Scale on both stores, in the same run: PostgreSQL beside SQLite (the baseline).

For 1e5 fictitious ACLED-layout rows (``synthetic_acled_csv``; no real ACLED row):
- import: the whole pipeline (parse, validate, geocode, enrich, deduplicate, write) into a
  new store, and its write stage alone (COPY on PostgreSQL, executemany on SQLite);
- load: every incident read for the app (``IncidentStore.load``, median of 3);
- filter change in the app (AppTest, in a process of its own per store): the Map page's
  server time for the run after a category is chosen in the sidebar (``map_run_s``, as
  bench/app.py logs it; bar ≤ 0.5 s), and the wall time of that run;
- map payload: bytes of the st_folium arguments of the first map at 1e5 (bar ≤ 1.5 MB:
  beyond ``sharing.map_cells.AGGREGATE_THRESHOLD`` incidents the map shows counts per
  cell, :mod:`maps.web.cell_layer`).
Each PostgreSQL figure is printed with its ratio to SQLite's.

PostgreSQL: ``KGTJ_BENCH_PG_URL`` or ``KGTJ_TEST_PG_URL`` (a server; a database is made
and dropped), else a throwaway cluster is started as the tests do (tests/pg_server.py).

Run: ``.venv/bin/python bench/store_backends.py [--rows 100000] [--no-app]``
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILTER_BAR_S, PAYLOAD_BAR_B = 0.5, 1_500_000


def app_figures(url: str, data_dir: Path) -> dict:
    """Run the app with AppTest on the store at ``url`` (this process only does this)."""
    os.environ.update(KGTJ_DB_URL=url, KGTJ_DATA_DIR=str(data_dir),
                      KGTJ_TIMING_LOG=str(data_dir / "timing.jsonl"))
    from streamlit.testing.v1 import AppTest
    log = data_dir / "timing.jsonl"

    def payload(at) -> int:
        comp = [e for e in at.get("component_instance")
                if getattr(e.proto, "component_name", "").endswith("st_folium")][0]
        return len(comp.proto.json_args.encode("utf-8"))

    t0 = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900).run()
    out = {"first_run_s": time.perf_counter() - t0, "payload_b": payload(at)}
    at.run()  # the run the drawn map triggers (analysis computed for the first filter)
    n_lines = len(log.read_text().splitlines()) if log.exists() else 0
    from incidents.access import LOCAL_ADMIN
    from incidents.store import IncidentStore
    store = IncidentStore(url)
    # the most frequent category
    common = store.load(principal=LOCAL_ADMIN)["category"].value_counts().index[0]
    store.close()
    box = at.sidebar.multiselect[0]  # categories
    t0 = time.perf_counter()
    at = box.set_value([common]).run()
    out["filter_wall_s"] = time.perf_counter() - t0
    runs = [json.loads(x) for x in log.read_text().splitlines()[n_lines:]]
    plain = [r["map_run_s"] for r in runs if "map_run_s" in r]
    out["filter_server_s"] = plain[0] if plain else float("nan")
    out["n_filtered"] = runs[0].get("n") if runs else None
    out["exceptions"] = [str(e.value)[:200] for e in at.exception]
    return out


def _pg_server():
    url = os.environ.get("KGTJ_BENCH_PG_URL") or os.environ.get("KGTJ_TEST_PG_URL")
    from tests import pg_server
    if url:
        pg_server.wait_ready(url)
        return url, None
    server = pg_server.Server()
    pg_server.wait_ready(server.url)
    return server.url, server


def _fmt(value: float, unit: str) -> str:
    return f"{value / 1e6:.2f} MB" if unit == "B" else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-app", action="store_true", help="skip the AppTest figures")
    parser.add_argument("--app-only", nargs=2, metavar=("URL", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.app_only:
        print(json.dumps(app_figures(args.app_only[0], Path(args.app_only[1]))))
        return 0

    from i18n.report_text import report_text
    from incidents.access import LOCAL_ADMIN
    from incidents.file_import import import_file
    from incidents.importers.acled_layout import synthetic_acled_csv
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources
    from tests import pg_server

    server_url, server = _pg_server()
    pg_url = pg_server.create_database(server_url)
    figures: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            os.environ["KGTJ_DATA_DIR"] = str(tmp / "data")
            csv = tmp / "acled.csv"
            csv.write_bytes(synthetic_acled_csv(args.rows, seed=7))
            res = load_resources(f"sqlite:///{tmp / 'warm.sqlite'}")
            urls = {"sqlite": f"sqlite:///{tmp / 'store.sqlite'}", "postgresql": pg_url}
            for name, url in urls.items():
                store = IncidentStore(url)
                t0 = time.perf_counter()
                rep = import_file(csv, store, engine=res.engine, gazetteer=res.gazetteer,
                                  principal=LOCAL_ADMIN)
                f = {"import_s": time.perf_counter() - t0,
                     "write_s": rep.timings_s.get("write", float("nan"))}
                assert rep.inserted == args.rows, report_text(rep, "en")
                loads = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    df = store.load(principal=LOCAL_ADMIN)
                    loads.append(time.perf_counter() - t0)
                assert len(df) == args.rows
                f["load_s"] = statistics.median(loads)
                store.close()
                if not args.no_app:
                    data = tmp / f"app_{name}"
                    data.mkdir()
                    proc = subprocess.run(
                        [sys.executable, __file__, "--app-only", url, str(data)],
                        cwd=ROOT, capture_output=True, text=True, timeout=1800)
                    if proc.returncode != 0:
                        print(proc.stderr[-2000:], file=sys.stderr)
                        raise SystemExit(f"app run on {name} failed")
                    f.update(json.loads(proc.stdout.strip().splitlines()[-1]))
                figures[name] = f
    finally:
        pg_server.drop_database(server_url, pg_url)
        if server is not None:
            server.stop()

    print(f"{args.rows} ACLED-layout rows; PostgreSQL / SQLite in the same run")
    print(f"{'figure':<26} {'SQLite':>10} {'PostgreSQL':>11} {'ratio':>6}  bar")
    rows = [("import (whole pipeline)", "import_s", "s", None),
            ("  of which write", "write_s", "s", None),
            ("load for the app", "load_s", "s", None)]
    if not args.no_app:
        rows += [("app first run", "first_run_s", "s", None),
                 ("filter change, server", "filter_server_s", "s", FILTER_BAR_S),
                 ("filter change, wall", "filter_wall_s", "s", None),
                 ("map payload", "payload_b", "B", PAYLOAD_BAR_B)]
    for label, key, unit, bar in rows:
        a, b = figures["sqlite"][key], figures["postgresql"][key]
        mark = "" if bar is None else ("ok" if max(a, b) <= bar else
                                       f"OVER {_fmt(bar, unit)}")
        print(f"{label:<26} {_fmt(a, unit):>10} {_fmt(b, unit):>11} {b / a:>6.2f}  {mark}")
    if not args.no_app:
        for name in urls:
            f = figures[name]
            print(f"{name}: {f['n_filtered']} incidents after the filter; "
                  f"app exceptions: {f['exceptions'] or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
