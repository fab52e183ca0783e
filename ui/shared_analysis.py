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
from collections.abc import Callable

MAX_KEPT = 16  # filters kept; the oldest is dropped first
_kept: OrderedDict[tuple, dict] = OrderedDict()
_lock = threading.Lock()
_computing: dict[tuple, threading.Lock] = {}  # a lock per key being computed


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


def get_or_compute(key: tuple, compute: Callable[[], dict]) -> dict:
    """The layers of ``key``, computed by ``compute()`` when no session has them yet. Sessions
    asking for the same key at the same time wait for one computation (eight people opening
    the map of a server just started would otherwise each analyse the same rows)."""
    layers = get(key)
    if layers is not None:
        return layers
    with _lock:
        key_lock = _computing.setdefault(key, threading.Lock())
    try:
        with key_lock:
            layers = get(key)
            if layers is None:
                layers = compute()
                keep(key, layers)
    finally:
        with _lock:
            _computing.pop(key, None)
    return layers


def forget() -> None:
    """Drop every kept entry (after a write or a layer upload; tests)."""
    with _lock:
        _kept.clear()
