"""Cached stores and results of the Actions page and the hotspot page's "what was done":
actions, reviews and the before/after evaluation (keys: the stores' versions, the filter,
the parameters and, for the evaluation, the role's scope)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from geo.study import STUDY_BUFFER_M
from incidents.filters import IncidentFilter
from ui import resources


@st.cache_resource(show_spinner=False)
def _action_store(url: str):
    from incidents.action_store import ActionStore
    return ActionStore(url)


def action_store():
    """The actions in the store at :func:`settings.database_url`."""
    return _action_store(settings.database_url())


@st.cache_resource(show_spinner=False)
def _review_store(url: str):
    from incidents.review_store import ReviewStore
    return ReviewStore(url)


def review_store():
    """The reviews of pairs and hotspots."""
    return _review_store(settings.database_url())


@st.cache_data(show_spinner=False, max_entries=4)
def _actions(version: str, url: str) -> pd.DataFrame:
    store = action_store()
    if resources.store().has_only_demo() and store.load(include_deleted=True).empty:
        # a demo store made before actions existed: its illustrative actions, once
        from incidents.demo_actions import seed_demo_actions
        if seed_demo_actions(url, resources.core().gazetteer):
            return _actions(store.version(), url)
    return store.load()


def actions() -> pd.DataFrame:
    """Every action not deleted (cached per store version)."""
    return _actions(action_store().version(), settings.database_url())


@st.cache_data(show_spinner=False, max_entries=8)
def _evaluations(params: tuple, version: str, actions_version: str, ep: tuple, url: str,
                 scope: str):
    # ``scope``: the counts come from the incidents this session's role may see, so a
    # viewer never gets an admin's figures from the cache (or the other way round)
    from analysis.evaluation import EvalParams, evaluate_actions
    flt, _ = IncidentFilter.from_query_params(dict(params))
    return evaluate_actions(actions(), resources.incidents(flt),
                            resources.core().engine.study_area(buffer_m=STUDY_BUFFER_M),
                            EvalParams(**dict(ep)))


def evaluations(flt: IncidentFilter, ep: dict | None = None) -> pd.DataFrame:
    """The before/after evaluation of every action on the filtered incidents (cached)."""
    return _evaluations(resources._filter_key(flt), resources.data_version(),
                        action_store().version(), resources._items_key(ep),
                        settings.database_url(), resources.scope())


def reviews() -> pd.DataFrame:
    """Every review, oldest first (small; read each run)."""
    return review_store().load()


def forget() -> None:
    """After a write on the page: drop the cached actions and evaluations."""
    _actions.clear()
    _evaluations.clear()
