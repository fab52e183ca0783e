"""The "why" of pairs and coverage gaps in Russian (analysis.why + i18n.why_text / why_ru):
the same numbers, ids, dates and names as the English, no English words left over."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import i18n
from analysis.gaps import coverage_gaps
from analysis.hotspots import HotspotParams, run_hotspots
from analysis.pairing import PairingParams, recommend_pairs
from analysis.registry import conform_registry
from analysis.why import GapWhy, PairWhy, why_from_json
from geo.crs import to_lonlat
from i18n.why_ru import CATEGORY_FORMS_RU, plural_form
from incidents.schema import CATEGORIES
from tests.analysis.conftest import AREA_M, make_incidents

IDS = re.compile(r"\b(?:HS|KGTJ)-\d+\b")


def latin_words(text: str, names: list[str]) -> list[str]:
    """Latin words left in ``text`` once the ``names`` and ids are taken out."""
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z]{2,}", IDS.sub(" ", text))


def _pair(**changes) -> PairWhy:
    base = dict(hotspot_id="HS-007", top=(("youth_clash", 21), ("road_crash", 5),
                                          ("water_dispute", 2)),
                n_incidents=28, extent_km=1.6, since="2023-03", kg_name="Ak-Sai CSWG",
                kg_name_ru=None, tj_name="Vorukh", tj_name_ru="Ворух",
                shared=("water_dispute", "youth_clash"), triggers=(), armed_km=15.0,
                window_days=90)
    return PairWhy(**{**base, **changes})


def test_pair_why_in_russian_names_the_same_numbers_places_and_categories():
    why = _pair()
    en, ru = i18n.why_text(why, "en"), i18n.why_text(why, "ru")
    assert en == str(why) and en.startswith("21 youth clashes, 5 road crashes and 2 water "
                                            "disputes within 1.6 km since March 2023 (HS-007)")
    assert ru.startswith("21 столкновение молодёжи, 5 ДТП и 2 спора из-за воды в радиусе "
                         "1,6 км с марта 2023 г. (HS-007)")
    assert "Ak-Sai CSWG (кыргызская сторона) и Ворух / Vorukh (таджикская сторона)" in ru
    assert "общие приоритеты: споры из-за воды и столкновения молодёжи" in ru
    assert ru.endswith("перестрелок в радиусе 15 км за последние 90 дней не было → совместно")
    assert latin_words(ru, ["Ak-Sai CSWG", "Vorukh"]) == []


def test_parallel_pair_names_the_armed_incidents_and_their_dates():
    why = _pair(triggers=(("KGTJ-000900", "2024-05-01"), ("KGTJ-000901", "2024-05-03")),
                shared=(), top=(), window_days=31)
    ru = i18n.why_text(why.to_json(), "ru")
    assert ru.startswith("28 инцидентов в радиусе 1,6 км")
    assert "общих приоритетных проблем нет" in ru
    assert ru.endswith("вооружённые инциденты в радиусе 15 км за последние 31 день: "
                       "KGTJ-000900 (2024-05-01), KGTJ-000901 (2024-05-03) → параллельно")
    assert str(why).endswith("KGTJ-000901 (2024-05-03) → parallel")


@pytest.mark.parametrize(("n", "form"), [(1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (12, 2),
                                         (14, 2), (21, 0), (22, 1), (25, 2), (101, 0),
                                         (111, 2), (0, 2)])
def test_russian_plural_forms(n, form):
    assert plural_form(n, ("a", "b", "c")) == "abc"[form]


def test_every_category_has_russian_forms():
    assert set(CATEGORY_FORMS_RU) == set(CATEGORIES)


def test_gap_why_in_russian():
    why = GapWhy(hotspot_id="HS-002", n_incidents=8, sides="KG only", radius_km=10.0,
                 side="KG", inactive=(("Susp CSWG", None, "suspended"),
                                      ("Isfara group", "Исфара", "planned")),
                 best=("Cand", "Канд", 1.234))
    ru = i18n.why_text(why.to_json(), "ru")
    assert ru == ("HS-002 (8 инцидентов, только кыргызская сторона): нет действующего механизма "
                  "в радиусе 10 км на кыргызской стороне (только Susp CSWG [приостановлен], "
                  "Исфара / Isfara group [планируется]); ближайший населённый пункт-кандидат: "
                  "Канд / Cand в 1,2 км")
    inside = GapWhy(hotspot_id="HS-002", n_incidents=8, sides="KG only", radius_km=10.0,
                    side="KG", inactive=(), best=("Ak-Say", None, 0.0))
    assert str(inside).endswith("nearest candidate settlement: Ak-Say inside the hotspot's area")
    assert i18n.why_text(inside.to_json(), "ru").endswith(
        "ближайший населённый пункт-кандидат: Ak-Say в пределах очага")  # not "в 0,0 км"
    none = GapWhy(hotspot_id="HS-003", n_incidents=1, sides="both", radius_km=10.0, side="TJ",
                  inactive=(), best=None)
    assert i18n.why_text(none, "ru").endswith("на таджикской стороне; в реестре нет населённых "
                                              "пунктов-кандидатов на этой стороне")
    assert i18n.why_text(none, "ru").startswith("HS-003 (1 инцидент, обе стороны)")


def test_why_text_falls_back_to_the_english_cell():
    assert why_from_json("not json") is None and why_from_json(None) is None
    assert why_from_json('{"kind": "other"}') is None
    assert i18n.why_text(float("nan"), "ru", fallback="the English") == "the English"
    assert i18n.why_text("", "ru", fallback="the English") == "the English"
    assert i18n.why_text('{"kind": "gap", "hotspot_id": "HS-1"}', "ru",
                         fallback="the English") == "the English"  # values missing
    assert i18n.why_text(None, "ru") == ""


def test_the_russian_why_is_the_same_from_the_object_and_from_its_json():
    """i18n renders plain data: the object (handed by analysis) and its stored JSON give the
    same Russian, and the English of the JSON is the cell stored beside it."""
    why = _pair(triggers=(("KGTJ-000900", "2024-05-01"),), as_of="2024-05-20")
    assert i18n.why_text(why, "ru") == i18n.why_text(why.to_json(), "ru")
    assert "до 20 мая 2024 г." in i18n.why_text(why, "ru")
    assert i18n.why_text(why.to_json(), "en", fallback=str(why)) == str(why)
    assert i18n.why_values(why) == i18n.why_values(why.to_json())
    assert i18n.why_values("not json") is None and i18n.why_values('["pair"]') is None


def _community(cid, name, iso3, x_m, y_m, status="active", priorities="", name_ru=None):
    lon, lat = to_lonlat(np.array([x_m]), np.array([y_m]))
    return {"community_id": cid, "name_en": name, "name_ru": name_ru, "iso3": iso3,
            "lon": lon[0], "lat": lat[0], "mech_type": "cswg" if status != "candidate"
            else "candidate", "status": status, "priorities": priorities,
            "women": "unknown", "youth": "unknown", "authorities": "unknown",
            "cross_border_contact": "unknown", "illustrative": False}


def test_every_pair_and_gap_why_of_an_analysis_renders_fully_in_russian():
    """Pairs and gaps from the analysis itself (joint and parallel, shared and not)."""
    rng = np.random.default_rng(5)
    n = 40
    cats = [CATEGORIES[i % 4] for i in range(n)]
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(np.arange(n) * 11, "D")
    cross = make_incidents(rng.normal(0, 400, n), rng.normal(0, 400, n), categories=cats,
                           dates=dates)
    armed = make_incidents([200.0], [0.0], categories="border_guard_incident", fatalities=1,
                           start_id=900, dates=pd.Timestamp("2024-03-01"))
    one = make_incidents(rng.normal(-25000, 300, 8), rng.normal(15000, 300, 8),
                         categories="protest", start_id=200, border_dist_m=25000.0,
                         dates=pd.Timestamp("2024-03-05"))
    incidents = pd.concat([cross, armed, one], ignore_index=True)
    clusters = run_hotspots(incidents, AREA_M, HotspotParams(mc_sims=19)).clusters
    registry = conform_registry(pd.DataFrame([
        _community("KG-1", "Ak-Sai", "KGZ", -1500, 0, priorities="road_crash;youth_clash"),
        _community("TJ-1", "Vorukh", "TJK", 1500, 0, priorities="youth_clash;road_crash",
                   name_ru="Ворух"),
        _community("TJ-2", "Far TJ", "TJK", 3000, 800, status="planned",
                   priorities="protest"),
        _community("KG-2", "Susp", "KGZ", -25400, 15000, status="suspended"),
        _community("KG-3", "Cand KG", "KGZ", -24000, 14000, status="candidate",
                   name_ru="Кандидат"),
    ]))
    texts = []
    # the analysis date defaults to today: name it, 9 days after the armed incident
    # (parallel), then long after it (joint)
    for as_of in (pd.Timestamp("2024-03-10"), pd.Timestamp("2025-01-01")):
        params = PairingParams(as_of=as_of)
        pairs = recommend_pairs(clusters, registry, incidents, params)
        gaps = coverage_gaps(clusters, registry, params)
        assert len(pairs) and len(gaps)
        texts += [(p, w) for p, w in zip(pairs["why_params"], pairs["why"], strict=True)]
        texts += [(p, w) for p, w in zip(gaps["why_params"], gaps["why"], strict=True)]
    modes = set()
    for params, english in texts:
        assert str(why_from_json(params)) == english  # one source for the English
        assert i18n.why_text(why_from_json(params), "en") == english
        assert i18n.why_text(params, "en", fallback=english) == english
        ru = i18n.why_text(params, "ru")
        assert ru != english and re.search("[а-яё]", ru)
        assert latin_words(ru, list(registry["name_en"])) == [], ru
        modes.add(ru.rsplit("→ ", 1)[-1] if "→" in ru else "gap")
    assert modes == {"параллельно", "совместно", "gap"}
