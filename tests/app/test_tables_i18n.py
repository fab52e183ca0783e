"""Tables in the chosen language (i18n.column_label, sides_text, place_name, i18n.display_tables):
headers and coded values as labels in both languages; the frames themselves unchanged."""
from __future__ import annotations

import pandas as pd
import pytest

import i18n
from analysis.emerging import CLASSES
from analysis.gaps import GAP_COLUMNS
from analysis.pairing import PAIR_COLUMNS
from analysis.registry import CONTACT_STATUSES, MECH_TYPES, REGISTRY_COLUMNS, YES_NO
from geo.gazetteer import Gazetteer
from i18n.display_tables import (
    candidate_label,
    display_values,
    history_values,
    incident_card,
    localise_places,
    localised,
    location_names,
    place_countries,
    russian_place_names,
)
from incidents.schema import COLUMNS


def test_emerging_classes_have_esri_names_in_both_languages():
    assert set(i18n.VOCAB["emerging"]) == set(CLASSES)
    assert i18n.vocab("emerging", "sporadic") == "Sporadic hot spot"
    assert i18n.vocab("emerging", "sporadic", "ru") == "Спорадический очаг"


def test_registry_vocabularies_cover_the_registry():
    assert set(i18n.VOCAB["mech_type"]) == set(MECH_TYPES)
    assert set(i18n.VOCAB["yes_no"]) == set(YES_NO)
    assert set(i18n.VOCAB["contact"]) == set(CONTACT_STATUSES)


@pytest.mark.parametrize("columns", [COLUMNS, PAIR_COLUMNS, GAP_COLUMNS, REGISTRY_COLUMNS])
def test_every_shown_column_has_a_label_in_both_languages(columns):
    internal = {"why_params", "triggering_event_ids", "triggering_dates", "illustrative",
                "kg_community_id", "tj_community_id", "kg_status", "tj_status", "kg_lon",
                "kg_lat", "tj_lon", "tj_lat", "kg_dist_m", "tj_dist_m", "pair_dist_m",
                "shared_priorities"}
    for col in columns:
        if col in internal or col.startswith("score_"):
            continue
        en, ru = i18n.column_label(col), i18n.column_label(col, "ru")
        assert en != col or col == "rank", col  # a readable English label, not the name
        assert ru != en and any("а" <= ch <= "я" for ch in ru.lower()), (col, ru)


def test_field_label_in_errors_keeps_the_file_name_in_english():
    assert i18n.field_label("category") == "category"  # unchanged: errors name file columns
    assert i18n.column_label("category") == "Category"
    assert i18n.column_label("category", "ru") == "Категория"
    assert i18n.column_label("no_such_column", "ru") == "no_such_column"


@pytest.mark.parametrize(("label", "en", "ru"), [
    ("both", "both sides", "обе стороны"),
    ("both + UZ", "both sides + Uzbek side", "обе стороны + узбекская сторона"),
    ("KG only", "Kyrgyz side only", "только кыргызская сторона"),
    ("TJ+UZ", "Tajik side + Uzbek side", "таджикская сторона + узбекская сторона"),
    ("unknown", "unknown", "неизвестно"),
])
def test_sides_in_words(label, en, ru):
    assert i18n.sides_text(label) == en and i18n.sides_text(label, "ru") == ru


def test_place_name_shows_the_chosen_language_first():
    assert i18n.place_name("Vorukh", "Ворух", "ru") == "Ворух / Vorukh"
    assert i18n.place_name("Vorukh", "Ворух", "en") == "Vorukh"
    assert i18n.place_name("Ak-Say", None, "ru") == "Ak-Say"
    assert i18n.place_name("Ak-Say", float("nan"), "ru") == "Ak-Say"
    assert i18n.place_name(None, "Ворух", "en") == "Ворух"


