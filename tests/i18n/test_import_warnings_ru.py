"""Import warnings in Russian (i18n.warnings_ru through i18n.reason_text): the warnings that
real files produce (encoding, columns, coordinates, categories, sides, control characters,
layers) each have a Russian text with no English word left outside the file's own values and
the codes (flags, CRS, encodings)."""
from __future__ import annotations

import json
import re
import string

import pytest

import i18n
from i18n.reasons_ru import render_ru
from i18n.warnings_ru import WARNING_TEMPLATES
from incidents.importers import read_any

HEAD = "date,village,type,lat,lon"
# codes and names the Russian text keeps: flags, formats, CRS, column and source codes
CODES = {"category_unmapped", "category_missing", "date_is_survey_date", "source_dataset_given",
         "geometry_reduced_to_point", "border_guard_incident", "inter1", "inter2", "extra",
         "other", "ACLED", "EPSG", "CRS", "NUL", "Battle"}


def _english(text: str) -> list[str]:
    rest = re.sub(r"«[^»]*»|'[^']*'|\{\w+\}|\S*\d\S*", " ", text)  # values, codes
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
    "unknown country": b"date,village,lat,lon,side\n16.05.2025,A,39.9,70.6,Narnia\n",
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


def test_real_import_warnings_render_in_russian():
    warnings = _warnings()
    assert len(warnings) >= 8, warnings  # the files above do warn
    assert any(w.startswith("encoding detected: utf-8-sig") for w in warnings), warnings
    missing = [w for w in warnings if render_ru(w) is None]
    assert not missing, f"warnings without a Russian template (i18n/warnings_ru.py): {missing}"
    for w in warnings:
        ru = i18n.reason_text(w, "ru")
        assert ru != w and re.search("[а-яё]", ru), w
        assert not _english(ru), (w, ru)


def test_encoding_warning_reads_in_russian():
    ru = i18n.reason_text("encoding detected: utf-8-sig (confidence 1.00)", "ru")
    assert ru == "определена кодировка: utf-8-sig (уверенность 1.00)"


@pytest.mark.parametrize("en,ru", WARNING_TEMPLATES, ids=[t[0][:40] for t in WARNING_TEMPLATES])
def test_warning_templates_keep_their_placeholders_and_are_russian(en, ru):
    def names(text):
        return [f for _, f, _, _ in string.Formatter().parse(text) if f]
    assert sorted(names(en)) == sorted(names(ru)) and len(set(names(en))) == len(names(en))
    assert _english(en), en  # the check below can fail
    assert not _english(ru), ru
