"""Page chrome shared by every page: demo banner and the disclaimer footer."""
from __future__ import annotations

import streamlit as st

from i18n import t
from ui import resources


def banner(lang: str) -> None:
    """The SYNTHETIC DEMO banner while only demo data is loaded."""
    if resources.is_demo():
        st.warning(t("demo.banner", lang), icon=":material/warning:")


def disclaimer(lang: str) -> None:
    st.caption(f"**{t('disclaimer.title', lang)}.** {t('disclaimer', lang)}")
