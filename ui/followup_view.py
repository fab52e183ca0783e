"""The follow-up part of the Actions page: the Monday-morning list of what changed since
the last reviews (:func:`analysis.followup.changes`) and the form that records a review."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from i18n import column_error, t
from i18n.display_tables import localise_places, pair_names, place_lookups
from i18n.fmt import date_column_format
from i18n.followup import action_display, change_line
from incidents.access import AccessDenied
from incidents.csv_rows import RowValidationError
from incidents.review_store import DECISIONS, SUBJECT_KINDS, pair_subject
from ui import action_resources as ar
from ui import auth, resources, state
from ui.choices import key_label, labelled, vocab_label
from ui.plain import literal
from ui.table_view import show_table


def monday_list(flt, lang: str) -> None:
    """What changed since each pair's and hotspot's last review (or a chosen date)."""
    from analysis.followup import changes
    st.subheader(t("fu.title", lang))
    result = resources.hotspots(flt)
    pairs = resources.pairs(flt)
    since = st.date_input(t("fu.since", lang), value=None, key="fu_since",
                          format=date_column_format(lang))
    clusters, named_pairs = named_subjects(result.clusters, pairs, lang)
    table = changes(clusters, named_pairs, resources.incidents(flt), ar.reviews(),
                    pd.Timestamp(since) if since else None)
    if table.empty:
        st.info(t("fu.none", lang))
    else:
        for rec in table[table["what"] != "never_reviewed"].to_dict("records"):
            st.text("• " + change_line(rec, lang))  # plain text: names are user-entered
        show_table(action_display(table, lang), lang,
                   ["what", "kind", "subject_name", "hotspot_id", "since", "last_decision",
                    "n", "detail", "subject_id"], width="stretch",
                   config={"since": st.column_config.DateColumn(format=date_column_format(lang)),
                           "kind": t("fu.kind", lang), "n": t("act.count", lang)})
    if resources.principal().can("review"):  # editors and admins review (issue 18)
        review_form(clusters, named_pairs, lang)


def named_subjects(clusters: pd.DataFrame, pairs: pd.DataFrame | None, lang: str
                   ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Hotspots and pairs with their names in ``lang``: a hotspot's places (Russian form
    first, each with its own country) and a pair's communities (the registry's Russian
    names first), as the Hotspots page shows them."""
    if "places" in clusters:
        names_ru, countries = place_lookups(resources.places(), lang)
        clusters = clusters.assign(places=clusters["places"].map(
            lambda p: localise_places(p, names_ru, lang, countries)))
    if pairs is not None and len(pairs):
        pairs = pair_names(pairs, resources.registry(), lang)
    return clusters, pairs


def review_form(clusters: pd.DataFrame, pairs: pd.DataFrame, lang: str) -> None:
    """Mark one hotspot or pair reviewed with a decision and why."""
    st.subheader(t("fu.review", lang))
    kind = st.radio(t("fu.kind", lang), SUBJECT_KINDS, horizontal=True, key="fu_kind",
                    format_func=labelled("fu_kind", SUBJECT_KINDS, key_label("ch.kind"), lang))
    labels: dict[str, str] = {}  # subject id → what the reader sees
    if kind == "hotspot" and len(clusters):
        for hid, places in zip(clusters["hotspot_id"].astype(str),
                               clusters.get("places", pd.Series(index=clusters.index)),
                               strict=True):
            labels.setdefault(hid, f"{hid} – {places}" if isinstance(places, str) else hid)
    elif kind == "pair" and pairs is not None and len(pairs):
        for rec in pairs.to_dict("records"):
            labels.setdefault(pair_subject(rec["kg_community_id"], rec["tj_community_id"]),
                              f"{rec['kg_name']} – {rec['tj_name']} ({rec['hotspot_id']})")
    if not labels:
        st.info(t("fu.no_subjects", lang))
        return
    with st.form("fu_form"):
        subject = st.selectbox(t("fu.subject", lang), list(labels), key="fu_subject",
                               format_func=labels.__getitem__)
        c1, c2 = st.columns(2)
        decision = c1.selectbox(t("fu.decision", lang), DECISIONS, key="fu_decision",
                                format_func=labelled("fu_decision", DECISIONS,
                                                     vocab_label("decision"), lang))
        on = c2.date_input(t("fu.on", lang), dt.date.today(), key="fu_on",
                           format=date_column_format(lang))
        why = st.text_input(t("fu.why", lang), key="fu_why")
        saved = st.form_submit_button(t("fu.save", lang), key="fu_save")
    state.show_saved("review")
    if not saved:
        return
    if decision == "not_now" and not why.strip():
        st.error(t("fu.err.why", lang))
        return
    rec = {"subject_kind": kind, "subject_id": subject, "decision": decision, "why": why,
           "reviewed_on": on.isoformat()}
    if kind == "hotspot":
        h = clusters[clusters["hotspot_id"] == subject].iloc[0]
        emerging = h.get("emerging_class")
        rec.update(hotspot_id=subject, lon=float(h["centroid_lon"]),
                   lat=float(h["centroid_lat"]), n_incidents_at_review=int(h["n_incidents"]),
                   emerging_at_review=None if pd.isna(emerging) else str(emerging))
    else:
        kg, tj = subject.split("|", 1)
        hit = pairs[(pairs["kg_community_id"] == kg) & (pairs["tj_community_id"] == tj)]
        rec.update(hotspot_id=hit["hotspot_id"].iloc[0], mode_at_review=hit["mode"].iloc[0])
    try:
        ar.review_store().add(rec, resources.principal())
        state.saved("review", t("fu.saved", lang))
    except RowValidationError as err:
        for issue in err.issues:
            st.error(literal(column_error(issue.field, issue.reason, lang)))
    except AccessDenied as err:  # the role was lowered since the page was drawn
        st.error(auth.denied_text(err, lang))
