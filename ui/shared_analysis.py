"""The Map page's analysis layers (hotspots, Gi* cells, communities, pairs with the default
parameters) of the last filters analysed, kept for every session of this server.

A visitor whose filter some session has analysed gets them in its first map, instead of a
map without them and a second send with them (at 10k incidents the map's arguments are
1.4 MB). Each entry is keyed by ``ui.resources.analysis_key`` (store, layers, filter, data
and registry versions, the role's scope, the analysis date), so no role reads layers built
from rows it may not read. Held as computed (no copy per read, unlike ``st.cache_data``
results); read-only for their users.
"""
from __future__ import annotations

import threading
from collections import OrderedDict

MAX_KEPT = 16  # filters kept; the oldest is dropped first
_kept: OrderedDict[tuple, dict] = OrderedDict()
_lock = threading.Lock()


def keep(key: tuple, layers: dict) -> None:
    """Keep the analysis ``layers`` (``MapContent`` fields) of ``key``."""
    with _lock:
        _kept[key] = layers
        _kept.move_to_end(key)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)


def get(key: tuple) -> dict | None:
    """The analysis layers of ``key`` when some session of this server has computed them."""
    with _lock:
        return _kept.get(key)


def forget() -> None:
    """Drop every kept entry (after a write or a layer upload; tests)."""
    with _lock:
        _kept.clear()
