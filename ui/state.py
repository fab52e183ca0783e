"""Session state and URL state, set in one place.

Filters and the language live in ``st.query_params`` (so a link reproduces the view),
through :meth:`IncidentFilter.to_query_params` / ``from_query_params``. Widget keys are
initialised from the URL on the first run of a session, then the widgets own them and
every run writes the URL back.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from i18n import LANGS, precision_label, reason_text, t
from i18n.fmt import date_column_format
from incidents.filters import SIDE_CHOICES, UNRESOLVED, IncidentFilter
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES
from ui.choices import keep_choices, labelled, vocab_label

# session_state keys (the only place they are named)
LANG = "lang"
F_DATES = "f_dates"
F_CATS = "f_categories"
F_SIDES = "f_sides"
F_SEV = "f_min_severity"
F_PREC = "f_geo_precisions"
F_VERIF = "f_verification"
F_SENS = "f_sensitivity"
F_TEXT = "f_text"
MAP_CENTER = "map_center"
MAP_ZOOM = "map_zoom"
MAP_CLICK = "map_last_clicked"
MAP_SIGNATURE = "map_content_signature"
MAP_BUILD_VIEW = "map_build_view"
MAP_REPORTED = "map_reported"  # the map has been drawn and reported its view once
MAP_MONTH = "map_month"
SHELL_RUNS = "_shell_runs"  # script runs in this session (ui.shell)
MAP_RUNS = "_map_runs"  # Map page runs in this session
ANALYSIS_READY = "_map_analysis_ready"  # resources.analysis_key of the computed analysis
FIRST_PAINT = "_first_paint"  # the record the shell hands to the Map page (ui.first_paint)
NEXT_MONTH = "_map_next_month"  # playback: the month the next run shows
BASEMAP = "basemap"
MAP_PLAYING = "map_playing"
MAP_ANALYSIS = "map_analysis"
SELECTED_HOTSPOT = "selected_hotspot"
IMPORT_PARSED = "import_parsed"
IMPORT_REPORT = "import_report"
GEOCODE = "geocode_result"
_INIT = "_state_initialised"
_RERUN = "_rerun_after_s"  # a page's request for a rerun once the run is drawn
_FLASH = "_flash"  # success messages kept for the rerun after a write
_DEFERRED = "_deferred_work"  # work a page left for the end of the run (ui.shell)
_URL_WARNINGS = "_url_warnings"

DEFAULT_DATES = (date(2019, 1, 1), date.today())
SEVERITIES = (0, 1, 2)  # the minimum severity filter's choices
PRECISIONS = (1, 2, 3, UNRESOLVED)  # the location precision filter's choices


def init() -> None:
    """Initialise widget keys from the URL once per session."""
    if st.session_state.get(_INIT):
        return
    qp = {k: st.query_params.get_all(k) for k in st.query_params}
    qp = {k: v[0] if len(v) == 1 else v for k, v in qp.items()}
    flt, warnings = IncidentFilter.from_query_params(qp)
    lang = qp.get("lang", "en")
    st.session_state[LANG] = lang if lang in LANGS else "en"
    st.session_state[F_DATES] = (flt.date_from or DEFAULT_DATES[0], flt.date_to or DEFAULT_DATES[1])
    st.session_state[F_CATS] = list(flt.categories)
    st.session_state[F_SIDES] = list(flt.sides)
    st.session_state[F_SEV] = flt.min_severity
    st.session_state[F_PREC] = list(flt.geo_precisions)
    st.session_state[F_VERIF] = list(flt.verification)
    st.session_state[F_SENS] = list(flt.sensitivity)
    st.session_state[F_TEXT] = flt.text
    st.session_state[_URL_WARNINGS] = warnings
    st.session_state[_INIT] = True


def request_rerun(delay_s: float = 0.0) -> None:
    """Ask for a rerun after ``delay_s`` seconds, once the page, the sidebar and the footer
    are drawn (pages never call ``st.rerun()``: see :mod:`ui.shell`)."""
    st.session_state[_RERUN] = float(delay_s)


def forget(prefix: str, keep: tuple[str, ...] = ()) -> None:
    """Drop the state of the widgets whose keys start with ``prefix`` (but those in
    ``keep``): they are drawn with their defaults again (a form refilled or emptied)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix) and k not in keep]:
        del st.session_state[key]


def saved(place: str, text: str) -> None:
    """After a write: keep ``text`` for :func:`show_saved` at ``place`` and rerun, so the
    tables and counts drawn above the form show what was written."""
    st.session_state.setdefault(_FLASH, {})[place] = text
    request_rerun()


def show_saved(place: str) -> None:
    """The success message :func:`saved` kept for ``place`` (once)."""
    text = st.session_state.get(_FLASH, {}).pop(place, None)
    if text:
        st.success(text)


def take_rerun_request() -> float | None:
    """The delay (s) of a rerun a page asked for in this run, or None; clears the request."""
    return st.session_state.pop(_RERUN, None)


