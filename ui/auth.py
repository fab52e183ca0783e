"""Who uses this session: local single-user mode, a local account, or the organisation's
OpenID Connect sign-in (``st.login``), and the session's idle expiry.

The rules live in the core (:mod:`incidents.access`, :mod:`incidents.accounts`,
:mod:`incidents.deployment`); this module only keeps the signed-in
:class:`~incidents.access.Principal` in the session state and draws the sign-in form.

- No account in the store: local single-user mode, :data:`~incidents.access.LOCAL_ADMIN`
  (the server itself refuses to listen beyond loopback then: ``app.py``).
- Accounts: a session is :data:`~incidents.access.PUBLIC` (a viewer) until it signs in.
- A signed-in session idle for longer than :func:`idle_limit_s` (``KGTJ_SESSION_IDLE_S``,
  default 1800 s) is signed out, with a notice: at its next run, or by itself within
  :func:`idle_check_s` when nobody touches the page (:func:`watch_idle`). Idle time counts
  from the end of the last run the user started (or of the reruns it chained at once): a
  user who waits for a slow page is not idle. Reruns after a pause (the map's playback)
  are not the user's activity.
- Every run reads the signed-in account again: a role an admin changed applies from that
  run, and a disabled or removed account is signed out, with a notice.
"""
from __future__ import annotations

import os
import time

import streamlit as st

import settings
from incidents.access import RIGHTS, AccessDenied, Principal, Role
from ui.identity import LOCAL, PRINCIPAL, is_local, principal  # noqa: F401 - re-exported

LAST_SEEN = "_auth_last_seen"
EXPIRED = "_auth_expired"
AUTO_RERUN = "_auth_auto_rerun"  # the app reran after a pause: not the user's activity
DEFAULT_IDLE_S = 1800.0
_WATCH_INLINE = "_auth_watch_inline"  # the idle check is being drawn by the app's own run


def idle_limit_s() -> float:
    """Seconds of inactivity after which a signed-in session ends (``KGTJ_SESSION_IDLE_S``)."""
    try:
        return max(1.0, float(os.environ.get("KGTJ_SESSION_IDLE_S", DEFAULT_IDLE_S)))
    except ValueError:
        return DEFAULT_IDLE_S


def oidc_configured() -> bool:
    """True when the organisation configured ``[auth]`` in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def refresh() -> bool:
    """At the start of every run: decide the mode, map an OIDC user to an account, and
    end a signed-in session that was idle too long. True when the user started this run
    (a sign-in included) with accounts in use: :func:`seen` is then called when it ends,
    the one place (with :func:`adopt`) that records the user's activity."""
    from incidents.deployment import accounts_exist
    automatic = st.session_state.pop(AUTO_RERUN, False)
    local = not accounts_exist(settings.database_url()) and not oidc_configured()
    st.session_state[LOCAL] = local
    if local:
        return False
    if idle_past_limit():
        sign_out(expired=True)
        return False
    if not _account_still_valid():
        sign_out(expired=True, message="auth.account_ended")
        return False
    if st.session_state.get(PRINCIPAL) is None and oidc_configured() and _oidc_logged_in():
        from incidents.accounts import AccountStore
        from ui import resources
        st.session_state[PRINCIPAL] = AccountStore(
            resources.store().engine).principal_for_email(oidc_email(st.user))
    return not automatic


def _account_still_valid() -> bool:
    """Read the signed-in account again (one lookup by name per run): False when an admin
    disabled or removed it since; a changed role applies from this run on."""
    p = st.session_state.get(PRINCIPAL)
    if p is None:
        return True
    from incidents.accounts import AccountError, AccountStore
    from ui import resources
    try:
        account = AccountStore(resources.store().engine).get(p.account)
    except AccountError:
        return False
    if account.disabled:
        return False
    if account.role != p.role:
        st.session_state[PRINCIPAL] = Principal(account.name, account.role)
    return True


def oidc_email(user) -> str | None:
    """The e-mail address an OpenID Connect user is mapped to an account by; None when the
    provider says it has not verified it (``email_verified`` false), so an address anyone
    could type into their provider's profile never signs in as the account that has it."""
    if getattr(user, "email_verified", None) is False:
        return None
    return getattr(user, "email", None)


def seen() -> None:
    """At the end of a run of the user's (also one a newer run interrupted): the user was
    waiting for it, so idle time starts now."""
    if st.session_state.get(PRINCIPAL) is not None:
        st.session_state[LAST_SEEN] = time.monotonic()


def _oidc_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001 - st.user unavailable (no [auth])
        return False


