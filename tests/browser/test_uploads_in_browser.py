"""Uploads in Chromium (issue 15): a places file whose name is a path
(``../../../../../tmp/…``) is saved only under a generated name in the data folder, after
the user's click; an incident file is not parsed until "Read this file" is clicked; a newer
reference line, once given with its name, date and source, is drawn and named on the map; a
bad places file is refused with every problem in the user's language."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
CRAFTED = "../../../../../tmp/kgtj_upload_probe.csv"
PLACES = b"name,lat,lon,country\nAk-Say,39.87,70.52,KGZ\n"
TABLE = b"date,village,lat,lon,type\n2024-05-01,Ak-Say,39.87,70.52,youth_clash\n"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tests.browser.conftest import (
        _need_browser,
        free_port,
        start_server,
        stop_server,
        wait_health,
    )
    _need_browser()
    data = tmp_path_factory.mktemp("uploads_data")
    (data / "tmp").mkdir()  # the server's temporary folder (staging files of imports)
    port = free_port()
    proc = start_server(data, port, log_path=data / "streamlit.log",
                        extra_env={"TMPDIR": str(data / "tmp")})
    try:
        wait_health(port, proc)
        yield f"http://127.0.0.1:{port}", data
    finally:
        stop_server(proc)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []


def test_a_crafted_upload_name_is_never_a_path(app, browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    url, data = app
    probe = Path("/tmp/kgtj_upload_probe.csv")
    probe.unlink(missing_ok=True)
    page = browser.new_page()
    try:
        page.goto(f"{url}/data_page", wait_until="domcontentloaded")
        # the places uploader, found by its label, once the page's runs are over: a file
        # given to an uploader that a later run draws again is dropped (a CI run of the
        # suite, under load, once waited 30 s for a button that never came)
        places = page.locator('[data-testid="stFileUploader"]',
                              has_text="Upload a places CSV").locator("input[type=file]")
        places.wait_for(state="attached", timeout=90000)
        wait_idle(page, timeout_s=120)
        button = page.get_by_role("button", name="Check and save this file")
        for attempt in range(2):
            places.set_input_files({"name": CRAFTED, "mimeType": "text/csv",
                                    "buffer": PLACES})
            try:
                button.wait_for(timeout=45000)
                break
            except PlaywrightTimeout:
                if attempt:
                    raise
                wait_idle(page, timeout_s=120)
        assert _files(data / "places") == []  # nothing read or written on arrival
        button.click()
        page.get_by_text("the layers were reloaded", exact=False).wait_for(timeout=60000)
    finally:
        page.close()
    saved = _files(data / "places")
    assert len(saved) == 1 and saved[0].startswith("places-") and saved[0].endswith(".csv")
    assert not probe.exists()


def test_an_incident_file_is_read_only_on_the_users_click(app, browser):
    url, _ = app
    page = browser.new_page()
    try:
        page.goto(f"{url}/incidents_page", wait_until="domcontentloaded")
        upload = page.locator('[data-testid="stFileUploader"] input[type=file]').first
        upload.wait_for(state="attached", timeout=90000)
        wait_idle(page, timeout_s=120)  # (see the test above)
        upload.set_input_files({"name": "table.csv", "mimeType": "text/csv", "buffer": TABLE})
        read = page.get_by_role("button", name="Read this file")
        read.wait_for(timeout=90000)
        page.wait_for_timeout(1500)
        assert page.get_by_text("Detected format").count() == 0
        read.click()
        page.get_by_text("Detected format").first.wait_for(timeout=60000)
    finally:
        page.close()


def test_a_large_file_is_imported_through_the_staged_bulk_load(app, browser):
    """3,000 ACLED-layout rows (above sqlite_stage.STAGE_MIN_ROWS): read, imported on the
    user's click, every row stored, and no staging file left in the server's temporary
    folder."""
    from incidents.access import LOCAL_ADMIN
    from incidents.importers.acled_layout import synthetic_acled_csv
    from incidents.sqlite_stage import STAGE_MIN_ROWS
    from incidents.store import IncidentStore

    url, data = app
    n_rows = 3000
    assert n_rows > STAGE_MIN_ROWS
    page = browser.new_page()
    try:
        page.goto(f"{url}/incidents_page", wait_until="domcontentloaded")
        upload = page.locator('[data-testid="stFileUploader"] input[type=file]').first
        upload.wait_for(state="attached", timeout=90000)
        wait_idle(page, timeout_s=120)
        store = IncidentStore(f"sqlite:///{data / 'incidents.sqlite'}")
        before = store.count(principal=LOCAL_ADMIN)
        upload.set_input_files({"name": "acled.csv", "mimeType": "text/csv",
                                "buffer": synthetic_acled_csv(n_rows, seed=5)})
        page.get_by_role("button", name="Read this file").click()
        page.get_by_role("button", name="Import these rows").click(timeout=90000)
        page.get_by_text("Import report").first.wait_for(timeout=120000)
        wait_idle(page, timeout_s=120)
        assert store.count(principal=LOCAL_ADMIN) == before + n_rows
        store.close()
    finally:
        page.close()
    assert _files(data / "tmp") == []


LINE = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        b'{"side":"KG"},"geometry":{"type":"Polygon","coordinates":[[[70.6,39.9],[70.8,39.9],'
        b'[70.8,40.1],[70.6,40.1],[70.6,39.9]]]}},{"type":"Feature","properties":{"side":"TJ"},'
        b'"geometry":{"type":"Polygon","coordinates":[[[70.6,39.7],[70.8,39.7],[70.8,39.9],'
        b'[70.6,39.9],[70.6,39.7]]]}}]}')


def test_a_newer_line_is_drawn_and_named_on_the_map(app, browser):
    url, _ = app
    page = browser.new_page()
    try:
        page.goto(f"{url}/data_page", wait_until="domcontentloaded")
        upload = page.locator('[data-testid="stFileUploader"]', has_text="A newer line") \
            .locator("input[type=file]")
        upload.wait_for(state="attached", timeout=90000)
        wait_idle(page, timeout_s=120)  # (see the first test)
        upload.set_input_files({"name": "line.geojson", "mimeType": "application/json",
                                "buffer": LINE})
        page.get_by_label("Name of the line").fill("Fictitious test line")
        page.get_by_label("Its date (YYYY, YYYY-MM or YYYY-MM-DD)").fill("2025-03-13")
        page.get_by_label("Its source", exact=False).fill("Annex (test)")
        page.get_by_role("button", name="Use this line").click()
        page.get_by_text("Now: Fictitious test line as of 13 March 2025").first.wait_for(
            timeout=60000)
        page.goto(url, wait_until="domcontentloaded")
        frame = page.frame_locator("iframe").first
        frame.locator(".leaflet-container").first.wait_for(timeout=120000)
        wait_idle(page, timeout_s=120)
        html = frame.locator("html").inner_html()
        assert "Newer line: Fictitious test line as of 13 March 2025" in html  # legend
        assert "source: Annex (test)" in html  # attribution
        assert "#B0136B" in html  # the line itself, dashed magenta
    finally:
        page.close()


def _russian_error(browser, url: str, page_path: str, uploader: str | None, file: dict,
                   button: str) -> str:
    """Upload ``file`` on the Russian ``page_path`` (to the uploader labelled ``uploader``,
    else the first), click ``button`` and return the text of the error shown."""
    page = browser.new_page()
    try:
        page.goto(f"{url}/{page_path}?lang=ru", wait_until="domcontentloaded")
        boxes = page.locator('[data-testid="stFileUploader"]', has_text=uploader) \
            if uploader else page.locator('[data-testid="stFileUploader"]')
        upload = boxes.locator("input[type=file]").first
        upload.wait_for(state="attached", timeout=90000)
        wait_idle(page, timeout_s=120)  # (see the first test)
        upload.set_input_files(file)
        page.get_by_role("button", name=button).click(timeout=90000)
        error = page.locator('[data-testid="stAlertContentError"]').first
        error.wait_for(timeout=60000)
        return error.inner_text()
    finally:
        page.close()


def test_a_bad_places_file_is_refused_in_the_users_language(app, browser):
    """Every problem of a places file is listed in Russian on the Russian page (row, field,
    the value as written), and nothing is saved."""
    url, data = app
    before = _files(data / "places")
    bad = (b"name,lat,lon,country\nOk,39.87,70.52,KGZ\n<b>B</b>,north,70.52,KGZ\n"
           b"C,39.87,70.52,Narnia\n")
    text = _russian_error(browser, url, "data_page", "Загрузить CSV мест",
                          {"name": "места.csv", "mimeType": "text/csv", "buffer": bad},
                          "Проверить и сохранить файл")
    assert "2 ошибки в файле мест" in text
    assert "места.csv: строка 3, поле «lat»: «north» — не число" in text
    assert "строка 4, поле «country»: неизвестная страна «Narnia»" in text
    assert "problem" not in text and "row " not in text  # no English left
    assert _files(data / "places") == before


def test_an_unreadable_incident_file_is_refused_in_the_users_language(app, browser):
    """A file that is no incident table (a KML saved as .csv) is named as such in Russian
    on the Russian Incidents page."""
    url, _ = app
    kml = (b'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/'
           b'2.2"><Document/></kml>\n')
    text = _russian_error(browser, url, "incidents_page", None,
                          {"name": "точки.csv", "mimeType": "text/csv", "buffer": kml},
                          "Прочитать файл")
    assert "точки.csv: это файл KML, а не таблица инцидентов" in text, text
    assert "not an incident table" not in text
