"""Issue 21 in Chromium, network cut: the map page's "Print and share" panel is readable —
no select hides its value, no button or label is cut short, the protection level of the
map-as-shown file is said in full — on a desktop screen and at 390 px, in English and after
switching to Russian in the sidebar (which once crashed the page: a select's value came back
as its English text). Screenshots go to tests/_artifacts/."""
from __future__ import annotations

import pytest

import settings
from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
ART = settings.REPO_ROOT / "tests" / "_artifacts"
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# visible texts the browser cuts short: an element with text (a select shows its value in an
# input) wider than its box while the box hides the overflow (ellipsis, hidden, an input)
CUT_TEXTS = """root => [...root.querySelectorAll('*')].filter(e => {
  const text = e.tagName === 'INPUT' ? e.value : e.textContent;
  if (!text.trim() || !e.getClientRects().length) return false;
  const cs = getComputedStyle(e);
  const hides = e.tagName === 'INPUT' || cs.textOverflow === 'ellipsis'
    || cs.overflowX === 'hidden' || cs.overflow === 'hidden';
  return hides && e.scrollWidth > e.clientWidth + 1;
}).map(e => (e.tagName === 'INPUT' ? e.value : e.textContent).trim())"""
PANEL = {"en": ("Print and share", "Protection: Internal: as stored – do not share"),
         "ru": ("Печать и передача", "Защита: Внутренний: как в базе – не распространять")}


def _open_panel(page, lang: str):
    title, _ = PANEL[lang]
    panel = page.locator('[data-testid="stExpander"]').filter(has_text=title).first
    panel.wait_for(timeout=90000)
    if not panel.locator("details").first.evaluate("d => d.open"):
        panel.locator("summary").first.click()
    wait_idle(page)
    panel.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    return panel


def _check_panel(page, lang: str, shot: str) -> None:
    panel = _open_panel(page, lang)
    warning = PANEL[lang][1]
    assert panel.get_by_text(warning, exact=True).is_visible()
    # every select shows its value, every button and label its whole text
    values = panel.locator('[data-testid="stSelectbox"]').all_inner_texts()
    assert len(values) >= 5, values  # paper, orientation, file, labels, area
    cut = panel.evaluate(CUT_TEXTS)
    assert not cut, cut
    # nor anything else of the page (the map's toggles were cut in their narrow columns)
    cut = page.locator('[data-testid="stMain"]').evaluate(CUT_TEXTS)
    assert not cut, cut
    panel.screenshot(path=str(ART / shot))


def test_print_panel_readable_on_desktop_and_after_switching_to_russian(server,
                                                                         make_offline_page):
    page = make_offline_page(viewport={"width": 1280, "height": 900})
    page.goto(server, wait_until="domcontentloaded")
    page.frame_locator(IFRAME).first.locator(".kgtj-inc").first.wait_for(timeout=90000)
    wait_idle(page)
    _check_panel(page, "en", "print_panel_en_1280.png")
    page.locator('[data-testid="stSidebar"]').get_by_text("Русский", exact=True).click()
    wait_idle(page)
    page.frame_locator(IFRAME).first.locator(".kgtj-inc").first.wait_for(timeout=90000)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.get_by_text("Карта границы").first.is_visible()
    _check_panel(page, "ru", "print_panel_ru_1280.png")
    # the choices kept their values through the switch (a print is still offered)
    panel = _open_panel(page, "ru")
    orient = panel.locator('[data-testid="stSelectbox"]').filter(has_text="Ориентация").first
    assert orient.locator("input").input_value() == "альбомная"
    severity = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text="Тяжесть").first
    assert severity.locator("input").input_value() == "любая"
    assert not page.blocked, page.blocked


def test_print_panel_readable_at_390_px(server, make_offline_page):
    page = make_offline_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                             has_touch=True)
    page.goto(f"{server}/?lang=ru", wait_until="domcontentloaded")
    page.frame_locator(IFRAME).first.locator(".kgtj-inc").first.wait_for(timeout=90000)
    wait_idle(page)
    _check_panel(page, "ru", "print_panel_ru_390.png")
    assert not page.blocked, page.blocked