def test_display_values_translates_codes_and_leaves_the_frame_alone():
    frame = pd.DataFrame({
        "category": ["road_crash", None], "verification_status": ["under_review", "verified"],
        "side": ["KG", pd.NA], "geo_precision": pd.array([1, 2], dtype="Int64"),
        "emerging_class": ["new", None], "sides": ["both", "TJ only"],
        "status": ["active", "candidate"], "priorities": ["water_dispute;protest", None],
        "location": ["road_crash", "Vorukh"],  # data: never translated
    })
    before = frame.copy()
    en, ru = display_values(frame, "en"), display_values(frame, "ru")
    pd.testing.assert_frame_equal(frame, before)
    assert list(en.columns) == list(frame.columns)
    assert en.loc[0, "category"] == "Road crash" and pd.isna(en.loc[1, "category"])
    assert ru.loc[0, "category"] == "ДТП" and ru.loc[0, "verification_status"] == "на проверке"
    assert ru.loc[0, "side"] == "кыргызская сторона" and pd.isna(ru.loc[1, "side"])
    assert list(ru["geo_precision"]) == ["точно", "рядом с населённым пунктом"]
    assert ru.loc[0, "emerging_class"] == "Новый очаг"
    assert list(ru["sides"]) == ["обе стороны", "только таджикская сторона"]
    assert ru.loc[1, "status"] == "кандидат (механизма пока нет)"
    assert ru.loc[0, "priorities"] == "Спор из-за воды; Протест"
    assert list(ru["location"]) == ["road_crash", "Vorukh"]


def test_display_values_renders_why_from_its_params():
    from analysis.why import GapWhy
    why = GapWhy("HS-001", 3, "both", 10.0, "TJ", (), None)
    frame = pd.DataFrame({"why": [str(why), "kept"], "why_params": [why.to_json(), None]})
    ru = display_values(frame, "ru")
    assert ru.loc[0, "why"].startswith("HS-001 (3 инцидента, обе стороны): нет действующего")
    assert ru.loc[1, "why"] == "kept"
    assert display_values(frame, "en").loc[0, "why"] == str(why)


def test_history_shows_field_labels_and_coded_values():
    hist = pd.DataFrame({"history_id": [1, 2], "event_id": ["KGTJ-000001"] * 2,
                         "action": ["import_insert", "update"],
                         "field": [None, "verification_status"],
                         "old_value": [None, "unverified"], "new_value": [None, "verified"]})
    ru = history_values(hist, "ru")
    assert list(ru["action"]) == ["добавлено импортом", "изменено"]
    assert ru.loc[1, "field"] == "Статус проверки"
    assert (ru.loc[1, "old_value"], ru.loc[1, "new_value"]) == ("не проверено", "проверено")
    en = history_values(hist, "en")
    assert (en.loc[1, "field"], en.loc[1, "new_value"]) == ("Verification status", "verified")
    assert hist.loc[1, "field"] == "verification_status"


def test_hotspot_places_in_russian_where_the_gazetteer_has_the_name():
    places = pd.DataFrame({"name": ["Vorukh", "Ak-Say", "Dup", "Dup"],
                           "name_ru": ["Ворух", None, "Дуп1", "Дуп2"],
                           "iso3": ["TJK", "KGZ", "KGZ", "TJK"]})
    names = russian_place_names(places)
    assert names == {"Vorukh": "Ворух"}  # missing and ambiguous Russian names left out
    countries = place_countries(places)
    assert countries == {"Vorukh": "TJK", "Ak-Say": "KGZ"}  # 'Dup' is in both: left out
    text = "Vorukh; Ak-Say; Dup"
    assert localise_places(text, names, "ru", countries) == (
        "Ворух / Vorukh (Таджикистан); Ak-Say (Кыргызстан); Dup")
    # each settlement's own country, never the side of the incidents near it
    assert localise_places(text, names, "en", countries) == (
        "Vorukh (Tajikistan); Ak-Say (Kyrgyzstan); Dup")
    assert localise_places("Vorukh (KG)", names, "en", countries) == "Vorukh (Tajikistan)"


def test_monthly_chart_names_months_in_russian():
    from ui.charts import monthly_by_category
    frame = pd.DataFrame({"event_date": pd.to_datetime(["2024-07-03", "2024-08-09"]),
                          "category": ["road_crash", "protest"]})
    ru, en = monthly_by_category(frame, "ru"), monthly_by_category(frame, "en")
    months = ru["config"]["locale"]["time"]["shortMonths"]
    assert len(months) == 12 and months[6] == "июл"
    assert "config" not in en  # English: Vega's own month names


def test_place_search_candidates_name_the_chosen_language_first():
    place = {"name": "Vorukh", "name_ru": "Ворух", "iso3": "TJK", "admin1": "Sughd",
             "lat": 39.85125, "lon": 70.58012}
    assert candidate_label(place, "ru") == "Ворух / Vorukh (Таджикистан, Sughd) – 39.8513, 70.5801"
    assert candidate_label(place, "en") == "Vorukh (Ворух, Tajikistan, Sughd) – 39.8513, 70.5801"
    bare = {"name": "Ak-Say", "name_ru": None, "iso3": None, "admin1": None, "lat": 1, "lon": 2}
    dostuk = {"name": "Dostuk", "name_ru": "Достук", "iso3": "KGZ", "admin1": "Batken",
              "admin2": "Leilek", "community": "Jangy-Jer", "lat": 40.0, "lon": 69.8}
    assert candidate_label(dostuk, "en") == (
        "Dostuk (Достук, Kyrgyzstan, Batken, Leilek, Jangy-Jer) – 40.0000, 69.8000")
    assert candidate_label(bare, "ru") == "Ak-Say – 1.0000, 2.0000"


