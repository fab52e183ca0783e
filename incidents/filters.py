"""One filter object shared by the app (URL query parameters), the CLI and the exports.

>>> flt, warnings = IncidentFilter.from_query_params({"categories": "water_dispute"})
>>> flt.apply(incidents)          # vectorised masks over a schema frame
>>> flt.describe()                # "Incidents in category water dispute (deleted excluded)."

Empty tuples mean "all". ``sides`` selects by the resolved side (``incidents.sides``) and
takes ``contested`` for incidents whose side is contested (selected whatever their side).
``geo_precisions`` uses the schema's 1–3 plus ``0`` for rows whose
place is unresolved (no precision). Severity: 0 no casualties reported or unknown,
1 injuries reported, 2 fatalities reported (see :func:`severity`).
"""
from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING

from incidents.messages import Msg
from incidents.schema import CATEGORIES, GEO_PRECISION, SENSITIVITIES, SIDES, VERIFICATION_STATUSES

if TYPE_CHECKING:  # pandas is imported where frames are filtered: the app's first paint
    import pandas as pd  # (ui.first_paint) parses a filter without paying for it

UNRESOLVED = 0  # geo_precisions value selecting rows without a precision (unresolved place)
SEVERITY_TEXT = {1: "with injuries or deaths reported", 2: "with deaths reported"}
CONTESTED = "contested"  # sides value selecting incidents whose side is contested
SIDE_CHOICES: tuple[str, ...] = (*SIDES, CONTESTED)
_VOCAB = {"categories": CATEGORIES, "sides": SIDE_CHOICES, "verification": VERIFICATION_STATUSES,
          "sensitivity": SENSITIVITIES}


class FilterError(ValueError):
    """Invalid filter values given on the command line (the message lists them)."""


def severity(df: pd.DataFrame) -> pd.Series:
    """Per-row severity: 2 fatalities > 0, 1 injuries > 0, else 0 (none or unknown)."""
    import numpy as np
    import pandas as pd
    deaths = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0).to_numpy() > 0
    hurt = pd.to_numeric(df["injuries"], errors="coerce").fillna(0).to_numpy() > 0
    return pd.Series(np.where(deaths, 2, np.where(hurt, 1, 0)), index=df.index, dtype="int64")


