"""Why a hotspot's side is contested, in English and Russian (incidents.sides.SideSummary):
what each answer says, and the zone when the answers agree with one another."""
from __future__ import annotations

import pickle

import pandas as pd

from i18n import side_summary_text
from incidents.sides import contested_summary


def _rows(*rows) -> pd.DataFrame:
    cols = ("side_contested", "side_settlement", "side_reported", "side_line",
            "side_contested_zone", "side_line_ref")
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])


AGREE_IN_ZONE = (True, "KG", None, "KG", "DZ-020", "osm-2017-12")
AGREE_IN_CLAIMS = (True, "TJ", None, "TJ", "OC-003", "osm-2017-12")
DISAGREE = (True, "TJ", None, "KG", "DZ-022", "osm-2017-12")
CALM = (False, "KG", "KG", "KG", None, "osm-2017-12")


def test_answers_that_agree_name_the_zone_that_makes_the_side_contested():
    """Demo hotspot HS-001 read "the settlement is TJ, the December 2017 line says TJ (5)":
    agreeing answers, with no word on why they were contested. Sides are named in words."""
    text = contested_summary(_rows(AGREE_IN_ZONE, AGREE_IN_ZONE, CALM))
    assert text == ("2 of 3 incidents: side contested — the settlement is on the Kyrgyz "
                    "side, the December 2017 line puts it on the Kyrgyz side, where the OSM "
                    "and Natural Earth lines disagree")
    text = contested_summary(_rows(AGREE_IN_CLAIMS))
    assert text.endswith("the settlement is on the Tajik side, the December 2017 line puts "
                         "it on the Tajik side, inside both countries' official claims")
    assert text.startswith("1 of 1 incident: side contested")


def test_answers_that_disagree_are_the_reason_and_counts_follow_each_reason():
    text = contested_summary(_rows(DISAGREE, DISAGREE, AGREE_IN_ZONE, CALM))
    assert text == (
        "3 of 4 incidents: side contested — the settlement is on the Tajik side, the December "
        "2017 line puts it on the Kyrgyz side (2); the settlement is on the Kyrgyz side, the "
        "December 2017 line puts it on the Kyrgyz side, where the OSM and Natural Earth lines "
        "disagree (1)")
    assert "lines disagree (2)" not in text  # the zone is not named where answers differ


def test_russian_gives_the_same_reasons():
    summary = contested_summary(_rows(DISAGREE, DISAGREE, AGREE_IN_ZONE, CALM))
    ru = side_summary_text(summary, "ru")
    assert ru == ("3 из 4 инцидентов: сторона оспаривается — населённый пункт: таджикская "
                  "сторона, линия (декабрь 2017 г.): кыргызская сторона (2); населённый "
                  "пункт: кыргызская сторона, линия (декабрь 2017 г.): кыргызская сторона, "
                  "там, где линии OSM и Natural Earth расходятся (1)")
    assert side_summary_text(summary, "en") == str(summary)
    # the analysis cache pickles its results: the keyed summary survives
    again = pickle.loads(pickle.dumps(summary))
    assert side_summary_text(again, "ru") == ru
    one = side_summary_text(contested_summary(_rows(AGREE_IN_CLAIMS)), "ru")
    assert one.startswith("1 из 1 инцидента: сторона оспаривается — ")
    assert one.endswith("в пределах официальных притязаний обеих стран")


def test_no_contested_row_and_plain_text():
    assert contested_summary(_rows(CALM, CALM)) == "0 of 2 incidents: no side contested"
    assert contested_summary(_rows()) == ""
    assert side_summary_text("typed by hand", "ru") == "typed by hand"


def test_the_brief_gives_the_reasons_in_both_languages():
    from maps.print.brief import _contested_lines
    summary = contested_summary(_rows(AGREE_IN_CLAIMS, CALM))
    h = {"contested_text": summary, "n_contested": 1, "n_incidents": 2}
    en, ru = _contested_lines(h)
    assert en.endswith("inside both countries' official claims")
    assert ru.endswith("в пределах официальных притязаний обеих стран")
    # a text without its key (a hotspots CSV read back): the Russian count only
    en, ru = _contested_lines({**h, "contested_text": str(summary)})
    assert ru == "1 из 2 инцидентов: сторона оспаривается"


def test_every_template_and_side_has_its_russian_twin():
    from i18n.strings_sides import SIDE_SUMMARY_RU
    from incidents.sides import COMPARED, SUMMARY_EN
    assert set(SIDE_SUMMARY_RU) == set(SUMMARY_EN)
    assert set(COMPARED) <= set(SUMMARY_EN)  # every side compared is named in words
    source_says = contested_summary(_rows((True, None, "UZ", "KG", None, "osm-2017-12")))
    assert "the source puts it on the Uzbek side" in source_says
    assert "источник: узбекская сторона" in side_summary_text(source_says, "ru")