def test_incident_locations_in_russian_where_the_gazetteer_has_the_name():
    places = pd.DataFrame({"name": ["Vorukh", "Ak-Say"], "name_ru": ["Ворух", None]})
    assert location_names(places, "en") == {}
    names = location_names(places, "ru")
    assert names == {"Vorukh": "Ворух / Vorukh"}
    shown = localised(pd.Series(["Vorukh", "Ak-Say", None], dtype=object), names)
    assert shown.tolist()[:2] == ["Ворух / Vorukh", "Ak-Say"] and pd.isna(shown[2])


def test_incident_card_shows_labels_not_codes():
    rec = {"event_id": "KGTJ-000118", "event_date": pd.Timestamp("2021-04-01"),
           "category": "land_pasture_dispute", "location": "Vorukh", "side": "TJ",
           "border_dist_m": -3747.68, "geo_precision": 1.0,
           "verification_status": "verified", "source_dataset": "SYNTHETIC DEMO",
           "fatalities": 0.0, "injuries": float("nan"), "notes": "<b>x</b>"}
    card = incident_card(rec, "ru", {"Vorukh": "Ворух / Vorukh"})
    assert list(card.columns) == ["KGTJ-000118"]
    col = card["KGTJ-000118"]
    assert col["Сторона"] == i18n.vocab("side", "TJ", "ru")
    assert col["Проверка"] == "проверено" and col["Категория"] == "Спор о земле / пастбищах"
    # signed as in the incidents table, the sign said in words and in the label
    assert col["Расстояние до линии КР–ТДж (+ кыргызская сторона, − таджикская)"] == \
        "−3\u00a0748 м: на таджикской стороне линии"
    assert col["Место"] == "Ворух / Vorukh" and col["Точность"] == "точно"
    assert col["Погибшие"] == "0" and col["Раненые"] == "неизвестно"
    assert col["Заметки"] == "<b>x</b>"  # as text: st.dataframe does not render HTML
    en = incident_card(rec, "en")["KGTJ-000118"]
    assert en["Side"] == i18n.vocab("side", "TJ", "en") and en["Place"] == "Vorukh"
    assert en["Distance to the KG–TJ line (+ Kyrgyz side, − Tajik side)"] == \
        "−3,748 m: on the Tajik side of the line"
    assert en["Date"] == "1 April 2021" and col["Дата"] == "1 апреля 2021\u202fг."


def test_registry_display_puts_the_demo_note_and_source_in_russian():
    """The demo entries' note and source (passed in from analysis.demo_registry) in Russian;
    a user's text that only resembles them stays as written."""
    from analysis.demo_registry import DEMO_NOTE, DEMO_SOURCE
    from i18n.display_tables import registry_display
    frame = pd.DataFrame({"notes": [DEMO_NOTE, DEMO_NOTE + " ", "my note"],
                          "source": ["illustrative demo; settlement 123 (geonames)",
                                     "illustrative demo, settlement 5", None]})
    ru = registry_display(frame, "ru", DEMO_NOTE, DEMO_SOURCE)
    assert ru.loc[0, "notes"].startswith("ИЛЛЮСТРАТИВНАЯ ДЕМО-ЗАПИСЬ")
    assert list(ru["notes"][1:]) == [DEMO_NOTE + " ", "my note"]
    assert ru.loc[0, "source"] == "иллюстративное демо; населённый пункт 123 (GeoNames)"
    assert ru.loc[1, "source"] == "illustrative demo, settlement 5"
    assert registry_display(frame, "en", DEMO_NOTE, DEMO_SOURCE) is frame


def test_another_spelling_of_a_name_takes_its_russian_form():
    """GeoNames' "Shŭrob" (no Russian name) showed in Latin alone in the Russian hotspot
    table, beside the border gazetteer's "Shurob" / "Шураб"."""
    places = pd.DataFrame({"name": ["Shurob", "Shŭrob", "Dup", "Düp", "Dúp", "Kim", "Kím"],
                           "name_ru": ["Шураб", None, "Дуп1", "Дуп2", None, "Ким", "Кем"],
                           "iso3": ["TJK"] * 7})
    names = russian_place_names(places)
    assert names["Shŭrob"] == "Шураб" and names["Shurob"] == "Шураб"
    assert "Dúp" not in names  # its spellings have two Russian forms: left out
    assert names["Kím"] == "Кем"  # a name's own Russian form wins over its key's


