"""Data & sources: the reference line behind the sides (named, dated), a user's newer line,
and the button that recomputes every stored incident (``incidents.reenrich``)."""
from __future__ import annotations

import streamlit as st

from geo import reference_line as rl
from i18n import error_text, line_label, reenrich_lines, t
from ui import auth, resources, state, upload
from ui.plain import literal


def line_panel(lang: str) -> None:
    """The reference line section of the Data & sources page (changing it and recomputing
    the sides: admins only, as any layer upload)."""
    st.subheader(t("data.line", lang))
    st.write(literal(t("data.line_now", lang, line=line_label(rl.current_ref(), lang))))
    state.show_saved("line")
    me = resources.principal()
    if not me.can("layers"):
        return
    with st.form("line_form"):
        up = upload.file_uploader(t("data.line_upload", lang), lang,
                                  type=["geojson", "json"], key="line_up")
        name = st.text_input(t("data.line_name", lang), max_chars=200, key="line_name")
        date = st.text_input(t("data.line_date", lang), max_chars=10, key="line_date")
        source = st.text_input(t("data.line_source", lang), max_chars=500, key="line_source")
        if st.form_submit_button(t("data.line_save", lang)) and up is not None:
            try:
                ref = rl.save_user_line(up.getvalue(), name, date.strip(), source.strip(),
                                        principal=me)
            except rl.ReferenceLineError as err:
                st.error(literal(t("data.invalid", lang, err=error_text(err, lang))))
            else:
                resources.reload_layers()
                state.saved("line", literal(t("data.line_now", lang, line=line_label(ref, lang))))
    if rl.current_ref().line_id != rl.SHIPPED.line_id and st.button(
            t("data.line_remove", lang), key="line_remove"):
        rl.remove_user_line(principal=me)
        resources.reload_layers()
        state.saved("line", literal(t("data.line_now", lang,
                                   line=line_label(rl.SHIPPED, lang))))
    if st.button(t("data.reenrich", lang), key="reenrich"):
        from incidents.access import AccessDenied
        from incidents.reenrich import reenrich
        try:
            with st.spinner(t("data.reenrich", lang)):
                report = reenrich(resources.store(), resources.core().engine,
                                  resources.principal())
        except AccessDenied as err:
            st.error(auth.denied_text(err, lang))
            return
        resources.bump_version()
        ref = getattr(getattr(resources.core().engine, "reference_line", None), "ref",
                      None) or rl.SHIPPED
        lines = reenrich_lines(report, lang, line_label(ref, lang))
        state.saved("line", t("data.reenrich_done", lang, text=literal("; ".join(lines))))
