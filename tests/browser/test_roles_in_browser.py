"""Roles in Chromium (issue 18): a served app with accounts. A visitor who has not signed in
gets only the sign-in page; a viewer, a member and an editor each sign in and see exactly
the pages, sections, buttons and record counts their role allows; a viewer's crafted URLs
land on pages it may open, and it is offered no internal download; an idle session ends.
"""
from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest

from incidents.access import ROLE_NAMES, Principal, Role

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
IDLE_S = 20  # KGTJ_SESSION_IDLE_S of this server: long enough for a slow run, short to test


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from incidents.access import LOCAL_ADMIN
    from incidents.accounts import AccountStore
    from incidents.store import IncidentStore
    from tests.browser.conftest import (
        _need_browser,
        free_port,
        start_server,
        stop_server,
        wait_health,
    )
    _need_browser()
    data = tmp_path_factory.mktemp("roles_data")
    url = f"sqlite:///{data / 'incidents.sqlite'}"
    store = IncidentStore(url)  # a new store: the first start still loads the demo
    accounts = AccountStore(store.engine)
    for role in ROLE_NAMES:
        accounts.add(f"{role}1", role, LOCAL_ADMIN, password=PASSWORD)
    store.close()
    port = free_port()
    proc = start_server(data, port, {"KGTJ_SESSION_IDLE_S": str(IDLE_S)},
                        log_path=data / "streamlit.log")
    try:
        wait_health(port, proc)
        yield f"http://127.0.0.1:{port}", url
    finally:
        stop_server(proc)


def _counts(url: str, role: Role) -> int:
    from incidents.store import IncidentStore
    store = IncidentStore(url)
    try:
        return store.count(principal=Principal("probe", role))
    finally:
        store.close()


def _idle(page, timeout_ms: int = 240000) -> None:
    """Wait until the script run is over (Streamlit's running indicator gone)."""
    page.wait_for_timeout(500)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached",
                                                           timeout=timeout_ms)


PATHS = {"Map": "", "Incidents": "incidents_page", "Data & sources": "data_page"}


def _go(page, link: str) -> None:
    """Open a page by its navigation link (a reload would start a new, unsigned session).

    The runs under way end first: a rerun the drawn map's view report starts just after
    the click carries the page the browser showed before it, and the app draws that one
    again; so the click is repeated (twice at most) until the address is the page's."""
    _idle(page)
    for _ in range(3):
        page.locator('[data-testid="stSidebarNav"] a', has_text=link).first.click()
        _idle(page)
        if urlparse(page.url).path.strip("/") == PATHS[link]:
            return
    raise AssertionError(f"the link {link!r} did not open its page: {page.url}")


def _craft(page, path: str) -> None:
    """Ask the running session for ``path`` as a crafted link would (same session)."""
    page.evaluate("p => { history.pushState({}, '', p); "
                  "window.dispatchEvent(new PopStateEvent('popstate')); }", path)
    _idle(page)


def _nav(page) -> list[str]:
    nav = page.locator('[data-testid="stSidebarNav"] a')
    nav.first.wait_for(timeout=120000)
    return [t.strip() for t in nav.all_inner_texts()]


def _sign_in(browser, base: str, name: str, password: str = PASSWORD):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120000)
    page.goto(base, wait_until="domcontentloaded")
    page.get_by_label("Account").wait_for()
    _idle(page)
    page.get_by_label("Account").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(re.compile(f"Signed in as {name}")).wait_for()
    return page


def test_unsigned_visitor_gets_only_the_sign_in_page(app, browser):
    base, _ = app
    page = browser.new_page()
    page.set_default_timeout(120000)
    try:
        for path in ("", "/incidents_page", "/data_page", "/accounts_page"):
            page.goto(base + path, wait_until="domcontentloaded")
            page.get_by_role("button", name="Sign in").wait_for()
            _idle(page)
            assert page.get_by_text("Import a file").count() == 0
            assert page.locator(".stFileUploader, [data-testid=stFileUploader]").count() == 0
        page.goto(base, wait_until="domcontentloaded")  # a crafted path shows "not found"
        page.get_by_label("Account").wait_for()
        _idle(page)
        page.get_by_label("Account").fill("viewer1")
        page.get_by_role("textbox", name="Password").fill("wrong password here")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Wrong account name or password.").wait_for()
    finally:
        page.close()


