"""The brief never overprints: every text box on every page is clear of every other, with
20 pairs of long reasons, many gaps and actions (flowing onto more pages), and with the
longest content the synthetic demo produces."""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from maps.print.brief import brief_figures, render_brief
from tests import pdf_check
from tests.maps import text_boxes
from tests.maps.demo_scene import demo_scene  # noqa: F401  (fixture)

DATE = __import__("datetime").date(2026, 11, 25)


def _check_pages(pages) -> None:
    for n, fig in enumerate(pages, start=1):
        fig.canvas.draw()  # legends and titles are laid out when drawn
        r = fig.canvas.get_renderer()
        items = text_boxes.texts(fig, r)
        bad = text_boxes.overlaps(text_boxes.boxes(items, r))
        assert bad == [], f"page {n}: {bad[:5]}"
        for t in items:  # and nothing off the page
            b = t.get_window_extent(r)
            assert b.y0 >= -1 and b.y1 <= fig.bbox.height + 1, (n, t.get_text()[:40])


def _twenty_pairs(data) -> pd.DataFrame:
    one = data.pairs.iloc[[0]]
    rows = pd.concat([one] * 20, ignore_index=True)
    rows["kg_name"] = [f"CSWG Kyrgyz side {i} (illustrative)" for i in range(20)]
    rows["mode"] = ["joint", "parallel"] * 10
    rows["why"] = [f"pair {i}: " + "both prioritise water disputes near the canal; " * 4
                   for i in range(20)]
    rows["why_params"] = None
    return rows


def test_twenty_pairs_flow_onto_pages_without_overprinting(scene_public):
    data, incidents = scene_public
    gaps = pd.concat([data.gaps] * 8, ignore_index=True).assign(
        why="no active mechanism within 10 km on the Tajik side; " * 5, why_params=None)
    big = replace(data, pairs=_twenty_pairs(data), gaps=gaps)
    pages = brief_figures("HS-001", big, incidents, "public", DATE)
    assert len(pages) >= 2
    _check_pages(pages)
    text = pdf_check.text(render_brief("HS-001", big, incidents, "public", DATE))
    for i in range(20):  # every pair listed, none cut
        assert f"pair {i}: both prioritise" in text
    assert "Coverage gaps nearby / Пробелы в охвате поблизости" in text


def test_a_long_summary_goes_on_below_not_under_the_chart(scene_public):
    data, incidents = scene_public
    clusters = data.clusters.copy()
    clusters["contested_text"] = "9 of 40 incidents: side contested — " + "the sources, " * 90
    big = replace(data, clusters=clusters)
    pages = brief_figures("HS-001", big, incidents, "public", DATE)
    _check_pages(pages)
    text = pdf_check.text(render_brief("HS-001", big, incidents, "public", DATE))
    assert "Summary / Сводка (continued / продолжение)" in text
    for cat in ("Water dispute / Спор из-за воды", "Youth clash / Столкновение молодёжи"):
        assert re.search(re.escape(cat) + r": \d", text), cat  # the counts are not lost


def test_short_brief_stays_one_page(scene_public):
    data, incidents = scene_public
    pages = brief_figures("HS-001", data, incidents, "public", DATE)
    assert len(pages) == 1
    _check_pages(pages)


def _content(scene, hid: str) -> int:
    pairs, gaps = scene.data.pairs, scene.data.gaps
    n = 0 if pairs is None else (pairs["hotspot_id"].astype(str) == hid).sum()
    return int(n) + (0 if gaps is None else len(gaps))


@pytest.mark.parametrize("which", ["top", "longest"])
def test_demo_briefs_do_not_overprint(demo_scene, which):  # noqa: F811
    ids = [str(h) for h in demo_scene.data.clusters["hotspot_id"]]
    hid = ids[0] if which == "top" else max(ids, key=lambda h: _content(demo_scene, h))
    pages = brief_figures(hid, demo_scene.data, demo_scene.incidents, "public", DATE)
    _check_pages(pages)
