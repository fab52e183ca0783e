"""App benchmark with a real browser (Playwright + Debian Chromium) and no network.

For the demo data and for 10,000 synthetic incidents (generated into a temporary store,
source_dataset "SYNTHETIC DEMO"):
- cold start: process launch → first drawn map (the map's iframe has its height and holds
  incident symbols), on a first start (no store or no map cache yet) and on a restart
  (``first_paint``: whether that map was drawn from the record the first start left,
  :mod:`ui.first_paint`);
- filter change (category chosen in the sidebar, once the page has settled) → redrawn
  map: server time of the map page run (logged by the page via KGTJ_TIMING_LOG) and
  browser time;
- the hotspots and pairs, which the Map page computes after it has drawn the incidents on
  a session's first visit, and in the filter's own run after a filter change that leaves
  few incidents (``ui.map_body.INLINE_ANALYSIS_MAX_ROWS``; more: after the map again):
  process launch → analysis layers on the map (``cold_hotspots_s``, printed for the
  record), filter change → the new filter's analysis layers on the map
  (``filter_hotspots_s``, bar ≤ 1 s: issue 20 item 8) and the server time of computing
  them (``hotspots_server_s``);
- map payload: bytes of the st_folium component arguments (AppTest, same page code), for
  the first map and for the map with hotspots and pairs.
Baseline in the same run: the cold start of a bare one-metric Streamlit app served and
measured the same way (the floor set by Streamlit itself and this machine); cold starts
are printed as multiples of it.
Bars: cold ≤ 5 s, filter ≤ 0.5 s server / ≤ 1.5 s browser, hotspots after a filter change
≤ 1 s, payload ≤ 1.5 MB at 10k.

No network: the bench re-runs itself in a network namespace of its own (``unshare -rn``,
only the loopback interface up), so the server and the browser can reach nothing else and
no request is held up on its way. (Intercepting requests with Playwright's routing, as this
bench did before, sends every request through the driver and its Python callback: about
1 s on a cold start, which a user never pays.) Where namespaces are not allowed, Chromium
gets a dead proxy for every non-loopback address instead. Either way the requests the page
makes to other hosts are counted and printed (0 expected).

Each case is run several times (``RUNS``, default 3; first starts ``FIRST_RUNS``, default
2) and printed as median and range: single cold starts on this 2-core machine vary by
±0.5 s.

Run: ``.venv/bin/python bench/app.py``; only the 10k store, the timed filter change
leaving more than 2,500 incidents: ``BENCH_CASES=10k BENCH_PRESELECT=Road,Youth
.venv/bin/python bench/app.py``
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from conftest import (  # noqa: E402
    ARGS,
    CHROMIUM,
    LOOPBACK,
    free_port,
    start_server,
    stop_server,
    wait_health,
)

# Which cases run ("demo", "10k"; default both) and the categories chosen, untimed, before
# the timed one ("Water"): BENCH_PRESELECT="Road,Youth" makes the timed change go from two
# categories to three, about 3,300 of the 10k incidents, more than
# ui.map_body.INLINE_ANALYSIS_MAX_ROWS: the analysis then follows the redrawn map.
CASES = set(os.environ.get("BENCH_CASES", "demo,10k").split(","))
PRESELECT = [w for w in os.environ.get("BENCH_PRESELECT", "").split(",") if w]

# The map is drawn when its iframe has a height (streamlit-folium sets it once the map is
# built) and holds incident symbols. Polled every 20 ms: Playwright's locator waits back off
# to 0.5 s between checks, which would add up to half a second to a cold start.
MAP_DRAWN = """() => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  if (!f || !f.contentDocument || f.getBoundingClientRect().height < 100) return false;
  return f.contentDocument.querySelectorAll('.kgtj-inc, .kgtj-cluster, .kgtj-cell').length > 0; }"""


# The analysis groups (hotspots, Gi* cells, communities, pairs) are on the map: the layer
# control lists "Communities" (every demo and bench store has registry entries).
ANALYSIS_DRAWN = """() => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const d = f && f.contentDocument;
  const c = d && d.querySelector('.leaflet-control-layers-overlays');
  return !!c && c.textContent.includes('Communities'); }"""


def make_10k_store(data_dir: Path) -> None:
    """10,000 synthetic incidents (marked SYNTHETIC DEMO) imported into data_dir's store,
    with the demo's illustrative registry."""
    os.environ["KGTJ_DATA_DIR"] = str(data_dir)
    import settings
    from incidents.importers import read_any
    from incidents.schema import CATEGORIES
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources
    rng = np.random.default_rng(7)
    n = 10_000
    centres = rng.uniform([70.3, 39.8], [71.3, 40.3], size=(40, 2))
    pick = rng.integers(0, len(centres), n)
    lonlat = centres[pick] + rng.normal(0, 0.03, (n, 2))
    df = pd.DataFrame({
        "date": (pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 2500, n), "D"))
        .strftime("%Y-%m-%d"),
        "lat": lonlat[:, 1].round(5), "lon": lonlat[:, 0].round(5),
        "category": rng.choice(CATEGORIES, n), "notes": "SYNTHETIC benchmark row",
        "location": "synthetic"})
    path = data_dir / "synthetic_10k.csv"
    df.to_csv(path, index=False)
    from incidents.access import LOCAL_ADMIN
    store = IncidentStore(settings.database_url())
    res = load_resources(store=store)
    parsed = read_any(path, source_dataset="SYNTHETIC DEMO")
    store.import_parsed(parsed, engine=res.engine, gazetteer=res.gazetteer,
                        file_name=path.name, principal=LOCAL_ADMIN)
    store.close()
    # a store of synthetic demo rows gets the demo's illustrative registry, as a first start
    # with the demo does (analysis.demo_registry.load_demo_start); without it the app seeds
    # the registry when it first computes pairs, after the first start has recorded its
    # first paint, and the first restart finds the store changed (a user's own store is
    # never seeded)
    from analysis.demo_registry import seed_demo_registry
    seed_demo_registry(settings.database_url(), res.gazetteer)


