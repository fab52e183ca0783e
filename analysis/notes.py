"""Plain-language notes of the analysis, as keyed templates with their values.

A :class:`Note` renders in English with ``str()`` (CLI, logs, exports); the app renders the
same key in the user's language through ``i18n.note_text``. One template per key here, its
Russian twin in ``i18n.ANALYSIS_NOTES_RU``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.quality import EXCLUSION_REASONS

EN: dict[str, str] = {
    "excluded": "Point statistics use {usable_n} incident(s) with geo_precision 1–2 inside the "
                "study area. {excluded_text}",
    "small_n": "Only {usable_n} usable incident(s) (fewer than {min_usable}): no statistical "
               "hotspots are computed, results would be unreliable. Shown instead: counts per "
               "admin unit and {n_recurring} recurring location(s) (≥ {rec_incidents} "
               "incidents of ≥ {rec_types} types within {rec_days} days).",
    "exploratory": "The grid Gi* is exploratory here ({usable_n} usable incidents, about "
                   "{per_nbhd:.1f} per 7-cell neighbourhood): normal-approximation p-values are "
                   "optimistic for sparse counts. The DBSCAN clusters with their Monte Carlo "
                   "test are the main result.",
    "gistar": "Gi* on {n_cells} hex cells of {cell_km:g} km: {n_hot} hot cell(s) survive "
              "Benjamini–Hochberg FDR at q = {q}.",
    "emerging_too_few": "Emerging hot spots need at least {min_slices} time slices and "
                        "{min_incidents} usable incidents; the data have {n_slices} slice(s) "
                        "({freq}) and {n_incidents} incident(s). No emerging hot spot classes.",
    "emerging_small_n": "No emerging hot spot analysis: too few usable incidents.",
    "emerging_done": "Emerging hot spots: {n_slices} {freq} slices, space-time Gi* with a time "
                     "lag of {time_lag}, BH q={q} per slice, Mann–Kendall alpha={mk_alpha}: "
                     "{n_pattern} cell(s) with a hot-spot pattern.",
    "dbscan": "DBSCAN (eps {eps_m:g} m, min {min_samples} incidents): {n_clusters} cluster(s); "
              "{n_sig} larger than random placement would give (Monte Carlo, {sims} "
              "simulations, p ≤ {alpha}).",
    "dbscan_none": "DBSCAN (eps {eps_m:g} m, min {min_samples} incidents) found no cluster.",
}


@dataclass(frozen=True)
class Note:
    """One analysis note: a template ``key`` of :data:`EN` and its ``values``."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def make(cls, key: str, **values: Any) -> Note:
        if key not in EN:
            raise KeyError(f"unknown analysis note {key!r}")
        return cls(key, tuple(sorted(values.items())))

    def render(self, templates: dict[str, str], exclusions: dict[str, str],
               excluded_words: tuple[str, str] = ("Excluded: ", "None excluded."),
               fill: Callable[[str, dict[str, Any]], str] | None = None) -> str:
        """The note with ``templates`` (one language) and its exclusion reason texts;
        ``fill(template, values)`` formats (default ``str.format``; ``i18n`` passes its
        plural-aware one)."""
        values = dict(self.values)
        if self.key == "excluded":
            parts = [f"{n} ({exclusions[k]})" for k, n in values.pop("excluded", ()) if n]
            values["excluded_text"] = (excluded_words[0] + "; ".join(parts) + "."
                                       if parts else excluded_words[1])
        if fill is not None:
            return fill(templates[self.key], values)
        return templates[self.key].format(**values)

    def __str__(self) -> str:
        return self.render(EN, EXCLUSION_REASONS)

    def __contains__(self, text: str) -> bool:
        return text in str(self)
