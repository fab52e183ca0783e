"""Load everything a print needs from the store and settings, and run the analysis.

One function for the CLI (and the app, if it wants): incidents from
:class:`incidents.store.IncidentStore` filtered by :class:`incidents.filters.IncidentFilter`,
the engine and gazetteer from :func:`incidents.resources.load_resources`, hotspots from
:func:`analysis.hotspots.run_hotspots`, pairs and gaps from :mod:`analysis.pairing` /
:mod:`analysis.gaps` (registry: the store's communities plus gazetteer candidates), then
:func:`maps.print_data.build_print_data`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from maps.print_data import PrintData, build_print_data
from sharing.protect import ProtectionOptions


@dataclass
class Scene:
    """A loaded print scene: the print data plus the raw analysis result and incidents."""

    data: PrintData
    hotspots: Any          # analysis.hotspots.HotspotResult
    incidents: pd.DataFrame  # filtered rows as stored (for charts by month/category)


def load_scene(db: str | None = None, flt: Any = None, mode: str = "public",
               options: ProtectionOptions | None = None, buffer_m: float = 20000.0,
               demo_registry: bool = False, hotspot_params: Any = None) -> Scene:
    """Store → filtered incidents → analysis → :class:`Scene`.

    Parameters
    ----------
    db : SQLAlchemy URL (default settings).
    flt : an ``IncidentFilter`` or None (all incidents).
    mode : "public" (default) or "internal".
    options : public protection options.
    buffer_m : study area half-width around the KG–TJ line (metres).
    demo_registry : add the illustrative demo mechanisms to the registry.
    hotspot_params : ``analysis.hotspots.HotspotParams`` (default parameters).
    """
    from analysis.gaps import coverage_gaps
    from analysis.hotspots import HotspotParams, run_hotspots
    from analysis.pairing import recommend_pairs
    from analysis.registry import RegistryStore, candidates_from_gazetteer, conform_registry
    from incidents.resources import load_resources
    from incidents.store import IncidentStore

    store = IncidentStore(db)
    try:
        incidents = store.load(flt)
        res = load_resources(store=store)
    finally:
        store.close()
    engine = res.engine
    area_m = engine.study_area(buffer_m=buffer_m)
    result = run_hotspots(incidents, area_m, hotspot_params or HotspotParams())
    places = getattr(res.gazetteer, "places", None)
    registry = RegistryStore(db).load()
    if demo_registry and places is not None:
        from analysis.demo_registry import demo_registry as demo
        registry = pd.concat([registry, demo(places)], ignore_index=True)
    if places is not None:
        registry = pd.concat([registry, candidates_from_gazetteer(places, area_m,
                                                                  existing=registry)],
                             ignore_index=True)
    registry = conform_registry(registry)
    pairs = recommend_pairs(result.clusters, registry, incidents)
    gaps = coverage_gaps(result.clusters, registry)
    layers = getattr(engine, "layers", None)
    if layers is None:
        from layers.boundaries import load_boundaries
        layers = load_boundaries()
    data = build_print_data(
        incidents, engine, layers, mode=mode, options=options,
        clusters=result.clusters, gistar=result.gistar, pairs=pairs, gaps=gaps,
        places=places, claims=getattr(engine, "claims", None),
        curated=getattr(engine, "curated", None), cod_used=res.cod_loaded,
        filters_text=flt.describe() if flt is not None else "none (all incidents)")
    return Scene(data=data, hotspots=result, incidents=incidents)
