"""The one place that builds the default BorderEngine and Gazetteer from settings.

Used by the CLI and the app. Built once per process and per configuration (the files
listed in settings); the gazetteer is rebuilt when the store has learned new place names.
Building them also sets the process's Arrow memory pool (:func:`use_system_arrow_pool`).
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import settings


@dataclass(frozen=True)
class Resources:
    """The border engine and the gazetteer (with the store's learned names)."""

    engine: object      # geo.engine.BorderEngine
    gazetteer: object   # geo.gazetteer.Gazetteer
    cod_loaded: bool
    warnings: tuple[str, ...] = ()


_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _layers(cod: tuple[Path, ...], curated: tuple[Path, ...]):
    """(layers, cod frame or None, claims or None, curated or None)."""
    from layers.boundaries import load_boundaries

    layers = load_boundaries()
    cod_frame = claims = curated_frame = None
    if cod:
        from layers.claims import official_claims_overlap
        from layers.cod_ab import load_cod_ab
        cod_frame = load_cod_ab(list(cod))
        claims = official_claims_overlap(cod_frame)
    if curated:
        import pandas as pd

        from layers.curated import load_curated
        frames = [load_curated(p) for p in curated]
        curated_frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return layers, cod_frame, claims, curated_frame


@lru_cache(maxsize=4)
def _gazetteer(places: tuple[Path, ...], border: tuple[Path, ...] = (),
               names: tuple[Path, ...] = ()):
    """The base gazetteer: the border settlements, the user places files and GeoNames with
    its cited names (no learned names)."""
    from geo.gazetteer import Gazetteer

    return Gazetteer.build(list(places), curated_files=list(border), names_files=list(names))


def _base(cod: tuple[Path, ...], curated: tuple[Path, ...], places: tuple[Path, ...],
          border: tuple[Path, ...] = (), names: tuple[Path, ...] = ()):
    """(layers, cod frame or None, claims or None, curated or None, base gazetteer)."""
    return (*_layers(cod, curated), _gazetteer(places, border, names))


@lru_cache(maxsize=4)
def _engine(key: tuple, line_stamp: str = ""):
    """The engine; ``line_stamp`` (:func:`settings.reference_line_stamp`) changes when
    the user supplies or removes a newer reference line."""
    from geo.engine import BorderEngine
    from geo.reference_line import load_user_line

    layers, cod, claims, curated, base = _base(*key)
    engine = BorderEngine(layers, cod=cod, claims=claims, curated=curated, gazetteer=base,
                          reference_line=load_user_line() if line_stamp else None)
    engine.study_area_soon()
    return engine


@lru_cache(maxsize=8)
def _resources(key: tuple, url: str, learned_count: str, line_stamp: str = "") -> Resources:
    _, cod, _, _, base = _base(*key)
    gazetteer = base
    if not learned_count.startswith("0:"):  # no learned row stored
        from incidents.store import IncidentStore
        store = IncidentStore(url)
        try:
            gazetteer = base.learn(store.learned_places())
        finally:
            store.close()
    return Resources(engine=_engine(key, line_stamp), gazetteer=gazetteer,
                     cod_loaded=cod is not None)


ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"  # Arrow's own setting; a value set wins


def use_system_arrow_pool() -> str:
    """Make the C library's allocator Arrow's default pool for this process, unless
    ``ARROW_DEFAULT_MEMORY_POOL`` names one; return the pool's backend name.

    pyarrow's default (mimalloc) is slow to hand out large blocks a process has not used
    before: the first import of 1e5 ACLED rows in a process took about 1.2 s longer with it
    (6.4 s against 5.1 s), and the map's hotspots after a filter change on 10k incidents
    about 0.1 s longer (bench/import.py, which prints the pool in use; bench/app.py). Arrays
    made before the switch keep the pool they came from.
    """
    import pyarrow as pa

    if not os.environ.get(ARROW_POOL_ENV):
        pa.set_memory_pool(pa.system_memory_pool())
    return pa.default_memory_pool().backend_name


def load_resources(url: str | None = None, store=None) -> Resources:
    """Engine and gazetteer for the store at ``url`` (default :func:`settings.database_url`).

    The engine's nearest-place column uses the shipped and user places only (learned names
    are not settlements); the gazetteer adds the store's learned names.
    """
    use_system_arrow_pool()
    url = url or (store.url if store is not None else settings.database_url())
    key = (tuple(settings.cod_ab_files()), tuple(settings.curated_files()),
           tuple(settings.places_files()), tuple(settings.gazetteer_files()),
           tuple(settings.place_names_files()))
    if store is None:
        from incidents.store import IncidentStore
        store = IncidentStore(url)
        try:
            learned = store.learned_count()
        finally:
            store.close()
    else:
        learned = store.learned_count()
    with _LOCK:
        return _resources(key, url, learned, settings.reference_line_stamp())


def load_layers() -> tuple:
    """(BoundaryLayers, COD frame or None, claims overlap or None, curated or None) for the
    files configured in settings; shared with :func:`load_resources` (loaded once)."""
    return _layers(tuple(settings.cod_ab_files()), tuple(settings.curated_files()))


def load_places_gazetteer():
    """The gazetteer of settlements (border settlements, places files and GeoNames, without
    the store's learned names; shared with :func:`load_resources`, built once)."""
    return _gazetteer(tuple(settings.places_files()), tuple(settings.gazetteer_files()),
                      tuple(settings.place_names_files()))


def clear_cache() -> None:
    """Forget built resources (e.g. after the user uploaded a COD-AB file)."""
    _layers.cache_clear()
    _gazetteer.cache_clear()
    _engine.cache_clear()
    _resources.cache_clear()


def open_store(url: str | None = None):
    """The incident store at ``url`` (default :func:`settings.database_url`), wired to load
    its engine and gazetteer when a write needs them and the caller gave none."""
    from incidents.store import IncidentStore
    url = url or settings.database_url()
    return IncidentStore(url, resources=lambda: load_resources(url))