def payload_bytes(data_dir: Path) -> tuple[int, int]:
    """Bytes of the st_folium arguments: the first map (incidents), and the map with the
    hotspots and pairs (the run after the view report)."""
    os.environ["KGTJ_DATA_DIR"] = str(data_dir)
    from streamlit.testing.v1 import AppTest

    def size(at) -> int:
        comp = [e for e in at.get("component_instance")
                if getattr(e.proto, "component_name", "").endswith("st_folium")][0]
        return len(comp.proto.json_args.encode("utf-8"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"),
                           default_timeout=300).run()
    first = size(at)
    return first, size(at.run())


def _external(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOOPBACK


def browser_run(browser, data_dir: Path, label: str, external: list[str]) -> dict:
    """One cold start (process launch → drawn map), then one filter change."""
    port = free_port()
    log = data_dir / f"timing_{label}.jsonl"
    log.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = start_server(data_dir, port, {"KGTJ_TIMING_LOG": str(log)},
                        log_path=data_dir / f"server_{label}.log")
    out = {}
    try:
        wait_health(port, proc, 120, poll_s=0.02)
        ctx = browser.new_context(viewport={"width": 1500, "height": 1000})
        ctx.on("request", lambda r: external.append(r.url) if _external(r.url) else None)
        page = ctx.new_page()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
        page.wait_for_function(MAP_DRAWN, polling=20, timeout=120000)
        out["cold_s"] = time.perf_counter() - t0
        # the filter is changed once the page has settled: the monthly chart and the
        # download panels come with the rerun the drawn map triggers, then the hotspots
        page.wait_for_function(ANALYSIS_DRAWN, polling=20, timeout=180000)
        out["cold_hotspots_s"] = time.perf_counter() - t0
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=60000)
        page.wait_for_timeout(1000)
        box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
        for word in PRESELECT:  # categories chosen before the timed one (not timed)
            shown = page.locator('[data-testid="stMetricValue"]').first.inner_text()
            box.click()
            page.keyboard.type(word)
            page.keyboard.press("Enter")
            page.wait_for_function(
                "b => { const e = document.querySelector('[data-testid=\"stMetricValue\"]');"
                " return e && e.innerText !== b; }", arg=shown, timeout=60000)
            page.wait_for_function(ANALYSIS_DRAWN, polling=20, timeout=180000)
            page.wait_for_timeout(1500)
        if PRESELECT:
            page.keyboard.press("Escape")
        before = page.locator('[data-testid="stMetricValue"]').first.inner_text()
        n_lines = len(log.read_text().splitlines()) if log.exists() else 0
        # filter change: choose one category in the sidebar multiselect
        box.click()
        page.keyboard.type("Water")
        t1 = time.perf_counter()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "b => { const e = document.querySelector('[data-testid=\"stMetricValue\"]');"
            " return e && e.innerText !== b; }", arg=before, timeout=60000)
        after = int(page.locator('[data-testid="stMetricValue"]').first.inner_text())
        page.wait_for_function(
            """n => {
              const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
              if (!f || !f.contentDocument) return false;
              const d = f.contentDocument;
              return d.querySelectorAll('.kgtj-inc').length === n ||
                     (n > 2000 && d.querySelectorAll('.kgtj-cluster').length > 0); }""",
            arg=after, timeout=60000)
        out["filter_browser_s"] = time.perf_counter() - t1
        page.wait_for_function(ANALYSIS_DRAWN, polling=20, timeout=180000)
        out["filter_hotspots_s"] = time.perf_counter() - t1
        page.wait_for_timeout(1000)
        runs = [json.loads(x) for x in log.read_text().splitlines()[n_lines:]]
        # the filter's run: without the analysis, or with it computed in that run (a filter
        # leaving few incidents, ui.map_body.INLINE_ANALYSIS_MAX_ROWS); not the run that
        # draws an analysis computed after the map
        plain = [r["map_run_s"] for r in runs if "map_run_s" in r
                 and (not r.get("analysis") or r.get("inline_analysis_s") is not None)]
        out["filter_server_s"] = max(plain) if plain else float("nan")
        analysis = [r["inline_analysis_s"] for r in runs
                    if r.get("inline_analysis_s") is not None] or \
            [r["analysis_s"] for r in runs if "analysis_s" in r]
        out["hotspots_server_s"] = analysis[0] if analysis else float("nan")
        out["n_before"], out["n_after"] = int(before), after
        # whether the first map was drawn from the stored first paint (ui.first_paint)
        out["first_paint"] = any(r.get("first_paint") for r in
                                 [json.loads(x) for x in log.read_text().splitlines()])
        ctx.close()
    finally:
        stop_server(proc)
    return out


