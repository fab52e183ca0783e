"""Who acts in this session, as :mod:`ui.auth` recorded it in the session state (read by
the caches in :mod:`ui.resources`, which must not depend on the sign-in machinery)."""
from __future__ import annotations

import streamlit as st

from incidents.access import LOCAL_ADMIN, PUBLIC, Principal

PRINCIPAL = "_auth_principal"
LOCAL = "_auth_local"  # this run's mode, decided once per run by ui.auth.refresh()


def is_local() -> bool:
    """True in local single-user mode (this run's :func:`ui.auth.refresh`)."""
    return bool(st.session_state.get(LOCAL, False))


def principal() -> Principal:
    """The acting principal of this session: the local admin, the signed-in account, or the
    public (viewer)."""
    if is_local():
        return LOCAL_ADMIN
    return st.session_state.get(PRINCIPAL) or PUBLIC
