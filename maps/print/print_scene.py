"""Load everything a print needs from the store and settings, and run the analysis.

One function for the CLI (and the app, if it wants): incidents from
:class:`incidents.store.IncidentStore` filtered by :class:`incidents.filters.IncidentFilter`,
the engine and gazetteer from :func:`incidents.wiring.load_resources`, hotspots from
:func:`analysis.hotspots.run_hotspots`, pairs and gaps from :mod:`analysis.pairing` /
:mod:`analysis.gaps` (registry: the store's communities plus gazetteer candidates), then
:func:`maps.print.print_data.build_print_data`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from geo.study import STUDY_BUFFER_M
from i18n.filter_text import filter_text_both
from incidents.access import PUBLIC, Principal
from incidents.filters import IncidentFilter
from maps.print.print_data import PrintData, build_print_data
from sharing.protect import ProtectionOptions
from sharing.visibility import non_public_ids


@dataclass
class Scene:
    """A loaded print scene: the print data plus the raw analysis result and incidents."""

    data: PrintData
    hotspots: Any          # analysis.hotspots.HotspotResult
    incidents: pd.DataFrame  # filtered rows as stored (for charts by month/category)


def load_scene(db: str | None = None, flt: Any = None, mode: str = "public",
               options: ProtectionOptions | None = None, buffer_m: float = STUDY_BUFFER_M,
               demo_registry: bool = False, hotspot_params: Any = None,
               with_actions: bool = True, principal: Principal = PUBLIC,
               pairing: Any = None) -> Scene:
    """Store → filtered incidents → analysis → :class:`Scene`.

    Parameters
    ----------
    db : SQLAlchemy URL (default settings).
    flt : an ``IncidentFilter`` or None (all incidents).
    mode : "public" (default) or "internal" (needs ``principal`` to hold the
        ``export_internal`` right).
    principal : the acting :class:`incidents.access.Principal` (default: the public).
    options : public protection options.
    buffer_m : study area half-width around the KG–TJ line (metres).
    demo_registry : add the illustrative demo mechanisms to the registry.
    hotspot_params : ``analysis.hotspots.HotspotParams`` (default parameters); without an
        ``as_of``, the analysis date is today, or the filter's last day when earlier.
    with_actions : evaluate the store's actions for the brief's "What was done".
    pairing : ``analysis.pairing.PairingParams`` (default parameters without; the
        armed-incident window ends on the hotspots' analysis date whatever it says).
    """
    from analysis.dates import analysis_date
    from analysis.hotspots import HotspotParams
    from analysis.registry import RegistryStore
    from analysis.registry_view import with_candidates
    from analysis.service import AnalysisRequest, analyse
    from incidents.wiring import load_resources, open_store

    if mode != "public":
        principal.require("export_internal")
    store = open_store(db)
    try:
        incidents = store.load(flt, principal=principal)
        res = load_resources(store=store)
    finally:
        store.close()
    area_m = res.engine.study_area(buffer_m=buffer_m)
    hotspot_params = hotspot_params or HotspotParams()
    # as the app (ui.resources.with_analysis_date): the given day, else today or the
    # filter's last day when earlier
    hotspot_params = replace(hotspot_params, as_of=analysis_date(
        hotspot_params.as_of, getattr(flt, "date_to", None)))
    request = AnalysisRequest(hotspot=hotspot_params, public=mode == "public",
                              steps=("hotspots",))
    result = analyse(incidents, area_m, request).hotspots
    registry = with_candidates(RegistryStore(db).load(), getattr(res.gazetteer, "places", None),
                               area_m, demo=demo_registry)
    actions = None
    if with_actions:
        from incidents.action_store import ActionStore
        action_store = ActionStore(db)
        try:
            actions = action_store.load()
        finally:
            action_store.close()
    return scene_from_results(incidents, res.engine, res.gazetteer, result,
                              registry, mode=mode, options=options, actions=actions,
                              filters_text=filter_text_both(flt if flt is not None else
                                                            IncidentFilter()),
                              cod_used=res.cod_loaded, pairing=pairing)


def scene_from_results(incidents: pd.DataFrame, engine: Any, gazetteer: Any, hotspots: Any,
                       registry: pd.DataFrame, mode: str = "public",
                       options: ProtectionOptions | None = None,
                       filters_text: str = "none", cod_used: bool = False,
                       actions: pd.DataFrame | None = None, pairing: Any = None) -> Scene:
    """A :class:`Scene` from what the app already holds (cached incidents, resources,
    hotspot result, registry): pairs and gaps are computed here, the rest wrapped.

    Parameters
    ----------
    incidents : filtered incident rows; engine, gazetteer : ``incidents.wiring``;
    hotspots : ``analysis.hotspots.HotspotResult`` of those incidents;
    registry : communities plus candidates (``analysis.registry``);
    mode, options : public (default) or internal, protection options;
    filters_text : ``i18n.filter_text.filter_text_both``; cod_used : COD-AB files loaded.
    actions : the working groups' actions (``incidents.action_store``), evaluated here on
        the records analysed (public records only in public mode).
    pairing : ``analysis.pairing.PairingParams`` the app's page used (default parameters
        without); the armed-incident window always ends on the hotspots' analysis date.

    Public mode: ``hotspots`` must be the analysis of public records only (e.g. of
    ``sharing.visibility.public_filter(flt)``; a ValueError otherwise), pairs and gaps are
    computed from public records; the other records reach the product only as counts.
    """
    from analysis.pairing import PairingParams
    from analysis.service import AnalysisRequest, analyse
    from geo.gazetteer import settlements

    public = mode == "public"
    if public:
        ids = set(";".join(hotspots.clusters.get("event_ids", pd.Series(dtype=str))
                           .dropna().astype(str)).split(";")) - {""}
        if ids & non_public_ids(incidents):
            raise ValueError("a public product needs the hotspots of public records only "
                             "(sharing.visibility.public_filter)")
    # the pairs' armed-incident window ends on the hotspots' analysis date, as on the app's map
    out = analyse(incidents, None, AnalysisRequest(
        public=public, pairing=replace(pairing or PairingParams(), as_of=hotspots.as_of)),
        registry=registry, hotspots=hotspots)
    analysed, hotspots, pairs, gaps = out.incidents, out.hotspots, out.pairs, out.gaps
    data = build_print_data(
        incidents, engine, engine.layers, mode=mode, options=options,
        clusters=hotspots.clusters, gistar=hotspots.gistar, pairs=pairs, gaps=gaps,
        places=settlements(gazetteer), claims=engine.claims,
        curated=engine.curated, user_line=engine.reference_line,
        cod_used=cod_used,
        filters_text=filters_text,
        actions=action_evaluations(actions, analysed, engine))
    return Scene(data=data, hotspots=hotspots, incidents=incidents)


def action_evaluations(actions: pd.DataFrame | None, analysed: pd.DataFrame,
                       engine: Any, buffer_m: float = STUDY_BUFFER_M) -> pd.DataFrame | None:
    """The actions' before/after evaluation (``analysis.evaluation``, default parameters)
    with the columns that place them (place_kind, lon, lat, line_wkt, place_radius_m) and
    their Russian titles; None without actions."""
    if actions is None or len(actions) == 0:
        return None
    from analysis.evaluation import evaluate_actions
    ev = evaluate_actions(actions, analysed, engine.study_area(buffer_m=buffer_m))
    place = actions[["action_id", "title_ru", "place_kind", "lon", "lat", "line_wkt",
                     "place_radius_m"]]
    return ev.merge(place, on="action_id", how="left")
