"""Page chrome shared by every page: demo banner and the disclaimer footer."""
from __future__ import annotations

import streamlit as st

from i18n import t


def banner(lang: str, demo: bool) -> None:
    """The SYNTHETIC DEMO banner, when ``demo`` (only demo data is loaded)."""
    if demo:
        st.warning(t("demo.banner", lang), icon=":material/warning:")


def disclaimer(lang: str) -> None:
    st.caption(f"**{t('disclaimer.title', lang)}.** {t('disclaimer', lang)}")
