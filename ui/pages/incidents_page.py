"""Incidents: filtered table, file import with confirmation and report, add/edit form
(location by map click, place name or coordinates), verification, edit history."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.geocode import geocode
from i18n import field_error, field_label, import_counts, reason_text, t, vocab
from i18n.tables import candidate_label, history_values, localised, location_names
from incidents.importers.result import ImportFileError
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES
from incidents.validation import RecordError
from maps.webmap import MapContent, build_map
from ui import downloads, editing, importing, resources, state
from ui.table_view import show_table

lang = state.lang()
flt = state.current_filter()
st.title(t("inc.title", lang))
df = resources.incidents(flt)
names = location_names(resources.places(), lang)
st.caption(t("flt.shown", lang, n=len(df), total=resources.all_incident_count()))
show_table(df.assign(location=localised(df["location"], names)), lang, [
    "event_id", "event_date", "category", "location", "side", "border_dist_m",
    "geo_precision", "fatalities", "injuries", "verification_status", "sensitivity",
    "source_dataset"], width="stretch", height=300, config={
    "event_date": st.column_config.DateColumn(format="YYYY-MM-DD"),
    "border_dist_m": st.column_config.NumberColumn(format=f"%.0f {t('unit.m', lang)}",
                                                   help=t("inc.dist_help", lang))})
downloads.export_panel(flt, lang)

# one section at a time (not st.tabs: a Leaflet map in a hidden tab does not draw)
section = st.radio(" ", ("import", "add", "edit"), horizontal=True, key="inc_section",
                   label_visibility="collapsed",
                   format_func=lambda k: t(f"inc.{k}", lang))

# --- import -------------------------------------------------------------------------------
if section == "import":
    up = st.file_uploader(t("inc.upload", lang), type=["csv", "xlsx", "geojson", "json",
                                                       "gpkg", "txt"], key="inc_upload")
    if up is not None and st.session_state.get("_import_file_id") != up.file_id:
        st.session_state["_import_file_id"] = up.file_id
        try:
            st.session_state[state.IMPORT_PARSED] = (up.name, importing.read_upload(
                up.getvalue(), up.name))
        except (ImportFileError, ValueError) as err:
            st.error(t("inc.read_error", lang, err=err))
    held = st.session_state.get(state.IMPORT_PARSED)
    if held:
        name, parsed = held
        st.write(f"**{t('inc.format', lang)}:** {parsed.format} "
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
                st.error(t("inc.read_error", lang, err=err))
        st.write(t("inc.preview", lang))
        show_table(parsed.frame.head(5), lang, importing.preview_columns(parsed))
        for w in parsed.warnings:
            st.warning(reason_text(w, lang))
        if st.button(t("inc.confirm", lang), type="primary", key="inc_do_import"):
            bar = st.progress(0.1, text=t("inc.progress", lang))
            report = importing.run_import(parsed, name)
            bar.progress(1.0, text=t("inc.report", lang))
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
            st.code(report.summary(), language=None)
        rej = importing.rejected_frame(report, lang)
        if len(rej):
            st.error(f"{t('inc.rejected', lang)}: {len(rej)}")
            st.dataframe(rej, hide_index=True, column_config={
                c: t(f"rej.{c}", lang) for c in ("row_number", "field", "reason")})
            st.caption(t("inc.rejected_fix", lang))
            st.download_button(t("inc.rejected_dl", lang), importing.rejected_csv(report, lang),
                               "rejected_rows.csv", "text/csv", key="dl_rejected")
        st.download_button(t("inc.report_dl", lang), report.to_json(), "import_report.json",
                           "application/json", key="dl_report")

# --- add ----------------------------------------------------------------------------------
if section == "add":
    mode = st.radio(t("inc.loc_mode", lang), ("click", "name", "coords"), horizontal=True,
                    key="add_loc_mode", format_func=lambda m: t(f"inc.loc.{m}", lang))
    lat = lon = None
    if mode == "click":
        pick = st_folium(build_map(MapContent(base=resources.base_layers()), lang=lang,
                                   lean_assets=True),
                         key="pick_map", height=380, width="stretch",
                         returned_objects=["last_clicked"])
        clicked = (pick or {}).get("last_clicked")
        if clicked:
            lat, lon = clicked["lat"], clicked["lng"]
            st.info(t("inc.clicked_at", lang, lat=f"{lat:.5f}", lon=f"{lon:.5f}"))
        else:
            st.caption(t("inc.click_first", lang))
    elif mode == "name":
        place = st.text_input(t("inc.place", lang), key="add_place")
        if place:
            res = geocode(place, resources.core().gazetteer)
            cands = res.candidates or ([res.place] if res.place else [])
            if not cands:
                st.warning(t("inc.not_found", lang))
            else:
                labels = [candidate_label(c, lang) for c in cands]
                i = st.radio(t("inc.candidates", lang), range(len(cands)),
                             format_func=lambda k: labels[k], key="add_cand")
                lat, lon = cands[i]["lat"], cands[i]["lon"]
    else:
        c1, c2 = st.columns(2)
        lat = c1.number_input(t("inc.lat", lang), -90.0, 90.0, 40.0, format="%.5f", key="add_lat")
        lon = c2.number_input(t("inc.lon", lang), -180.0, 180.0, 70.7, format="%.5f",
                              key="add_lon")
    with st.form("add_form"):
        c1, c2 = st.columns(2)
        date = c1.date_input(t("inc.date", lang), dt.date.today(), key="add_date")
        cat = c2.selectbox(t("inc.category", lang), CATEGORIES, key="add_cat",
                           format_func=lambda c: vocab("category", c, lang))
        loc_text = st.text_input(t("inc.location_text", lang), key="add_loc")
        c3, c4 = st.columns(2)
        fat = c3.text_input(t("inc.fatalities", lang), key="add_fat")
        inj = c4.text_input(t("inc.injuries", lang), key="add_inj")
        notes = st.text_area(t("inc.notes", lang), key="add_notes")
        source = st.text_input(t("inc.source", lang), key="add_source")
        sens = st.selectbox(t("inc.sensitivity", lang), SENSITIVITIES, index=1, key="add_sens",
                            format_func=lambda v: vocab("sensitivity", v, lang))
        user = st.text_input(t("inc.user", lang), key="add_user")
        submitted = st.form_submit_button(t("inc.save", lang), type="primary", key="add_save")
    if submitted:
        errors = {}
        counts = {}
        for key, raw in (("fatalities", fat), ("injuries", inj)):
            raw = raw.strip()
            if raw and not raw.isdigit():
                errors[key] = t("inc.err.count", lang)
            counts[key] = int(raw) if raw.isdigit() else None
        if not user.strip():
            errors["user"] = t("inc.err.user", lang)
        if lat is None or lon is None:
            errors["location"] = t("inc.err.location", lang)
        for field, msg in errors.items():
            st.error(field_error(field, msg, lang))
        if not errors:
            record = {"event_date": date, "category": cat, "lat": lat, "lon": lon,
                      "geo_precision": 1 if mode != "name" else 2, "location": loc_text or None,
                      "notes": notes or None, "source": source or None, "sensitivity": sens,
                      "source_dataset": "internal",
                      "geocode_method": {"click": "map_click", "name": "gazetteer"}.get(mode),
                      **counts}
            try:
                new_id = editing.add_incident(record, user.strip())
                st.success(t("inc.saved", lang, id=new_id))
            except RecordError as err:
                st.error(field_error(err.field, err.reason, lang))

# --- edit / verification / history --------------------------------------------------------
if section == "edit":
    ids = df["event_id"].tolist()
    if ids:
        eid = st.selectbox(t("inc.edit_id", lang), ids, key="edit_id")
        rec = df[df["event_id"] == eid].iloc[0]
        with st.form("edit_form"):
            verif = st.selectbox(t("inc.verification", lang), VERIFICATION_STATUSES,
                                 key="edit_verif",
                                 index=VERIFICATION_STATUSES.index(rec["verification_status"]),
                                 format_func=lambda v: vocab("verification", v, lang))
            notes = st.text_area(t("inc.notes", lang), rec["notes"] if isinstance(
                rec["notes"], str) else "")
            user = st.text_input(t("inc.user", lang), key="edit_user")
            ok = st.form_submit_button(t("inc.save", lang), key="edit_save")
        if ok:
            if not user.strip():
                st.error(field_error("user", t("inc.err.user", lang), lang))
            else:
                try:
                    resources.store().update(eid, {"verification_status": verif,
                                                   "notes": notes or None}, user.strip())
                    resources.bump_version()
                    st.success(t("inc.saved", lang, id=eid))
                except RecordError as err:
                    st.error(field_error(err.field, err.reason, lang))
        st.subheader(t("inc.history", lang))
        hist = resources.store().history(eid)
        if len(hist):
            show_table(history_values(hist, lang), lang)
        else:
            st.caption(t("inc.no_history", lang))
    q = resources.store().quarantine()
    if len(q):
        st.subheader(t("inc.quarantine", lang))
        show_table(q.assign(reason=importing.reasons_in(q["reason"], lang),
                            field=q["field"].map(lambda f: field_label(f, lang) if isinstance(
                                f, str) and f else f)), lang)