def test_viewer_sees_the_public_view_only(app, browser):
    base, url = app
    page = _sign_in(browser, base, "viewer1")
    try:
        assert _nav(page) == ["Map", "Hotspots & pairing", "Data & sources"]
        page.get_by_text(re.compile(r"\d+ of \d+ incidents")).first.wait_for()
        frame_html = page.locator("iframe").first.get_attribute("srcdoc") or ""
        assert "generated" not in frame_html  # the demo's notes never reach a viewer
        # a crafted URL of a page it may not open lands on one it may
        for path in ("/incidents_page", "/accounts_page", "/communities_page"):
            _craft(page, path)
            page.get_by_text(re.compile("Signed in as viewer1")).wait_for()
            assert page.get_by_text("Import a file").count() == 0
            assert page.get_by_text("Add an account").count() == 0
            assert page.get_by_text("Add an incident").count() == 0
        page.keyboard.press("Escape")  # the "page not found" notice
        _go(page, "Data & sources")
        page.get_by_text("Data and sources").first.wait_for()
        page.wait_for_timeout(3000)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert page.get_by_role("button", name=re.compile("Remove the demo", re.I)).count() == 0
        assert "sqlite:" not in page.content()  # the store's address is the admin's
        _go(page, "Map")
        page.get_by_text("Print and share", exact=False).first.wait_for()
        page.get_by_text("Print and share", exact=False).first.click()
        page.wait_for_timeout(2000)
        assert page.get_by_text("Internal: as stored", exact=False).count() == 0
    finally:
        page.close()
    assert _counts(url, Role.VIEWER) < _counts(url, Role.MEMBER)  # the demo has both


def test_member_reads_internal_records_and_may_only_add(app, browser):
    base, url = app
    page = _sign_in(browser, base, "member1")
    try:
        assert _nav(page) == ["Map", "Hotspots & pairing", "Incidents", "Communities",
                              "Actions & follow-up",
                              "Data & sources"]
        _go(page, "Incidents")
        shown = page.get_by_text(re.compile(r"\d+ of \d+ incidents match")).first
        shown.wait_for()
        total = int(re.search(r"of (\d+) incidents", shown.inner_text()).group(1))
        assert total == _counts(url, Role.MEMBER) < _counts(url, Role.ADMIN)
        page.get_by_text("Add an incident").first.wait_for()
        assert page.get_by_text("Import a file").count() == 0
        assert page.get_by_text("Edit an incident").count() == 0
        assert page.get_by_label("Your name (for the edit history)").count() == 0
    finally:
        page.close()


def test_editor_imports_and_edits_but_manages_no_accounts(app, browser):
    base, url = app
    page = _sign_in(browser, base, "editor1")
    try:
        nav = _nav(page)
        assert "Incidents" in nav and "Accounts" not in nav
        _go(page, "Incidents")
        for section in ("Import a file", "Add an incident", "Edit an incident"):
            page.get_by_text(section).first.wait_for()
        _go(page, "Data & sources")
        page.get_by_text("Data and sources").first.wait_for()
        page.wait_for_timeout(3000)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0  # layers: admin
    finally:
        page.close()


def test_an_idle_session_ends_by_itself(app, browser):
    """A signed-in page left alone is signed out without a click (ui.auth.watch_idle):
    the sign-in page and its notice replace the map and the internal pages' links."""
    base, _ = app
    page = _sign_in(browser, base, "member1")
    try:
        _nav(page)
        _idle(page)
        t0 = time.monotonic()
        page.get_by_text("Your session ended after a period without activity",
                         exact=False).wait_for(timeout=(IDLE_S + 90) * 1000)
        # not before the limit (the last run ended at most a few seconds before t0)
        assert time.monotonic() - t0 > IDLE_S - 5
        _idle(page)
        assert page.get_by_role("button", name="Sign in").count() == 1
        assert "Incidents" not in " ".join(page.locator(
            '[data-testid="stSidebarNav"] a').all_inner_texts())
        assert page.locator("iframe").count() == 0  # the map is gone from the screen
    finally:
        page.close()
