"""Every string exists in English and Russian with the same placeholders."""
from __future__ import annotations

import re
import string

import pytest

import i18n
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", i18n.keys())
def test_both_languages_and_same_placeholders(key):
    en, ru = i18n._S[key]
    assert en.strip() and ru.strip(), key
    assert _fields(en) == _fields(ru), key
    if key not in ("pop.id",):  # identical words are allowed only for codes
        assert en != ru or re.fullmatch(r"[A-Z0-9 .*]+", en), key


def test_vocabularies_cover_the_schema():
    assert set(i18n.VOCAB["category"]) == set(CATEGORIES)
    assert set(i18n.VOCAB["verification"]) == set(VERIFICATION_STATUSES)
    assert set(i18n.VOCAB["sensitivity"]) == set(SENSITIVITIES)
    for kind, entries in i18n.VOCAB.items():
        for value, (en, ru) in entries.items():
            assert en and ru, (kind, value)


def test_unknown_key_raises_and_russian_falls_back_to_values():
    with pytest.raises(KeyError):
        i18n.t("no.such.key")
    assert i18n.vocab("category", "water_dispute", "ru") == "Спор из-за воды"
    assert i18n.vocab("category", "not_a_category", "ru") == "not_a_category"
    assert i18n.t("flt.shown", "ru", n=3, total=9).startswith("3 из 9")


def test_protection_text_in_both_languages_for_every_mode():
    from sharing.report import ProtectionReport
    hexes = ProtectionReport(mode="public", location="hex", hex_m=3000, date_coarsen="month")
    assert i18n.protection_text(hexes, "en") == (
        "Protection: PUBLIC — incidents counted in 3 km hexagons cut along the line, enclave "
        "edges and disputed areas; cells with fewer than 3 shown as '1–2'; dates rounded to "
        "the month; names, notes and other personal fields removed.")
    ru = i18n.protection_text(hexes, "ru")
    assert "гексах 3 км" in ru and "даты округлены до месяца" in ru
    snap = ProtectionReport(mode="public", location="settlement")
    assert "nearest settlement" in i18n.protection_text(snap, "en")
    assert "ближайший населённый пункт" in i18n.protection_text(snap, "ru")
    assert "ВНУТРЕННИЙ" in i18n.protection_text(ProtectionReport(mode="internal"), "ru")


def test_import_counts_keep_the_accounting_identity_under_translated_labels():
    from types import SimpleNamespace
    report = SimpleNamespace(rows_read=10, inserted=6, updated=1, duplicates=2, rejected=[1],
                             geocoded=3, unresolved=1, outside_study_area=0,
                             flagged_possible_duplicates=1)
    ru = i18n.import_counts(report, "ru")
    assert ru["Прочитано строк"] == 10
    assert ru["Прочитано строк"] == (ru["Добавлено"] + ru["Обновлено"]
                                     + ru["Дубликаты (уже в базе)"]
                                     + ru["Отклонено (сохранено в карантине)"])
    assert list(i18n.import_counts(report, "en"))[0] == "Rows read"