def test_a_place_without_a_russian_name_shows_its_own_language_name_in_russian():
    """Kyzyl-Bel' has a cited Kyrgyz name (Кызыл-Бел) and no Russian one: Russian screens
    write it in Cyrillic too, as the maps do; a Tajik place's Tajik name likewise. A Kyrgyz
    name never stands in for a Tajik place's missing Russian one."""
    places = pd.DataFrame({"name": ["Kyzyl-Bel’", "Mehrobod", "Vorukh", "Odd"],
                           "name_ru": [None, None, "Ворух", None],
                           "name_ky": ["Кызыл-Бел", None, "Ворух-ky", "Оддкы"],
                           "name_tg": [None, "Меҳробод", "Ворух-tg", None],
                           "iso3": ["KGZ", "TJK", "TJK", "TJK"]})
    names = russian_place_names(places)
    assert names == {"Kyzyl-Bel’": "Кызыл-Бел", "Mehrobod": "Меҳробод", "Vorukh": "Ворух"}
    assert location_names(places, "ru")["Kyzyl-Bel’"] == "Кызыл-Бел / Kyzyl-Bel’"
    shipped = russian_place_names(Gazetteer.build().places)
    assert shipped["Kyzyl-Bel’"] == "Кызыл-Бел" and shipped["Ak-Say"] == "Ак-Сай"


def test_russian_tables_write_decimals_with_a_comma_through_a_styler():
    """Streamlit writes a number column's printf format with a point ('0.60') whatever the
    language; a Russian table's float columns are written by i18n.fmt.number_text instead,
    and their printf format is taken off (Streamlit's own would win over the Styler)."""
    import streamlit as st

    from ui.table_view import STYLED_MAX_CELLS, _numbers_written
    view = pd.DataFrame({"ratio": [1.8, 0.5, 12.25], "dist_m": [1234.0, 5.0, 30.0],
                         "lat": [39.87412, 40.1, 40.12675],
                         "score": [0.6, 0.125, 0.9], "n": [1200, 5, 30],
                         "name": ["a", "<b>b</b>", "c"]})

    def config():
        return {"ratio": st.column_config.NumberColumn("r", format="%.2f"),
                "dist_m": st.column_config.NumberColumn("d", format="%.0f м"),
                "score": st.column_config.ProgressColumn("s", min_value=0.0, max_value=1.0,
                                                         format="%.2f"),
                "n": "n", "name": "name", "lat": "lat"}

    cfg = config()
    styled = _numbers_written(view, cfg, "ru")
    text = styled.to_string()
    assert "1,80" in text and "12,25" in text and "1\u00a0234 м" in text
    assert "1.80" not in text
    assert "39,8741" in text and "40,1268" in text and " 40,1 " in f" {text} "  # 4 decimals
    assert "format" not in cfg["ratio"]["type_config"]
    assert "format" not in cfg["dist_m"]["type_config"]
    assert cfg["score"] == config()["score"]  # a progress bar writes its own text
    pd.testing.assert_frame_equal(styled.data, view)  # the numbers stay numbers (sorting)
    cfg = config()
    assert _numbers_written(view, cfg, "en") is view and cfg == config()
    big = pd.DataFrame({"x": [0.5] * (STYLED_MAX_CELLS + 1)})
    assert _numbers_written(big, {}, "ru") is big


@pytest.mark.parametrize(("lang", "day"), [("ru", "31.08.2022"), ("en", "2022-08-31")])
def test_a_date_column_with_gaps_reads_as_the_dates_beside_it(lang, day):
    """The Actions table showed 'Начало' as 01.06.2022 and, beside it, 'Окончание' (which
    has gaps, so is written as text) as '31 августа 2022 г.'."""
    import streamlit as st

    from i18n.fmt import MISSING, date_column_format
    from ui.table_view import _gaps_as_text
    view = pd.DataFrame({"end_date": pd.to_datetime(["2022-08-31", None])})
    config = {"end_date": st.column_config.DateColumn("End", format=date_column_format(lang))}
    assert _gaps_as_text(view, config, ("end_date",), lang) == ()
    assert view["end_date"].tolist() == [day, MISSING]
    assert config["end_date"]["type_config"]["type"] == "text"
