"""Everything a printed map or brief shows, gathered in one object.

:class:`PrintData` is plain data (frames in EPSG:4326); :func:`build_print_data` fills it
from incident rows and the border engine: public mode protects the incidents first
(``sharing.protect``), so a public print never sees an exact point.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from incidents.schema import SYNTHETIC_SOURCE
from maps.print.print_text import COD_AB_ATTRIBUTION, format_period, incident_sources
from sharing.protect import ProtectionOptions, protect
from sharing.report import ProtectionReport
from sharing.visibility import public_rows


@dataclass
class PrintData:
    """Layers and facts for one printed product.

    Attributes
    ----------
    layers : ``layers.boundaries.BoundaryLayers`` (countries, enclaves, segments,
        disagreement_zones, manifest).
    incidents : internal mode: incident rows (lon, lat, category); public mode: the
        protected frame from ``sharing.protect.protect_for_public`` (has ``record_type``).
    protection : the report of what was done to ``incidents``.
    places : gazetteer places (``name``, ``name_ru``, ``name_ky``, ``name_tg``, ``lon``,
        ``lat``, ``iso3``, ``population``) for labels.
    clusters, gistar, pairs, gaps : analysis outputs (``analysis.hotspots`` /
        ``analysis.pairing`` / ``analysis.gaps``), any may be None.
    claims, curated : official-claims overlap and curated layer, when loaded.
    filters_text : ``i18n.filter_text.filter_text_both`` of the filter.
    period : (first, last) event date of the data shown.
    incident_sources : ``source_dataset`` values present.
    cod_used : COD-AB files were loaded.
    status_as_of : date of the disputed/curated status shown.
    actions : the working groups' actions with their before/after evaluation
        (:func:`maps.print.print_scene.action_evaluations`), for the brief's "What was done".
    user_line : a user's newer reference line (``geo.reference_line.UserLine``, the
        engine's), drawn beside the 2017 line; None when the shipped line answers.
    """

    layers: Any
    incidents: pd.DataFrame | None = None
    protection: ProtectionReport | None = None
    places: pd.DataFrame | None = None
    clusters: gpd.GeoDataFrame | None = None
    gistar: gpd.GeoDataFrame | None = None
    pairs: pd.DataFrame | None = None
    gaps: pd.DataFrame | None = None
    claims: gpd.GeoDataFrame | None = None
    curated: gpd.GeoDataFrame | None = None
    filters_text: str = "none"
    period: tuple[Any, Any] = (None, None)
    incident_sources: list[str] = field(default_factory=list)
    cod_used: bool = False
    status_as_of: str | None = None
    actions: pd.DataFrame | None = None
    user_line: Any = None

    @property
    def synthetic(self) -> bool:
        """True when any shown incident is synthetic demo data."""
        return SYNTHETIC_SOURCE in self.incident_sources

    def attributions(self) -> list[str]:
        """Every source to credit: boundary layers, GeoNames, COD-AB, curated, incidents."""
        from geo.gazetteer import ATTRIBUTION as GEONAMES
        from layers.boundaries import attributions

        out = list(attributions(self.layers.manifest))
        if self.places is not None:
            out.append(GEONAMES)
        if self.cod_used or self.claims is not None:
            out.append(COD_AB_ATTRIBUTION)
        if self.curated is not None and len(self.curated):
            srcs = sorted({str(s) for s in self.curated.get("source", []) if isinstance(s, str)})
            out.append("Curated disputed/undemarcated segments: " + ("; ".join(srcs) or
                                                                     "user-supplied"))
        if self.user_line is not None:
            from i18n import line_label, t
            ref = self.user_line.ref
            out.append(t("attr.user_line", "en", line=line_label(ref, "en"), source=ref.source))
        out += incident_sources(self.incident_sources)
        return out

    def versions(self) -> str:
        """Boundary layer versions and build date from the manifest."""
        m = self.layers.manifest
        srcs = m.get("sources", {})
        parts = [f"{v.get('package', k)} {v.get('version', '?')}" for k, v in srcs.items()]
        build = str(m.get("build_date", "?"))[:10]
        return f"{', '.join(parts) or 'unknown'} (built {build})"

    def as_of(self) -> str:
        """The status-as-of date as given (ISO "2025-06-30", or to the month, "2017-12"): the
        curated layer's latest, else the reference line's own date — never the date the files
        were built. Each language words it (``maps.print.print_text.disclaimer``)."""
        if self.status_as_of:
            return self.status_as_of
        if self.curated is not None and "status_as_of" in self.curated.columns:
            dates = pd.to_datetime(self.curated["status_as_of"], errors="coerce").dropna()
            if len(dates):
                return f"{dates.max():%Y-%m-%d}"
        return self.line().date

    def line(self):
        """The reference line behind the sides shown (:mod:`geo.reference_line`)."""
        from geo.reference_line import current_ref
        return current_ref()

    def layer_dates(self) -> str:
        """Each layer with its own source date, for footers: the reference line, the curated
        status, the incidents' period."""
        from geo.reference_line import SHIPPED
        parts = [f"sides by {self.line().label}"]
        if self.line().line_id != SHIPPED.line_id:
            parts.append(f"elsewhere {SHIPPED.label}")
        if self.curated is not None and "status_as_of" in self.curated.columns:
            dates = pd.to_datetime(self.curated["status_as_of"], errors="coerce").dropna()
            if len(dates):
                parts.append(f"curated status as of {dates.max():%Y-%m-%d}")
        return "; ".join(parts)

    def period_text(self) -> str:
        return format_period(*self.period)


