"""A Streamlit server on a free loopback port and a Playwright Chromium (Debian's
/usr/bin/chromium; browsers are never downloaded). Skips with instructions when Chromium is
missing, unless KGTJ_REQUIRE_BROWSER=1 (CI), where it fails instead."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import settings

CHROMIUM = os.environ.get("KGTJ_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = settings.REPO_ROOT / "tests" / "_artifacts"
LOOPBACK = ("127.0.0.1", "localhost")
# the log of every server started, by its address: the end of a test's server log is shown
# when it fails, and the errors.log of each server's data folder (the log's) is checked
SERVER_LOGS: dict[str, Path] = {}


def _need_browser():
    missing = not Path(CHROMIUM).exists()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = True
    if missing:
        msg = (f"Chromium not found at {CHROMIUM} (or playwright missing): install it with "
               "`apt-get install -y chromium` (or set KGTJ_CHROMIUM) to run browser tests")
        if os.environ.get("KGTJ_REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, port: int, extra_env: dict | None = None,
                 log_path: Path | None = None, script: str = "app.py") -> subprocess.Popen:
    """``streamlit run <script>`` on 127.0.0.1:``port`` with its own data folder."""
    env = {**os.environ, "KGTJ_DATA_DIR": str(data_dir), **(extra_env or {})}
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL
    launch = ["-m", "streamlit", "run", script]
    return subprocess.Popen(
        [sys.executable, *launch, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=settings.REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)


def wait_health(port: int, proc: subprocess.Popen, timeout_s: float = 90,
                poll_s: float = 0.3) -> None:
    url = f"http://127.0.0.1:{port}/_stcore/health"
    end = time.time() + timeout_s
    while time.time() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(poll_s)
    raise TimeoutError(f"{url} not healthy after {timeout_s} s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    port = free_port()
    data = tmp_path_factory.mktemp("browser_data")
    proc = start_server(data, port, log_path=data / "streamlit.log")
    url = f"http://127.0.0.1:{port}"
    SERVER_LOGS[url] = data / "streamlit.log"
    try:
        wait_health(port, proc)
        yield url
    finally:
        stop_server(proc)


@pytest.fixture
def serve_app():
    """``serve_app(data_dir, env, log_name, script)`` starts a server (of ``app.py``, or of
    ``script``) on a free port (stopped by ``stop(proc)`` or at the end of the test) and
    returns (url, proc)."""
    _need_browser()
    procs = []

    def serve(data_dir: Path, extra_env: dict | None = None, log_name: str = "streamlit",
              script: str = "app.py"):
        port = free_port()
        proc = start_server(data_dir, port, extra_env, log_path=data_dir / f"{log_name}.log",
                            script=script)
        procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        SERVER_LOGS[url] = data_dir / f"{log_name}.log"
        wait_health(port, proc)
        return url, proc
    yield serve
    for proc in procs:
        stop_server(proc)


def _error_log_sizes() -> dict[Path, int]:
    logs = {log.parent / "logs" / "errors.log" for log in SERVER_LOGS.values()}
    return {p: p.stat().st_size if p.exists() else 0 for p in logs}


@pytest.fixture(autouse=True)
def no_page_errors(request):
    """A page that failed while a test ran (the app shows "an error occurred" and a
    reference, and writes the traceback to <data dir>/logs/errors.log) fails that test, even
    when what the test looks at still appeared: the entries written are shown."""
    before = _error_log_sizes()
    yield
    if request.node.get_closest_marker("page_errors_expected"):
        return
    new = []
    for path, size in _error_log_sizes().items():
        if size > before.get(path, 0):
            with open(path, "rb") as f:
                f.seek(before.get(path, 0))
                new.append(f.read().decode("utf-8", "replace")[-3000:])
    if new:
        pytest.fail("the app recorded errors while this test ran:\n" + "\n".join(new))


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def make_offline_page(browser, request):
    """``make_offline_page(**context_args)``: a page of a new browser context (viewport,
    is_mobile… as ``browser.new_context`` takes them) whose every non-loopback request is
    aborted and recorded in ``page.blocked``; closed at the end of the test."""
    from urllib.parse import urlparse
    contexts = []
    made = request.node.made_pages = []  # read by pytest_runtest_makereport on a failure

    def make(**context_args):
        ctx = browser.new_context(**context_args)
        contexts.append(ctx)
        page = ctx.new_page()
        blocked: list[str] = []

        def route(r):
            host = urlparse(r.request.url).hostname or ""
            if r.request.url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK:
                return r.continue_()
            blocked.append(r.request.url)
            return r.abort()
        ctx.route("**/*", route)
        page.blocked = blocked
        made.append(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        return page
    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def offline_page(make_offline_page):
    """A desktop-sized page (1500 x 1000) with the network cut (:func:`make_offline_page`)."""
    return make_offline_page(viewport={"width": 1500, "height": 1000})


# what each map frame holds: its size, whether Leaflet made a map, how many incident symbols
FRAMES_JS = """() => [...document.querySelectorAll('iframe')].map(f => {
  const r = f.getBoundingClientRect(); let d = null;
  try { d = f.contentDocument; } catch (e) { return {title: f.title, error: String(e)}; }
  return {title: f.title, w: r.width, h: r.height, ready: d && d.readyState,
          map: !!(d && d.defaultView && d.defaultView.map),
          leaflet: d ? d.querySelectorAll('.leaflet-container').length : -1,
          inc: d ? d.querySelectorAll('.kgtj-inc').length : -1,
          scripts: d ? d.scripts.length : -1};
})"""


IDLE_JS = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
  && !document.querySelector('[data-stale="true"]')"""


def wait_idle(page, timeout_s: float = 60, calm_runs: int = 2) -> None:
    """Wait until the script run has finished: no running icon and no stale element,
    ``calm_runs`` times in a row 250 ms apart (a rerun can follow a run)."""
    import time
    end = time.monotonic() + timeout_s
    calm = 0
    page.wait_for_timeout(250)
    while calm < calm_runs:
        if time.monotonic() > end:
            raise TimeoutError("the app did not settle")
        calm = calm + 1 if page.evaluate(IDLE_JS) else 0
        page.wait_for_timeout(250)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves what its page showed: a screenshot in tests/_artifacts/
    (FAILED_<test>.png) and the page's visible text in the report, so a CI failure can be
    read without running it again."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    pages = [funcargs["page"]] if funcargs.get("page") is not None else []
    pages += [p for p in getattr(item, "made_pages", []) if p not in pages]
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in item.name)
    for i, page in enumerate(pages):
        suffix = f"_{i}" if i else ""
        try:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"FAILED_{name}{suffix}.png"), full_page=True)
            report.sections.append((f"page{suffix} text at failure", str(page.evaluate(
                "() => document.body ? document.body.innerText : ''"))[:4000]))
            report.sections.append((f"page{suffix} map frames at failure", str(page.evaluate(
                FRAMES_JS))[:2000]))
        except Exception as exc:  # the page may be gone: the failure itself is what matters
            report.sections.append((f"page{suffix} at failure", f"(not available: {exc})"))
    log = SERVER_LOGS.get(funcargs.get("server"))
    if log is not None and log.exists():
        report.sections.append(("server log (end)", log.read_text(errors="replace")[-3000:]))
