"""The Map page's elements that need no incident frame, drawn in the same order with the same
arguments by the page (:mod:`ui.map_body`) and by its first paint (:mod:`ui.first_paint`),
so that the rerun after a first paint finds every widget, and the mounted map, as it was.

The session's first run draws the title, the map and the count of incidents on it, and
nothing else; the rest comes with the next run (which the drawn map's view report starts at
once), like the sidebar (:mod:`ui.shell`). On a first visit the browser then fetches and
renders the map alone before drawing it. Measured with interleaved A/B runs of first
paints (5 restarts each, medians):
- the controls' widgets need about 20 more script files (the month slider's date and number
  formatting among them): drawing them in the first run put the map at 5.8 s instead of
  4.8 s;
- every other element re-renders the page once more in the browser (React): the captions,
  hints and headings put it at 5.8 s instead of 5.0 s.
Everything the later runs add sits under the map or right of it, so nothing moves the map.

Standard library and Streamlit only: the first paint draws them before pandas is imported.
"""
from __future__ import annotations

import json
import os
from typing import NamedTuple

import streamlit as st

from i18n import t
from i18n.fmt import partial_date_text
from ui import state
from ui.choices import key_label, labelled

MAP_KEY = "main_map"
RETURNED = ["last_object_clicked", "last_clicked", "center", "zoom"]
MAP_HEIGHT_PX = 640


class Controls(NamedTuple):
    basemap: str
    month: str
    playing: bool
    show_analysis: bool


def log_timing(record: dict) -> None:
    """bench/app.py: one line of this run's server timings (when KGTJ_TIMING_LOG is set)."""
    if os.environ.get("KGTJ_TIMING_LOG"):
        with open(os.environ["KGTJ_TIMING_LOG"], "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")


def header(lang: str) -> None:
    st.title(t("map.title", lang))


def current_controls(months: list[str]) -> Controls:
    """The values of the map's controls for this run: the widgets' (drawn under the map,
    after it is built: :func:`controls`), their defaults before they are first drawn.
    Playback's next month is applied here; a month not in ``months`` becomes "all"."""
    ss = st.session_state
    if state.NEXT_MONTH in ss:  # playback's next month (set at the end of a run)
        ss[state.MAP_MONTH] = ss.pop(state.NEXT_MONTH)
    if state.MAP_MONTH in ss and ss[state.MAP_MONTH] not in ["all", *months]:
        ss[state.MAP_MONTH] = "all"  # (the slider's first option, its default)
    return Controls(ss.get(state.BASEMAP, "none"), ss.get(state.MAP_MONTH, "all"),
                    bool(ss.get(state.MAP_PLAYING, False)),
                    bool(ss.get(state.MAP_ANALYSIS, True)))


def _month_label(month: str, lang: str) -> str:
    """'all' or a month 'YYYY-MM' in words: 'December 2025', 'декабрь 2025 г.'."""
    return t("map.month.all", lang) if month == "all" else partial_date_text(month, lang)


def controls(lang: str, months: list[str], local_tiles: bool = False) -> None:
    """The row of controls under the map: basemap (the user's offline tiles when
    ``local_tiles``), month slider over ``months`` ("YYYY-MM"), playback, analysis layers
    (their values: :func:`current_controls`)."""
    c1, c2, c3 = st.columns([2, 3, 4])  # the toggles one above the other: whole labels
    with c1:
        bases = ("none", "local", "osm") if local_tiles else ("none", "osm")
        st.radio(t("map.basemap", lang), bases, key=state.BASEMAP,
                 format_func=labelled(state.BASEMAP, bases, key_label("map.basemap"), lang))
    with c2:
        options = ["all", *months]
        st.select_slider(t("map.month", lang), options=options, key=state.MAP_MONTH,
                         format_func=labelled(state.MAP_MONTH, options, _month_label, lang))
    with c3:
        st.toggle(t("map.play", lang), key=state.MAP_PLAYING, help=t("map.play_help", lang))
        st.toggle(t("map.show_analysis", lang), key=state.MAP_ANALYSIS, value=True,
                  help=t("map.show_analysis_help", lang))


def under_map(lang: str, months: list[str], local_tiles: bool = False):
    """Under the map (from the session's second run on): the slot for the analysis spinner
    (returned), the controls and the layers hint."""
    slot = st.empty()
    controls(lang, months, local_tiles)
    st.caption(t("map.layers_hint", lang))
    return slot


def remember_view(out: dict | None) -> None:
    """Keep the view and the click the map reported (its centre only once drawn)."""
    if not out:
        return
    if out.get("center"):
        st.session_state[state.MAP_CENTER] = (out["center"]["lat"], out["center"]["lng"])
        st.session_state[state.MAP_REPORTED] = True
    if out.get("zoom"):
        st.session_state[state.MAP_ZOOM] = out["zoom"]
    if out.get("last_clicked"):
        st.session_state[state.MAP_CLICK] = out["last_clicked"]


def side_head(lang: str, n_shown: int, n_total: int, first_run: bool) -> None:
    """Right of the map: the count of incidents on it; from the session's second run on,
    of how many, and the heading of the clicked incident."""
    st.metric(t("map.count", lang), n_shown)
    if not first_run:
        st.caption(t("flt.shown", lang, n=n_shown, total=n_total))
        st.subheader(t("map.clicked", lang))


def cells_notice(lang: str, n_shown: int, beyond: int, cell_km: float, outside: int) -> None:
    """Right of the map, when it shows counts per cell: why, and what is not counted."""
    st.caption(t("map.aggregated", lang, shown=n_shown, n=beyond, km=f"{cell_km:g}"))
    if outside:
        st.caption(t("map.cells_outside", lang, n=outside))