BASELINE_APP = """import streamlit as st
import pandas as pd
st.title("baseline")
st.metric("rows", len(pd.DataFrame({"a": range(519)})))
"""


def baseline_cold(browser, tmp: Path) -> float:
    """Process launch → first rendered element of a one-metric Streamlit app (the floor)."""
    script = tmp / "baseline_app.py"
    script.write_text(BASELINE_APP, encoding="utf-8")
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(tmp, port, script=str(script), log_path=tmp / "baseline.log")
    try:
        wait_health(port, proc, 60, poll_s=0.02)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
        page.wait_for_function(
            "() => !!document.querySelector('[data-testid=\"stMetricValue\"]')",
            polling=20, timeout=60000)
        out = time.perf_counter() - t0
        page.close()
    finally:
        stop_server(proc)
    return out


def _reexec_in_own_netns() -> None:
    """Re-run this script inside ``unshare -rn`` (loopback only) and exit with its code;
    return (and run here) when already inside or when namespaces are not allowed."""
    if os.environ.get("KGTJ_BENCH_NETNS") == "1" or not shutil.which("unshare"):
        return
    cmd = f"ip link set lo up && exec {shlex.quote(sys.executable)} " \
          f"{shlex.quote(str(Path(__file__).resolve()))}"
    probe = subprocess.run(["unshare", "-rn", "sh", "-c", "ip link set lo up"],
                           capture_output=True)
    if probe.returncode != 0:
        return
    env = {**os.environ, "KGTJ_BENCH_NETNS": "1"}
    sys.exit(subprocess.run(["unshare", "-rn", "sh", "-c", cmd], env=env).returncode)