def _split(value: str | list[str] | tuple[str, ...]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [p.strip() for item in items for p in str(item).split(",") if p.strip()]


def _one(value: str | list[str]) -> str:
    items = _split(value) if not isinstance(value, str) else [value.strip()]
    return items[-1] if items else ""


@dataclass(frozen=True)
class IncidentFilter:
    """Filters over a schema frame; see the module docstring."""

    date_from: date | None = None
    date_to: date | None = None
    categories: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    min_severity: int = 0
    geo_precisions: tuple[int, ...] = ()
    verification: tuple[str, ...] = ()
    sensitivity: tuple[str, ...] = ()
    include_deleted: bool = False
    text: str = ""

    # --- applying ------------------------------------------------------------------------
    def mask(self, df: pd.DataFrame) -> pd.Series:
        """Boolean mask of the rows the filter keeps (vectorised)."""
        import pandas as pd
        keep = pd.Series(True, index=df.index)
        dates = pd.to_datetime(df["event_date"], errors="coerce")
        if self.date_from is not None:
            keep &= (dates >= pd.Timestamp(self.date_from)).fillna(False)
        if self.date_to is not None:
            keep &= (dates < pd.Timestamp(self.date_to) + pd.Timedelta(days=1)).fillna(False)
        if self.sides:  # resolved sides, or "contested" (side_contested true)
            sel = df["side"].astype(object).isin([s for s in self.sides if s != CONTESTED])
            if CONTESTED in self.sides and "side_contested" in df.columns:
                sel |= df["side_contested"].astype("boolean").fillna(False).astype(bool)
            keep &= sel.to_numpy(dtype=bool)
        for name, col in (("categories", "category"),
                          ("verification", "verification_status"),
                          ("sensitivity", "sensitivity")):
            wanted = getattr(self, name)
            if wanted:
                keep &= df[col].astype(object).isin(list(wanted)).to_numpy()
        if self.min_severity > 0:
            keep &= severity(df) >= self.min_severity
        if self.geo_precisions:
            gp = pd.to_numeric(df["geo_precision"], errors="coerce")
            sel = gp.isin([p for p in self.geo_precisions if p != UNRESOLVED])
            if UNRESOLVED in self.geo_precisions:
                sel |= gp.isna()
            keep &= sel.to_numpy()
        if not self.include_deleted and "deleted" in df.columns:
            keep &= ~df["deleted"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if self.text.strip():
            needle = self.text.strip().lower()
            hit = pd.Series(False, index=df.index)
            for col in ("location", "notes"):
                if col in df.columns:
                    hit |= df[col].astype("string").str.lower().str.contains(
                        needle, regex=False).fillna(False).to_numpy(dtype=bool)
            keep &= hit
        return keep

    def apply(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``df`` (a schema frame) that pass the filter."""
        return df[self.mask(df).to_numpy(dtype=bool)]

    # --- URL query parameters -------------------------------------------------------------
    def to_query_params(self) -> dict[str, str]:
        """Non-default fields as strings (lists comma-joined); inverse of from_query_params."""
        out: dict[str, str] = {}
        default = IncidentFilter()
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            if isinstance(value, date):
                out[f.name] = value.isoformat()
            elif isinstance(value, tuple):
                out[f.name] = ",".join(str(v) for v in value)
            elif isinstance(value, bool):
                out[f.name] = "1"
            else:
                out[f.name] = str(value)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]
                          ) -> tuple[IncidentFilter, list[Msg]]:
        """Build a filter from query parameters; invalid values are ignored and reported.

        Returns (filter, warnings): keyed messages (:class:`incidents.messages.Msg`, each its
        English text). Unknown keys are ignored silently (other pages' state).
        """
        warnings: list[Msg] = []
        kw: dict[str, object] = {}
        for key in ("date_from", "date_to"):
            if key in params and _one(params[key]):
                raw = _one(params[key])
                try:
                    kw[key] = date.fromisoformat(raw)
                except ValueError:
                    warnings.append(Msg("filter.not_date", param=key, value=raw))
        for key, allowed in _VOCAB.items():
            if key in params:
                good = []
                for v in _split(params[key]):
                    if v in allowed:
                        if v not in good:
                            good.append(v)
                    else:
                        warnings.append(Msg("filter.not_listed", param=key, value=v,
                                            allowed=", ".join(allowed)))
                kw[key] = tuple(good)
        if "geo_precisions" in params:
            good_p: list[int] = []
            for v in _split(params["geo_precisions"]):
                if v.isdigit() and (int(v) in GEO_PRECISION or int(v) == UNRESOLVED):
                    if int(v) not in good_p:
                        good_p.append(int(v))
                else:
                    warnings.append(Msg("filter.not_precision", param="geo_precisions", value=v))
            kw["geo_precisions"] = tuple(good_p)
        if "min_severity" in params and _one(params["min_severity"]):
            raw = _one(params["min_severity"])
            if raw in ("0", "1", "2"):
                kw["min_severity"] = int(raw)
            else:
                warnings.append(Msg("filter.not_severity", param="min_severity", value=raw))
        if "include_deleted" in params:
            raw = _one(params["include_deleted"]).lower()
            if raw in ("1", "true", "yes", "0", "false", "no", ""):
                kw["include_deleted"] = raw in ("1", "true", "yes")
            else:
                warnings.append(Msg("filter.not_flag", param="include_deleted", value=raw))
        if "text" in params:
            value = params["text"]
            kw["text"] = (value if isinstance(value, str) else " ".join(value)).strip()[:200]
        flt = cls(**kw)
        if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
            warnings.append(Msg("filter.dates_swapped", first="date_from", second="date_to"))
            flt = replace(flt, date_from=flt.date_to, date_to=flt.date_from)
        return flt, warnings

    # --- command line ---------------------------------------------------------------------
    @staticmethod
    def add_cli_arguments(parser: argparse.ArgumentParser) -> None:
        """Add the filter options (--from, --to, --category, ...) to ``parser``."""
        g = parser.add_argument_group("filters")
        g.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                       help="first day included")
        g.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day included")
        g.add_argument("--category", dest="categories", action="append", default=[],
                       help=f"repeatable or comma-separated: {', '.join(CATEGORIES)}")
        g.add_argument("--side", dest="sides", action="append", default=[],
                       help=f"repeatable or comma-separated: {', '.join(SIDE_CHOICES)} "
                            "(the resolved side; 'contested': the side is contested)")
        g.add_argument("--min-severity", dest="min_severity", type=int, default=0,
                       choices=(0, 1, 2), help="1 injuries reported, 2 deaths reported")
        g.add_argument("--precision", dest="geo_precisions", action="append", default=[],
                       help="geo precision 1, 2, 3 or 0 for unresolved places")
        g.add_argument("--verification", action="append", default=[],
                       help=f"repeatable or comma-separated: {', '.join(VERIFICATION_STATUSES)}")
        g.add_argument("--sensitivity", action="append", default=[],
                       help=f"repeatable or comma-separated: {', '.join(SENSITIVITIES)}")
        g.add_argument("--include-deleted", dest="include_deleted", action="store_true")
        g.add_argument("--text", default="", help="search in location names and notes")

    @classmethod
    def from_cli_args(cls, ns: argparse.Namespace) -> IncidentFilter:
        """Build the filter from parsed arguments; raises :class:`FilterError` on bad values."""
        params: dict[str, str | list[str]] = {}
        for f in fields(cls):
            value = getattr(ns, f.name, None)
            if value in (None, "", [], False):
                continue
            params[f.name] = [str(v) for v in value] if isinstance(value, list) else \
                ("1" if value is True else str(value))
        flt, warnings = cls.from_query_params(params)
        if warnings:
            raise FilterError("; ".join(warnings))
        return flt

    # --- words ----------------------------------------------------------------------------
    def conditions(self) -> list[tuple[str, dict]]:
        """The filter's conditions in the order a description names them, as (kind, values)
        with codes, not words (each language words them: :meth:`describe`,
        ``i18n.filter_text``): ``dates`` (``start``/``end``, a ``date`` or None), ``categories``,
        ``sides`` (``codes`` without ``contested``, ``contested``: bool), ``severity``
        (``level``), ``precisions``, ``verification``, ``sensitivity`` (``codes``), ``text``."""
        out: list[tuple[str, dict]] = []
        if self.date_from or self.date_to:
            out.append(("dates", {"start": self.date_from, "end": self.date_to}))
        if self.categories:
            out.append(("categories", {"codes": self.categories}))
        if self.sides:
            out.append(("sides", {"codes": tuple(s for s in self.sides if s != CONTESTED),
                                  "contested": CONTESTED in self.sides}))
        if self.min_severity:
            out.append(("severity", {"level": self.min_severity}))
        if self.geo_precisions:
            out.append(("precisions", {"codes": self.geo_precisions}))
        if self.verification:
            out.append(("verification", {"codes": self.verification}))
        if self.sensitivity:
            out.append(("sensitivity", {"codes": self.sensitivity}))
        if self.text.strip():
            out.append(("text", {"text": self.text.strip()}))
        return out

    def describe(self) -> str:
        """The filters as one plain-English sentence, for map footers and export notes
        (in Russian: ``i18n.filter_text``)."""
        parts = [_english(kind, v) for kind, v in self.conditions()]
        head = "Incidents " + "; ".join(parts) if parts else "All incidents"
        tail = " (deleted included)" if self.include_deleted else " (deleted excluded)"
        return head + tail + "."


def _english(kind: str, v: dict) -> str:
    """One of :meth:`IncidentFilter.conditions` in English."""
    fmt = "%d %b %Y"
    if kind == "dates":
        start, end = (d.strftime(fmt) if d else None for d in (v["start"], v["end"]))
        return f"from {start} to {end}" if start and end else \
            f"from {start}" if start else f"up to {end}"
    if kind == "categories":
        names = ", ".join(c.replace("_", " ") for c in v["codes"])
        return f"in {'category' if len(v['codes']) == 1 else 'categories'} {names}"
    if kind == "sides":
        said = [f"on side {', '.join(v['codes'])}"] if v["codes"] else []
        return " or ".join(said + (["whose side is contested"] if v["contested"] else []))
    if kind == "severity":
        return SEVERITY_TEXT[v["level"]]
    if kind == "precisions":
        names = [GEO_PRECISION.get(p, "unresolved place") for p in v["codes"]]
        return f"with location precision {', '.join(names)}"
    if kind in ("verification", "sensitivity"):
        word = "verification status" if kind == "verification" else kind
        return f"with {word} {', '.join(v['codes'])}"
    return f"mentioning '{v['text']}'"
