"""The Incidents page's "which side" panel: the three answers, the resolved side and its
basis, contestedness, the reference line by name and date, and a reviewer's side with a
reason (``IncidentStore.set_side``: to the history)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.reference_line import ref_by_id
from i18n import field_error, line_label, t, vocab
from i18n.display_tables import location_names
from incidents.validation import RecordError
from incidents.writes import StaleRecord, StoreBusy
from ui import resources, state
from ui.choices import labelled, option_index
from ui.form_keys import record_keys
from ui.plain import literal

CHOICES = ("", "KG", "TJ", "UZ")


def _side_choice(code: str, lang: str) -> str:
    """A side review's choice: a country, or none (the review is withdrawn)."""
    return vocab("side", code, lang) if code else t("side.review_none", lang)


def _code(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _place(text: str, lang: str) -> str:
    """"Shurob (cur:TJK-ISF-shurob)" with the name in ``lang`` (Russian first where the
    gazetteer has it)."""
    name, sep, rest = text.partition(" (")
    return location_names(resources.places(), lang).get(name, name) + sep + rest


def side_panel(event_id: str, lang: str) -> None:
    """Show the sides of ``event_id`` and let a reviewer set its side with a reason."""
    values, version = resources.store().get_versioned(event_id, resources.principal())
    st.subheader(t("side.header", lang))
    line = ref_by_id(_code(values.get("side_line_ref")) or None)

    def side(key: str) -> str:
        code = _code(values.get(key))
        return vocab("side", code, lang) if code else ""
    rows = [
        (t("pop.side", lang), side("side"),
         vocab("side_basis", _code(values.get("side_basis")), lang)
         if _code(values.get("side_basis")) else ""),
        (t("pop.side_src", lang), side("side_reported"), ""),
        (t("pop.side_settlement", lang), side("side_settlement"),
         _place(_code(values.get("side_settlement_place")), lang)),
        (t("pop.side_line", lang), side("side_line"), line_label(line, lang)),
        (t("side.review_side", lang), side("side_reviewed"),
         _code(values.get("side_review_reason"))),
    ]
    # st.table renders its cells as Markdown: a reviewer's reason and place names as written
    rows = [tuple(literal(v) if isinstance(v, str) else v for v in row) for row in rows]
    st.table(pd.DataFrame(rows, columns=["", "", " "]).set_index(""))
    if bool(values.get("side_contested")) and not pd.isna(values.get("side_contested")):
        zone = _code(values.get("side_contested_zone"))
        st.warning(t("pop.side_contested", lang) + (f" ({zone})" if zone else ""))
    st.caption(literal(t("side.explain", lang, line=line_label(line, lang))))
    state.show_saved("side")
    k = record_keys("side", f"{event_id}@v{version}")
    with st.form(k("form")):
        st.write(t("side.review", lang))
        current = _code(values.get("side_reviewed"))
        side = st.selectbox(t("side.review_side", lang), CHOICES,
                            index=option_index(CHOICES, current),
                            key=k("side"), format_func=labelled(
                                k("side"), CHOICES, _side_choice, lang, drop=True))
        reason = st.text_area(t("side.review_reason", lang), max_chars=1000, key=k("reason"))
        from ui import auth
        user = (st.text_input(t("side.review_user", lang), max_chars=120, key=k("user"))
                if auth.is_local() else "")
        if st.form_submit_button(t("side.review_save", lang)):
            if side and not reason.strip():
                st.error(t("side.review_need_reason", lang))
                return
            if auth.is_local() and not user.strip():
                st.error(t("inc.err.user", lang))
                return
            try:
                from ui.incident_form import acting
                resources.store().set_side(event_id, side or None, reason, acting(user),
                                           engine=resources.core().engine,
                                           expected_version=version)
            except RecordError as err:
                st.error(literal(field_error(err.field, err.reason, lang)))
                return
            except StaleRecord as err:
                st.error(t("edit.changed_elsewhere", lang, id=literal(err.event_id)))
                return
            except StoreBusy as err:
                st.error(t("edit.busy_gave_up", lang, s=int(err.waited_s)))
                return
            resources.bump_version()
            state.saved("side", t("side.review_saved", lang))
