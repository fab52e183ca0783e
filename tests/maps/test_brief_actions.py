"""The hotspot brief's "What was done": the actions near the hotspot with their
before/after in English and Russian, on one page, without any line of the lower block
(pairs, gaps, actions) printed over another or over the footer, however long they are."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
from pypdf import PdfReader

from maps.print.brief import brief_file
from tests import pdf_check
from tests.hostile import MATHTEXT, SCRIPT_CLOSE

DATE = dt.date(2026, 11, 25)
A4_H = 841.89


def _actions(h, n: int, title: str = "Speed bumps at the crossing") -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append({
            "action_id": f"A-{i + 1:04d}", "community_id": "DEMO-01",
            "partner_community_id": None, "scope": "community",
            "title_en": f"{title} {i + 1}", "title_ru": f"Лежачие полицейские {i + 1}",
            "category": "road_crash", "radius_m": 3000.0,
            "before_start": pd.Timestamp("2021-01-01"), "before_end": pd.Timestamp("2021-12-31"),
            "after_start": pd.Timestamp("2022-04-01"), "after_end": pd.Timestamp("2023-03-31"),
            "window_days": 365, "n_before": 20 + i, "n_after": 5, "rate_ratio": 0.25,
            "ci_low": 0.09, "ci_high": 0.66, "n_before_rest": 30, "n_after_rest": 30,
            "comparison_ratio": 1.0, "ratio_of_ratios": 0.25, "ror_ci_low": 0.07,
            "ror_ci_high": 0.8, "verdict": "fewer", "note": "", "illustrative": True,
            "place_kind": "point", "lon": float(h["centroid_lon"]),
            "lat": float(h["centroid_lat"]), "line_wkt": None, "place_radius_m": None})
    return pd.DataFrame(rows)


def _baselines(pdf: bytes, page: int = 0) -> list[tuple[float, str]]:
    """(baseline height in pt from the bottom, text) of every text run on the page."""
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((round(tm[5] * cm[3] + cm[5], 1), text.strip()))

    import io
    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return runs


def test_what_was_done_is_in_the_brief_in_both_languages(tmp_path, scene_public):
    data, incidents = scene_public
    h = data.clusters[data.clusters["hotspot_id"] == "HS-001"].iloc[0]
    pdf, name = brief_file("HS-001", replace(data, actions=_actions(h, 1)), incidents,
                           "public", DATE)
    path = tmp_path / name
    path.write_bytes(pdf)
    text = " ".join(pdf_check.text(path).split())
    assert "What was done (actions within 3 km, before/after) / Что было сделано" in text
    assert "A-0001 Speed bumps at the crossing 1: 20 before, 5 after (365 days each)" in text
    assert "Verdict: fewer incidents" in text and "Вывод: инцидентов меньше" in text
    assert pdf_check.page_count(path) == 1
    far = _actions(h, 1).assign(lon=float(h["centroid_lon"]) + 0.5)  # ~40 km away
    pdf, _ = brief_file("HS-001", replace(data, actions=far), incidents, "public", DATE)
    assert "A-0001" not in pdf_check.text(pdf)


def test_the_lower_block_never_overprints(scene_public):
    data, incidents = scene_public
    h = data.clusters[data.clusters["hotspot_id"] == "HS-001"].iloc[0]
    long_why = "Long reason " * 60
    pairs = pd.concat([data.pairs] * 3, ignore_index=True).assign(why=long_why,
                                                                   why_params=None)
    gaps = pd.concat([data.gaps] * 3, ignore_index=True).assign(why=long_why,
                                                                why_params=None)
    crowded = replace(data, pairs=pairs, gaps=gaps,
                      actions=_actions(h, 5, title=f"{SCRIPT_CLOSE} {MATHTEXT} " * 8))
    pdf, _ = brief_file("HS-001", crowded, incidents, "public", DATE)
    assert pdf_check.page_count(pdf) >= 2  # flowed onto a new page, nothing cut
    text = pdf_check.text(pdf)
    assert text.count("Long reason Long reason") >= 6  # three pairs and three gaps, whole
    assert "(continued / продолжение)" in text
    assert "(more in the app / подробнее в приложении)" not in text
    for page in range(pdf_check.page_count(pdf)):
        runs = _baselines(pdf, page)  # page 1: the lower block and footer (one column)
        lines = sorted({y for y, _ in runs if page or y <= 0.375 * A4_H}, reverse=True)
        gaps_pt = [a - b for a, b in zip(lines, lines[1:], strict=False)]
        assert min(gaps_pt) >= 5.5, f"page {page + 1}: two lines printed over each other"
