"""KG–TJ border incidents: Streamlit entry point (page setup and navigation only).

Run with ``streamlit run app.py``. Pages live in ui/pages/; the core in geo/, layers/,
incidents/, analysis/, maps/.
"""
import streamlit as st

st.set_page_config(page_title="KG–TJ border incidents", layout="wide",
                   initial_sidebar_state="expanded")

from i18n import t  # noqa: E402
from ui import frame, resources, state  # noqa: E402  (after set_page_config)

state.init()
lang = state.lang()
PAGES = [
    st.Page("ui/pages/map_page.py", title=t("nav.map", lang), default=True),
    st.Page("ui/pages/hotspots_page.py", title=t("nav.hotspots", lang)),
    st.Page("ui/pages/incidents_page.py", title=t("nav.incidents", lang)),
    st.Page("ui/pages/communities_page.py", title=t("nav.communities", lang)),
    st.Page("ui/pages/data_page.py", title=t("nav.data", lang)),
]
navigation = st.navigation(PAGES)
resources.ensure_demo()
state.sidebar()
frame.banner(state.lang())
navigation.run()
frame.disclaimer(state.lang())
