"""Communities: the registry of mechanisms on a map and in a table; add/edit; priorities."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.registry import (
    ISO3S,
    MECH_TYPES,
    STATUSES,
    RegistryIssue,
    RegistryValidationError,
)
from i18n import column_label, reason_text, t, vocab
from incidents.schema import CATEGORIES
from maps.webmap import MapContent, build_map
from ui import resources, state
from ui.table_view import show_table

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
show_table(mech, lang, ["community_id", *names,
                        *[c for c in mech.columns if c not in ("community_id", *names)]],
           width="stretch", config={"illustrative": st.column_config.CheckboxColumn()})

st.subheader(t("com.add", lang))
ids = [""] + mech["community_id"].astype(str).tolist()
cid = st.selectbox(t("com.edit_id", lang), ids, key="com_edit_id",
                   format_func=lambda v: v or t("com.new_entry", lang))
cur = mech[mech["community_id"] == cid].iloc[0].to_dict() if cid else {}
cur = {k: v for k, v in cur.items() if not (pd.api.types.is_scalar(v) and pd.isna(v))}
with st.form(f"com_form_{cid or 'new'}"):
    c1, c2 = st.columns(2)
    name_en = c1.text_input(t("com.name_en", lang), cur.get("name_en") or "", key="com_name_en")
    name_ru = c2.text_input(t("com.name_ru", lang), cur.get("name_ru") or "")
    c3, c4, c5 = st.columns(3)
    iso3 = c3.selectbox(t("com.country", lang), ISO3S, index=ISO3S.index(cur["iso3"]) if
                        cur.get("iso3") in ISO3S else 0,
                        format_func=lambda v: vocab("country", v, lang))
    mtype = c4.selectbox(t("com.type", lang), MECH_TYPES, index=MECH_TYPES.index(
        cur["mech_type"]) if cur.get("mech_type") in MECH_TYPES else 0,
        format_func=lambda v: vocab("mech_type", v, lang))
    status = c5.selectbox(t("com.status", lang), STATUSES, index=STATUSES.index(
        cur["status"]) if cur.get("status") in STATUSES else 0,
        format_func=lambda v: vocab("community_status", v, lang))
    c6, c7 = st.columns(2)
    lat = c6.number_input(t("inc.lat", lang), 38.0, 43.0, float(cur.get("lat") or 40.0),
                          format="%.5f")
    lon = c7.number_input(t("inc.lon", lang), 66.0, 75.0, float(cur.get("lon") or 70.7),
                          format="%.5f")
    prios = st.multiselect(t("com.priorities", lang), CATEGORIES, default=[
        p for p in str(cur.get("priorities") or "").split(";") if p in CATEGORIES],
        format_func=lambda c: vocab("category", c, lang))
    saved = st.form_submit_button(t("inc.save", lang), type="primary", key="com_save")
if saved:
    record = {"name_en": name_en, "name_ru": name_ru or None, "iso3": iso3, "mech_type": mtype,
              "status": status, "lat": lat, "lon": lon, "priorities": ";".join(prios)}
    try:
        if not name_en.strip():
            raise RegistryValidationError([RegistryIssue(0, "name_en", t("com.err.name", lang))])
        if cid:
            resources.registry_store().update(cid, record)
        else:
            cid = resources.registry_store().add(record)[0]
        resources.bump_registry()
        st.success(t("inc.saved", lang, id=cid))
    except RegistryValidationError as err:
        for issue in err.issues:
            st.error(f"{column_label(issue.field, lang)}: {reason_text(issue.reason, lang)}")
    except (ValueError, KeyError) as err:
        st.error(str(err))
