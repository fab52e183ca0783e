""""What was done here" on the hotspot page: the actions near a hotspot with their
before/after evaluation and the monthly chart of the one chosen (the nearest at first;
:mod:`analysis.evaluation`)."""
from __future__ import annotations

import streamlit as st

from geo.study import STUDY_BUFFER_M
from i18n import t
from i18n.followup import evaluation_text
from ui import action_resources as ar
from ui import charts, resources
from ui.choices import labelled

MAX_SHOWN = 5


def near_hotspot(hull_lonlat, flt, lang: str) -> None:
    """The actions whose area comes within 3 km of the hotspot's hull (EPSG:4326)."""
    from analysis.evaluation import EvalParams, action_monthly, actions_near
    st.subheader(t("act.near_hotspot", lang))
    near = actions_near(ar.actions(), hull_lonlat)
    if near.empty:
        st.info(t("act.no_near", lang))
        return
    ev = ar.evaluations(flt).set_index("action_id")
    shown = near.head(MAX_SHOWN).to_dict("records")
    names = {lg: {a["action_id"]: a[col] if isinstance(a.get(col), str) else a["title_en"]
                  for a in shown} for lg, col in (("en", "title_en"), ("ru", "title_ru"))}
    for act in shown:
        row = ev.loc[act["action_id"]].to_dict()
        st.text(f"{act['action_id']} – {names[lang][act['action_id']]}: "
                f"{evaluation_text(row, lang)}")
    ids = [a["action_id"] for a in shown]
    chosen = ids[0]
    if len(ids) > 1:  # the chart is of one action: the user says which
        key = "hs_action_chart@" + "|".join(ids)  # a new hotspot's actions: a new choice
        chosen = st.selectbox(t("act.chart_of", lang), ids, key=key, format_func=labelled(
            key, ids, lambda i, lg: f"{i} – {names.get(lg, names['en']).get(i, '')}", lang))
    act = next(a for a in shown if a["action_id"] == chosen)
    row = ev.loc[chosen].to_dict()
    monthly = action_monthly(act, resources.incidents(flt), row, EvalParams(),
                             resources.core().engine.study_area(STUDY_BUFFER_M))
    st.vega_lite_chart(charts.action_before_after(monthly, row, act, lang), width="stretch")
