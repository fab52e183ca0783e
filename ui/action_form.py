"""The Actions page's form (add or edit one action) and its CSV panel: widgets only, the
writes are :class:`incidents.action_store.ActionStore` calls."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import streamlit as st

from i18n import column_error, column_label, place_name, t, vocab
from i18n.fmt import date_column_format
from incidents.access import AccessDenied
from incidents.actions import (
    ACTION_STATUSES,
    ACTION_TYPES,
    PARTNERS,
    PLACE_KINDS,
    SCOPES,
    actions_csv_text,
)
from incidents.csv_rows import RowIssue, RowValidationError
from incidents.schema import CATEGORIES
from ui import action_resources as ar
from ui import auth, resources, state, upload
from ui.choices import labelled, option_index, vocab_label
from ui.coord_fields import coordinate_fields, present
from ui.form_keys import record_keys
from ui.plain import literal
from ui.table_view import show_rejections


def _present(cur: dict, key: str):
    return present(cur.get(key))


def _count(value) -> int | None:
    """A stored count as the form shows it: None (empty) when not recorded."""
    return None if value is None else int(value)


def _community_label(registry: pd.DataFrame):
    """``(community id, language) → "DEMO-01 – its name in that language"``."""
    ru = registry["name_ru"] if "name_ru" in registry else [None] * len(registry)
    rows = {str(cid): (en, r) for cid, en, r in zip(
        registry["community_id"], registry["name_en"], ru, strict=True)}
    return lambda cid, lg: f"{cid} – {place_name(*rows[cid], lg)}" if cid in rows \
        else (cid or "–")


def action_form(actions: pd.DataFrame, registry: pd.DataFrame, places: pd.DataFrame,
                lang: str) -> None:
    """Add a new action or edit the one chosen."""
    st.subheader(t("act.add", lang))
    ids = [""] + actions["action_id"].astype(str).tolist()
    aid = st.selectbox(t("act.edit_id", lang), ids, key="act_edit_id", format_func=labelled(
        "act_edit_id", ids, lambda v, lg: v or t("act.new_entry", lg), lang))
    cur = actions[actions["action_id"] == aid].iloc[0].to_dict() if aid else {}
    mech = registry[registry["status"] != "candidate"]
    communities = mech["community_id"].astype(str).tolist()
    label = _community_label(mech)
    # settlements by gazetteer id: two villages may share a name (the place's own point is
    # taken, never a namesake's)
    known = places.dropna(subset=["name", "lon", "lat"]).drop_duplicates("place_id") \
        .set_index("place_id") if places is not None else None
    place_ids = [""] + (sorted(known.index, key=lambda i: (str(known.at[i, "name"]), i))
                        if known is not None else [])

    def place_label(pid: str, lg: str) -> str:
        if not pid:
            return "–"
        name = place_name(known.at[pid, "name"], known.at[pid, "name_ru"]
                          if "name_ru" in known else None, lg)
        return f"{name} ({vocab('country', known.at[pid, 'iso3'], lg)}, {pid})"

    current_place = next((i for i in place_ids[1:] if known.at[i, "name"] == cur.get(
        "settlement") and abs(float(known.at[i, "lon"]) - float(cur.get("lon") or 0)) < 1e-4),
        "")
    k = record_keys("act", aid)
    with st.form(k("form")):
        c1, c2, c3 = st.columns(3)
        title_en = c1.text_input(column_label("title_en", lang), _present(cur, "title_en") or "",
                                 key=k("title_en"))
        title_ru = c2.text_input(column_label("title_ru", lang), _present(cur, "title_ru") or "",
                                 key=k("title_ru"))
        title_local = c3.text_input(column_label("title_local", lang),
                                    _present(cur, "title_local") or "", key=k("title_local"))
        c4, c5, c6 = st.columns(3)
        scope = c4.selectbox(column_label("scope", lang), SCOPES,
                             index=option_index(SCOPES, cur.get("scope")), key=k("scope"),
                             format_func=labelled(k("scope"), SCOPES,
                                                  vocab_label("action_scope"), lang, drop=True))
        extra = [c for c in (cur.get("community_id"), cur.get("partner_community_id"))
                 if isinstance(c, str) and c and c not in communities]
        options = [""] + communities + extra
        cid = c5.selectbox(t("act.community", lang), options,
                           index=option_index(options, cur.get("community_id")), key=k("community"),
                           format_func=labelled(k("community"), options, label, lang, drop=True))
        partner = c6.selectbox(t("act.partner", lang), options,
                               index=option_index(options, cur.get("partner_community_id")),
                               key=k("partner"), format_func=labelled(
                                   k("partner"), options, label, lang, drop=True))
        cats = st.multiselect(t("act.categories", lang), CATEGORIES, default=[
            c for c in str(_present(cur, "category") or "").split(";") if c in CATEGORIES],
            format_func=labelled(k("categories"), CATEGORIES, vocab_label("category"), lang,
                                 drop=True), key=k("categories"), select_all=False,
            placeholder=t("form.none_chosen", lang))
        c7, c8, c9 = st.columns(3)
        kind = c7.selectbox(column_label("place_kind", lang), PLACE_KINDS,
                            index=option_index(PLACE_KINDS, cur.get("place_kind")),
                            format_func=labelled(k("place_kind"), PLACE_KINDS,
                                                 vocab_label("place_kind"), lang, drop=True),
                            key=k("place_kind"))
        lat, lon = coordinate_fields(c8, c9, lang, cur, k("lat"), k("lon"))
        c10, c11, c12 = st.columns(3)
        place_id = c10.selectbox(column_label("settlement", lang), place_ids,
                                 index=option_index(place_ids, current_place), key=k("settlement"),
                                 format_func=labelled(k("settlement"), place_ids, place_label,
                                                      lang, drop=True))
        radius = c11.number_input(column_label("place_radius_m", lang), 0.0, 50000.0,
                                  float(_present(cur, "place_radius_m") or 3000.0), 500.0,
                                  key=k("radius"))
        line = c12.text_input(column_label("line_wkt", lang), _present(cur, "line_wkt") or "",
                              key=k("line"))
        c13, c14, c15 = st.columns(3)
        start = c13.date_input(column_label("start_date", lang),
                               _present(cur, "start_date") or dt.date.today(),
                               min_value=dt.date(1990, 1, 1), key=k("start"),
                               format=date_column_format(lang))
        end = c14.date_input(column_label("end_date", lang), _present(cur, "end_date"),
                             min_value=dt.date(1990, 1, 1), key=k("end"),
                             format=date_column_format(lang))
        no_end = c15.checkbox(t("act.no_end", lang), value=not _present(cur, "end_date"),
                              key=k("no_end"))
        c16, c17 = st.columns(2)
        atype = c16.selectbox(column_label("action_type", lang), ACTION_TYPES,
                              index=option_index(ACTION_TYPES, cur.get("action_type")),
                              key=k("type"), format_func=labelled(
                                  k("type"), ACTION_TYPES, vocab_label("action_type"), lang,
                                  drop=True))
        status = c17.selectbox(column_label("status", lang), ACTION_STATUSES,
                               index=option_index(ACTION_STATUSES, cur.get("status")),
                               key=k("status"), format_func=labelled(
                                   k("status"), ACTION_STATUSES, vocab_label("action_status"),
                                   lang, drop=True))
        partners = st.multiselect(column_label("partners", lang), PARTNERS, default=[
            p for p in str(_present(cur, "partners") or "").split(";") if p in PARTNERS],
            format_func=labelled(k("partners"), PARTNERS, vocab_label("partner"), lang,
                                 drop=True), key=k("partners"), select_all=False,
            placeholder=t("form.none_chosen", lang))
        c18, c19 = st.columns(2)
        # empty: not recorded; 0: none took part (a default 0 stored "not recorded")
        women, youth = (col.number_input(
            t(f"act.{field}", lang), 0, 100000, _count(_present(cur, field)),
            help=t("act.count_help", lang), key=k(field))
            for col, field in ((c18, "women"), (c19, "youth")))
        notes = st.text_area(column_label("notes", lang), _present(cur, "notes") or "",
                             height=68, key=k("notes"))
        attachments = st.text_input(column_label("attachments", lang),
                                    _present(cur, "attachments") or "", key=k("attachments"))
        saved = st.form_submit_button(t("inc.save", lang), type="primary", key=k("save"))
    state.show_saved("action")
    if not saved:
        return
    settlement = ""
    if kind == "settlement" and place_id:  # the settlement's own point from the gazetteer
        settlement = str(known.at[place_id, "name"])
        lon, lat = float(known.at[place_id, "lon"]), float(known.at[place_id, "lat"])
    record = {"title_en": title_en, "title_ru": title_ru, "title_local": title_local,
              "scope": scope, "community_id": cid, "partner_community_id": partner,
              "category": ";".join(cats), "place_kind": kind, "lon": lon, "lat": lat,
              "settlement": settlement,
              "place_radius_m": radius if kind == "settlement" else "",
              "line_wkt": line if kind == "line" else "", "start_date": start,
              "end_date": "" if no_end or end is None else end, "action_type": atype,
              "status": status, "partners": ";".join(partners),
              "women": "" if women is None else women,
              "youth": "" if youth is None else youth, "notes": notes,
              "attachments": attachments}
    try:
        if not title_en.strip():
            raise RowValidationError([RowIssue(0, "title_en", t("act.err.title", lang))])
        me = resources.principal()
        if aid:
            ar.action_store().update(aid, record, me)
        else:
            aid = ar.action_store().add(record, me)[0]
            state.forget(k(""))  # the new-action form is empty again
        ar.forget()
        state.saved("action", t("inc.saved", lang, id=literal(aid)))
    except RowValidationError as err:
        for issue in err.issues:
            st.error(literal(column_error(issue.field, issue.reason, lang)))
    except AccessDenied as err:  # the role was lowered since the page was drawn
        st.error(auth.denied_text(err, lang))


def csv_panel(actions: pd.DataFrame, evaluation_csv: str, lang: str) -> None:
    """Download the actions and the evaluation; import a CSV with its rejection report."""
    with st.expander(t("act.csv", lang)):
        st.caption(t("act.csv_help", lang))
        d1, d2 = st.columns(2)
        d1.download_button(t("act.csv_dl", lang), actions_csv_text(actions).encode("utf-8"),
                           "actions.csv", "text/csv", key="act_csv_dl")
        d2.download_button(t("act.eval_dl", lang), evaluation_csv.encode("utf-8"),
                           "action_evaluation.csv", "text/csv", key="act_eval_dl")
        up = upload.file_uploader(t("act.csv_upload", lang), lang, type=["csv"],
                                  key="act_csv_up")
        if up is not None and st.button(t("act.csv_import", lang), key="act_csv_go"):
            try:
                st.session_state["act_csv_result"] = ar.action_store().import_csv(
                    io.BytesIO(up.getvalue()), resources.principal())
            except AccessDenied as err:
                st.error(auth.denied_text(err, lang))
                return
            ar.forget()
            state.request_rerun()
        result = st.session_state.get("act_csv_result")
        if result is None:
            return
        st.success(t("act.csv_done", lang, n=len(result.frame), bad=len(result.rejected_rows)))
        show_rejections(result, lang, "actions_rejected.csv", "act_csv_rej")
