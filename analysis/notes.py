"""Plain-language notes of the analysis, as keyed templates with their values.

A :class:`Note` is a keyed text (``incidents.messages.Keyed``): a str equal to its English
(CLI, logs, exports), with its key and values, from which the app renders it in the user's
language through ``i18n.note_text``. One template per key here, its
Russian twin in ``i18n.ANALYSIS_NOTES_RU``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from analysis.quality import EXCLUSION_REASONS
from incidents.messages import Keyed

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


class Note(Keyed):
    """One analysis note: a template ``key`` of :data:`EN` with its values, a str equal to its
    English (:class:`incidents.messages.Keyed`, like the rejection reasons' ``Msg`` and the
    protection report's ``Step``); ``i18n.note_text`` renders it in the user's language."""

    @classmethod
    def english(cls, key: str, params: dict[str, Any]) -> str:
        if key not in EN:
            raise KeyError(f"unknown analysis note {key!r}")
        return _fill(EN[key], params, EXCLUSION_REASONS, ("Excluded: ", "None excluded."))

    @classmethod
    def make(cls, key: str, **values: Any) -> Note:
        return cls(key, **dict(sorted(values.items())))

    @property
    def values(self) -> tuple[tuple[str, Any], ...]:
        """The note's values, sorted by name."""
        return tuple(sorted(self.params))

    def render(self, templates: dict[str, str], exclusions: dict[str, str],
               excluded_words: tuple[str, str] = ("Excluded: ", "None excluded."),
               fill: Callable[..., str] | None = None) -> str:
        """The note with ``templates`` (one language) and its exclusion reason texts;
        ``fill(template, **values)`` formats (default ``str.format``; ``i18n`` passes its
        plural-aware one, the same as for ``incidents.messages.Msg.render``)."""
        return _fill(templates[self.key], dict(self.params), exclusions, excluded_words, fill)


def _fill(template: str, values: dict[str, Any], exclusions: dict[str, str],
          excluded_words: tuple[str, str],
          fill: Callable[..., str] | None = None) -> str:
    """``template`` with ``values``; the "excluded" note's counts per reason as one text."""
    values = dict(values)
    if "excluded" in values:
        parts = [f"{n} ({exclusions[k]})" for k, n in values.pop("excluded", ()) if n]
        values["excluded_text"] = (excluded_words[0] + "; ".join(parts) + "."
                                   if parts else excluded_words[1])
    return fill(template, **values) if fill is not None else template.format(**values)
