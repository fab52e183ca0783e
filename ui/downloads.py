"""Download buttons for exports built by other modules (standalone HTML, print map, brief).

Each button appears only when its module is present; the map data is passed as built.
"""
from __future__ import annotations

import importlib.util

import streamlit as st

from maps.webmap import MapContent
from ui.i18n import t


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def map_buttons(content: MapContent, lang: str) -> None:
    """Offline HTML of the current map (``maps.standalone``), when available."""
    if _has("maps.standalone"):
        from maps import standalone
        fn = getattr(standalone, "standalone_html", None)
        if fn is not None:
            if st.button(t("map.download_html", lang), key="dl_html_prepare"):
                st.download_button(t("map.download_html", lang),
                                   data=fn(content, lang=lang).encode("utf-8"),
                                   file_name="kgtj_map.html", mime="text/html",
                                   key="dl_html")
