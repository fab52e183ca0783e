"""The script of every session (run from app.py): page setup, navigation, banner, the page,
then the sidebar and the footer. Pages live in ui/pages/ (paths relative to the repository
root).

The page runs before the sidebar's widgets are drawn: its elements (the map first of all)
reach the browser before the dozen filter widgets, whose code the browser has to fetch on a
first visit. The page reads the filter from the session state that the widgets own
(:func:`ui.state.init` seeds it from the URL), so the order changes nothing it sees.
Because a page that stopped early would leave the sidebar undrawn (and a full rerun forgets
the state of widgets it did not draw), pages never call ``st.stop()`` or ``st.rerun()``:
they ask for a rerun with :func:`ui.state.request_rerun`, done here once all is drawn.
Slow work a page starts after drawing (the map's hotspots) is deferred with
:func:`ui.state.defer` and run here after the sidebar and the footer, so the filters never
wait for it.

The session's first run of the Map page leaves the sidebar's widgets out (it draws only
its first line, so that the sidebar opens with the map instead of narrowing it a moment
later): on a first visit the browser then fetches and runs only the code of the map before
it draws the map (an interleaved A/B of 5 restarts each: first map 7.0 → 6.2 s, median).
The drawn map reports its view, which reruns the page at once; that run and every later one
draw the sidebar. The filter and the language come from the URL either way.

That first run draws the Map page from the record an earlier session's first run left
(:mod:`ui.first_paint`) when there is one for the same code, data, language and filter:
it then imports neither SQLAlchemy nor folium, and the start-up imports wait for the next
run (:mod:`ui.warmup`). On a first start ever that record is the shipped one, drawn before
the demo is loaded.
"""
from __future__ import annotations

from time import sleep

import streamlit as st


def _pages(lang: str, me, public: bool, sign_in: bool) -> list:
    """The pages this session may open: only these are routed, so a crafted URL of another
    page lands on the default one. ``public``: the viewer's pages are shown (signed in, local
    mode, or the admin lets unsigned visitors see the public map); ``sign_in``: offer the
    sign-in page (first when nothing else is shown). Members and above see the incidents,
    communities and actions; admins the accounts."""
    from i18n import t
    pages = []
    if public:
        pages += [st.Page("ui/pages/map_page.py", title=t("nav.map", lang), default=True),
                  st.Page("ui/pages/hotspots_page.py", title=t("nav.hotspots", lang))]
    if public and me.can("read_internal"):
        pages += [st.Page("ui/pages/incidents_page.py", title=t("nav.incidents", lang)),
                  st.Page("ui/pages/communities_page.py", title=t("nav.communities", lang)),
                  st.Page("ui/pages/actions_page.py", title=t("nav.actions", lang))]
    if public:
        pages.append(st.Page("ui/pages/data_page.py", title=t("nav.data", lang)))
    if public and me.can("accounts"):
        pages.append(st.Page("ui/pages/accounts_page.py", title=t("nav.accounts", lang)))
    if sign_in:
        pages.append(st.Page("ui/pages/signin_page.py", title=t("nav.sign_in", lang),
                             url_path="signin", default=not public))
    return pages


def run() -> None:
    """One run of the app for the current session."""
    # "auto": the sidebar is open on a wide screen and closed on a phone, where it would
    # cover the whole map (issue 21: the map page at 390 px)
    st.set_page_config(page_title="KG–TJ border incidents", layout="wide",
                       initial_sidebar_state="auto")
    from ui import auth, choices, state

    state.init()
    choices.repair()  # a choice the browser sent back in the other language (ui.choices)
    active = auth.refresh()  # local mode, or who signed in (and an idle session's end)
    try:
        _draw(active)
    finally:  # also when a newer run stops this one: the user waited until now
        if active:
            auth.seen()


def _draw(active: bool) -> None:
    """The run after the session's account is known: navigation, banner, page, sidebar,
    footer, deferred work, then the rerun a page asked for. ``active``: the user started
    this run (:func:`ui.auth.refresh`); a rerun it asks for at once continues it."""
    from ui import auth, first_paint, frame, state

    state.take_deferred()  # left by a run that was stopped before its end
    runs = st.session_state[state.SHELL_RUNS] = st.session_state.get(state.SHELL_RUNS, 0) + 1
    lang = state.lang()
    local, me = auth.is_local(), auth.principal()
    signed = local or auth.signed_in()
    public = signed or auth.anonymous_view() == "viewer"
    navigation = st.navigation(_pages(lang, me, public, not signed))
    # the record of an earlier first run is drawn only in local single-user mode (one
    # person, the admin): with accounts each role sees its own data
    record = first_paint.load(lang, state.current_filter()) \
        if local and runs == 1 and navigation.url_path == "" else None  # "": the Map page
    if record is not None:  # the Map page draws it (ui/pages/map_page.py)
        st.session_state[state.FIRST_PAINT] = record
        demo = record["demo"]
    else:
        from ui import warmup
        warmup.wait()  # the start-up imports (app.py's lifespan) end before this run imports
        from ui import resources

        resources.ensure_demo()
        demo = resources.demo_state()
    frame.banner(lang, demo)
    try:
        navigation.run()
    except Exception as exc:  # noqa: BLE001 - a message and a reference, never the details
        import errorlog
        from i18n import t
        ref = errorlog.record(exc, f"app page {navigation.url_path or 'map'}")
        st.error(t("app.error", lang, ref=ref))
    if public and (runs > 1 or navigation.url_path != ""):  # "": the Map page (the default)
        state.sidebar()
    auth.sidebar_line(lang)
    frame.disclaimer(lang)
    if auth.signed_in():
        auth.watch_idle()  # an unattended screen is signed out by itself
    for work in state.take_deferred():  # a page's slow work (the map's hotspots), drawn last
        work()
    delay_s = state.take_rerun_request()
    if delay_s is not None:
        sleep(delay_s)
        # after a pause (playback's next month), or continuing a run that was not the
        # user's: not the user's activity (idle expiry, ui.auth)
        st.session_state[auth.AUTO_RERUN] = delay_s > 0 or not active
        st.rerun()
