"""Explainable ranking of hotspots (clusters) for target-location choice.

Every component is a column ``score_<name>`` in 0–1; ``score`` is their weighted mean
(``sum(w_k * score_k) / sum(w_k)``) and ``rank`` 1 is the highest score. Components:

- ``score_intensity``: incidents in the hotspot / incidents in the largest hotspot.
- ``score_severity``: ``fatalities + 0.5 * injuries + border-guard incidents`` (known values),
  divided by the largest such value among the hotspots (0 when all are 0).
- ``score_recency``: share of the hotspot's incidents in the last ``recency_months`` before
  the analysis date (column ``n_recent``).
- ``score_cross_border``: ``2 * min(n_kg_side, n_tj_side) / (n_kg_side + n_tj_side)``: 1 when
  both sides have equally many incidents, 0 when only one side has any.
- ``score_proximity``: 1 when an incident lies in a disagreement zone, an official-claims
  overlap or near a curated disputed segment/site; otherwise
  ``max(0, 1 - min_border_dist_m / proximity_m)`` (default ``proximity_m`` 5 km).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

COMPONENTS: tuple[str, ...] = ("intensity", "severity", "recency", "cross_border", "proximity")


@dataclass(frozen=True)
class RankingWeights:
    """Weights of the score components (non-negative; default: all equal to 1)."""

    intensity: float = 1.0
    severity: float = 1.0
    recency: float = 1.0
    cross_border: float = 1.0
    proximity: float = 1.0

    def __post_init__(self):
        vals = asdict(self)
        bad = {k: v for k, v in vals.items() if not np.isfinite(v) or v < 0}
        if bad:
            raise ValueError(f"ranking weights must be finite and >= 0: {bad}")
        if sum(vals.values()) <= 0:
            raise ValueError("at least one ranking weight must be > 0")


def _relative(values: np.ndarray) -> np.ndarray:
    top = np.nanmax(values) if len(values) else 0.0
    return values / top if top > 0 else np.zeros(len(values))


def _filled(col: pd.Series) -> pd.Series:
    return col.astype(object).where(col.notna(), "").astype(str).str.strip() != ""


def score_components(clusters: pd.DataFrame, proximity_m: float = 5000.0) -> pd.DataFrame:
    """The ``score_<component>`` columns (0–1) for each row of ``clusters``."""
    n = clusters["n_incidents"].to_numpy(float)
    sev = (clusters["fatalities"].to_numpy(float) + 0.5 * clusters["injuries"].to_numpy(float)
           + clusters["n_border_guard_incident"].to_numpy(float))
    kg = clusters["n_kg_side"].to_numpy(float)
    tj = clusters["n_tj_side"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        cross = np.where(kg + tj > 0, 2.0 * np.minimum(kg, tj) / (kg + tj), 0.0)
        recency = np.where(n > 0, clusters["n_recent"].to_numpy(float) / n, 0.0)
    disputed = (_filled(clusters["disagreement_zones"]) | _filled(clusters["claims_overlaps"])
                | _filled(clusters["curated_ids"])).to_numpy()
    dist = clusters["min_border_dist_m"].to_numpy(float)
    near = np.clip(1.0 - dist / proximity_m, 0.0, 1.0)
    near = np.where(np.isnan(near), 0.0, near)
    return pd.DataFrame({
        "score_intensity": _relative(n),
        "score_severity": _relative(sev),
        "score_recency": recency,
        "score_cross_border": cross,
        "score_proximity": np.where(disputed, 1.0, near),
    }, index=clusters.index)


def rank_hotspots(clusters: pd.DataFrame, weights: RankingWeights = RankingWeights(),
                  proximity_m: float = 5000.0) -> pd.DataFrame:
    """``clusters`` with score columns, ``score`` and ``rank``, sorted by rank.

    Ties are broken by more incidents, then the earliest first event id (deterministic).
    """
    comps = score_components(clusters, proximity_m)
    w = asdict(weights)
    total = sum(w.values())
    score = sum(w[c] * comps[f"score_{c}"] for c in COMPONENTS) / total
    out = clusters.drop(columns=[c for c in [*comps.columns, "score", "rank"]
                                 if c in clusters.columns])
    out = out.join(comps)
    out["score"] = score.round(12)
    first_id = out["event_ids"].astype(str).str.split(";").str[0]
    out = out.assign(_first=first_id).sort_values(
        ["score", "n_incidents", "_first"], ascending=[False, False, True], kind="mergesort")
    out = out.drop(columns="_first")
    out["rank"] = np.arange(1, len(out) + 1)
    return out