def build_print_data(incidents: pd.DataFrame, engine: Any, layers: Any, mode: str = "public",
                     options: ProtectionOptions | None = None, **extra: Any) -> PrintData:
    """Protect (public mode) and wrap incidents with their layers for printing.

    Parameters
    ----------
    incidents : incident rows (schema columns), already filtered.
    engine : the border engine (public mode needs it).
    layers : BoundaryLayers.
    mode : "public" or "internal".
    options : protection options for public mode (default: 2 km hexes).
    extra : further :class:`PrintData` fields (clusters, gistar, pairs, gaps, places,
        claims, curated, filters_text, cod_used, status_as_of).
    """
    # the period and sources a public product states are the public records' own: the
    # others reach it only as counts, never with a date or a source
    named = public_rows(incidents) if mode == "public" and len(incidents) else incidents
    dates = pd.to_datetime(named.get("event_date"), errors="coerce") \
        if len(named) else pd.Series(dtype="datetime64[ns]")
    period = (dates.min(), dates.max()) if len(dates.dropna()) else (None, None)
    options = options or ProtectionOptions()
    if mode == "public" and options.date_coarsen and period[0] is not None:
        freq = {"week": "W-SUN", "month": "M"}[options.date_coarsen]  # no exact first/last day
        period = (period[0].to_period(freq).start_time,
                  period[1].to_period(freq).end_time.normalize())
    sources = {str(s) for s in named.get("source_dataset", pd.Series()).dropna()}
    if SYNTHETIC_SOURCE in set(incidents.get("source_dataset", pd.Series()).dropna()):
        sources.add(SYNTHETIC_SOURCE)  # synthetic demo data says so, even if only counted
    sources = sorted(sources)
    shown, report = protect(incidents, engine, mode, options)
    extra = {k: printable(v) if isinstance(v, (pd.DataFrame, str)) else v
             for k, v in extra.items()}
    return PrintData(layers=layers, incidents=printable(shown), protection=report,
                     period=period, incident_sources=sources, **extra)


# C0 controls but line feed, and DEL: no font has a glyph for them (a NUL in a name drew
# a "missing glyph" box); tab becomes a space
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f]"


def printable(value: pd.DataFrame | str | None):
    """``value`` (a frame's text columns, or one text) without control characters, for
    drawing; anything else as it is. Only columns holding one are copied."""
    if isinstance(value, str):
        return re.sub(_CONTROL, "", value.replace("\t", " "))
    if not isinstance(value, pd.DataFrame) or value.empty:
        return value
    out = value
    for name in value.columns:
        col = value[name]
        if not (pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col)):
            continue
        text = col.where(col.map(lambda v: isinstance(v, str)), None) \
            if pd.api.types.is_object_dtype(col) else col
        bad = text.astype("string").str.contains(_CONTROL, regex=True).fillna(False)
        if bad.any():
            if out is value:
                out = value.copy()
            out.loc[bad.to_numpy(dtype=bool), name] = [printable(v) for v in col[bad]]
    return out
