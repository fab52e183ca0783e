"""The server's start-up check: serving to other machines (``server.address`` not
loopback) needs an admin account in the store; otherwise the process prints one line naming
the command that creates one and exits (:func:`incidents.deployment.serving_problem`)."""
from __future__ import annotations

import sys

import streamlit as st

import settings


def refuse_unsafe_serving() -> None:
    """Exit with status 1 and a one-line explanation when the server may not start."""
    from incidents.deployment import is_loopback
    address = st.get_option("server.address")
    if is_loopback(address):
        return
    from incidents.deployment import serving_problem
    problem = serving_problem(address, settings.database_url())
    if problem:
        print(problem, file=sys.stderr, flush=True)
        raise SystemExit(1)
