"""A team at once: 8 browser sessions on 10,000 incidents, bounded in time, on 127.0.0.1.

One Streamlit server on a store of 10,000 synthetic incidents (marked SYNTHETIC DEMO;
``bench/app.py``'s ``make_10k_store``), SQLite by default or PostgreSQL with ``--pg``
(``KGTJ_BENCH_PG_URL`` / ``KGTJ_TEST_PG_URL``, or a throwaway cluster). ``SESSIONS`` (8)
people, each with a browser of their own (a Chromium context of one Playwright browser,
``/usr/bin/chromium``: its HTTP cache and compiled scripts kept between that person's visits,
as a person's browser keeps them; ``--fresh`` opens every visit in a new, empty context
instead, a first-ever visit each time), open the app again and again for ``--seconds``
(120, at most 1800) and time, per visit (a new page: a new Streamlit session):
- ``map``: navigation → the map drawn with its incident symbols;
- ``full``: navigation → the whole page settled: map, the incident count and the monthly
  chart (bar: p95 ≤ 4 s on 2 cores);
and count errors (a page that did not settle within 90 s, an exception shown on the
page) and wrong counts (the incident count on the page is not the store's).

Server memory over the run: the server process's resident memory (``VmRSS``) is sampled
twice a second; printed are its size once the server is warm, at the half and at the end of
the sessions, its peak, and its growth per 100 page loads over the second half (a straight
line fitted to the samples: a leak shows as a steady growth, bounded caches as a plateau).
``--vary N`` opens each visit with one of N filters (``date_from`` a month apart, in the
address as a shared link carries it) instead of the unfiltered map, so the server's
bounded caches of filtered frames and analyses (``ui.resources``, ``ui.shared_analysis``:
16 filters at most) fill and keep turning over; each visit's count is checked against the
store's count for its filter.

Baselines in the same run: one session alone (the first load of the run warms the
server's caches; its figures are printed apart), and a bare one-metric Streamlit app
(``bench/app.py``'s ``BASELINE_APP``) under the same sessions for the same time — the part of
the figures that is Streamlit's and the browsers' own (the browsers run on the same 2 cores
as the server: a person's browser runs on their own machine). ``--no-bare`` leaves it out.

Only the loopback address is ever requested: any request to another host is counted and
printed (0 expected).

Run: ``.venv/bin/python bench/team_load.py [--seconds 120] [--sessions 8] [--pg] [--fresh]
[--vary 40]``
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import (  # noqa: E402
    ARGS,
    CHROMIUM,
    LOOPBACK,
    free_port,
    start_server,
    stop_server,
    wait_health,
)

MAX_SECONDS = 1800  # a memory soak (--vary) may run longer than a timing run
PAGE_TIMEOUT_MS = 90_000
FULL_BAR_S = 4.0


def _bench_app():
    spec = importlib.util.spec_from_file_location("bench_app", ROOT / "bench" / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class RssSampler:
    """Resident memory (MB) and CPU time (s, user + system) of process ``pid`` sampled every
    ``every_s`` in a thread, as (monotonic time s, MB, CPU s); the children of
    ``streamlit run`` are none."""

    def __init__(self, pid: int, every_s: float = 0.5) -> None:
        self.pid, self.every_s = pid, every_s
        self.samples: list[tuple[float, float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._tick = os.sysconf("SC_CLK_TCK")

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
                stat = Path(f"/proc/{self.pid}/stat").read_text()
            except OSError:
                return
            kb = int(re.search(r"^VmRSS:\s+(\d+)", status, re.M).group(1))
            fields = stat.rsplit(")", 1)[1].split()  # after the command name
            cpu_s = (int(fields[11]) + int(fields[12])) / self._tick  # utime + stime
            self.samples.append((time.monotonic(), kb / 1024, cpu_s))
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def memory_summary(samples: list[tuple[float, float, float]], start_t: float,
                   done_t: list[float]) -> dict[str, float]:
    """RSS (MB) at ``start_t`` (sessions begin, the server warm), at the sessions' half and
    end, its peak, and the growth per 100 page loads over the second half (least squares
    of RSS on the loads done by each sample's time, ``done_t``: each load's end time); the
    server's CPU seconds per page load and its share of one core over the sessions."""
    during = [s for s in samples if s[0] >= start_t]
    if len(during) < 4:
        return {}
    times = np.array([s[0] for s in during])
    mb = np.array([s[1] for s in during])
    cpu_s = during[-1][2] - during[0][2]
    wall_s = times[-1] - times[0]
    loads = np.searchsorted(np.sort(np.asarray(done_t)), times)
    half = times >= times[0] + (times[-1] - times[0]) / 2
    growth = (np.polyfit(loads[half], mb[half], 1)[0] * 100
              if np.ptp(loads[half]) > 0 else float("nan"))
    return {"warm_mb": float(mb[0]), "half_mb": float(mb[half][0]), "end_mb": float(mb[-1]),
            "peak_mb": float(mb.max()), "growth_mb_per_100": float(growth),
            "loads_second_half": int(np.ptp(loads[half])),
            "cpu_per_load_s": cpu_s / max(1, int(np.ptp(loads))),
            "cpu_share": cpu_s / wall_s if wall_s > 0 else float("nan")}


