"""What a public export needs from the border engine: region pieces and settlements.

``geo.engine.BorderEngine`` is built from the boundary layers, the official-claims overlap,
the curated layer and the gazetteer. Public exports need those same inputs (to keep every
generalised point in its own region, and to snap to settlements), so they are read from
the engine's public attributes ``layers``, ``claims``, ``curated`` and ``gazetteer`` (with
fallbacks for an engine that keeps them private: its polygon indexes, and the gazetteer the
settings describe).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.crs import METRIC_CRS
from sharing.regions import RegionPartition, political_members


@dataclass
class ProtectionContext:
    """Layers for generalisation.

    Attributes
    ----------
    partition : the region pieces (countries cut by enclaves and disputed polygons).
    places : settlements with ``name``, ``lon``, ``lat`` (and ``name_ru``, ``iso3`` when
        known), never names learned from incident rows.
    """

    partition: RegionPartition
    places: pd.DataFrame | None = None


_CONTEXTS: dict[int, tuple[Any, ProtectionContext]] = {}


def context_from_engine(engine: Any) -> ProtectionContext:
    """The :class:`ProtectionContext` of a border engine (built once per engine object).

    Accepts a ready :class:`ProtectionContext` too.
    """
    if isinstance(engine, ProtectionContext):
        return engine
    cached = _CONTEXTS.get(id(engine))
    if cached is not None and cached[0] is engine:
        return cached[1]
    layers = getattr(engine, "layers", None)
    if layers is not None:
        partition = RegionPartition(layers.countries, political_members(
            enclaves=getattr(layers, "enclaves", None),
            zones=getattr(layers, "disagreement_zones", None),
            claims=getattr(engine, "claims", None),
            curated=getattr(engine, "curated", None),
        ))
    else:
        partition = _partition_from_engine_indexes(engine)
    ctx = ProtectionContext(partition, _settlements(getattr(engine, "gazetteer", None)))
    _CONTEXTS[id(engine)] = (engine, ctx)
    return ctx


def _settlements(gazetteer: Any) -> pd.DataFrame:
    """Settlements to snap to: the engine's gazetteer, else the one the settings describe
    (GeoNames plus the user's places files, as ``incidents.resources`` builds it). Names
    learned from incident rows are left out: their coordinates are incident locations."""
    if gazetteer is None:
        from geo.gazetteer import Gazetteer

        gazetteer = Gazetteer.from_settings()
    places = gazetteer.places
    if "source" in places.columns:
        places = places[places["source"].astype(str) != "learned"]
    return places.dropna(subset=["lon", "lat"]).reset_index(drop=True)


def _partition_from_engine_indexes(engine: Any) -> RegionPartition:
    """Fallback for an engine that does not expose ``layers``: read its polygon indexes."""
    try:
        countries = gpd.GeoDataFrame(
            {"iso3": list(engine._country_iso3)}, geometry=list(engine._country_geoms),
            crs=METRIC_CRS)
        members: dict = {}
        for prefix, index, ids in (("enclave", "_enclaves", "_enclave_names"),
                                   ("zone", "_zones", "_zone_ids"),
                                   ("claims", "_claims", "_claim_ids")):
            idx = getattr(engine, index, None)
            if idx is None:
                continue
            for label, geom in zip(list(getattr(engine, ids))[:-1], idx.polygons,
                                   strict=True):
                members[f"{prefix}:{label}"] = geom
    except AttributeError as exc:
        raise ValueError(
            "the border engine exposes neither 'layers' nor its polygon indexes; public "
            "exports need the country, enclave and disputed polygons") from exc
    return RegionPartition(countries, members)
