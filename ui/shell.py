"""The script of every session (run from app.py): page setup, navigation, sidebar, banner
and footer. Pages live in ui/pages/ (paths relative to the repository root)."""
from __future__ import annotations

import streamlit as st


def run() -> None:
    """One run of the app for the current session."""
    from ui import warmup
    warmup.wait()  # the start-up imports (app.py's lifespan) finish before this run imports
    st.set_page_config(page_title="KG–TJ border incidents", layout="wide",
                       initial_sidebar_state="expanded")

    from i18n import t
    from ui import frame, resources, state

    state.init()
    lang = state.lang()
    pages = [
        st.Page("ui/pages/map_page.py", title=t("nav.map", lang), default=True),
        st.Page("ui/pages/hotspots_page.py", title=t("nav.hotspots", lang)),
        st.Page("ui/pages/incidents_page.py", title=t("nav.incidents", lang)),
        st.Page("ui/pages/communities_page.py", title=t("nav.communities", lang)),
        st.Page("ui/pages/data_page.py", title=t("nav.data", lang)),
    ]
    navigation = st.navigation(pages)
    resources.ensure_demo()
    state.sidebar()
    frame.banner(state.lang())
    navigation.run()
    frame.disclaimer(state.lang())