def _memory_line(label: str, mem: dict[str, float]) -> str:
    if not mem:
        return f"{label}: too few memory samples"
    return (f"{label} server memory (RSS): warm {mem['warm_mb']:.0f} MB, half "
            f"{mem['half_mb']:.0f} MB, end {mem['end_mb']:.0f} MB, peak {mem['peak_mb']:.0f}"
            f" MB; second half {mem['growth_mb_per_100']:+.1f} MB per 100 page loads "
            f"({mem['loads_second_half']} loads); CPU {mem['cpu_per_load_s']:.2f} s per "
            f"page load, {mem['cpu_share']:.0%} of one core")


async def _one_load(browser, url: str, expected: int | None, map_drawn: str | None,
                    external: list, ctx=None):
    """One visit (a new page; in a new context unless ``ctx``): (map_s, full_s, count_ok,
    end time) or raises. ``map_drawn`` None: the bare app (its metric only)."""
    own = ctx is None
    if own:
        ctx = await _context(browser, external)
    page = await ctx.new_page()
    try:
        t0 = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=PAGE_TIMEOUT_MS)
        if map_drawn:
            await page.wait_for_function(map_drawn, polling=50, timeout=PAGE_TIMEOUT_MS)
        t_map = time.perf_counter() - t0
        if map_drawn:
            await page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(
                timeout=PAGE_TIMEOUT_MS)
        metric = await page.locator('[data-testid="stMetricValue"]').first.inner_text()
        t_full = time.perf_counter() - t0
        if await page.locator('[data-testid="stException"]').count():
            raise RuntimeError("an exception is shown on the page")
        shown = int(re.sub(r"\D", "", metric) or -1)
        return t_map, t_full, expected is None or shown == expected, time.monotonic()
    finally:
        await page.close()
        if own:
            await ctx.close()


async def _context(browser, external: list):
    """A person's browser: a context that counts requests to any host but this one."""
    ctx = await browser.new_context(viewport={"width": 1500, "height": 1000})
    ctx.on("request", lambda r: external.append(r.url)
           if r.url.startswith(("http:", "https:", "ws:", "wss:"))
           and (re.match(r"^[a-z]+://([^/:]+)", r.url).group(1) not in LOOPBACK) else None)
    return ctx


async def _run(targets: list[tuple[str, int | None]], sessions: int, seconds: float,
               map_drawn: str | None, fresh: bool):
    """Warm-up, three loads alone, then ``sessions`` people loading ``targets`` (address,
    expected count) in turn until ``seconds`` have passed; returns the figures and the
    monotonic time the sessions began."""
    from playwright.async_api import async_playwright
    external: list[str] = []
    url, expected = targets[0]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = await _one_load(browser, url, expected, map_drawn, external)
        alone = [await _one_load(browser, url, expected, map_drawn, external)
                 for _ in range(3)]
        results: list[tuple[float, float, bool, float]] = []
        errors: list[str] = []
        started = time.monotonic()
        deadline = started + seconds

        async def session(k: int) -> None:
            ctx = None if fresh else await _context(browser, external)
            await asyncio.sleep(k * 0.25)  # people do not press Enter in the same ms
            visit = k
            while time.monotonic() < deadline:
                target, count = targets[visit % len(targets)]
                visit += sessions
                try:
                    results.append(await _one_load(browser, target, count, map_drawn,
                                                   external, ctx))
                except Exception as exc:  # noqa: BLE001 - counted and printed
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            if ctx is not None:
                await ctx.close()

        t0 = time.perf_counter()
        await asyncio.gather(*(session(k) for k in range(sessions)))
        wall = time.perf_counter() - t0
        await browser.close()
    return warm, alone, results, errors, wall, external, started


def _bare(app_text: str, tmp: Path, sessions: int, seconds: float, fresh: bool) -> tuple:
    """The bare one-metric Streamlit app ``app_text`` under the same sessions: (p50, p95,
    loads, errors, memory summary)."""
    script = tmp / "baseline_app.py"
    script.write_text(app_text, encoding="utf-8")
    port = free_port()
    proc = start_server(tmp, port, script=str(script), log_path=tmp / "baseline.log")
    try:
        wait_health(port, proc, 120)
        with RssSampler(proc.pid) as rss:
            _, _, results, errors, _, _, started = asyncio.run(
                _run([(f"http://127.0.0.1:{port}/", None)], sessions, seconds, None, fresh))
    finally:
        stop_server(proc)
    fulls = [r[1] for r in results]
    return (_pct(fulls, 0.5), _pct(fulls, 0.95), len(results), len(errors),
            memory_summary(rss.samples, started, [r[3] for r in results]))


