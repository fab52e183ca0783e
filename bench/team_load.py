"""A team at once: 8 browser sessions on 10,000 incidents, bounded in time, on 127.0.0.1.

One Streamlit server on a store of 10,000 synthetic incidents (marked SYNTHETIC DEMO;
``bench/app.py``'s ``make_10k_store``), SQLite by default or PostgreSQL with ``--pg``
(``KGTJ_BENCH_PG_URL`` / ``KGTJ_TEST_PG_URL``, or a throwaway cluster). ``SESSIONS`` (8)
people, each with a browser of their own (a Chromium context of one Playwright browser,
``/usr/bin/chromium``: its HTTP cache and compiled scripts kept between that person's visits,
as a person's browser keeps them; ``--fresh`` opens every visit in a new, empty context
instead, a first-ever visit each time), open the app again and again for ``--seconds``
(120, at most 300) and time, per visit (a new page: a new Streamlit session):
- ``map``: navigation → the map drawn with its incident symbols;
- ``full``: navigation → the whole page settled: map, the incident count and the monthly
  chart (bar: p95 ≤ 4 s on 2 cores);
and count errors (a page that did not settle within 90 s, an exception shown on the
page) and wrong counts (the incident count on the page is not the store's).

Baselines in the same run: one session alone (the first load of the run warms the
server's caches; its figures are printed apart), and a bare one-metric Streamlit app
(``bench/app.py``'s ``BASELINE_APP``) under the same sessions for the same time — the part of
the figures that is Streamlit's and the browsers' own (the browsers run on the same 2 cores
as the server: a person's browser runs on their own machine). ``--no-bare`` leaves it out.

Only the loopback address is ever requested: any request to another host is counted and
printed (0 expected).

Run: ``.venv/bin/python bench/team_load.py [--seconds 120] [--sessions 8] [--pg] [--fresh]``
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
import time
from pathlib import Path

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

MAX_SECONDS = 300
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


async def _one_load(browser, url: str, expected: int | None, map_drawn: str | None,
                    external: list, ctx=None):
    """One visit (a new page; in a new context unless ``ctx``): (map_s, full_s, count_ok)
    or raises. ``map_drawn`` None: the bare app (its metric only)."""
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
        return t_map, t_full, expected is None or shown == expected
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


async def _run(url: str, expected: int | None, sessions: int, seconds: float,
               map_drawn: str | None, fresh: bool):
    from playwright.async_api import async_playwright
    external: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = await _one_load(browser, url, expected, map_drawn, external)
        alone = [await _one_load(browser, url, expected, map_drawn, external)
                 for _ in range(3)]
        results: list[tuple[float, float, bool]] = []
        errors: list[str] = []
        deadline = time.monotonic() + seconds

        async def session(k: int) -> None:
            ctx = None if fresh else await _context(browser, external)
            await asyncio.sleep(k * 0.25)  # people do not press Enter in the same ms
            while time.monotonic() < deadline:
                try:
                    results.append(await _one_load(browser, url, expected, map_drawn,
                                                   external, ctx))
                except Exception as exc:  # noqa: BLE001 - counted and printed
                    errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            if ctx is not None:
                await ctx.close()

        t0 = time.perf_counter()
        await asyncio.gather(*(session(k) for k in range(sessions)))
        wall = time.perf_counter() - t0
        await browser.close()
    return warm, alone, results, errors, wall, external


def _bare(app_text: str, tmp: Path, sessions: int, seconds: float, fresh: bool) -> tuple:
    """The bare one-metric Streamlit app ``app_text`` under the same sessions: (p50, p95,
    loads, errors)."""
    script = tmp / "baseline_app.py"
    script.write_text(app_text, encoding="utf-8")
    port = free_port()
    proc = start_server(tmp, port, script=str(script), log_path=tmp / "baseline.log")
    try:
        wait_health(port, proc, 120)
        _, _, results, errors, _, _ = asyncio.run(
            _run(f"http://127.0.0.1:{port}/", None, sessions, seconds, None, fresh))
    finally:
        stop_server(proc)
    fulls = [r[1] for r in results]
    return _pct(fulls, 0.5), _pct(fulls, 0.95), len(results), len(errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--pg", action="store_true", help="the store on PostgreSQL")
    parser.add_argument("--fresh", action="store_true",
                        help="every visit in a new, empty browser context")
    parser.add_argument("--no-bare", action="store_true",
                        help="leave out the bare-Streamlit baseline")
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
            warm, alone, results, errors, wall, external = asyncio.run(
                _run(f"http://127.0.0.1:{port}/", expected, sessions, seconds,
                     bench_app.MAP_DRAWN, args.fresh))
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
    if bare:
        print(f"bare one-metric Streamlit app, same {sessions} sessions and time: "
              f"{bare[2]} page loads, errors {bare[3]}, full page p50 {bare[0]:.2f} s, "
              f"p95 {bare[1]:.2f} s → this app's p95 is {p95 / bare[1]:.1f}× the bare app's")
    for e in sorted(set(errors))[:5]:
        print(f"  error: {e} (×{errors.count(e)})")
    print(f"requests to other hosts: {len(external)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
