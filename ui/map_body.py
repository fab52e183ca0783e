"""The Map page: the border map with incidents and layers, month playback, the clicked
incident, and the hotspots and pairs drawn once the incidents are (run by
ui/pages/map_page.py).
"""
from __future__ import annotations

import time
from contextlib import nullcontext

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from i18n import t, vocab
from i18n.display_tables import incident_card, location_names
from maps.web.incident_layer import CLUSTER_THRESHOLD
from maps.web.live_map import build_live_map
from maps.web.webmap import DEFAULT_ZOOM, MapContent, build_map, incident_at
from sharing.map_cells import AGGREGATE_THRESHOLD, CELL_M
from ui import auth, charts, first_paint, map_view, resources, shared_analysis, state
from ui.map_data import analysis_content, month_slice, months_of
from ui.map_view import log_timing

PLAYBACK_STEP_S = 1.2  # seconds each month stays on the map during playback
# A filter or data change that leaves at most this many incidents has its hotspots and
# pairs computed in the same run, before the map is sent: the browser redraws the map once,
# with them, instead of the incidents first and the whole map again with the analysis.
# The analysis with pairs takes about 0.23 s at 1,150 incidents, 0.31 s at 3,400, 0.37 s at
# 5,700 and 0.8 s at 10,000 (2 cores); beyond this bound the run stays quick and the
# analysis follows it. bench/app.py, 10k store, restarts, a category filter leaving 1,136
# incidents: hotspots on the map 0.75-0.79 s after the change (0.86 s in a new process);
# leaving 3,323 (after it): 0.74-0.90 s; 5,509: 1.13-1.30 s. A bound of 6,000 had the change
# to 3,323 incidents wait 0.58 s (median of 5) for its server run, over that run's 0.5 s
# bar; the map (with the hotspots) came 0.89 s after the change, instead of the incidents
# at 0.36 s and the hotspots at 0.84 s.
INLINE_ANALYSIS_MAX_ROWS = 2500
# The controls as a session's first run draws them: a first Map run with these leaves its
# first paint (ui.first_paint) for the next session with the same language and filter.
FIRST_CONTROLS = map_view.Controls(basemap="none", month="all", playing=False,
                                   show_analysis=True)


