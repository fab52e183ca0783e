"""Import warnings are keyed messages (incidents.messages.Msg, keys ``warn.*``) rendered in
Russian from their key and params by i18n.reason_text (i18n.messages_ru), never by matching
their English: the warnings that real files produce (encoding, columns, coordinates,
categories, dates, sides, control characters, layers) each have a Russian text with no
English word left outside the file's own values and the codes (flags, CRS, encodings); the
English is the text the importers always wrote."""
from __future__ import annotations

import json
import re
import string

import pytest

import i18n
from i18n.messages_ru import MESSAGES_RU
from i18n.plural import format_text
from incidents.importers import read_any
from incidents.messages import EN, Msg

HEAD = "date,village,type,lat,lon"
# codes and names the Russian text keeps: flags, formats, CRS, column and source codes
CODES = {"category_unmapped", "category_missing", "date_is_survey_date", "source_dataset_given",
         "geometry_reduced_to_point", "border_guard_incident", "inter1", "inter2", "extra",
         "other", "ACLED", "EPSG", "CRS", "NUL", "Battle"}
WARN_KEYS = sorted(k for k in EN if k.startswith("warn."))


def _english(text: str) -> list[str]:
    rest = re.sub(r"«[^»]*»|'[^']*'|\{[^}]*\}|\S*\d\S*", " ", text)  # values, codes
    return [w for w in re.findall(r"[A-Za-z][\w]*", rest) if w not in CODES and len(w) >= 3]


FILES = {
    "bom": ("\ufeff" + HEAD + "\n16.05.2025,A,protest,39.9,70.6\n").encode("utf-8"),
    "cp1251": (HEAD + "\n16.05.2025,Ворух,protest,39.9,70.6\n").encode("cp1251"),
    "zeros": (HEAD + "\n16.05.2025,A,protest,0,0\n16.05.2025,B,protest,39.9,70.6\n").encode(),
    "swapped": (HEAD + "\n16.05.2025,A,protest,70.6,39.9\n").encode(),
    "no category": b"date,village,lat,lon\n16.05.2025,A,39.9,70.6\n",
    "unknown category": (HEAD + "\n16.05.2025,A,cattle rustling xyz,39.9,70.6\n").encode(),
    "duplicate column": b"date,village,village,lat,lon\n16.05.2025,A,B,39.9,70.6\n",
    "control characters": (HEAD + "\n16.05.2025,A\x00B,protest,39.9,70.6\n").encode(),
    "unknown country": b"date,village,lat,lon,country\n16.05.2025,A,39.9,70.6,Narnia\n",
    "month first": (HEAD + "\n05/16/2025,A,protest,39.9,70.6\n").encode(),
}


def _warnings() -> list[str]:
    out = []
    for name, data in FILES.items():
        out += read_any(data, filename=f"{name}.csv").warnings
    geo = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"date": "2025-05-16", "type": "protest"},
        "geometry": {"type": "Polygon", "coordinates": [[[70.6, 39.9], [70.61, 39.9],
                                                         [70.61, 39.91], [70.6, 39.9]]]}}]}
    out += read_any(json.dumps(geo).encode(), filename="shape.geojson").warnings
    return out


def test_real_import_warnings_are_keyed_and_render_in_russian():
    warnings = _warnings()
    assert len({w.key for w in warnings if isinstance(w, Msg)}) >= 10, warnings
    assert any(w.startswith("encoding detected: utf-8-sig") for w in warnings), warnings
    plain = [w for w in warnings if not isinstance(w, Msg) or not w.key.startswith("warn.")]
    assert not plain, f"warnings that are not keyed messages: {plain}"
    for w in warnings:
        ru = i18n.reason_text(w, "ru")
        assert ru == format_text(MESSAGES_RU[w.key], "ru", **dict(w.params)), w
        assert ru != w and re.search("[а-яё]", ru), w
        values = sorted((str(v) for _, v in w.params), key=len, reverse=True)
        assert not _english(re.sub("|".join(map(re.escape, values)) or "^$", " ", ru)), \
            (w, ru)  # the file's own values (column names, cells) are no English left over
        assert i18n.reason_text(w, "en") == w == EN[w.key].format(**dict(w.params))


def test_the_english_of_the_warnings_is_unchanged():
    warnings = _warnings()
    assert "encoding detected: utf-8-sig (confidence 1.00)" in warnings
    assert ("duplicate column name 'village' (column 3) renamed to 'village__2'; the first "
            "'village' is used for mapping, the copy is kept in 'extra'") in warnings
    assert "date: dates read as mm/dd/yyyy: 1 value(s) are valid only that way" in warnings
    assert "1 non-point geometries reduced to a point on the shape (flag " \
           "geometry_reduced_to_point)" in warnings
    assert str(Msg("warn.chunks", n=3, rows=100000, batches="a, b, c")) == \
        "imported in 3 chunks of up to 100,000 rows, one transaction; batches a, b, c"


def test_encoding_warning_reads_in_russian():
    ru = i18n.reason_text(Msg("warn.encoding", encoding="utf-8-sig", confidence=1.0), "ru")
    assert ru == "определена кодировка: utf-8-sig (уверенность 1,00)"  # decimal comma
    assert i18n.reason_text("encoding detected: utf-8-sig (confidence 1.00)", "ru") == \
        "encoding detected: utf-8-sig (confidence 1.00)"  # plain text: shown as written


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", WARN_KEYS)
def test_every_warning_key_has_a_russian_template_with_the_same_placeholders(key):
    assert key in MESSAGES_RU, f"no Russian template for {key} (i18n/messages_ru.py)"
    assert _fields(MESSAGES_RU[key]) == _fields(EN[key]), key
    assert _english(EN[key]) or key == "warn.demo" or not _fields(EN[key]), key
    assert not _english(MESSAGES_RU[key]), MESSAGES_RU[key]


def test_user_text_in_params_is_inserted_verbatim_never_formatted():
    """A file's values (a column name, a date cell, a layer name) that look like templates,
    markup or maths are carried over as written in both languages."""
    value = "{n} </script> $x$"
    for msg in (Msg("warn.survey_date", value=value),
                Msg("warn.duplicate_column", value=value, i=2, new="{value}__2"),
                Msg("warn.unknown_country", col=value, n=1, given="{0} {col!r}"),
                Msg("warn.layers", value=value, names="{names}")):
        for lang in ("en", "ru"):
            text = i18n.reason_text(msg, lang)
            assert value in text and "{" in text, (lang, text)
    ru = i18n.reason_text(Msg("warn.duplicate_column", value=value, i=2, new="{value}__2"),
                          "ru")
    assert ru.count("«{n} </script> $x$»") == 2 and "«{value}__2»" in ru
