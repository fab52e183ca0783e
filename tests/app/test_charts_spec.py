"""ui.charts: the monthly chart's Vega-Lite spec and its counts."""
from __future__ import annotations

import pandas as pd

from i18n import vocab
from ui.charts import monthly_by_category, monthly_counts


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "event_date": ["2024-03-02", "2024-03-30", "2024-04-01", None, "not a date"],
        "category": ["water_dispute", "water_dispute", "road_crash", "road_crash",
                     "road_crash"]})


def test_counts_per_month_and_category_skip_undated_rows():
    c = monthly_counts(_frame(), "en")
    assert c.to_dict("records") == [
        {"month": "2024-03-01", "category": "Water dispute", "n": 2},
        {"month": "2024-04-01", "category": "Road crash", "n": 1}]


def test_labels_follow_the_language():
    ru = set(monthly_counts(_frame(), "ru")["category"])
    assert ru == {vocab("category", "water_dispute", "ru"), vocab("category", "road_crash", "ru")}
    assert ru.isdisjoint(set(monthly_counts(_frame(), "en")["category"]))


def test_spec_colours_every_category_and_marks_the_month():
    spec = monthly_by_category(_frame(), "en", highlight_month="2024-04")
    bars, rule = spec["layer"]
    colour = bars["encoding"]["color"]["scale"]
    assert len(colour["domain"]) == len(colour["range"]) and "Water dispute" in colour["domain"]
    assert rule["mark"]["type"] == "rule"
    assert rule["data"]["values"] == [{"m": "2024-04-01"}]
    assert sum(r["n"] for r in bars["data"]["values"]) == 3
    assert len(monthly_by_category(_frame(), "en")["layer"]) == 1


def test_every_chart_keeps_its_data_in_its_layers():
    """With data at the top of a spec, Streamlit (1.67) drew the chart a few pixels too high
    and cut the top off its title: the map page's Russian title read "инциденты по
    месяцам…" (seen in Chromium; its data in the layer, as the actions chart has it, draws
    it whole)."""
    for lang in ("en", "ru"):
        for spec in (monthly_by_category(_frame(), lang),
                     monthly_by_category(_frame(), lang, highlight_month="2024-04")):
            assert "data" not in spec and all("data" in layer for layer in spec["layer"])


def test_count_axis_is_whole_numbers_and_titled_per_month_even_when_empty():
    """An empty chart's axis must not read 0.000000; the axis says what a bar counts (not
    "Incidents on the map", the map's own count); Russian gets its separators."""
    import i18n
    empty = monthly_by_category(_frame().iloc[:0], "ru")
    y = empty["layer"][0]["encoding"]["y"]
    assert y["axis"]["format"] == "d" and y["axis"]["tickMinStep"] == 1
    assert y["title"] == "Инцидентов за месяц" != i18n.t("map.count", "ru")
    assert empty["config"]["locale"]["number"]["decimal"] == ","
    assert "config" not in monthly_by_category(_frame(), "en")


def test_a_long_chart_title_goes_on_two_lines():
    """On a phone the Russian action chart's title was cut to "Инциденты целевых категорий
    по месяца…"."""
    from i18n import t
    from ui.charts import TITLE_LINE_CHARS, title_lines
    ru = t("act.chart", "ru")
    lines = title_lines(ru)
    assert lines == ["Инциденты целевых категорий", "по месяцам вокруг действия"]
    assert all(len(x) <= TITLE_LINE_CHARS for x in lines)
    assert title_lines("Incidents per month by category") == "Incidents per month by category"
    assert title_lines("x" * 50) == "x" * 50  # no space: as it is


def test_legend_labels_are_not_cut_at_vega_lites_160_px():
    """"Инцидент с пограничн…" was the Russian legend's border-guard category: Vega-Lite
    cuts a legend label at 160 px unless told otherwise."""
    legend = monthly_by_category(_frame(), "ru")["layer"][0]["encoding"]["color"]["legend"]
    label = vocab("category", "border_guard_incident", "ru")
    assert label == "Инцидент с пограничниками"
    # about 7 px a letter at Vega's 10 px label font
    assert legend.get("labelLimit", 160) >= 7 * len(label)