def run() -> None:
    """One run of the Map page (every run but a first paint: ui.first_paint)."""
    t_start = time.perf_counter()
    lang = state.lang()
    flt = state.current_filter()
    df = resources.incidents(flt)
    total = resources.all_incident_count()
    from ui.incident_links import take_show_request
    take_show_request(df)  # "show on the map" from the Incidents table
    months = months_of(df)
    controls = map_view.current_controls(months)
    basemap, month, playing, show_analysis = controls
    shown = month_slice(df, month)
    first_run = state.first_run()
    map_view.header(lang)

    # The map is "live" (maps.web.live_map): the base map stays mounted while filters, months and
    # analysis results change; only feature groups (incidents, hotspots, pairs...) are swapped.
    # The analysis layers of a filter are computed after the map has been drawn without them
    # (end of this page), so neither a first visit nor a filter change waits for hotspots; the
    # run that follows draws them. The view a newly mounted map opens with is the user's last
    # view, taken only when the base map changes (while it stays the same its script stays
    # byte-identical, so panning never re-mounts the map). A session's first map opens on both
    # country names and the incidents (maps.web.map_frame).
    st.session_state[state.MAP_RUNS] = runs = st.session_state.get(state.MAP_RUNS, 0) + 1
    analysis_key = resources.analysis_key(flt) if show_analysis else None
    # already computed for this filter, by this session or another: drawn in this run
    analysis_ready = show_analysis and (
        st.session_state.get(state.ANALYSIS_READY) == analysis_key
        or shared_analysis.get(analysis_key) is not None)
    # a filter or data change that leaves few incidents: computed in this run (below)
    inline = (show_analysis and not analysis_ready and runs > 2
              and len(df) <= INLINE_ANALYSIS_MAX_ROWS)
    analysis_ready = analysis_ready or inline
    demo = resources.demo_state()
    local_tiles = resources.local_basemap() if not first_run else None
    if basemap == "local" and not local_tiles:  # the file went away
        basemap = "none"
    # beyond the threshold, counts per cell instead of one symbol per incident (the payload
    # at 1e5 incidents: 11.85 MB of rows); the cells follow the public small-count rule
    cells, outside = resources.map_cells(shown, flt) if len(shown) > AGGREGATE_THRESHOLD \
        else (None, 0)
    content = MapContent(base=resources.base_layers(), incidents=shown, places=resources.places(),
                         local_basemap=local_tiles if basemap == "local" else None,
                         **resources.demo_flags(demo))
    inline_s = None
    if analysis_ready:
        t_analysis = time.perf_counter()
        content = analysis_content(content, flt, lang, key=analysis_key)  # kept for all
        inline_s = time.perf_counter() - t_analysis if inline else None
        st.session_state[state.ANALYSIS_READY] = analysis_key
    signature = (lang, basemap, show_analysis)
    if st.session_state.get(state.MAP_SIGNATURE) != signature:
        st.session_state[state.MAP_SIGNATURE] = signature
        center = st.session_state.get(state.MAP_CENTER)  # None: open on both countries
        st.session_state[state.MAP_BUILD_VIEW] = (
            tuple(center) if center else None,
            int(st.session_state.get(state.MAP_ZOOM) or DEFAULT_ZOOM))
    view_center, view_zoom = st.session_state[state.MAP_BUILD_VIEW]

    def full_map():
        """The map as shown, in one piece (the offline HTML download; with the analysis layers
        when they are on)."""
        full = (analysis_content(content, flt, lang, key=analysis_key)
                if show_analysis and not analysis_ready else content)
        return build_map(full, lang=lang, basemap=basemap, location=view_center,
                         zoom=view_zoom, lean_assets=True)

    t0 = time.perf_counter()
    lmap = build_live_map(content, lang=lang, basemap=basemap, location=view_center,
                          zoom=view_zoom, incident_sources=resources.incident_sources(),
                          show_analysis=show_analysis, clustered=total > CLUSTER_THRESHOLD,
                          cells=cells, cells_beyond=AGGREGATE_THRESHOLD
                          if total > AGGREGATE_THRESHOLD else None, cell_km=CELL_M / 1000)
    st.session_state["_timing_build_s"] = time.perf_counter() - t0

    first_view = runs == 1 and controls == FIRST_CONTROLS  # what a first paint shows
    left, right = st.columns([4, 1])
    with left:
        with first_paint.capture() if first_view else nullcontext({}) as map_args:
            out = st_folium(lmap.base, key=map_view.MAP_KEY, height=map_view.MAP_HEIGHT_PX,
                            use_container_width=True, returned_objects=map_view.RETURNED,
                            feature_group_to_add=lmap.groups, layer_control=lmap.control)
        analysis_slot = None if first_run else map_view.under_map(lang, months,
                                                                  bool(local_tiles))
        log_timing({"map_run_s": time.perf_counter() - t_start, "n": len(shown),
                    "build_s": st.session_state["_timing_build_s"],
                    "analysis": bool(analysis_ready), "inline_analysis_s": inline_s})
    if map_args and auth.is_local():  # with accounts, no record is kept (ui/shell.py)
        first_paint.save(lang, flt, map_args, len(shown), total, demo)
    map_view.remember_view(out)
    # The chart and the download panels wait until the map has been drawn once in this session
    # (streamlit-folium reports the map's view, which reruns the page): on a first visit the
    # browser then loads the map before the chart's and the panels' code.
    secondary = bool(st.session_state.get(state.MAP_REPORTED))
    with right:
        map_view.side_head(lang, len(shown), total, first_run)
        if cells is not None:
            map_view.cells_notice(lang, len(shown), AGGREGATE_THRESHOLD, CELL_M / 1000,
                                  outside)
        if not first_run:  # (a cell is no incident: its count is in its popup)
            _clicked_panel(lang, shown if cells is None else shown.iloc[0:0],
                           (out or {}).get("last_object_clicked"))

    if secondary:
        from maps.web.webmap import attribution_texts
        from ui import downloads
        downloads.share_panel(flt, lang, full_map, attribution_texts(content, lang, basemap))
        st.vega_lite_chart(charts.monthly_by_category(
            df, lang, highlight_month=None if month == "all" else month), width="stretch")
        if show_analysis:
            from analysis.dates import analysis_date
            from i18n.fmt import date_text
            day = analysis_date(None, flt.date_to)
            st.caption(t("map.as_of", lang, date=date_text(day, lang)))
    elif not first_run:
        st.caption(t("map.after_map", lang))

    # Hotspots and pairs for this filter (when not computed above), once the map is drawn
    # without them: from the session's second run on (the first map reports its view when
    # drawn, which reruns the page), at the end of the run, so that the sidebar's filters
    # come first (ui.shell): in a restart's second run they waited 2.9 s for the demo's
    # hotspots. (A slow 10k redraw once blamed on this order was the markers' 3D
    # transforms: maps.web.incident_layer.MARKER_JS.)
    if show_analysis and not analysis_ready and runs > 1:
        # (no pause first to let the browser redraw: with the analysis at 0.3 s instead of
        # 1 s at 3,300 incidents, in threads, a pause of 0.3 s had the hotspots on the map
        # 1.13 s after the change, 0.15 s 1.02 s, none 0.84 s, the incidents redrawn
        # in 0.35-0.36 s in each case: bench/app.py, 10k restarts, 5 runs each, 2 cores)
        state.defer(lambda: _analysis(content, flt, lang, analysis_slot, analysis_key))

    if playing and months:  # the next month, shown after a pause (ui.shell does the rerun)
        i = months.index(month) + 1 if month in months else 0  # after "all": the first month
        st.session_state[state.NEXT_MONTH] = months[i] if i < len(months) else months[0]
        state.request_rerun(PLAYBACK_STEP_S)


