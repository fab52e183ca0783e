"""Charts of the app as Vega-Lite specifications (presentation only; counts come from the
frame as filtered).

The specs are the ones Altair would write, given as plain dicts to ``st.vega_lite_chart``:
importing Altair costs about 0.6 s, and on the map page that import ran while the browser
was still loading the map.
"""
from __future__ import annotations

import pandas as pd

from i18n import t, vocab
from maps.legend import CATEGORY_STYLE

TITLE_LINE_CHARS = 34  # a longer title goes on two lines (a phone's chart is ~350 px wide)


def title_lines(text: str, max_chars: int = TITLE_LINE_CHARS) -> str | list[str]:
    """A chart title, on two lines (Vega-Lite's list of lines) when longer than
    ``max_chars``, split at the space nearest its middle: Vega-Lite cuts a title that is
    wider than its chart ("Инциденты целевых категорий по месяца…" on a phone)."""
    if len(text) <= max_chars or " " not in text:
        return text
    middle = len(text) / 2
    at = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
    return [text[:at], text[at + 1:]]


def _labels(categories: pd.Series, lang: str) -> pd.Series:
    """Category labels in ``lang``, translated once per distinct category."""
    values = categories.astype(str)
    return values.map({c: vocab("category", c, lang) for c in values.unique()})


def monthly_counts(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Incidents per month and category: ``month`` (YYYY-MM-01), ``category`` (label in
    ``lang``), ``n``. Rows without a valid date are not counted."""
    d = pd.DataFrame({
        "month": pd.to_datetime(df["event_date"], errors="coerce").dt.to_period("M")
        .dt.to_timestamp(),
        "category": _labels(df["category"], lang),
    }).dropna()
    counts = d.groupby(["month", "category"], observed=True).size().rename("n").reset_index()
    # plain Python values: they travel inside the spec as JSON
    return pd.DataFrame({"month": counts["month"].dt.strftime("%Y-%m-01").astype(object),
                         "category": counts["category"].astype(object).to_numpy(),
                         "n": counts["n"].astype(int).to_numpy()})


def monthly_by_category(df: pd.DataFrame, lang: str, title_key: str = "map.timeline",
                        highlight_month: str | None = None) -> dict:
    """Vega-Lite spec: stacked monthly bars by category in the map's category colours,
    with a dashed rule at ``highlight_month`` (YYYY-MM) when given."""
    counts = monthly_counts(df, lang)
    month_title, count_title = t("map.month_month", lang), t("chart.per_month", lang)
    bars = {
        # the data sits in its layer, not at the top of the spec: with top-level data,
        # Streamlit (1.67) drew the chart a few pixels too high and cut the top off the
        # title (a Russian title then read in lower case: "инциденты")
        "data": {"values": counts.to_dict("records")},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                  "title": month_title},
            "y": {"aggregate": "sum", "field": "n", "type": "quantitative",
                  "title": count_title, "axis": COUNT_AXIS},
            "color": {"field": "category", "type": "nominal",
                      "scale": {"domain": [vocab("category", c, lang) for c in CATEGORY_STYLE],
                                "range": [c for c, _ in CATEGORY_STYLE.values()]},
                      # Vega-Lite cuts labels at 160 px: "Инцидент с пограничн…"
                      "legend": {"title": None, "orient": "right", "labelLimit": 200}},
            "tooltip": [
                {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                 "title": month_title},
                {"field": "category", "type": "nominal", "title": t("pop.category", lang)},
                {"aggregate": "sum", "field": "n", "type": "quantitative",
                 "title": count_title}],
        },
    }
    layers = [bars]
    if highlight_month:
        layers.append({
            "data": {"values": [{"m": pd.Timestamp(highlight_month).strftime("%Y-%m-%d")}]},
            "mark": {"type": "rule", "color": "#333", "strokeDash": [4, 3]},
            "encoding": {"x": {"field": "m", "type": "temporal"}}})
    spec = {"title": title_lines(t(title_key, lang)), "height": 240, "layer": layers}
    return _localised(spec, lang)


# counts: whole numbers on the axis (an empty chart would otherwise read 0.000000)
COUNT_AXIS = {"format": "d", "tickMinStep": 1}
NUMBER_LOCALE_RU = {"decimal": ",", "thousands": "\u00a0", "grouping": [3],
                    "currency": ["", "\u00a0₽"]}
TIME_LOCALE_RU = {
    "dateTime": "%A, %e %B %Y г. %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница",
             "суббота"],
    "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
    "months": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
               "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "shortMonths": ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт",
                    "ноя", "дек"],
}


def action_before_after(monthly: pd.DataFrame, evaluation: dict, action: dict,
                        lang: str) -> dict:
    """Vega-Lite spec: the action's targeted incidents per month (bars), the action's period
    shaded dark, the before and after windows shaded light (``monthly`` from
    ``analysis.evaluation.action_monthly``)."""
    def day(v) -> str | None:
        return None if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")

    last = pd.Timestamp(monthly["month"].max()) + pd.offsets.MonthEnd(0) \
        if len(monthly) else pd.Timestamp(action["start_date"])
    spans = [(t("act.window_before", lang), day(evaluation.get("before_start")),
              day(evaluation.get("before_end")), "#9ecae1"),
             (t("act.period", lang), day(action["start_date"]),
              day(action.get("end_date")) or last.strftime("%Y-%m-%d"), "#636363"),
             (t("act.window_after", lang), day(evaluation.get("after_start")),
              day(evaluation.get("after_end")), "#fdae6b")]
    spans = [s for s in spans if s[1] and s[2]]
    month_title, count_title = t("map.month_month", lang), t("act.count", lang)
    shade = {
        "data": {"values": [{"what": w, "from": a, "to": b} for w, a, b, _ in spans]},
        "mark": {"type": "rect", "opacity": 0.25},
        "encoding": {
            "x": {"field": "from", "type": "temporal"}, "x2": {"field": "to"},
            "color": {"field": "what", "type": "nominal", "legend": {"title": None},
                      "scale": {"domain": [s[0] for s in spans],
                                "range": [s[3] for s in spans]}},
            "tooltip": [{"field": "what", "type": "nominal", "title": " "}]},
    }
    bars = {
        "data": {"values": [{"month": m.strftime("%Y-%m-%d"), "n": int(n)} for m, n in
                            zip(monthly["month"], monthly["n"], strict=True)]},
        "mark": {"type": "bar", "color": "#08519c"},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                  "title": month_title},
            "y": {"field": "n", "type": "quantitative", "title": count_title,
                  "axis": COUNT_AXIS},
            "tooltip": [{"field": "month", "type": "temporal", "timeUnit": "yearmonth",
                         "title": month_title},
                        {"field": "n", "type": "quantitative", "title": count_title}]},
    }
    spec = {"title": title_lines(t("act.chart", lang)), "height": 220,
            "layer": [shade, bars]}
    return _localised(spec, lang)


def _localised(spec: dict, lang: str) -> dict:
    """Month names and number separators of ``lang`` (d3 locales) in the spec."""
    if lang == "ru":
        spec["config"] = {"locale": {"time": TIME_LOCALE_RU, "number": NUMBER_LOCALE_RU}}
    return spec
