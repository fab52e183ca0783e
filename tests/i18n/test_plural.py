"""Plural forms by Babel's rules in every message table: no "(ов)" / "(s)" left, each plural
spec has the forms its language needs, and the counts the issue saw read correctly."""
from __future__ import annotations

import re

import pytest

import i18n
from analysis.notes import EN as NOTES_EN
from analysis.notes import Note
from i18n.notes_ru import ANALYSIS_NOTES_RU
from i18n.plural import format_text, plural_specs, plural_tags, plural_word

RU = "инцидент|инцидента|инцидентов|инцидента"


@pytest.mark.parametrize(("n", "word"), [
    (0, "инцидентов"), (1, "инцидент"), (2, "инцидента"), (4, "инцидента"),
    (5, "инцидентов"), (11, "инцидентов"), (12, "инцидентов"), (14, "инцидентов"),
    (21, "инцидент"), (22, "инцидента"), (83, "инцидента"), (101, "инцидент"),
    (111, "инцидентов"), (463, "инцидента"), (1.5, "инцидента")])
def test_russian_forms_follow_cldr(n, word):
    assert plural_word(n, RU, "ru") == word


def test_english_forms_and_wrong_form_counts():
    assert plural_tags("en") == ("one", "other") and len(plural_tags("ru")) == 4
    assert [plural_word(n, "incident|incidents", "en") for n in (0, 1, 2)] == [
        "incidents", "incident", "incidents"]
    with pytest.raises(ValueError, match="needs 4 plural forms"):
        plural_word(5, "инцидент|инцидентов", "ru")


def test_the_counts_the_issue_saw():
    assert i18n.t("flt.shown", "ru", n=83, total=463) == (
        "83 из 463 инцидентов соответствуют фильтрам")
    assert i18n.t("flt.shown", "ru", n=1, total=21) == "1 из 21 инцидента соответствует фильтрам"
    assert i18n.t("flt.shown", "en", n=1, total=1) == "1 of 1 incident matches the filters"
    assert i18n.t("map.clustered", "ru", n=83).startswith("83 инцидента:")
    assert i18n.t("tip.cluster", "ru", rank=1, n=21, score="0.5") == (
        "Очаг №1: 21 инцидент, балл 0.5")
    note = Note.make("excluded", usable_n=463, excluded=())
    assert i18n.note_text(note, "ru").startswith("Точечная статистика использует 463 инцидента ")


def test_a_value_that_is_not_a_count_does_not_raise():
    assert i18n.t("tip.cluster", "ru", rank=1, n=None, score="–") == (
        "Очаг №1: None инцидента, балл –")
    assert format_text("{n} {n:plural:a|b}", "en", n="1") == "1 a"


def _tables():
    for key, (en, ru) in i18n._S.items():
        yield key, "en", en
        yield key, "ru", ru
    for key, ru in ANALYSIS_NOTES_RU.items():
        yield f"note.{key}", "ru", ru


def test_every_plural_spec_has_the_forms_of_its_language():
    specs = [(key, lang, forms) for key, lang, text in _tables()
             for _, forms in plural_specs(text)]
    assert len(specs) >= 20  # the tables do use them
    for key, lang, forms in specs:
        assert len(forms.split("|")) == len(plural_tags(lang)), (key, lang, forms)


# the import report's English is what the CLI always printed (the CLI's
# output, read by scripts); its Russian has the plural forms
PRINTED_AS_BEFORE = {"imprep.name_candidates", "imprep.compound_item"}


def test_no_bracketed_plural_endings_left():
    for key, lang, text in _tables():
        if lang == "ru":
            assert not re.search(r"[а-яё]\((?:ов|а|и|ей|я|ы)\)", text), key
        elif key not in PRINTED_AS_BEFORE:
            assert "(s)" not in text, key


@pytest.mark.parametrize("key", sorted(NOTES_EN))
def test_every_russian_note_renders_with_one_and_many(key):
    fields = set(re.findall(r"\{(\w+)", ANALYSIS_NOTES_RU[key]))
    for n in (1, 3, 25):
        values = {f: n for f in fields}
        values["excluded_text"] = ""
        text = format_text(ANALYSIS_NOTES_RU[key], "ru", **values)
        assert "{" not in text and "plural" not in text


def test_russian_decimals_take_a_comma_only_under_a_float_spec():
    assert format_text("{x:.1f} км, {y:g} м, {z}", "ru", x=1.25, y=2.5, z=0.5) == \
        "1,2 км, 2,5 м, 0.5"
    assert format_text("{x:.1f} km", "en", x=1.25) == "1.2 km"
    note = Note.make("dbscan", eps_m=2500.5, min_samples=4, n_clusters=3, n_sig=2, sims=99,
                     alpha=0.05)
    assert "радиус 2500,5 м" in i18n.note_text(note, "ru")



def test_a_russian_sentence_ending_on_a_year_abbreviation_takes_one_full_stop():
    """The Hotspots page read "…до договора от 13 марта 2025 г.." under the contested note."""
    from geo.reference_line import SHIPPED
    from i18n import line_label, t
    text = t("side.explain", "ru", line=line_label(SHIPPED, "ru"))
    assert text.endswith("13 марта 2025 г.") and not text.endswith("г..")
    assert format_text("{x}...", "ru", x="в 2025 г.") == "в 2025 г...."  # an ellipsis stays
    assert format_text("{x}.", "en", x="2025 г.") == "2025 г.."  # Russian typography only
    assert format_text("{x}.", "ru", x="Shurob.") == "Shurob.."  # no abbreviation: as written


def test_map_tooltips_and_action_ratios_write_a_decimal_comma_in_russian():
    """The actions page showed 'Остальная зона: после/до 1.80' and the map's area tooltips
    '0.35 км²' in the Russian app."""
    from i18n import t
    from i18n.followup import ratio_text
    assert t("tip.enclave", "ru", name="Ворух", owner="TJ", host="KG", area=96.04) \
        .endswith("96,0 км²")
    assert t("tip.claims", "en", kg="Leilek", tj="Isfara", area=0.347).endswith("0.35 km²")
    assert t("tip.segment", "ru", sid="S1", pair="KGZ–TJK", km=12.34) == "S1 (KGZ–TJK), 12,3 км"
    assert ratio_text(1.8, "ru") == "1,80" and ratio_text(1.8) == "1.80"
    assert ratio_text(float("inf"), "ru") == "∞" and ratio_text(None, "ru") == "–"
