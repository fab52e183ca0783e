"""A filter in words (i18n.filter_text): the English of ``IncidentFilter.describe()`` and a
Russian sentence of the same conditions, both on the bilingual prints."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from i18n.filter_text import filter_text, filter_text_both
from i18n.fmt import date_text
from incidents.filters import UNRESOLVED, IncidentFilter
from tests.hostile import SCRIPT_CLOSE
from tests.maps.demo_scene import make_demo_store

EVERYTHING = IncidentFilter(
    date_from=dt.date(2025, 1, 2), date_to=dt.date(2025, 3, 1),
    categories=("water_dispute", "road_crash"), sides=("KG", "TJ", "contested"),
    min_severity=2, geo_precisions=(1, UNRESOLVED), verification=("verified",),
    sensitivity=("public", "internal"), text="арык", include_deleted=True)


def test_russian_names_every_condition_in_russian_and_in_the_same_order():
    en, ru = filter_text(EVERYTHING, "en"), filter_text(EVERYTHING, "ru")
    assert en == EVERYTHING.describe()
    assert len(ru.split("; ")) == len(en.split("; ")) == len(EVERYTHING.conditions()) == 8
    for word in (f"с {date_text(EVERYTHING.date_from, 'ru')} по "
                 f"{date_text(EVERYTHING.date_to, 'ru')}", "Спор из-за воды, ДТП",
                 "кыргызская сторона или таджикская сторона или сторона оспаривается",
                 "есть погибшие", "точно, место не установлено", "проверено",
                 "«арык»", "(включая удалённые)."):
        assert word in ru, (word, ru)
    assert not re.search("[A-Za-z]", ru), ru


@pytest.mark.parametrize("flt, ru", [
    (IncidentFilter(), "Все инциденты (без удалённых)."),
    (IncidentFilter(date_from=dt.date(2024, 5, 1)),
     "Инциденты: с 1 мая 2024\u202fг. (без удалённых)."),  # Babel: a narrow no-break space
    (IncidentFilter(date_to=dt.date(2024, 5, 1), sides=("contested",)),
     "Инциденты: по 1 мая 2024\u202fг.; сторона оспаривается (без удалённых)."),
])
def test_short_filters(flt, ru):
    assert filter_text(flt, "ru") == ru
    assert filter_text_both(flt) == f"{flt.describe()} / {ru}"


def test_a_users_search_text_is_kept_as_written():
    ru = filter_text(IncidentFilter(text=SCRIPT_CLOSE), "ru")
    assert f"«{SCRIPT_CLOSE}»" in ru


def test_bilingual_prints_carry_the_filter_in_both_languages(tmp_path, monkeypatch):
    make_demo_store(tmp_path)
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    from incidents.access import LOCAL_ADMIN
    from maps.print.print_scene import load_scene
    flt = IncidentFilter(categories=("water_dispute",))
    scene = load_scene(flt=flt, principal=LOCAL_ADMIN, with_actions=False)
    assert scene.data.filters_text == (
        "Incidents in category water dispute (deleted excluded). / "
        "Инциденты: категории: Спор из-за воды (без удалённых).")
