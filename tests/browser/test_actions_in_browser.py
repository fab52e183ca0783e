"""Actions & follow-up in Chromium (issue 22): on a first start the demo's illustrative actions
are listed with their before/after chart; a working group enters a new action at a road
crossing and sees its own evaluation and chart; the Monday list is on the page."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser

def _idle(page) -> None:
    wait_idle(page, timeout_s=240, calm_runs=3)


def _chosen(page) -> str:
    return page.get_by_label("Action to look at").input_value()


def test_an_action_entered_in_the_app_gets_its_before_after_chart(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/actions_page", wait_until="domcontentloaded")
        page.get_by_text("Action to look at").wait_for(timeout=240000)
        _idle(page)
        assert "DEMO-A1" in _chosen(page)  # the illustrative demo actions, first chosen
        charts = page.locator('[data-testid="stVegaLiteChart"]')
        assert charts.count() >= 1
        assert page.get_by_text("Before", exact=True).count() >= 1
        assert "Traceback" not in page.content()

        title = "Speed bumps at the Ak-Say crossing (browser test)"
        page.get_by_label("Title (English)").fill(title)
        page.get_by_label("Community", exact=True).click()
        page.keyboard.press("ArrowDown")  # opens the list (a click alone may only focus)
        page.get_by_role("option", name=re.compile(r"^DEMO-01 ")).click()
        page.get_by_label(re.compile("Problem targeted")).click()
        page.keyboard.press("ArrowDown")
        page.get_by_role("option", name=re.compile("^Road crash")).click()
        page.keyboard.press("Escape")
        for label, value in (("Latitude", "39.87"), ("Longitude", "70.52")):  # empty at first
            page.get_by_label(label, exact=True).fill(value)
            page.keyboard.press("Tab")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text(re.compile(r"Saved A-\d{4}\.")).wait_for(timeout=120000)
        saved = page.get_by_text(re.compile(r"Saved A-\d{4}\.")).inner_text()
        new_id = re.search(r"A-\d{4}", saved).group(0)
        _idle(page)

        page.get_by_label("Action to look at").click()
        page.keyboard.press("ArrowDown")
        page.get_by_role("option", name=re.compile(re.escape(new_id))).click()
        _idle(page)
        assert new_id in _chosen(page) and title in _chosen(page)
        assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
        # its before/after counts are shown as metrics beside the chart
        assert page.get_by_text("After", exact=True).count() >= 1
        assert "Traceback" not in page.content()
    finally:
        page.close()


def test_typed_text_stays_in_the_form_through_a_language_switch(server, browser):
    """A working group half-way through a new action switches to Russian: the titles typed
    (not yet saved) are still in the form, under the Russian labels (the Russian and
    local titles were new, empty widgets after the switch: their labels had changed)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/actions_page", wait_until="domcontentloaded")
        page.get_by_text("Action to look at").wait_for(timeout=240000)
        _idle(page)
        typed = {"Title (English)": "Water rota at the canal (typed)",
                 "Title (Russian)": "График полива у канала (набрано)",
                 "Title (Kyrgyz / Tajik)": "Сув навбати (typed)"}
        for label, text in typed.items():
            page.get_by_label(label, exact=True).fill(text)
        page.locator('[data-testid="stSidebar"]').get_by_text("Русский").click()
        page.get_by_text("Действия рабочих групп").wait_for(timeout=120000)
        _idle(page)
        shown = {"Title (English)": "Название (англ.)", "Title (Russian)": "Название (рус.)",
                 "Title (Kyrgyz / Tajik)": "Название (кырг. / тадж.)"}
        for label, text in typed.items():
            assert page.get_by_label(shown[label], exact=True).input_value() == text, label
        assert "Traceback" not in page.content()
    finally:
        page.close()
