"""One analysis chain for the app, the CLIs and the print/brief builders: incidents (already
read from the store and filtered) → hotspots → pairs → coverage gaps.

:func:`analyse` takes an :class:`AnalysisRequest` (typed parameters) and returns an
:class:`AnalysisResult`. Public requests (the default) analyse public records only and name
hotspots after the shipped settlements near their incidents, never after the records' own
place names (:mod:`sharing.visibility`, :mod:`sharing.public_analysis`). Distances are in
metres; the study area is a shapely geometry in ``geo.crs.METRIC_CRS``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from analysis.gaps import coverage_gaps
from analysis.hotspots import HotspotParams, HotspotResult, run_hotspots
from analysis.pairing import PairingParams, recommend_pairs
from analysis.registry_view import with_candidates
from sharing.public_analysis import settlement_place_names
from sharing.visibility import public_rows

STEPS: tuple[str, ...] = ("hotspots", "pairs", "gaps")


@dataclass(frozen=True)
class AnalysisRequest:
    """What to analyse and with which parameters."""

    hotspot: HotspotParams = field(default_factory=HotspotParams)
    pairing: PairingParams = field(default_factory=PairingParams)
    public: bool = True           # public records only, hotspots named by settlements
    demo_registry: bool = False   # add the illustrative demo mechanisms to the registry
    candidates: bool = True       # add gazetteer settlements where no mechanism exists
    steps: tuple[str, ...] = STEPS

    def __post_init__(self) -> None:
        unknown = set(self.steps) - set(STEPS)
        if unknown or "hotspots" not in self.steps:
            raise ValueError(f"steps must include 'hotspots' and be among {STEPS}: "
                             f"{self.steps}")


@dataclass(frozen=True)
class AnalysisResult:
    """The rows analysed and what was found (pairs/gaps None when not asked for)."""

    incidents: pd.DataFrame          # the rows analysed (public ones only when public)
    hotspots: HotspotResult
    registry: pd.DataFrame | None    # mechanisms plus candidates, when pairs/gaps asked
    pairs: pd.DataFrame | None
    gaps: pd.DataFrame | None
    left_out: int = 0                # records not analysed (internal/restricted, public)


def registry_for(rows: pd.DataFrame, places: pd.DataFrame | None, study_area_m,
                 request: AnalysisRequest) -> pd.DataFrame:
    """The registry pairs and gaps read: ``rows`` (the store's or a CSV's mechanisms), the
    demo mechanisms when asked, gazetteer candidates unless switched off."""
    return with_candidates(rows, places, study_area_m, demo=request.demo_registry,
                           candidates=request.candidates)


def analyse(incidents: pd.DataFrame, study_area_m, request: AnalysisRequest | None = None,
            *, registry: pd.DataFrame | None = None,
            hotspots: HotspotResult | None = None) -> AnalysisResult:
    """Run the chain on ``incidents`` (rows as the caller may read them, filtered).

    ``registry`` is the full registry (:func:`registry_for`), needed for pairs and gaps.
    ``hotspots`` reuses a result the caller already holds (e.g. cached), which must be of
    the same rows (public rows only for a public request).
    """
    request = request or AnalysisRequest()
    analysed = public_rows(incidents) if request.public else incidents
    result = hotspots if hotspots is not None else run_hotspots(analysed, study_area_m,
                                                                request.hotspot)
    if request.public:
        result = replace(result, clusters=settlement_place_names(result.clusters, analysed))
    needs_registry = {"pairs", "gaps"} & set(request.steps)
    if needs_registry and registry is None:
        raise ValueError("pairs and gaps need the registry (analysis.service.registry_for)")
    pairs = (recommend_pairs(result.clusters, registry, analysed, request.pairing)
             if "pairs" in request.steps else None)
    gaps = (coverage_gaps(result.clusters, registry, request.pairing)
            if "gaps" in request.steps else None)
    return AnalysisResult(incidents=analysed, hotspots=result,
                          registry=registry if needs_registry else None, pairs=pairs,
                          gaps=gaps, left_out=len(incidents) - len(analysed))