def _summary(runs: list[dict]) -> dict:
    """Median (and range) of every numeric field over the runs."""
    out = {}
    for key in runs[0]:
        values = [r[key] for r in runs]
        if isinstance(values[0], float):
            out[key] = (statistics.median(values), min(values), max(values))
        else:
            out[key] = values[0] if len(set(values)) == 1 else values
    return out


def main() -> None:
    _reexec_in_own_netns()
    from playwright.sync_api import sync_playwright
    runs = int(os.environ.get("RUNS", "3"))
    first_runs = int(os.environ.get("FIRST_RUNS", "2"))
    netns = os.environ.get("KGTJ_BENCH_NETNS") == "1"
    args = ARGS if netns else [*ARGS, "--proxy-server=http://127.0.0.1:9",
                               "--proxy-bypass-list=<-loopback>;127.0.0.1;localhost"]
    external: list[str] = []
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)
        base_runs = [baseline_cold(browser, tmp) for _ in range(runs)]
        base = statistics.median(base_runs)
        print(f"network: {'own namespace, loopback only' if netns else 'dead proxy'}; "
              f"{runs} restarts and {first_runs} first starts per case")
        print(f"baseline: bare Streamlit app (one metric) cold start {base:.2f} s "
              f"(median; {min(base_runs):.2f}–{max(base_runs):.2f})")
        if "demo" in CASES:
            first = []
            for i in range(first_runs):  # a new data folder each: no store, no map cache
                fresh = tmp / f"demo_first_{i}"
                fresh.mkdir()
                first.append(browser_run(browser, fresh, "demo_first", external))
            results["demo, first start ever (creates the demo store and the map cache)"] = \
                _summary(first)
            demo = tmp / "demo_first_0"
            results["demo, restart"] = {
                **_summary([browser_run(browser, demo, f"demo_{i}", external)
                            for i in range(runs)]),
                **dict(zip(("payload_bytes", "payload_hotspots_bytes"), payload_bytes(demo),
                           strict=True))}
        if "10k" in CASES:
            big = tmp / "big"
            big.mkdir()
            t0 = time.perf_counter()
            make_10k_store(big)
            print(f"(10k synthetic store built in {time.perf_counter() - t0:.1f} s)")
            first = []
            for i in range(first_runs):
                shutil.rmtree(big / "cache", ignore_errors=True)
                first.append(browser_run(browser, big, f"10k_first_{i}", external))
            results["10k, first start (builds the map cache)"] = _summary(first)
            results["10k, restart"] = {
                **_summary([browser_run(browser, big, f"10k_{i}", external)
                            for i in range(runs)]),
                **dict(zip(("payload_bytes", "payload_hotspots_bytes"), payload_bytes(big),
                           strict=True))}
        browser.close()
    bars = {"cold_s": 5.0, "filter_server_s": 0.5, "filter_browser_s": 1.5,
            "filter_hotspots_s": 1.0,
            "payload_bytes": 1.5e6, "payload_hotspots_bytes": 1.5e6}
    for name, r in results.items():
        print(f"\n== {name}  (cold start = {r['cold_s'][0] / base:.2f}x the bare-Streamlit "
              f"baseline of {base:.2f} s)")
        for k, v in r.items():
            bar = bars.get(k)
            if isinstance(v, tuple):
                text = f"{v[0]:.3f}  (range {v[1]:.3f}–{v[2]:.3f})"
                v = v[0]
            else:
                text = str(v)
            ratio = f"  ({v / bar:.2f} of bar {bar:g})" if bar else ""
            print(f"  {k:18s} {text}{ratio}")
    print(f"\nrequests to non-loopback hosts: {len(external)}"
          + (f" (first: {external[:3]})" if external else ""))


if __name__ == "__main__":
    main()
