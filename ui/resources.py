"""Cached resources of the app: store, boundaries, engine/gazetteer, prepared map layers,
filtered frames and analysis results.

``st.cache_resource`` for objects built once per configuration (store, boundary layers,
engine, gazetteer, prepared base GeoJSON); ``st.cache_data`` for frames that depend on the
filter (hashable query-parameter tuples) and a data version that every write bumps.

Every cache of incident data is keyed by the session's *scope* (:func:`scope`: viewer,
member — members and editors read the same rows — or admin), so no session ever reads a
cache filled for another role; the viewer's rows are generalised
(:func:`sharing.viewer.viewer_frame`) before they are cached.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

import settings
from geo.study import STUDY_BUFFER_M
from incidents.access import Principal, Role
from incidents.filters import IncidentFilter
from ui import identity, shared_analysis

SCOPES: dict[str, Principal] = {  # who reads the store for each cache scope
    "viewer": Principal("cache:viewer", Role.VIEWER),
    "member": Principal("cache:member", Role.MEMBER),
    "admin": Principal("cache:admin", Role.ADMIN),
}


def principal() -> Principal:
    """This session's acting principal (:func:`ui.identity.principal`)."""
    return identity.principal()


def scope(p: Principal | None = None) -> str:
    """The cache scope of ``p`` (default: this session's principal)."""
    p = p or principal()
    return "admin" if p.role >= Role.ADMIN else "member" if p.role >= Role.MEMBER \
        else "viewer"


def _config_key() -> tuple:
    return (settings.database_url(), tuple(map(str, settings.cod_ab_files())),
            tuple(map(str, settings.curated_files())), tuple(map(str, settings.places_files())),
            tuple(map(str, settings.gazetteer_files())),
            settings.reference_line_stamp())


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from incidents.wiring import open_store
    return open_store(url)


def store():
    """The incident store at :func:`settings.database_url`."""
    return _store(settings.database_url())


@st.cache_resource(show_spinner=False)
def _registry_store(url: str):
    from analysis.registry import RegistryStore
    return RegistryStore(url)


def registry_store():
    return _registry_store(settings.database_url())


def core():
    """``incidents.wiring.Resources`` (engine, gazetteer): built once per configuration."""
    from incidents.wiring import load_resources
    return load_resources(store=store())


@st.cache_resource(show_spinner=False)
def _layers(key: tuple):
    # ``key`` (the configured files) only makes the cache follow configuration changes;
    # incidents.wiring.load_layers reads the same settings and loads each set once.
    from incidents.wiring import load_layers
    return load_layers()


def layers():
    """(BoundaryLayers, COD frame or None, claims overlap or None, curated or None)."""
    return _layers(_config_key())


@st.cache_resource(show_spinner=False)
def _base_layers(key: tuple):
    from geo.reference_line import load_user_line
    from maps.web.base_cache import cached_base

    line_files = settings.reference_line_files()

    def build():
        from layers.boundaries import attributions
        from maps.web.web_layers import prepare_base
        boundaries, cod, claims, curated = _layers(key)
        return prepare_base(boundaries, districts=cod, claims=claims, curated=curated,
                            attributions=tuple(attributions(boundaries.manifest)),
                            user_line=load_user_line() if line_files else None)

    inputs = [*sorted(settings.BOUNDARIES_DIR.iterdir()), *settings.cod_ab_files(),
              *settings.curated_files(), *line_files]
    return cached_base(settings.data_dir() / "cache", inputs, build)


def base_layers():
    """Prepared (simplified GeoJSON) boundary layers for the web map (kept on disk between
    starts by :mod:`maps.web.base_cache`)."""
    return _base_layers(_config_key())


@st.cache_resource(show_spinner=False)
def _places(key: tuple) -> pd.DataFrame:
    from incidents.wiring import load_places_gazetteer
    from maps.web.base_cache import cached_places
    return cached_places(settings.data_dir() / "cache",
                         settings.places_files() + settings.gazetteer_files(),
                         lambda: load_places_gazetteer().places)


def places() -> pd.DataFrame:
    """Settlements for the map (the border gazetteer, GeoNames and the user's places files;
    kept on disk between starts by :mod:`maps.web.base_cache`)."""
    return _places(_config_key())


@st.cache_resource(show_spinner=False, max_entries=2)
def _local_basemap(path: str, stamp: tuple, bbox: tuple | None):
    from maps.web.local_tiles import load_basemap
    return load_basemap(__import__("pathlib").Path(path), bbox or (-180.0, -85.0, 180.0, 85.0))


