"""Communities: the registry of mechanisms on a map and in a table; add/edit and the CSV
(editors and admins); priorities. Members and above reach this page (ui/shell.py)."""
from __future__ import annotations

import io

import streamlit as st
from streamlit_folium import st_folium

from analysis.demo_registry import DEMO_NOTE, DEMO_SOURCE
from analysis.registry import (
    CONTACT_STATUSES,
    ISO3S,
    MECH_TYPES,
    STATUSES,
    YES_NO,
    RegistryIssue,
    RegistryValidationError,
    registry_csv_text,
)
from i18n import column_error, column_label, t
from i18n.display_tables import registry_display
from incidents.schema import CATEGORIES
from maps.web.webmap import MapContent, build_map
from ui import resources, state, upload
from ui.choices import labelled, option_index, vocab_label
from ui.coord_fields import coordinate_fields, present
from ui.form_keys import record_keys
from ui.plain import literal
from ui.table_view import show_rejections, show_table

lang = state.lang()
st.title(t("com.title", lang))
reg = resources.registry()
mech = reg[reg["status"] != "candidate"]
st.caption(t("com.illustrative", lang))
fmap = build_map(MapContent(base=resources.base_layers(), communities=reg,
                            **resources.demo_flags()), lang=lang, lean_assets=True)
st_folium(fmap, key="communities_map", height=460, use_container_width=True,
          returned_objects=[])
st.subheader(t("com.table", lang))
names = ["name_ru", "name_en"] if lang == "ru" else ["name_en", "name_ru"]  # chosen one first
show_table(registry_display(mech, lang, DEMO_NOTE, DEMO_SOURCE), lang,
           ["community_id", *names,
            *[c for c in mech.columns if c not in ("community_id", *names)]],
           width="stretch", config={"illustrative": st.column_config.CheckboxColumn()})

if resources.principal().can("registry"):  # editors and admins change the registry
    st.subheader(t("com.add", lang))
    ids = [""] + mech["community_id"].astype(str).tolist()
    cid = st.selectbox(t("com.edit_id", lang), ids, key="com_edit_id", format_func=labelled(
        "com_edit_id", ids, lambda v, lg: v or t("com.new_entry", lg), lang))
    cur = mech[mech["community_id"] == cid].iloc[0].to_dict() if cid else {}
    cur = {k: v for k, v in cur.items() if present(v) is not None}

    k = record_keys("com", cid)
    with st.form(k("form")):
        c1, c2, c3 = st.columns(3)
        name_en = c1.text_input(t("com.name_en", lang), cur.get("name_en") or "",
                                key=k("name_en"))
        name_ru = c2.text_input(t("com.name_ru", lang), cur.get("name_ru") or "",
                                key=k("name_ru"))
        name_local = c3.text_input(column_label("name_local", lang), cur.get("name_local") or "",
                                   key=k("name_local"))
        c4, c5, c6 = st.columns(3)
        iso3 = c4.selectbox(t("com.country", lang), ISO3S,
                            index=option_index(ISO3S, cur.get("iso3")), key=k("iso3"),
                            format_func=labelled(k("iso3"), ISO3S, vocab_label("country"),
                                                 lang, drop=True))
        mtype = c5.selectbox(t("com.type", lang), MECH_TYPES,
                             index=option_index(MECH_TYPES, cur.get("mech_type")), key=k("type"),
                             format_func=labelled(k("type"), MECH_TYPES,
                                                  vocab_label("mech_type"), lang, drop=True))
        status = c6.selectbox(t("com.status", lang), STATUSES,
                              index=option_index(STATUSES, cur.get("status")), key=k("status"),
                              format_func=labelled(k("status"), STATUSES,
                                                   vocab_label("community_status"), lang,
                                                   drop=True))
        c7, c8 = st.columns(2)
        lat, lon = coordinate_fields(c7, c8, lang, cur, k("lat"), k("lon"))
        prios = st.multiselect(t("com.priorities", lang), CATEGORIES, default=[
            p for p in str(cur.get("priorities") or "").split(";") if p in CATEGORIES],
            format_func=labelled(k("priorities"), CATEGORIES, vocab_label("category"), lang,
                                 drop=True), key=k("priorities"),
            placeholder=t("form.none_chosen", lang), select_all=False)
        who = {}
        for col, field in zip(st.columns(4), ("women", "youth", "authorities",
                                             "cross_border_contact"), strict=True):
            options, kind = (CONTACT_STATUSES, "contact") if field == "cross_border_contact" \
                else (YES_NO, "yes_no")
            who[field] = col.selectbox(column_label(field, lang), options,
                                       index=option_index(options, cur.get(field), "unknown"),
                                       format_func=labelled(k(field), options,
                                                            vocab_label(kind), lang, drop=True),
                                       key=k(field))
        c9, c10 = st.columns(2)
        source = c9.text_input(column_label("source", lang), cur.get("source") or "",
                               key=k("source"))
        notes = c10.text_area(column_label("notes", lang), cur.get("notes") or "", height=68,
                              key=k("notes"))
        saved = st.form_submit_button(t("inc.save", lang), type="primary", key=k("save"))
    state.show_saved("community")
    if saved:
        record = {"name_en": name_en, "name_ru": name_ru or None,
                  "name_local": name_local or None, "iso3": iso3, "mech_type": mtype,
                  "status": status, "lat": lat, "lon": lon, "priorities": ";".join(prios),
                  **who, "source": source or None, "notes": notes or None}
        try:
            if not name_en.strip():
                raise RegistryValidationError([RegistryIssue(0, "name_en",
                                                             t("com.err.name", lang))])
            record_id = cid
            if cid:
                resources.registry_store().update(cid, record, resources.principal())
            else:
                cid = resources.registry_store().add(record, resources.principal())[0]
            if not record_id:  # a new entry's form starts empty, not to be saved twice
                state.forget(k(""))
            state.saved("community", t("inc.saved", lang, id=literal(cid)))
        except RegistryValidationError as err:
            for issue in err.issues:
                st.error(literal(column_error(issue.field, issue.reason, lang)))
        except (ValueError, KeyError) as err:
            st.error(literal(str(err)))

    with st.expander(t("com.csv", lang)):
        st.caption(t("com.csv_help", lang))
        st.download_button(t("com.csv_dl", lang), registry_csv_text(mech).encode("utf-8"),
                           "communities.csv", "text/csv", key="com_csv_dl")
        up = upload.file_uploader(t("com.csv_upload", lang), lang, type=["csv"],
                                  key="com_csv_up")
        if up is not None and st.button(t("com.csv_import", lang), key="com_csv_go"):
            st.session_state["com_csv_result"] = resources.registry_store().import_csv(
                io.BytesIO(up.getvalue()), resources.principal())
            state.request_rerun()  # the registry above shows the new rows
        result = st.session_state.get("com_csv_result")
        if result is not None:
            st.success(t("com.csv_done", lang, n=len(result.frame), bad=len(result.rejected_rows)))
            show_rejections(result, lang, "communities_rejected.csv", "com_csv_rej")
