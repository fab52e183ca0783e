"""Every page in Russian on the demo data (AppTest), its maps included (legend, tooltips,
attributions, layer names): no Latin-only word outside the allow-list
(tests/app/ru_scan.py: acronyms and codes, units, proper names of sources and formats, place
names beside their Cyrillic, and place names the gazetteer has only in Latin), no ``None``, no
ISO date-time, and counts of incidents with the right Russian plural.

The pages are visited as a user would: the map once drawn, the hotspots with the top one
chosen, the incidents' three sections (with an import read, previewed and run, so the
preview, the report and the rejected rows are on screen), the communities, actions, data and
accounts pages."""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import settings
from i18n import t
from i18n.plural import plural_word
from tests.app.conftest import open_app, shown_text
from tests.app.ru_scan import _WORD, latin_words, page_texts, problems
from ui import state

APP = str(settings.REPO_ROOT / "app.py")
PAGES = ("hotspots_page", "incidents_page", "communities_page", "actions_page", "data_page",
         "accounts_page")
# the file the import step reads: its own headers and cells are the user's words
UPLOAD = ("date,village,lat,lon,type,killed\n2025-03-15,Ak-Sai,39.87,70.52,road_crash,\n"
          "not a date,Vorukh,39.85,70.58,youth_clash,1\n")
INCIDENT_FORMS = "инцидент|инцидента|инцидентов|инцидента"
# a count and the noun after it, not after a preposition that takes the genitive
COUNT = re.compile(r"(?<![А-Яа-яё] )(?<!из )\b(\d+) (инцидент(?:а|ов)?)\b")


def _gazetteer_latin_words() -> set[str]:
    """Words of the settlement names the gazetteer has in Latin only (data, not UI)."""
    from incidents.wiring import load_places_gazetteer
    places = load_places_gazetteer().places
    names = places.loc[places["name_ru"].isna(), "name"].dropna().astype(str)
    return {w for n in names for w in _WORD.findall(n)}


@pytest.fixture(scope="module")
def russian_pages(tmp_path_factory) -> dict[str, list[tuple[str, str]]]:
    """(where, text) of each page state, all in Russian."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KGTJ_DATA_DIR", str(tmp_path_factory.mktemp("ru_data")))
    try:
        at = AppTest.from_file(APP, default_timeout=300)
        at.query_params["lang"] = "ru"
        open_app(at)
        at.session_state[state.MAP_REPORTED] = True  # the drawn map reported its view
        at.run()
        seen = {}

        def keep(name):
            assert not at.exception, (name, [e.message for e in at.exception])
            seen[name] = page_texts(at)
        keep("map")
        for page in PAGES:
            at.switch_page(f"ui/pages/{page}.py").run()
            keep(page)
            if page == "accounts_page":  # a name the store refuses: why, in Russian
                at.text_input(key="acc_new_name").set_value("плохое имя!")
                at.text_input(key="acc_new_pw").set_value("a long pass phrase 42")
                next(b for b in at.button if b.label == t("acc.add_go", "ru")).click().run()
                assert any("имя учётной записи «плохое имя" in shown_text(e.value)
                           for e in at.error), [e.value for e in at.error]
                keep(f"{page}:refused")
            if page == "incidents_page":
                for section in ("add", "edit"):
                    at.radio(key="inc_section").set_value(section).run()
                    keep(f"{page}:{section}")
                from ui import importing
                at.radio(key="inc_section").set_value("import").run()
                at.session_state[state.IMPORT_PARSED] = (
                    "two.csv", importing.read_upload(UPLOAD.encode(), "two.csv"))
                at.run()
                keep(f"{page}:preview")
                at.button(key="inc_do_import").click().run()
                keep(f"{page}:report")
        # with an account in the store, a new visitor first sees the sign-in page
        from incidents.access import LOCAL_ADMIN
        from incidents.accounts import AccountStore
        from incidents.store import IncidentStore
        store = IncidentStore(settings.database_url())
        AccountStore(store.engine).add("admin1", "admin", LOCAL_ADMIN,
                                       password="a long pass phrase 42")
        store.close()
        at = AppTest.from_file(APP, default_timeout=300)
        at.query_params["lang"] = "ru"
        at.run()
        keep("signin_page")
        return seen
    finally:
        mp.undo()


STATES = ("map", *PAGES, "incidents_page:add", "incidents_page:edit", "incidents_page:preview",
          "incidents_page:report", "accounts_page:refused", "signin_page")


@pytest.mark.parametrize("name", STATES)
def test_page_reads_in_russian(russian_pages, name):
    texts = russian_pages[name]
    assert texts and any(re.search("[а-яё]", t) for _, t in texts), name
    extra = _gazetteer_latin_words() | set(_WORD.findall(UPLOAD))
    found = problems(texts, extra)
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("name", STATES)
def test_counts_of_incidents_take_the_russian_plural(russian_pages, name):
    for _, text in russian_pages[name]:
        for n, word in COUNT.findall(text):
            assert word == plural_word(int(n), INCIDENT_FORMS, "ru"), text


def test_the_pages_show_what_the_issue_saw_fixed(russian_pages):
    every = " ".join(t for texts in russian_pages.values() for _, t in texts)
    assert "(ов)" not in every and "illustrative" not in every
    assert "encoding detected" not in every and "raw:" not in every
    preview = " ".join(t for _, t in russian_pages["incidents_page:preview"])
    assert "15.03.2025" in preview and "2025-03-15 00:00:00" not in preview
    assert "Надписи в рамке" in " ".join(t for _, t in russian_pages["incidents_page"])
    sign_in = " ".join(t for _, t in russian_pages["signin_page"])
    assert "Пароль" in sign_in or "пароль" in sign_in, sign_in[:300]
    formats = {t for texts in russian_pages.values() for w, t in texts
               if w == "table.date_format"}
    assert formats == {"DD.MM.YYYY"}, formats  # date columns as Russian dates
    on_map = [t for w, t in russian_pages["map"] if w.startswith("map.")]  # the map is read
    assert len(on_map) > 20 and any("Инциденты: СИНТЕТИЧЕСКОЕ ДЕМО" in t for t in on_map)


def test_the_scan_would_catch_english_and_raw_values():
    """The checks above can fail: English words, None and ISO date-times are found; the
    allowed kinds of Latin are not."""
    assert latin_words("Incidents on the map") == ["Incidents", "on", "the", "map"]
    assert latin_words("Ворух / Vorukh, CSWG, HS-001, ACLED, 5 km, gn:1514877") == []
    assert latin_words("CSWG Ak-Say (illustrative)") == ["Ak", "Say", "illustrative"]
    assert problems([("x", "None")]) and problems([("x", "2025-03-15 00:00:00")])
    assert COUNT.findall("83 инцидентов и 1 из 21 инцидента") == [("83", "инцидентов")]
