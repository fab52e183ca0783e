"""Hostile names (``tests.hostile``) through the brief, the print map and both HTML
exports: nothing fails, the text is drawn as text, and no hostile string reaches the page's
JavaScript except as JSON data (the browser half is in tests/browser/test_hostile_in_browser.py).
"""
from __future__ import annotations

import re
import warnings

import pytest

from maps.print.brief import brief_file
from maps.print.print_layout import PrintSpec
from maps.print.printmap import print_map_file
from maps.web.html_export import html_map
from tests import pdf_check
from tests.hostile import HTML_IMG, MATHTEXT, SCRIPT_CLOSE
from tests.maps.hostile_scene import hostile_scene

DATE = __import__("datetime").date(2026, 11, 25)
# text a browser would run or parse as markup if it appeared outside a JSON string
RAW_IN_PAGE = (HTML_IMG, SCRIPT_CLOSE, "<img")


@pytest.fixture(scope="module", params=["public", "internal"])
def scene(request):
    return request.param, *hostile_scene(request.param)


def _drawn(make):
    """``make()``'s result; fails when a glyph was missing (a control character drawn)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        out = make()
    missing = [str(w.message) for w in seen if "missing from font" in str(w.message)]
    assert not missing, missing[:3]
    return out


def test_brief_draws_mathtext_and_markup_as_text(scene):
    mode, data, inc = scene
    pdf, _ = _drawn(lambda: brief_file("HS-001", data, inc, mode, DATE))
    text = pdf_check.text(pdf)
    assert "Hotspot brief" in text
    if mode == "internal":  # the pairs are drawn with their names, verbatim
        assert MATHTEXT in text


def test_print_map_with_hostile_place_names(scene):
    mode, data, _ = scene
    for fmt in ("pdf", "png"):
        out, _ = _drawn(lambda fmt=fmt: print_map_file(
            PrintSpec(mode=mode, fmt=fmt, dpi=60, production_date=DATE), data))
        assert len(out) > 10_000


def _script_literals(doc: str) -> list[str]:
    """The JavaScript template literals in ``doc``'s inline scripts (outside the
    double-quoted strings JSON data is written as)."""
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", doc, flags=re.S)
    code = [re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', s) for s in scripts]
    return [lit for c in code for lit in re.findall(r"`[^`]*`", c)]


def test_html_export_passes_names_as_data(scene):
    mode, data, _ = scene
    doc = html_map(data, "Hostile " + MATHTEXT, date=DATE)[0].decode("utf-8")
    assert not re.search(r"bindTooltip\(\s*`", doc), "tooltip text inside a template literal"
    for raw in RAW_IN_PAGE:
        assert raw not in doc, raw
    assert not any("kgtj_pwned" in lit for lit in _script_literals(doc))


def test_printable_removes_control_characters_only():
    import pandas as pd

    from maps.print.print_data import printable
    assert printable("a\x00b\tc\nd\x1b\x7f") == "ab c\nd"
    clean = pd.DataFrame({"name": pd.array(["Ворух", None], dtype="string"), "n": [1, 2]})
    assert printable(clean) is clean  # nothing to remove: not copied
    dirty = pd.DataFrame({"name": ["Vo\x00rukh", 3, None], "t": pd.array(
        ["ok", "x\x01", None], dtype="string")})
    out = printable(dirty)
    assert out["name"].tolist() == ["Vorukh", 3, None] and out["t"].tolist()[:2] == ["ok", "x"]
    assert dirty.loc[0, "name"] == "Vo\x00rukh"  # the caller's frame is left as it was
