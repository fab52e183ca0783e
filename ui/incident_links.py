"""The incidents table and the map, linked (issue 21 item 2): a row chosen in the Incidents
table can be shown on the map (the Map page opens centred on it) or opened for editing; an
incident clicked on the map can be opened for editing; the edit picker names each incident
by date, category and place instead of a bare id.

The other page is reached by a link (``st.page_link``) whose address carries the request
(``show=<id>`` or ``edit=<id>`` beside the filter): a link navigates as the sidebar does and
keeps the sidebar's widgets (``st.switch_page`` from a button lost the date range's state,
and the filter with it). The page taking the request reads it before drawing its widgets and
checks the id against the incidents it may show; the address is rewritten without it at
the end of the run (:func:`ui.state.write_url`).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import t, vocab
from ui import state

INCIDENTS_PAGE = "ui/pages/incidents_page.py"
MAP_PAGE = "ui/pages/map_page.py"
SHOW, EDIT = "show", "edit"
SHOW_ZOOM = 13


def pick_label(rec: dict, names: dict, lang: str) -> str:
    """``KGTJ-000001 · 2019-01-21 · Road crash · Shurob`` (the place in ``lang``)."""
    date = pd.Timestamp(rec["event_date"]) if pd.notna(rec.get("event_date")) else None
    place = rec.get("location")
    place = names.get(place, place) if isinstance(place, str) else ""
    parts = [str(rec["event_id"]), f"{date:%Y-%m-%d}" if date is not None else "",
             vocab("category", rec.get("category"), lang), place]
    return " · ".join(p for p in parts if p)


def _link(page: str, label: str, key: str, event_id: str) -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params if k not in (SHOW, EDIT)}
    st.page_link(page, label=label, query_params={**params, key: str(event_id)})


def _taken(key: str) -> str | None:
    value = st.query_params.get(key)
    if value is not None:
        del st.query_params[key]
    return value


def take_edit_request(ids: list[str]) -> None:
    """On the Incidents page, before its widgets: an ``edit=<id>`` request (when the id is
    among ``ids``, the filter's) chooses the edit section and the incident."""
    eid = _taken(EDIT)
    if eid is not None and eid in ids:
        st.session_state["inc_section"] = "edit"
        st.session_state["edit_id"] = eid


def take_show_request(df: pd.DataFrame) -> None:
    """On the Map page, before the map is built: a ``show=<id>`` request (an incident of
    ``df``, the filter's, with a location) centres the map on it, zoomed in."""
    eid = _taken(SHOW)
    if eid is None or df is None or "event_id" not in df:
        return
    row = df[df["event_id"].astype(str) == eid]
    if len(row) and pd.notna(row["lat"].iloc[0]) and pd.notna(row["lon"].iloc[0]):
        st.session_state[state.MAP_CENTER] = (float(row["lat"].iloc[0]),
                                              float(row["lon"].iloc[0]))
        st.session_state[state.MAP_ZOOM] = SHOW_ZOOM
        st.session_state.pop(state.MAP_SIGNATURE, None)  # a new view: built again there


def edit_link(event_id: str, lang: str) -> None:
    """A link to the Incidents page's edit form on ``event_id``."""
    _link(INCIDENTS_PAGE, t("inc.edit_this", lang, id=event_id), EDIT, event_id)


def chosen_row_actions(df: pd.DataFrame, rows: list[int], lang: str, can_edit: bool) -> None:
    """Under the table: the chosen row's links (show on the map) and button (edit here)."""
    if not rows or rows[0] >= len(df):
        st.caption(t("inc.choose_row", lang))
        return
    rec = df.iloc[rows[0]]
    c1, c2 = st.columns(2)
    with c1:
        if pd.notna(rec.get("lat")) and pd.notna(rec.get("lon")):
            _link(MAP_PAGE, t("inc.show_on_map", lang, id=rec["event_id"]), SHOW,
                  rec["event_id"])
    if can_edit and c2.button(t("inc.edit_this", lang, id=rec["event_id"]),
                              key="inc_edit_row"):
        st.session_state["inc_section"] = "edit"
        st.session_state["edit_id"] = str(rec["event_id"])
