"""Actions & follow-up: the working groups' actions with their before/after evaluation
(a chosen action's monthly chart with its period shaded), add/edit, CSV import/export, and
the Monday-morning list of what changed since the last reviews."""
from __future__ import annotations

import streamlit as st

from geo.gazetteer import settlements
from geo.study import STUDY_BUFFER_M
from i18n import t, vocab
from i18n.fmt import date_column_format
from i18n.followup import action_display, evaluation_text, method_notes, ratio_text
from ui import action_resources as ar
from ui import charts, resources, state
from ui.action_form import action_form, csv_panel
from ui.choices import labelled
from ui.followup_view import monday_list
from ui.table_view import show_table

lang = state.lang()
flt = state.current_filter()
st.title(t("act.title", lang))
st.caption(t("act.illustrative", lang))

with st.expander(t("act.params", lang)):
    p1, p2, p3 = st.columns(3)
    radius_m = p1.number_input(t("act.radius", lang), 100, 50000, 3000, 500, key="act_radius")
    months = p2.number_input(t("act.window", lang), 1, 60, 12, 1, key="act_months")
    min_total = p3.number_input(t("act.min_total", lang), 1, 200, 10, 1, key="act_min_total")
ep = {"radius_m": float(radius_m), "window_months": int(months), "min_total": int(min_total)}


def evaluation_section() -> str:
    """The actions' table, the chosen action's evaluation and chart; the evaluation CSV."""
    from analysis.evaluation import EvalParams, action_monthly, evaluation_csv_text

    actions = ar.actions()
    st.subheader(t("act.table", lang))
    if actions.empty:
        st.info(t("act.none", lang))
        return ""
    ev = ar.evaluations(flt, ep)
    table = ev.merge(actions[["action_id", "title_ru", "status", "start_date", "end_date"]],
                     on="action_id", how="left")
    if lang == "ru":
        table["title_en"] = table["title_ru"].fillna(table["title_en"])
    show_table(action_display(table, lang),
               lang, ["action_id", "title_en", "scope", "category", "status", "start_date",
                      "end_date", "n_before", "n_after", "rate_ratio", "comparison_ratio",
                      "verdict"], width="stretch", config={
                   "title_en": t("act.title_col", lang),
                   "start_date": st.column_config.DateColumn(format=date_column_format(lang)),
                   "end_date": st.column_config.DateColumn(format=date_column_format(lang)),
                   "rate_ratio": st.column_config.NumberColumn(format="%.2f"),
                   "comparison_ratio": st.column_config.NumberColumn(format="%.2f")})
    ids = actions["action_id"].astype(str).tolist()
    titles = {lg: dict(zip(actions["action_id"], actions[col].fillna(actions["title_en"]),
                           strict=True)) for lg, col in (("en", "title_en"), ("ru", "title_ru"))}
    sel = st.selectbox(t("act.select", lang), ids, key="act_selected", format_func=labelled(
        "act_selected", ids, lambda i, lg: f"{i} – {titles.get(lg, titles['en']).get(i, '')}",
        lang))
    act = actions[actions["action_id"] == sel].iloc[0].to_dict()
    row = ev[ev["action_id"] == sel].iloc[0].to_dict()
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("act.before", lang), int(row["n_before"]))
    m2.metric(t("act.after", lang), int(row["n_after"]))
    m3.metric(t("act.rest", lang), ratio_text(row.get("comparison_ratio"), lang))
    # the verdict is a phrase, not a figure: written out (a metric cuts it to its width)
    m4.caption(t("act.verdict", lang))
    m4.markdown(f"**{action_display(ev[ev['action_id'] == sel], lang)['verdict'].iloc[0]}**")
    st.text(evaluation_text(row, lang, min_total=int(min_total)))
    monthly = action_monthly(act, resources.incidents(flt), row,
                             EvalParams(**ep), resources.core().engine.study_area(STUDY_BUFFER_M))
    st.vega_lite_chart(charts.action_before_after(monthly, row, act, lang), width="stretch")
    with st.expander(t("act.history", lang)):
        hist = ar.action_store().history(sel, principal=resources.principal())
        show_table(hist.assign(change=hist["change"].map(
            lambda v: vocab("action", v, lang) if isinstance(v, str) else v)), lang,
                   ["changed_at", "user", "change", "field", "old_value", "new_value"],
                   width="stretch")
    return evaluation_csv_text(ev)


evaluation_csv = evaluation_section()
with st.expander(t("act.method", lang)):
    st.markdown(method_notes(lang))
if resources.principal().can("actions"):  # editors and admins record actions (issue 18)
    action_form(ar.actions(), resources.registry(), settlements(resources.core().gazetteer), lang)
    csv_panel(ar.actions(), evaluation_csv, lang)
monday_list(flt, lang)