def local_basemap():
    """The tiles of the basemap the user dropped in ``<data dir>/basemap/`` that cover the
    border region (:mod:`maps.web.local_tiles`), or None; read again when the file changes."""
    from maps.web.local_tiles import find_basemap, region_bbox
    path = find_basemap(settings.data_dir())
    if path is None:
        return None
    try:
        st_ = path.stat()
    except OSError:
        return None
    return _local_basemap(str(path), (st_.st_size, st_.st_mtime_ns),
                          region_bbox(base_layers().segments))


def reload_layers() -> None:
    """Forget every cached layer after the user uploaded a file."""
    from incidents.wiring import clear_cache
    clear_cache()
    _layers.clear()
    _base_layers.clear()
    _places.clear()
    _live_incidents.clear()
    _live_summary.clear()
    _cell_index.clear()
    st.cache_data.clear()
    shared_analysis.forget()


def data_version() -> str:
    """Changes whenever incidents change, in this session or any other process (the
    store's :meth:`~incidents.store.IncidentStore.version`), for cache keys."""
    return store().version()


def bump_version() -> None:
    """After this session's write: drop the cached frames and results at once (the new data
    version would miss them anyway; this frees them)."""
    _live_incidents.clear()  # every session reads the store again
    _live_summary.clear()
    _cell_index.clear()
    st.cache_data.clear()
    shared_analysis.forget()


def ensure_demo() -> None:
    """Load the synthetic demo on first start when the store is empty."""
    s = store()
    if s.is_empty():
        from analysis.demo_registry import load_demo_start
        res = core()
        if load_demo_start(s, res.engine, res.gazetteer):
            bump_version()


@st.cache_resource(show_spinner=False, max_entries=6)
def _live_incidents(version: str, url: str, scope: str) -> pd.DataFrame:
    """Every incident not deleted that ``scope`` may read (a viewer's generalised), read
    once per data version. Shared by the sessions of one scope and read-only: callers get
    filtered copies (:func:`incidents`), so a filter change never goes back to the store."""
    df = store().load(principal=SCOPES[scope])
    if scope == "viewer":
        from sharing.viewer import viewer_frame
        df, _ = viewer_frame(df, core().engine)
    return df


def incidents(flt: IncidentFilter) -> pd.DataFrame:
    """Incidents passing ``flt`` (a copy, filtered in memory from the data version's rows)."""
    if getattr(flt, "include_deleted", False):
        return store().load(flt, principal=principal())
    out = flt.apply(_live_incidents(data_version(), settings.database_url(), scope()))
    return out.reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=6)
def _live_summary(version: str, url: str, scope: str) -> tuple[tuple[str, ...], int, int]:
    """``(source datasets, demo incidents, all incidents)`` that ``scope`` may read, deleted
    ones left out: read once per data version (every run of every page asks for them; at
    1e5 incidents the two counting queries and the sources took 0.7 s per run)."""
    df = _live_incidents(version, url, scope)
    sources = pd.unique(df["source_dataset"].dropna().astype(str).to_numpy(dtype=object))
    demo, total = store().demo_counts(SCOPES[scope])
    return tuple(sorted(sources)), demo, total


def _summary() -> tuple[tuple[str, ...], int, int]:
    return _live_summary(data_version(), settings.database_url(), scope())


@st.cache_resource(show_spinner=False, max_entries=3)
def _cell_index(version: str, url: str, scope: str):
    """Where each incident ``scope`` may read is counted on a map of cells (a viewer's:
    its generalised rows), placed once per data version (1.2 s at 1e5 incidents)."""
    from sharing.map_cells import cell_index
    return cell_index(_live_incidents(version, url, scope), core().engine)


def map_cells(df: pd.DataFrame, flt: IncidentFilter) -> tuple[pd.DataFrame, int]:
    """``(counts per cell piece, incidents in no cell)`` of ``df``, the rows of ``flt`` for
    this session (:func:`sharing.map_cells.cell_counts`: counts under 3 as "1–2")."""
    from sharing.map_cells import cell_counts, cell_index
    if getattr(flt, "include_deleted", False):  # rows beyond the live ones: placed here
        return cell_counts(cell_index(df, core().engine), df)
    return cell_counts(_cell_index(data_version(), settings.database_url(), scope()), df)


def incident_sources() -> tuple[str, ...]:
    """The source datasets of every live incident (the map's attribution)."""
    return _summary()[0]


def all_incident_count() -> int:
    """Incidents this session may read (a viewer's: those its generalised view shows)."""
    if scope() == "viewer":
        return len(_live_incidents(data_version(), settings.database_url(), "viewer"))
    return _summary()[2]


def demo_state() -> str:
    """What the screen must say of synthetic demo data: "only" (all incidents are demo),
    "mixed" (demo records beside the user's own) or "" (none)."""
    _, demo, total = _summary()
    return "" if demo == 0 else "only" if demo == total else "mixed"


def is_demo() -> bool:
    """True when the store holds incidents and all of them are synthetic demo records."""
    return demo_state() == "only"


