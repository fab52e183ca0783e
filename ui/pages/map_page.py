"""Map page: the border map with incidents and layers, month playback, clicked incident."""
from __future__ import annotations

import json
import os
import time

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from i18n import t, vocab
from maps.live_map import build_live_map
from maps.webmap import DEFAULT_CENTER, DEFAULT_ZOOM, MapContent, build_map, incident_at
from ui import charts, resources, state
from ui.map_data import analysis_content, month_slice, months_of

T_START = time.perf_counter()
MAP_KEY = "main_map"
RETURNED = ["last_object_clicked", "last_clicked", "center", "zoom"]
PLAYBACK_STEP_S = 1.2  # seconds each month stays on the map during playback
# After a filter change the analysis waits this long, so that the browser redraws the
# filtered incidents before the hotspot computation competes with it for the CPU. Measured
# on 2 cores (category filter, 4 runs each): incidents redrawn in 1.1–1.3 s instead of
# 2.1–2.4 s at 10k, 0.8–0.9 s instead of 1.1–1.3 s on the demo; hotspots 0.6–1.2 s later.
ANALYSIS_YIELD_S = 0.8


def log_timing(record: dict) -> None:
    """bench/app.py: one line of this run's server timings (when KGTJ_TIMING_LOG is set)."""
    if os.environ.get("KGTJ_TIMING_LOG"):
        with open(os.environ["KGTJ_TIMING_LOG"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")


lang = state.lang()
flt = state.current_filter()
st.title(t("map.title", lang))
st.caption(t("app.subtitle", lang))

df = resources.incidents(flt)
total = resources.all_incident_count()

# --- controls above the map ---------------------------------------------------------------
c1, c2, c3, c4 = st.columns([2, 3, 2, 3])
with c1:
    basemap = st.radio(t("map.basemap", lang), ("none", "osm"), key=state.BASEMAP,
                       format_func=lambda b: t(f"map.basemap.{b}", lang))
months = months_of(df)
options = ["all", *months]
if state.NEXT_MONTH in st.session_state:  # playback's next month (set at the end of a run)
    st.session_state[state.MAP_MONTH] = st.session_state.pop(state.NEXT_MONTH)
if st.session_state.get(state.MAP_MONTH) not in options:
    st.session_state[state.MAP_MONTH] = "all"
with c2:
    st.select_slider(t("map.month", lang), options=options, key=state.MAP_MONTH,
                     format_func=lambda m: t("map.month.all", lang) if m == "all" else m)
with c3:
    playing = st.toggle(t("map.play", lang), key="map_playing", help=t("map.play_help", lang))
with c4:
    show_analysis = st.toggle(t("map.show_analysis", lang), key="map_analysis", value=True,
                              help=t("map.show_analysis_help", lang))

month = st.session_state[state.MAP_MONTH]
shown = month_slice(df, month)
st.caption(t("flt.shown", lang, n=len(shown), total=total))

# The map is "live" (maps.live_map): the base map stays mounted while filters, months and
# analysis results change; only feature groups (incidents, hotspots, pairs...) are swapped.
# The analysis layers of a filter are computed after the map has been drawn without them
# (end of this page), so neither a first visit nor a filter change waits for hotspots; the
# run that follows draws them. The view a newly mounted map opens with is the user's last
# view, taken only when the base map changes (while it stays the same its script stays
# byte-identical, so panning never re-mounts the map).
st.session_state[state.MAP_RUNS] = runs = st.session_state.get(state.MAP_RUNS, 0) + 1
analysis_key = resources.analysis_key(flt) if show_analysis else None
analysis_ready = show_analysis and st.session_state.get(state.ANALYSIS_READY) == analysis_key
content = MapContent(base=resources.base_layers(), incidents=shown, places=resources.places(),
                     demo=resources.is_demo())
if analysis_ready:
    content = analysis_content(content, flt, lang)
signature = (lang, basemap, show_analysis)
if st.session_state.get(state.MAP_SIGNATURE) != signature:
    st.session_state[state.MAP_SIGNATURE] = signature
    st.session_state[state.MAP_BUILD_VIEW] = (
        tuple(st.session_state.get(state.MAP_CENTER) or DEFAULT_CENTER),
        int(st.session_state.get(state.MAP_ZOOM) or DEFAULT_ZOOM))
view_center, view_zoom = st.session_state[state.MAP_BUILD_VIEW]


def full_map():
    """The map as shown, in one piece (the offline HTML download; with the analysis layers
    when they are on)."""
    full = analysis_content(content, flt, lang) if show_analysis and not analysis_ready \
        else content
    return build_map(full, lang=lang, basemap=basemap, location=view_center,
                     zoom=view_zoom, lean_assets=True)


t0 = time.perf_counter()
lmap = build_live_map(content, lang=lang, basemap=basemap, location=view_center,
                      zoom=view_zoom, incident_sources=resources.incident_sources(),
                      show_analysis=show_analysis)
st.session_state["_timing_build_s"] = time.perf_counter() - t0

left, right = st.columns([4, 1])
with left:
    out = st_folium(lmap.base, key=MAP_KEY, height=640, use_container_width=True,
                    returned_objects=RETURNED, feature_group_to_add=lmap.groups,
                    layer_control=lmap.control)
    analysis_slot = st.empty()
    st.caption(t("map.layers_hint", lang))
    log_timing({"map_run_s": time.perf_counter() - T_START, "n": len(shown),
                "build_s": st.session_state["_timing_build_s"],
                "analysis": bool(analysis_ready)})
if out:
    if out.get("center"):  # only the drawn map reports its centre
        st.session_state[state.MAP_CENTER] = (out["center"]["lat"], out["center"]["lng"])
        st.session_state[state.MAP_REPORTED] = True
    if out.get("zoom"):
        st.session_state[state.MAP_ZOOM] = out["zoom"]
    if out.get("last_clicked"):
        st.session_state[state.MAP_CLICK] = out["last_clicked"]
# The chart and the download panels wait until the map has been drawn once in this session
# (streamlit-folium reports the map's view, which reruns the page): on a first visit the
# browser then loads the map before the chart's and the panels' code.
secondary = bool(st.session_state.get(state.MAP_REPORTED))
with right:
    st.metric(t("map.count", lang), len(shown))
    st.subheader(t("map.clicked", lang))
    clicked = (out or {}).get("last_object_clicked")
    hit = incident_at(shown, clicked["lat"], clicked["lng"]) if clicked else shown.iloc[0:0]
    if hit.empty:
        st.caption(t("map.click_hint", lang))
    for rec in hit.head(3).to_dict("records"):
        st.markdown(f"**{vocab('category', rec['category'], lang)}** · "
                    f"{pd.Timestamp(rec['event_date']):%Y-%m-%d} · `{rec['event_id']}`")
        st.dataframe(pd.DataFrame({"": [rec.get(k) for k in (
            "event_id", "location", "side", "border_dist_m", "verification_status",
            "source_dataset", "fatalities", "injuries", "notes")]}, index=[
            "ID", t("pop.place", lang), t("flt.sides", lang), "border_dist_m",
            t("pop.verification", lang), t("pop.source", lang), t("pop.fatalities", lang),
            t("pop.injuries", lang), t("pop.notes", lang)]).astype(str), width="stretch")
    if secondary:
        from maps.webmap import attribution_texts
        from ui import downloads
        downloads.map_buttons(full_map, lang, attribution_texts(content, lang, basemap))
        downloads.print_panel(flt, lang)

if secondary:
    st.vega_lite_chart(charts.monthly_by_category(
        df, lang, highlight_month=None if month == "all" else month), width="stretch")
else:
    st.caption(t("map.after_map", lang))

# Hotspots and pairs for this filter, once the map is drawn without them: from the session's
# second run on (the first map reports its view when drawn, which reruns the page).
if show_analysis and not analysis_ready and runs > 1:
    t0 = time.perf_counter()
    if runs > 2:  # not the first view, whose map is drawn already: a filter or data change
        analysis_slot.caption(t("map.finding_hotspots", lang))
        time.sleep(ANALYSIS_YIELD_S)
    with analysis_slot, st.spinner(t("map.finding_hotspots", lang)):
        analysis_content(content, flt, lang)  # fills the caches the next run reads
    log_timing({"analysis_s": time.perf_counter() - t0})
    st.session_state[state.ANALYSIS_READY] = analysis_key
    state.request_rerun(0.0)

if playing and months:  # the next month, shown after a pause (ui.shell does the rerun)
    i = options.index(month)
    st.session_state[state.NEXT_MONTH] = options[i + 1] if i + 1 < len(options) else options[1]
    state.request_rerun(PLAYBACK_STEP_S)
