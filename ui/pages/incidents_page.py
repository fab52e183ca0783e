"""Incidents: filtered table, file import with confirmation and report, add/edit form
(location by map click, place name or coordinates), verification, edit history.

Members and above reach this page (ui/shell.py); each section is drawn only for a role
allowed it (members add; editors also import, edit and review), and the store checks
again (incidents.access)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import error_text, field_label, import_counts, reason_text, t
from i18n import keys as i18n_keys_list
from i18n.display_tables import history_values, localised, location_names
from i18n.fmt import date_column_format
from i18n.report_text import category_rule_text, report_text
from incidents.importers.result import ImportFileError
from layers.uploads import display_name
from ui import (
    downloads,
    importing,
    incident_edit,
    incident_form,
    incident_links,
    resources,
    side_review,
    state,
    upload,
)
from ui.choices import key_label, labelled
from ui.plain import literal
from ui.table_view import show_table

lang = state.lang()
i18n_keys = set(i18n_keys_list())
me = resources.principal()
me.require("read_internal")  # the navigation offers this page to members and above
flt = state.current_filter()
st.title(t("inc.title", lang))
df = resources.incidents(flt)
names = location_names(resources.places(), lang)
st.caption(t("flt.shown", lang, n=len(df), total=resources.all_incident_count()))
incident_links.take_edit_request(df["event_id"].astype(str).tolist())  # from the map
table = show_table(df.assign(location=localised(df["location"], names)), lang, [
    "event_id", "event_date", "category", "location", "side", "side_basis", "side_contested",
    "border_dist_m",
    "geo_precision", "fatalities", "injuries", "verification_status", "sensitivity",
    "source_dataset"], width="stretch", height=300, config={
    "event_date": st.column_config.DateColumn(format=date_column_format(lang)),
    "border_dist_m": st.column_config.NumberColumn(format=f"%.0f {t('unit.m', lang)}",
                                                   help=t("inc.dist_help", lang))},
    on_select="rerun", selection_mode="single-row", key="inc_table")
incident_links.chosen_row_actions(df, list(table.selection.rows), lang, me.can("edit"))
downloads.export_panel(flt, lang)

# one section at a time (not st.tabs: a Leaflet map in a hidden tab does not draw)
sections = tuple(s for s, right in (("import", "import"), ("add", "add"), ("edit", "edit"))
                 if me.can(right))
section = st.radio(" ", sections, horizontal=True, key="inc_section",
                   label_visibility="collapsed",
                   format_func=labelled("inc_section", sections, key_label("inc"), lang))

# --- import -------------------------------------------------------------------------------
if section == "import":
    up = upload.file_uploader(t("inc.upload", lang), lang, type=[
        "csv", "xlsx", "geojson", "json", "gpkg", "txt"], key="inc_upload")
    if up is not None and st.session_state.get("_import_file_id") != up.file_id:
        st.session_state[state.IMPORT_PARSED] = None  # a new file: nothing read yet
    # parsed only on the user's click, never on arrival (a file can expand to millions of
    # rows); the client's file name is a label, never a path
    if up is not None and st.session_state.get("_import_file_id") != up.file_id and st.button(
            t("inc.read", lang), key="inc_read"):
        st.session_state["_import_file_id"] = up.file_id
        label = display_name(up.name)
        try:
            st.session_state[state.IMPORT_PARSED] = (label, importing.read_upload(
                up.getvalue(), label))
        except (ImportFileError, ValueError) as err:
            st.error(literal(t("inc.read_error", lang, err=error_text(err, lang))))
    held = st.session_state.get(state.IMPORT_PARSED)
    if held:
        name, parsed = held
        fmt_key = f"fmt.{parsed.format}"
        st.write(f"**{t('inc.format', lang)}:** "
                 f"{t(fmt_key, lang) if fmt_key in i18n_keys else parsed.format} "
                 f"({t('inc.rows_read', lang, n=parsed.rows_read)})")
        st.caption(t("inc.read_counts", lang, ok=len(parsed.frame), bad=len(parsed.rejected)))
        st.write(f"**{t('inc.mapping', lang)}**")
        edited = st.data_editor(
            importing.mapping_frame(parsed.mapping, lang), key="inc_mapping",
            disabled=["schema", "label"], hide_index=True,
            column_config={"schema": None, "label": t("inc.mapping.schema", lang),
                           "file": t("inc.mapping.file", lang)})
        new_mapping = {k: v for k, v in zip(edited["schema"], edited["file"], strict=True) if v}
        if new_mapping != dict(parsed.mapping) and up is not None and st.button(
                t("inc.reread", lang), key="inc_reread"):
            try:
                parsed = importing.read_upload(up.getvalue(), name, mapping=new_mapping)
                st.session_state[state.IMPORT_PARSED] = (name, parsed)
            except (ImportFileError, ValueError) as err:
                st.error(literal(t("inc.read_error", lang, err=error_text(err, lang))))
        st.write(t("inc.preview", lang))
        show_table(parsed.frame.head(5), lang, importing.preview_columns(parsed))
        for w in parsed.warnings:
            st.warning(literal(reason_text(w, lang)))
        if parsed.category_rules:  # the category each value gets: confirm before writing
            st.write(f"**{t('inc.categories', lang)}**")
            st.dataframe(pd.DataFrame({
                t("inc.cat_rule", lang): [category_rule_text(r, lang)
                                          for r in parsed.category_rules],
                t("rep.count", lang): list(parsed.category_rules.values())}),
                width="content", hide_index=True)
        if st.button(t("inc.confirm", lang), type="primary", key="inc_do_import"):
            bar = st.progress(0.0, text=t("inc.progress", lang))
            report = importing.run_import(parsed, name, me, progress=lambda f, stage: bar.progress(
                f, text=t(f"inc.stage.{stage}", lang)))
            st.session_state[state.IMPORT_REPORT] = report
            st.session_state[state.IMPORT_PARSED] = None
            state.request_rerun()  # the table and the counts above show the new rows
    report = st.session_state.get(state.IMPORT_REPORT)
    if report is not None:
        st.subheader(t("inc.report", lang))
        counts = import_counts(report, lang)
        st.dataframe(pd.DataFrame({t("rep.count", lang): list(counts.values())},
                                  index=list(counts)), width="content")
        with st.expander(t("rep.full_text", lang)):
            st.code(report_text(report, lang), language=None)
        rej = importing.rejected_frame(report, lang)
        if len(rej):
            st.error(f"{t('inc.rejected', lang)}: {len(rej)}")
            st.dataframe(rej, hide_index=True, column_config={
                c: t(f"rej.{c}", lang) if not c.startswith("raw:")
                else t("rej.raw", lang, column=c[4:]) for c in rej.columns})
            st.caption(t("inc.rejected_fix", lang))
            st.download_button(t("inc.rejected_dl", lang), importing.rejected_csv(report, lang),
                               "rejected_rows.csv", "text/csv", key="dl_rejected")
        st.download_button(t("inc.report_dl", lang), report.to_json(), "import_report.json",
                           "application/json", key="dl_report")

# --- add ----------------------------------------------------------------------------------
if section == "add":
    incident_form.add_form(lang)

# --- edit / verification / history --------------------------------------------------------
if section == "edit":
    eid = incident_edit.edit_form(lang, df)
    if eid is not None:
        side_review.side_panel(eid, lang)
        st.subheader(t("inc.history", lang))
        hist = resources.store().history(eid, me)
        if len(hist):
            show_table(history_values(hist, lang), lang)
        else:
            st.caption(t("inc.no_history", lang))
    q = resources.store().quarantine(me)
    if len(q):
        st.subheader(t("inc.quarantine", lang))
        show_table(q.assign(reason=importing.reasons_in(q["reason"], lang),
                            field=q["field"].map(lambda f: field_label(f, lang) if isinstance(
                                f, str) and f else f)), lang)