def demo_flags(state: str | None = None) -> dict[str, bool]:
    """``MapContent``'s ``demo`` and ``demo_mixed`` for the store's :func:`demo_state`."""
    state = demo_state() if state is None else state
    return {"demo": state == "only", "demo_mixed": state == "mixed"}


def _items_key(d: dict | None) -> tuple:
    """A dict of parameters as a hashable cache key (its items, sorted)."""
    return tuple(sorted((d or {}).items()))


def _filter_key(flt: IncidentFilter) -> tuple:
    """``flt`` as a hashable cache key (its query parameters)."""
    return _items_key(flt.to_query_params())


def _registry_version() -> str:
    """Changes whenever the registry changes, in this session or any other process
    (:meth:`analysis.registry.RegistryStore.version`)."""
    return registry_store().version()


@st.cache_data(show_spinner=False, max_entries=16)
def _hotspots(params: tuple, version: str, hp: tuple, buffer_m: float, url: str, scope: str):
    from analysis.hotspots import HotspotParams
    from analysis.service import AnalysisRequest, analyse
    flt, _ = IncidentFilter.from_query_params(dict(params))
    df = flt.apply(_live_incidents(version, url, scope)).reset_index(drop=True)
    # the rows are already those this session's role may read (scope)
    request = AnalysisRequest(hotspot=replace(HotspotParams(), **dict(hp)), public=False,
                              steps=("hotspots",))
    return analyse(df, core().engine.study_area(buffer_m=buffer_m), request).hotspots


def with_analysis_date(flt: IncidentFilter, params: dict | None) -> dict:
    """``params`` with ``as_of``: the one given, else today or the filter's last day when
    earlier (:func:`analysis.dates.analysis_date`; part of the cache key, so a new day is a
    new result)."""
    from analysis.dates import analysis_date
    params = dict(params or {})
    params["as_of"] = analysis_date(params.get("as_of"), flt.date_to)
    return params


def hotspots(flt: IncidentFilter, hp: dict | None = None, buffer_m: float = STUDY_BUFFER_M):
    """``analysis.hotspots.HotspotResult`` for the filtered incidents (cached)."""
    return _hotspots(_filter_key(flt), data_version(),
                     _items_key(with_analysis_date(flt, hp)), float(buffer_m),
                     settings.database_url(), scope())


@st.cache_data(show_spinner=False, max_entries=16)
def _pairs(params: tuple, version: str, hp: tuple, pp: tuple, reg_version: str, url: str,
           scope: str):
    from analysis.pairing import PairingParams
    from analysis.service import AnalysisRequest, analyse
    flt, _ = IncidentFilter.from_query_params(dict(params))
    df = flt.apply(_live_incidents(version, url, scope)).reset_index(drop=True)
    request = AnalysisRequest(pairing=PairingParams(**dict(pp)), public=False,
                              steps=("hotspots", "pairs"))
    return analyse(df, None, request, registry=registry(),
                   hotspots=hotspots(flt, dict(hp))).pairs


def pairs(flt: IncidentFilter, hp: dict | None = None, pp: dict | None = None) -> pd.DataFrame:
    """Recommended pairs for the hotspots of the filtered incidents (cached)."""
    return _pairs(_filter_key(flt), data_version(), _items_key(with_analysis_date(flt, hp)),
                  _items_key(with_analysis_date(flt, pp)), _registry_version(),
                  settings.database_url(), scope())


def analysis_key(flt: IncidentFilter) -> tuple:
    """What the map's analysis layers (default parameters) depend on: the store, the
    configured layers, the filter, the data and registry versions, the role's scope and the
    analysis date."""
    from analysis.dates import analysis_date
    return (_config_key(), _filter_key(flt), data_version(), _registry_version(), scope(),
            analysis_date(None, flt.date_to))


@st.cache_data(show_spinner=False, max_entries=8)
def _registry(version: str, buffer_m: float, url: str) -> pd.DataFrame:
    from analysis.registry_view import with_candidates
    reg = registry_store().load()
    res = core()
    demo = False
    # a demo store (all its records, whoever asks) without its registry: illustrative entries
    if reg.empty and store().has_only_demo():
        from analysis.demo_registry import seed_demo_registry
        try:
            seed_demo_registry(settings.database_url(), res.gazetteer)
            reg = registry_store().load()
        except Exception:  # noqa: BLE001 - keep the app usable; the page shows the table
            demo = True  # not stored, but shown
    return with_candidates(reg, res.gazetteer.places, res.engine.study_area(buffer_m),
                           demo=demo)


def registry(buffer_m: float = STUDY_BUFFER_M) -> pd.DataFrame:
    """Registry mechanisms plus gazetteer candidate communities."""
    return _registry(_registry_version(), float(buffer_m), settings.database_url())
