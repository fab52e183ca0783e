"""Hotspots & pairing: ranked hotspots with score components, one hotspot in detail,
recommended pairs with their 'why', coverage gaps; parameters in an expander."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from analysis.dates import analysis_date
from analysis.hotspots import HotspotParams
from analysis.pairing import PairingParams
from analysis.ranking import COMPONENTS as WEIGHTS
from analysis.ranking import RankingWeights
from geo.reference_line import current_ref
from i18n import line_label, note_text, side_summary_text, t, vocab, why_text
from i18n.display_tables import (
    community_names,
    localise_name_list,
    localise_places,
    localised,
    location_names,
    pair_names,
    place_lookups,
    russian_place_names,
)
from i18n.fmt import date_column_format, date_text, number_text
from maps.web.webmap import MapContent, build_map
from ui import charts, resources, state
from ui.choices import labelled
from ui.map_data import analysis_content
from ui.plain import literal
from ui.table_view import show_table

HP, PP = HotspotParams(), PairingParams()  # the widgets' defaults are the parameters'
lang = state.lang()
flt = state.current_filter()
st.title(t("hs.title", lang))

with st.expander(t("hs.params", lang)):
    st.caption(t("hs.params_help", lang))
    p1, p2, p3 = st.columns(3)
    cell_m = p1.number_input(t("hs.cell", lang), 500, 20000, int(HP.cell_m), 500, key="hs_cell")
    eps_m = p2.number_input(t("hs.eps", lang), 200, 20000, int(HP.eps_m), 100, key="hs_eps")
    min_samples = p3.number_input(t("hs.min_samples", lang), 2, 50, HP.min_samples, 1,
                                  key="hs_min")
    q1, q2, q3 = st.columns(3)
    radius_m = q1.number_input(t("hs.radius", lang), 1000, 50000, int(PP.radius_m), 1000,
                               key="hs_radius")
    armed_m = q2.number_input(t("hs.armed_radius", lang), 1000, 50000, int(PP.armed_radius_m), 1000,
                              key="hs_armed_radius")
    armed_days = q3.number_input(t("hs.armed_days", lang), 7, 730, PP.armed_window_days, 1,
                                 key="hs_armed_days")
    as_of = st.date_input(t("hs.as_of", lang), value=analysis_date(None, flt.date_to).date(),
                          key="hs_as_of", help=t("hs.as_of_help", lang),
                          format=date_column_format(lang))
    st.caption(t("hs.weights_help", lang))
    wcols = st.columns(len(WEIGHTS))
    weights = {w: col.slider(t(f"hs.col.score_{w}", lang), 0.0, 3.0,
                            float(getattr(HP.weights, w)), 0.5, key=f"hs_w_{w}")
               for w, col in zip(WEIGHTS, wcols, strict=True)}
if not any(weights.values()):
    st.warning(t("hs.weights_zero", lang))
    weights = dict.fromkeys(WEIGHTS, 1.0)
as_of = analysis_date(as_of)
hp = {"cell_m": float(cell_m), "eps_m": float(eps_m), "min_samples": int(min_samples),
      "weights": RankingWeights(**weights), "as_of": as_of}
pp = {"radius_m": float(radius_m), "armed_radius_m": float(armed_m),
      "armed_window_days": int(armed_days), "as_of": as_of}
st.caption(t("hs.as_of_now", lang, date=date_text(as_of, lang)))

result = resources.hotspots(flt, hp)
with st.expander(t("hs.method_notes", lang), expanded=not result.statistical):
    for msg in result.messages:
        st.markdown(f"- {note_text(msg, lang)}")
if not result.statistical:
    st.warning(t("gen.small_n", lang, n=result.usable_n))
    show_table(result.recurrence, lang, width="stretch")


def hotspot_details(clusters: pd.DataFrame) -> None:
    """The ranked table, the chosen hotspot (map, trend, incidents), its pairs and the
    coverage gaps (a function, so the page never stops early: see ui.shell)."""
    from analysis.gaps import coverage_gaps
    from analysis.pairing import PairingParams

    st.subheader(t("hs.ranked", lang))
    gazetteer_places = resources.places()  # settlements only, never learned names
    names_ru, countries = place_lookups(gazetteer_places, lang)
    cols = ["rank", "hotspot_id", "places", "score", "score_intensity", "score_severity",
            "score_recency", "score_cross_border", "score_proximity", "n_incidents", "sides",
            "n_contested", "first_date", "last_date", "emerging_class", "min_border_dist_m"]
    table = clusters[[c for c in cols if c in clusters]].sort_values("rank")
    if "places" in table:
        table = table.assign(places=table["places"].map(
            lambda p: localise_places(p, names_ru, lang, countries)))
    score_cols = {c: st.column_config.ProgressColumn(t(f"hs.col.{c}", lang), min_value=0.0,
                                                     max_value=1.0, format="%.2f")
                  for c in cols if c.startswith("score")}
    show_table(table, lang, width="stretch", config={
        **score_cols,
        "rank": st.column_config.NumberColumn("#", width="small"),
        "hotspot_id": st.column_config.TextColumn("ID"),
        "places": st.column_config.TextColumn(t("hs.col.places", lang), width="medium"),
        "n_incidents": st.column_config.NumberColumn(t("hs.col.n", lang)),
        "sides": st.column_config.TextColumn(t("flt.sides", lang)),
        "n_contested": st.column_config.NumberColumn(t("pop.side_contested", lang)),
        "first_date": st.column_config.DateColumn(t("hs.col.first", lang),
                                                  format=date_column_format(lang)),
        "last_date": st.column_config.DateColumn(t("hs.col.last", lang),
                                                 format=date_column_format(lang)),
        "emerging_class": st.column_config.TextColumn(t("hs.emerging", lang)),
        "min_border_dist_m": st.column_config.NumberColumn(
            t("hs.col.dist", lang), format=f"%.0f {t('unit.m', lang)}"),
    })

    ids = table["hotspot_id"].tolist()
    if st.session_state.get(state.SELECTED_HOTSPOT) not in ids:
        st.session_state[state.SELECTED_HOTSPOT] = ids[0]
    names = {lang: dict(zip(table["hotspot_id"], table.get("places", table["hotspot_id"]),
                            strict=True))}

    def hotspot_label(i: str, lg: str) -> str:
        """ "HS-003 – places" in ``lg`` (another language's only to repair a choice the
        browser sent back in it: ui.choices)."""
        if lg not in names:
            ru = russian_place_names(gazetteer_places) if lg == "ru" else {}
            names[lg] = {h: localise_places(p, ru, lg, countries) for h, p in zip(
                table["hotspot_id"], clusters.loc[table.index, "places"], strict=True)} \
                if "places" in table else {}
        return f"{i} – {names[lg].get(i)}" if names[lg].get(i) else i
    sel = st.selectbox(t("hs.select", lang), ids, key=state.SELECTED_HOTSPOT,
                       format_func=labelled(state.SELECTED_HOTSPOT, ids, hotspot_label, lang))
    h = clusters[clusters["hotspot_id"] == sel].iloc[0]
    event_ids = set(str(h["event_ids"]).split(";"))
    df = resources.incidents(flt)
    inside = df[df["event_id"].isin(event_ids)]

    m1, m2, m3 = st.columns([1, 3, 1])  # room for "Закономерность не выявлена"
    m1.metric(t("hs.count", lang), int(h["n_incidents"]))
    emerging = h.get("emerging_class")
    m2.metric(t("hs.emerging", lang),
              "–" if pd.isna(emerging) else vocab("emerging", emerging, lang))
    m3.metric(t("hs.col.score", lang), number_text(h["score"], lang, digits=2))
    if int(h.get("n_contested", 0) or 0):
        st.warning(literal(side_summary_text(h["contested_text"], lang)))
    st.caption(literal(t("side.explain", lang, line=line_label(current_ref(), lang))))
    with st.expander(t("dl.prepare_brief", lang)):
        from ui import downloads
        downloads.brief_button(sel, flt, lang, hp, pp)

    content = analysis_content(MapContent(base=resources.base_layers(), incidents=inside,
                                          **resources.demo_flags()), flt, lang, hp, pp)
    fmap = build_map(content, lang=lang, lean_assets=True, location=(float(h["centroid_lat"]),
                                                   float(h["centroid_lon"])), zoom=12,
                     legend_open=False)
    st_folium(fmap, key="hotspot_map", height=460, use_container_width=True, returned_objects=[])
    st.vega_lite_chart(charts.monthly_by_category(inside, lang, "hs.trend"), width="stretch")
    from ui.action_view import near_hotspot
    near_hotspot(h.get("geometry"), flt, lang)  # what was done here, and whether it helped

    st.subheader(t("hs.incidents", lang))
    shown = inside.assign(location=localised(inside["location"],
                                             location_names(gazetteer_places, lang)))
    show_table(shown, lang, ["event_id", "event_date", "category", "location", "side",
                             "side_basis", "side_contested", "fatalities", "injuries",
                             "verification_status"], width="stretch",
               config={"event_date": st.column_config.DateColumn(format=date_column_format(lang))})

    st.subheader(t("hs.pairs", lang))
    pairs = content.pairs
    if pairs is None or pairs.empty:
        st.info(t("hs.no_pairs", lang))
    else:
        view = pair_names(pairs, resources.registry(), lang)
        mine = view[view["hotspot_id"] == sel]

        def pair_table(frame: pd.DataFrame) -> None:
            show_table(frame, lang, ["hotspot_id", "kg_name", "tj_name", "mode", "score", "why"],
                       width="stretch", config={
                           "why": st.column_config.TextColumn(width="large"),
                           "score": st.column_config.NumberColumn(format="%.2f")})

        st.caption(t("hs.pairs_of", lang, id=sel, n=len(mine)))
        if len(mine):
            pair_table(mine)
        with st.expander(t("hs.pairs_all", lang, n=len(view))):
            pair_table(view)
        with st.expander(t("hs.why_full", lang)):
            for rec in (mine if len(mine) else view.head(20)).to_dict("records"):
                # st.text: names are user-entered, so no markdown/HTML interpretation
                st.text(f"{rec.get('hotspot_id')}: {rec.get('kg_name')} – {rec.get('tj_name')} "
                        f"({vocab('mode', rec.get('mode'), lang)}) – "
                        f"{why_text(rec.get('why_params'), lang, fallback=rec.get('why'))}")

    st.subheader(t("hs.gaps", lang))
    gaps = coverage_gaps(clusters, resources.registry(), PairingParams(**pp))
    if gaps.empty:
        st.info(t("hs.no_gaps", lang))
    else:
        reg = resources.registry()
        community_ru = russian_place_names(reg.rename(columns={"name_en": "name"})) \
            if lang == "ru" and "name_ru" in reg else {}
        gaps = gaps.assign(proposed_name=community_names(
            gaps["proposed_name"], gaps["proposed_community_id"], reg, lang),
            alternatives=gaps["alternatives"].map(
                lambda v: localise_name_list(v, names_ru, lang)),
            nearby_inactive=gaps["nearby_inactive"].map(
                lambda v: localise_name_list(v, community_ru, lang)))
        show_table(gaps, lang, ["gap_rank", "hotspot_id", "hotspot_rank", "hotspot_score",
                                "n_incidents", "sides", "missing_side", "proposed_name",
                                "proposed_dist_m", "alternatives", "nearby_inactive", "why",
                                "proposed_community_id", "proposed_lon", "proposed_lat"],
                   width="stretch", config={
                       "hotspot_score": st.column_config.NumberColumn(format="%.2f"),
                       "proposed_dist_m": st.column_config.NumberColumn(
                           format=f"%.0f {t('unit.m', lang)}"),
                       "why": st.column_config.TextColumn(width="large")})


if result.clusters.empty:
    st.info(t("hs.none", lang))
else:
    hotspot_details(result.clusters)