def _analysis(content, flt, lang: str, slot, key: tuple) -> None:
    """Compute the map's analysis layers for ``flt`` (kept for every session:
    :mod:`ui.shared_analysis`; a spinner in ``slot`` under the map), then ask for the rerun
    that draws them."""
    t0 = time.perf_counter()
    with slot, st.spinner(t("map.finding_hotspots", lang)):
        analysis_content(content, flt, lang, key=key)  # kept for the run that draws them
    log_timing({"analysis_s": time.perf_counter() - t0})
    st.session_state[state.ANALYSIS_READY] = key
    if not state.rerun_requested():  # playback's own rerun, after its pause, draws them too
        state.request_rerun(0.0)


def _clicked_panel(lang: str, shown: pd.DataFrame, clicked: dict | None) -> None:
    """The incidents at the clicked symbol (up to 3), or how to select one."""
    hit = incident_at(shown, clicked["lat"], clicked["lng"]) if clicked else shown.iloc[0:0]
    if hit.empty:
        st.caption(t("map.click_hint", lang))
    names = location_names(resources.places(), lang) if len(hit) else {}
    can_edit = resources.principal().can("edit")
    for rec in hit.head(3).to_dict("records"):
        st.markdown(f"**{vocab('category', rec['category'], lang)}** · "
                    f"{pd.Timestamp(rec['event_date']):%Y-%m-%d} · `{rec['event_id']}`")
        st.dataframe(incident_card(rec, lang, names), width="stretch")
        if can_edit:
            from ui.incident_links import edit_link
            edit_link(rec["event_id"], lang)
