"""Download buttons for exports built by the maps package (helper G's modules).

Wired: the current map as one offline HTML file (``maps.standalone.standalone_html``,
internal use: the map as shown, not public-protected). Print map (``maps.printmap``) and
hotspot brief (``maps.brief``) take ``maps.print_data.PrintData``; their buttons are left
for the lead/G to wire here (marked TODO below) once that API is settled.
"""
from __future__ import annotations

import datetime as dt
import importlib.util

import folium
import streamlit as st

from i18n import t


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def map_buttons(fmap: folium.Map, lang: str, attributions: list[str]) -> None:
    """'Download offline map (HTML)': generated on request (inlining takes ~0.5 s)."""
    if not _has("maps.standalone"):
        return
    from maps.standalone import standalone_filename, standalone_html
    if st.button(t("map.download_html", lang), key="dl_html_prepare"):
        today = dt.date.today()
        title = t("map.title", lang)
        lines = [f"{title} – {today:%Y-%m-%d}", *attributions, t("disclaimer", lang)]
        st.download_button(t("map.download_html", lang) + " ↓",
                           data=standalone_html(fmap, lines, title=title),
                           file_name=standalone_filename(title, today), mime="text/html",
                           key="dl_html")
    # TODO(lead/G): print map PNG/PDF (maps.printmap.print_map_file(spec, data)) and the
    # hotspot brief (maps.brief.brief_file(hotspot_id, data, incidents)) need a PrintData
    # (maps.print_data.build_print_data); add their buttons here.
