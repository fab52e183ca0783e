"""Altair charts of the app (presentation only; counts come from the frame as filtered)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from i18n import t, vocab
from maps.legend import CATEGORY_STYLE


def monthly_by_category(df: pd.DataFrame, lang: str, title_key: str = "map.timeline",
                        highlight_month: str | None = None) -> alt.Chart:
    """Stacked monthly bars by category, in the map's category colours."""
    d = pd.DataFrame({
        "month": pd.to_datetime(df["event_date"], errors="coerce").dt.to_period("M")
        .dt.to_timestamp(),
        "category": df["category"].astype(str).map(lambda c: vocab("category", c, lang)),
    }).dropna()
    counts = d.groupby(["month", "category"], observed=True).size().rename("n").reset_index()
    # plain numpy/object columns: Arrow-backed pandas strings reach Vega as nulls
    counts = pd.DataFrame({"month": counts["month"].dt.strftime("%Y-%m-01"),
                           "category": counts["category"].astype(object).to_numpy(),
                           "n": counts["n"].astype("int32").to_numpy()})
    domain = [vocab("category", c, lang) for c in CATEGORY_STYLE]
    colours = [c for c, _ in CATEGORY_STYLE.values()]
    chart = alt.Chart(counts, title=t(title_key, lang)).mark_bar().encode(
        x=alt.X("month:T", timeUnit="yearmonth", title=t("map.month_month", lang)),
        y=alt.Y("sum(n):Q", title=t("map.count", lang)),
        color=alt.Color("category:N", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(title=None, orient="right")),
        tooltip=[alt.Tooltip("month:T", timeUnit="yearmonth", title=t("map.month_month", lang)),
                 alt.Tooltip("category:N", title=t("pop.category", lang)),
                 alt.Tooltip("sum(n):Q", title=t("map.count", lang))],
    ).properties(height=240)
    if highlight_month:
        rule = alt.Chart(pd.DataFrame({"m": [pd.Timestamp(highlight_month)]})).mark_rule(
            color="#333", strokeDash=[4, 3]).encode(x="m:T")
        chart = chart + rule
    return chart
