"""What a public export needs from the border engine: region pieces and settlements.

``geo.engine.BorderEngine`` is built from the boundary layers, the official-claims overlap,
the curated layer and the gazetteer. Public exports need those same inputs (to keep every
generalised point in its own region, and to snap to settlements), so they are read from
the engine's public attributes ``layers``, ``claims``, ``curated``, ``reference_line`` (a
user's newer line, whose sides cut the pieces too) and ``gazetteer`` (when the engine has no
gazetteer, the one the settings describe).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.gazetteer import settlements
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
    layers = engine.layers
    partition = RegionPartition(layers.countries, political_members(
        enclaves=layers.enclaves, zones=layers.disagreement_zones,
        claims=engine.claims, curated=engine.curated,
        line=getattr(engine, "reference_line", None),
    ))
    ctx = ProtectionContext(partition, _settlements(getattr(engine, "gazetteer", None)))
    _CONTEXTS[id(engine)] = (engine, ctx)
    return ctx


def _settlements(gazetteer: Any) -> pd.DataFrame:
    """Settlements to snap to: the engine's gazetteer, else the one the settings describe
    (GeoNames plus the user's places files, as ``incidents.wiring`` builds it). Names
    learned from incident rows are left out: their coordinates are incident locations."""
    if gazetteer is None:
        from geo.gazetteer import Gazetteer

        gazetteer = Gazetteer.from_settings()
    places = settlements(gazetteer)
    return places.dropna(subset=["lon", "lat"]).reset_index(drop=True)
