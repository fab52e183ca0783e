"""The print composer's parts: the locator inset, joint and parallel pairs drawn and
listed apart, bilingual mode text in the brief, Cyrillic names of Tajik towns."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from maps.print import areas
from maps.print.brief import brief_file
from maps.print.labels import label_text
from maps.print.print_layout import PrintSpec
from maps.print.printmap import build_figure, render_print_map
from tests import pdf_check

DATE = __import__("datetime").date(2026, 11, 25)


def _two_modes(data):
    pairs = pd.concat([data.pairs, data.pairs.assign(mode="parallel", tj_lon=data.pairs[
        "tj_lon"] + 0.05)], ignore_index=True)
    return replace(data, pairs=pairs)


def test_joint_and_parallel_pairs_have_their_own_line_style_and_legend_entry(scene_public):
    data = _two_modes(scene_public[0])
    fig = build_figure(PrintSpec(title="t", production_date=DATE), data)
    ax = fig.axes[0]
    styles = {ln.get_linestyle() for ln in ax.get_lines() if ln.get_color() == "#1F6E6E"}
    assert styles == {"-", "--"}
    legend = fig.axes[1].get_legend()
    entries = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
    assert any("joint work" in e and "совместная работа" in e for e in entries), entries
    assert any("parallel work" in e and "параллельная работа" in e for e in entries), entries
    joint = next(h for h, t in zip(legend.legend_handles, entries, strict=True)
                 if "joint work" in t)
    parallel = next(h for h, t in zip(legend.legend_handles, entries, strict=True)
                    if "parallel work" in t)
    assert joint.get_linestyle() != parallel.get_linestyle()


def test_brief_mode_is_bilingual(scene_public):
    data = _two_modes(scene_public[0])
    pdf, _ = brief_file("HS-001", data, scene_public[1], "public", DATE)
    text = pdf_check.text(pdf)
    assert "mode / режим: joint / совместно" in text
    assert "parallel / параллельно" in text
    assert "Intensity" in text and "Интенсивность" in text  # score chart, both languages


def test_inset_shows_the_whole_line_with_this_map_outlined(scene_public):
    data = scene_public[0]
    part = areas.ExtentChoice("bbox", bbox=(70.85, 39.95, 70.95, 40.02))
    fig = build_figure(PrintSpec(title="t", production_date=DATE,
                                 bbox=areas.print_bbox(part, data)), data)
    ax = fig.axes[0]
    insets = [c for c in ax.child_axes]
    assert len(insets) == 1
    ins = insets[0]
    assert any("Whole KG–TJ line" in t.get_text() for t in ins.texts)
    (rect,) = [p for p in ins.patches if p.get_edgecolor()[0] > 0.7]  # the red outline
    x0, x1 = ax.get_xlim()
    assert np.isclose(rect.get_x(), x0) and np.isclose(rect.get_width(), x1 - x0)
    ix0, ix1 = ins.get_xlim()
    assert ix0 < x0 < x1 < ix1
    whole = build_figure(PrintSpec(title="t", production_date=DATE), data)
    assert whole.axes[0].child_axes == []  # the map already shows the whole line
    assert build_figure(PrintSpec(title="t", production_date=DATE, inset=False,
                                  bbox=areas.print_bbox(part, data)), data
                        ).axes[0].child_axes == []


def test_tajik_towns_in_cyrillic_when_the_data_has_a_cyrillic_name():
    buston = {"name": "Buston", "name_ru": None, "name_tg": "Бӯстон", "iso3": "TJK"}
    assert label_text(buston, ("en", "ru")) == "Buston\nБӯстон"
    assert label_text(buston, ("en",)) == "Buston"
    khujand = {"name": "Khujand", "name_ru": None, "name_tg": None, "iso3": "TJK"}
    assert label_text(khujand, ("en", "ru")) == "Khujand"  # nothing invented
    isfara = {"name": "Isfara", "name_ru": "Исфара", "name_tg": "Исфара", "iso3": "TJK"}
    assert label_text(isfara, ("en", "ru")) == "Isfara\nИсфара"


def test_pdf_names_tajik_towns_in_cyrillic(scene_public, tmp_path):
    data = scene_public[0]
    places = data.places.copy()
    places.loc[places["name"] == "Chorkuh", "name_ru"] = None  # only its Tajik name left
    pdf = render_print_map(PrintSpec(title="t", production_date=DATE),
                           replace(data, places=places))
    text = pdf_check.text(pdf)
    assert "Чоркуҳ" in text and "Chorkuh" in text
