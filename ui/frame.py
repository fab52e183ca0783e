"""Page chrome shared by every page: demo banner and the disclaimer footer."""
from __future__ import annotations

import streamlit as st

from i18n import t


def banner(lang: str, demo: str) -> None:
    """The SYNTHETIC DEMO banner: ``demo`` is "only" (only demo data is loaded), "mixed"
    (demo records beside the user's own) or "" (no banner); see ``resources.demo_state``."""
    if demo == "only":
        st.warning(t("demo.banner", lang), icon=":material/warning:")
    elif demo == "mixed":
        st.warning(t("demo.mixed_banner", lang), icon=":material/warning:")


def disclaimer(lang: str) -> None:
    st.caption(f"**{t('disclaimer.title', lang)}.** {t('disclaimer', lang)}")