def anonymous_view() -> str:
    """What an unsigned visitor sees ("signin" or "viewer"; the admin's choice)."""
    from incidents.deployment import anonymous_view as stored
    from ui import resources
    return stored(resources.store().engine)


def idle_check_s() -> float:
    """How often (s) a signed-in page checks by itself whether its session has been idle
    past the limit: a tenth of the limit, between 10 and 60 s. (Each check is a rerun the
    browser asks for; Streamlit lets one that meets a click on a page link keep the page
    shown before the click, so the checks stay rare.)"""
    return min(60.0, max(10.0, idle_limit_s() / 10))


def idle_past_limit() -> bool:
    """True when this signed-in session's last activity is older than the limit."""
    last = st.session_state.get(LAST_SEEN)
    return signed_in() and last is not None and time.monotonic() - last > idle_limit_s()


def _idle_check() -> None:
    if st.session_state.pop(_WATCH_INLINE, False):
        return  # drawn within the app's run: a run of the user's, not idle time
    if idle_past_limit():
        st.rerun(scope="app")  # the app's run ends the session (refresh) and shows sign-in


def watch_idle() -> None:
    """End a session left alone past the limit without waiting for its next click: a
    fragment reruns every :func:`idle_check_s` (not the user's activity: the app's run,
    and so :func:`refresh`, is not run) and, once the limit has passed, reruns the app,
    which signs the session out, so an unattended screen stops showing its records."""
    st.session_state[_WATCH_INLINE] = True
    st.fragment(_idle_check, run_every=idle_check_s())()


def signed_in() -> bool:
    """True when an account signed in to this session (never in local mode)."""
    return not is_local() and st.session_state.get(PRINCIPAL) is not None


def sign_out(expired: bool = False, message: str = "auth.expired") -> None:
    """Forget the signed-in account (and the OIDC cookie, if any); ``expired``: the sign-in
    page says why with ``message`` (an i18n key)."""
    st.session_state.pop(PRINCIPAL, None)
    st.session_state.pop(LAST_SEEN, None)
    st.session_state[EXPIRED] = message if expired else False
    if _oidc_logged_in():
        st.logout()


def sign_in_form(lang: str) -> None:
    """The sign-in page's body: account and password, and the organisation's sign-in."""
    from i18n import t
    from incidents.accounts import AccountStore, SignInError
    from ui import resources, state
    st.title(t("auth.title", lang))
    if ended := st.session_state.get(EXPIRED):
        st.info(t(ended if isinstance(ended, str) else "auth.expired", lang))
    if oidc_configured():
        if _oidc_logged_in() and st.session_state.get(PRINCIPAL) is None:
            st.warning(t("auth.unmapped", lang))
            if st.button(t("auth.sign_out", lang), key="auth_oidc_out"):
                st.logout()
        elif st.button(t("auth.sso", lang), key="auth_sso", type="primary"):
            st.login()
    with st.form("auth_form"):
        name = st.text_input(t("auth.account", lang), key="auth_name", max_chars=64)
        password = st.text_input(t("auth.password", lang), type="password",
                                 key="auth_password", max_chars=1024)
        go = st.form_submit_button(t("auth.sign_in", lang), type="primary")
    if not go:
        return
    try:
        found = AccountStore(resources.store().engine).authenticate(name, password)
    except SignInError as err:
        if err.reason == "locked":
            st.error(t("auth.locked", lang, minutes=max(1, round(err.retry_after_s / 60))))
        else:
            st.error(t("auth.bad", lang))
        return
    adopt(found)
    state.request_rerun()


def adopt(found: Principal) -> None:
    """This session is now ``found``'s (a sign-in, or the first account made locally)."""
    st.session_state[PRINCIPAL] = found
    st.session_state[LAST_SEEN] = time.monotonic()
    st.session_state[EXPIRED] = False


def denied_text(err: AccessDenied, lang: str) -> str:
    """``err`` in ``lang``: this session's role and the role the refused action needs
    (the store refused it before writing anything)."""
    from i18n import t
    need = RIGHTS.get(err.action, Role.ADMIN)
    return t("auth.denied", lang, role=t(f"role.{err.principal.role.label}", lang),
             need=t(f"role.{need.label}", lang))


def sidebar_line(lang: str) -> None:
    """Who is signed in, and the sign-out button (nothing in local mode)."""
    from i18n import t
    if is_local():
        return
    p = st.session_state.get(PRINCIPAL)
    if p is None:
        return
    st.sidebar.caption(t("auth.signed_as", lang, account=p.account,
                         role=t(f"role.{p.role.label}", lang)))
    if st.sidebar.button(t("auth.sign_out", lang), key="auth_sign_out"):
        sign_out()
        from ui import state
        state.request_rerun()