def vary_targets(base_url: str, n: int, principal) -> list[tuple[str, int]]:
    """``n`` addresses, each the map with ``date_from`` one month later (from the store's
    first month), and the count of located incidents its page shows."""
    import settings
    from incidents.filters import IncidentFilter
    from incidents.store import IncidentStore
    store = IncidentStore(settings.database_url())
    try:
        frame = store.load(principal=principal)
        first = pd.Timestamp(frame["event_date"].min()).to_period("M")
        out = []
        for k in range(n):
            flt = IncidentFilter(date_from=(first + k).to_timestamp().date())
            shown = flt.apply(frame)
            query = "&".join(f"{a}={b}" for a, b in flt.to_query_params().items())
            out.append((f"{base_url}?{query}", int(shown["lon"].notna().sum())))
        return out
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--pg", action="store_true", help="the store on PostgreSQL")
    parser.add_argument("--fresh", action="store_true",
                        help="every visit in a new, empty browser context")
    parser.add_argument("--no-bare", action="store_true",
                        help="leave out the bare-Streamlit baseline")
    parser.add_argument("--vary", type=int, default=0, metavar="N",
                        help="visits open one of N filtered maps in turn (date_from a "
                             "month apart), so the server's caches turn over")
    args = parser.parse_args(argv)
    seconds = min(args.seconds, MAX_SECONDS)
    sessions = max(1, min(args.sessions, 16))
    bench_app = _bench_app()
    server = pg_url = server_url = None
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        env: dict[str, str] = {}
        if args.pg:
            from tests import pg_server
            server_url = os.environ.get("KGTJ_BENCH_PG_URL") or os.environ.get(
                "KGTJ_TEST_PG_URL")
            if not server_url:
                server = pg_server.Server()
                server_url = server.url
            pg_server.wait_ready(server_url)
            pg_url = pg_server.create_database(server_url)
            os.environ["KGTJ_DB_URL"] = env["KGTJ_DB_URL"] = pg_url
        t0 = time.perf_counter()
        bench_app.make_10k_store(data)
        import settings
        from incidents.access import LOCAL_ADMIN
        from incidents.store import IncidentStore
        store = IncidentStore(settings.database_url())
        expected = store.count(principal=LOCAL_ADMIN)  # the sessions run in local mode
        store.close()
        print(f"store: {expected} incidents on {'PostgreSQL' if args.pg else 'SQLite'} "
              f"(made in {time.perf_counter() - t0:.0f} s)")
        port = free_port()
        proc = start_server(data, port, env, log_path=data / "server.log")
        try:
            wait_health(port, proc, 120)
            base_url = f"http://127.0.0.1:{port}/"
            targets = (vary_targets(base_url, args.vary, LOCAL_ADMIN) if args.vary > 0
                       else [(base_url, expected)])
            with RssSampler(proc.pid) as rss:
                warm, alone, results, errors, wall, external, started = asyncio.run(
                    _run(targets, sessions, seconds, bench_app.MAP_DRAWN, args.fresh))
        finally:
            stop_server(proc)
            if pg_url:
                pg_server.drop_database(server_url, pg_url)
            if server is not None:
                server.stop()
        bare = None if args.no_bare else _bare(bench_app.BASELINE_APP, Path(tmp), sessions,
                                               seconds, args.fresh)
    maps = [r[0] for r in results]
    fulls = [r[1] for r in results]
    wrong = sum(1 for r in results if not r[2]) + sum(1 for r in [warm, *alone] if not r[2])
    print(f"first load (cold caches): map {warm[0]:.2f} s, full page {warm[1]:.2f} s")
    print(f"one session alone (baseline, 3 loads): full page median "
          f"{statistics.median(r[1] for r in alone):.2f} s, map median "
          f"{statistics.median(r[0] for r in alone):.2f} s")
    how = "a new empty browser context per visit" if args.fresh else \
        "each with its own browser context, kept between visits"
    print(f"{sessions} sessions ({how}) for {wall:.0f} s: {len(results)} page loads "
          f"({len(results) / wall:.2f} per s), errors {len(errors)}, wrong counts {wrong}")
    p50, p95 = _pct(fulls, 0.5), _pct(fulls, 0.95)
    base = statistics.median(r[1] for r in alone)
    print(f"  full page p50 {p50:.2f} s, p95 {p95:.2f} s "
          f"({p95 / base:.1f}× one session alone)  "
          f"{'ok' if p95 <= FULL_BAR_S else f'OVER {FULL_BAR_S:g} s'}")
    print(f"  map       p50 {_pct(maps, 0.5):.2f} s, p95 {_pct(maps, 0.95):.2f} s")
    if args.vary > 0:
        print(f"  visits opened {len(targets)} filtered maps in turn (date_from from "
              f"{targets[0][0].split('=')[-1]}, a month apart)")
    print(_memory_line("this app's", memory_summary(rss.samples, started,
                                                    [r[3] for r in results])))
    if bare:
        print(f"bare one-metric Streamlit app, same {sessions} sessions and time: "
              f"{bare[2]} page loads, errors {bare[3]}, full page p50 {bare[0]:.2f} s, "
              f"p95 {bare[1]:.2f} s → this app's p95 is {p95 / bare[1]:.1f}× the bare app's")
        print(_memory_line("bare app's", bare[4]))
    for e in sorted(set(errors))[:5]:
        print(f"  error: {e} (×{errors.count(e)})")
    print(f"requests to other hosts: {len(external)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