def rerun_requested() -> bool:
    """Whether a rerun was asked for in this run (:func:`request_rerun`)."""
    return _RERUN in st.session_state


def defer(work) -> None:
    """Run ``work()`` at the end of this run, once the sidebar and the footer are drawn
    (slow work a page starts after drawing what it can: the map's hotspots)."""
    st.session_state.setdefault(_DEFERRED, []).append(work)


def take_deferred() -> list:
    """The work deferred in this run (:func:`defer`), cleared."""
    return st.session_state.pop(_DEFERRED, [])


def first_run() -> bool:
    """Whether this is the session's first script run (:mod:`ui.shell` counts them)."""
    return st.session_state.get(SHELL_RUNS, 0) <= 1


def lang() -> str:
    return st.session_state.get(LANG, "en")


def current_filter() -> IncidentFilter:
    """The filter the sidebar widgets describe."""
    ss = st.session_state
    dates = ss.get(F_DATES) or DEFAULT_DATES
    d_from, d_to = (dates[0], dates[1]) if len(dates) == 2 else (dates[0], dates[0])
    return IncidentFilter(
        date_from=None if d_from == DEFAULT_DATES[0] else d_from,
        date_to=None if d_to == DEFAULT_DATES[1] else d_to,
        categories=tuple(ss.get(F_CATS, ())), sides=tuple(ss.get(F_SIDES, ())),
        min_severity=int(ss.get(F_SEV, 0)), geo_precisions=tuple(ss.get(F_PREC, ())),
        verification=tuple(ss.get(F_VERIF, ())), sensitivity=tuple(ss.get(F_SENS, ())),
        text=(ss.get(F_TEXT) or "").strip())


def write_url(flt: IncidentFilter) -> None:
    """Put the filter and language into the page address (only when they changed)."""
    wanted = dict(flt.to_query_params())
    if lang() != "en":
        wanted["lang"] = lang()
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def _reset() -> None:
    for key in (F_CATS, F_SIDES, F_PREC, F_VERIF, F_SENS):
        st.session_state[key] = []
    st.session_state[F_DATES] = DEFAULT_DATES
    st.session_state[F_SEV] = 0
    st.session_state[F_TEXT] = ""


def sidebar_heading(lang: str) -> None:
    """The sidebar's first line (the app's subtitle); alone in the session's first run, so
    the sidebar opens with the map, not over it a moment later (the widgets come next)."""
    with st.sidebar:
        st.caption(t("app.subtitle", lang))


def sidebar() -> IncidentFilter:
    """Language switch and the filters; returns the filter and writes it to the URL."""
    init()
    sidebar_heading(lang())  # the same first line as in the session's first run
    with st.sidebar:
        st.radio(t("lang.label", lang()), LANGS, key=LANG, horizontal=True,
                 format_func=lambda x: {"en": "English", "ru": "Русский"}[x],
                 on_change=keep_choices, args=(LANG,))
        lg = lang()
        st.subheader(t("flt.header", lg))
        st.date_input(t("flt.dates", lg), key=F_DATES, min_value=date(1990, 1, 1),
                      max_value=date(2100, 1, 1), format=date_column_format(lg))
        st.multiselect(t("flt.categories", lg), CATEGORIES, key=F_CATS,
                       format_func=labelled(F_CATS, CATEGORIES, vocab_label("category"), lg),
                       placeholder=t("flt.all", lg), select_all=False)
        st.multiselect(t("flt.sides", lg), SIDE_CHOICES, key=F_SIDES,
                       format_func=labelled(F_SIDES, SIDE_CHOICES, vocab_label("side"), lg),
                       placeholder=t("flt.all", lg), select_all=False)
        st.selectbox(t("flt.min_severity", lg), SEVERITIES, key=F_SEV,
                     format_func=labelled(F_SEV, SEVERITIES, lambda v, lg: t(f"flt.sev{v}", lg),
                                          lg))
        st.multiselect(t("flt.precision", lg), PRECISIONS, key=F_PREC,
                       format_func=labelled(F_PREC, PRECISIONS, precision_label, lg),
                       placeholder=t("flt.all", lg), select_all=False)
        st.multiselect(t("flt.verification", lg), VERIFICATION_STATUSES, key=F_VERIF,
                       format_func=labelled(F_VERIF, VERIFICATION_STATUSES,
                                            vocab_label("verification"), lg),
                       placeholder=t("flt.all", lg), select_all=False)
        st.multiselect(t("flt.sensitivity", lg), SENSITIVITIES, key=F_SENS,
                       format_func=labelled(F_SENS, SENSITIVITIES, vocab_label("sensitivity"),
                                            lg),
                       placeholder=t("flt.all", lg), select_all=False)
        st.text_input(t("flt.text", lg), key=F_TEXT)
        st.button(t("flt.reset", lg), on_click=_reset)
        for w in st.session_state.get(_URL_WARNINGS, []):  # plain text: the link's values
            st.text(reason_text(w, lg))
        st.caption(t("flt.link", lg))
    flt = current_filter()
    write_url(flt)
    return flt
