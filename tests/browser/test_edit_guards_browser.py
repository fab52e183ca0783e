"""Lost and doubled edits, in Chromium (issue 15): choosing another incident and saving,
a stale save after a command-line edit, a double submit of the add form, a save while
another connection holds the store's write lock (as a long import does)."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

import settings
from incidents.access import LOCAL_ADMIN
from incidents.store import IncidentStore
from tests.browser.conftest import free_port, start_server, stop_server, wait_health, wait_idle
from tests.incidents.store_fakes import FakeEngine

pytestmark = pytest.mark.browser
NOTES = ["canal gate A", "pasture B", "road C", "school D", "water E", "fence F"]


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    """A server on a small store of six incidents (no demo), and its store URL."""
    data = tmp_path_factory.mktemp("edit_guards")
    url = f"sqlite:///{data / 'incidents.sqlite'}"
    store = IncidentStore(url)
    for i, note in enumerate(NOTES):
        store.add({"source_dataset": "internal", "event_date": f"2024-05-{i + 1:02d}",
                   "category": "domestic_violence" if i == 1 else "water_dispute",
                   "lon": 70.7 + i / 100, "lat": 40.0, "geo_precision": 1, "notes": note,
                   "sensitivity": "restricted" if i == 1 else "internal"},
                  LOCAL_ADMIN, engine=FakeEngine())
    store.close()
    port = free_port()
    proc = start_server(data, port, {"KGTJ_WRITE_WAIT_S": "40"},
                        log_path=data / "streamlit.log")
    try:
        wait_health(port, proc)
        yield f"http://127.0.0.1:{port}", url
    finally:
        stop_server(proc)


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1800})
    pg = ctx.new_page()
    pg.set_default_timeout(60000)
    yield pg
    ctx.close()


def _stored(url: str, eid: str) -> dict:
    """The stored record, each value as text (so NaN equals NaN)."""
    store = IncidentStore(url)
    try:
        return {k: str(v) for k, v in store.get(eid, LOCAL_ADMIN).items()}
    finally:
        store.close()


def _idle(page, timeout_s: float = 60) -> None:
    wait_idle(page, timeout_s)


def _section(page, server: str, label: str) -> None:
    page.goto(f"{server}/incidents_page", wait_until="domcontentloaded")
    page.get_by_text(label, exact=True).click()
    _idle(page)


def _choose(page, eid: str) -> None:
    box = page.get_by_label(re.compile("Incident to edit"))
    box.click()
    page.get_by_role("option", name=re.compile(rf"^{eid} · ")).click()  # id · date · …
    _idle(page)


def _notes(page):
    return page.get_by_label("Notes", exact=True)


def _user(page):
    return page.get_by_label("Your name (for the edit history)", exact=True)


def _save(page):
    return page.get_by_role("button", name="Save", exact=True)


def test_choosing_another_incident_shows_its_values_and_saves_only_into_it(app, page):
    server, url = app
    a, b, c = "KGTJ-000001", "KGTJ-000002", "KGTJ-000003"
    before_a, before_c = _stored(url, a), _stored(url, c)
    _section(page, server, "Edit an incident")
    _choose(page, a)
    assert _notes(page).input_value() == NOTES[0]
    _notes(page).fill("typed for A, never saved")
    _choose(page, b)  # the restricted domestic-violence record
    page.wait_for_function(f"() => [...document.querySelectorAll('textarea')].some("
                           f"t => t.value === {NOTES[1]!r})")
    assert _notes(page).input_value() == NOTES[1]
    _notes(page).fill("B reviewed")
    _user(page).fill("ana")
    _save(page).click()
    page.get_by_text(f"Saved {b}.").wait_for()
    stored_b = _stored(url, b)
    assert stored_b["notes"] == "B reviewed"
    assert (stored_b["sensitivity"], stored_b["category"]) == ("restricted",
                                                               "domestic_violence")
    assert stored_b["event_date"].startswith("2024-05-02")
    assert _stored(url, a) == before_a  # the first incident's values went nowhere
    # the race: input for A, another incident chosen and Save pressed at once
    _choose(page, a)
    _notes(page).fill("race input for A")
    _user(page).fill("ana")
    page.get_by_label(re.compile("Incident to edit")).click()
    page.get_by_role("option", name=re.compile(rf"^{c} · ")).click()
    _save(page).click(no_wait_after=True)
    _idle(page)
    page.wait_for_timeout(1500)
    _idle(page)
    assert _stored(url, c) == before_c  # never A's values in C
    assert _stored(url, a)["notes"] == NOTES[0]  # and A only by its own form
    assert "Traceback" not in page.content()


def test_stale_save_after_a_cli_edit_is_refused_and_shows_both(app, page):
    server, url = app
    d = "KGTJ-000004"
    _section(page, server, "Edit an incident")
    _choose(page, d)
    _notes(page).fill("form input for D")
    _user(page).fill("ana")
    done = subprocess.run(
        [sys.executable, "-m", "incidents", "edit", d, "--db", url, "--set",
         "notes=cli note for D"],
        cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    _save(page).click()
    page.get_by_text(re.compile(f"Not saved: {d} was changed")).wait_for()
    # the conflict table (the page has other tables, e.g. the side's)
    table = page.locator('[data-testid="stTable"]').filter(has_text="cli note for D")
    assert "form input for D" in table.inner_text()
    assert _stored(url, d)["notes"] == "cli note for D"
    assert _notes(page).input_value() == "form input for D"  # the input is still there
    page.get_by_role("button", name="Save my input over it").click()
    page.get_by_text(f"Saved {d}.").wait_for()
    assert _stored(url, d)["notes"] == "form input for D"


def _count_notes(url: str, text: str) -> int:
    store = IncidentStore(url)
    try:
        return int((store.load(principal=LOCAL_ADMIN)["notes"] == text).sum())
    finally:
        store.close()


def _fill_add_form(page, note: str) -> None:
    page.get_by_text("Coordinates", exact=True).click()
    _idle(page)
    for label, value in (("Latitude", "39.87"), ("Longitude", "70.52")):  # empty at first
        page.get_by_label(label, exact=True).fill(value)
        page.keyboard.press("Tab")
    _notes(page).fill(note)
    _user(page).fill("ana")


def test_double_submit_of_the_add_form_saves_once(app, page):
    server, url = app
    _section(page, server, "Add an incident")
    _fill_add_form(page, "added once")
    _save(page).dblclick()
    end = time.monotonic() + 60
    while _count_notes(url, "added once") == 0 and time.monotonic() < end:
        time.sleep(0.3)
    page.get_by_text(re.compile(r"Saved KGTJ-\d+\.")).wait_for()  # shown with the new form
    page.wait_for_timeout(1000)
    _idle(page)
    assert _count_notes(url, "added once") == 1
    assert _notes(page).input_value() == ""  # the saved form is empty again
    assert _user(page).input_value() == "ana"
    _fill_add_form(page, "added once")  # the same incident entered again
    _save(page).click()
    page.get_by_text(re.compile("Not saved: an identical incident is already stored")
                     ).wait_for()
    assert _count_notes(url, "added once") == 1
    assert _notes(page).input_value() == "added once"  # kept, to change if it differs


def _hold_write_lock(db_path, hold_s: float) -> threading.Thread:
    ready = threading.Event()

    def hold():
        con = sqlite3.connect(db_path, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("update incidents set source = source")
        ready.set()
        time.sleep(hold_s)
        con.execute("COMMIT")
        con.close()
    th = threading.Thread(target=hold)
    th.start()
    assert ready.wait(10)
    return th


def test_save_during_a_held_lock_waits_says_so_and_saves(app, page):
    server, url = app
    e = "KGTJ-000005"
    _section(page, server, "Edit an incident")
    _choose(page, e)
    _notes(page).fill("saved after the import")
    _user(page).fill("ana")
    holder = _hold_write_lock(url.removeprefix("sqlite:///"), 6.0)
    _save(page).click()
    page.get_by_text(re.compile("The store is busy")).wait_for(timeout=20000)
    assert _stored(url, e)["notes"] == NOTES[4]  # not yet
    page.get_by_text(f"Saved {e}.").wait_for(timeout=60000)
    holder.join()
    assert _stored(url, e)["notes"] == "saved after the import"
    assert "Traceback" not in page.content() and "OperationalError" not in page.content()
