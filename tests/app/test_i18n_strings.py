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
