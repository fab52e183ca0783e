""""What was done here" on the hotspot page: the actions near a hotspot with their
before/after evaluation and the first one's monthly chart (:mod:`analysis.evaluation`)."""
from __future__ import annotations

import streamlit as st

from geo.study import STUDY_BUFFER_M
from i18n import t
from i18n.followup import evaluation_text
from ui import action_resources as ar
from ui import charts, resources

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
    title = "title_ru" if lang == "ru" else "title_en"
    for act in near.head(MAX_SHOWN).to_dict("records"):
        name = act.get(title) if isinstance(act.get(title), str) else act["title_en"]
        row = ev.loc[act["action_id"]].to_dict()
        st.text(f"{act['action_id']} – {name}: {evaluation_text(row, lang)}")
    first = near.iloc[0].to_dict()
    row = ev.loc[first["action_id"]].to_dict()
    monthly = action_monthly(first, resources.incidents(flt), row, EvalParams(),
                             resources.core().engine.study_area(STUDY_BUFFER_M))
    st.vega_lite_chart(charts.action_before_after(monthly, row, first, lang), width="stretch")
