"""What a public export did to the data, in words a reader understands.

Every public export (files, maps, briefs) carries one :class:`ProtectionReport`: GeoJSON as
a top-level ``"protection"`` member, CSV as a sidecar, GPKG as a metadata table, XLSX as a
second sheet, maps and briefs in the footer.

Each sentence is a :class:`Step`: a key of i18n's tables (``prot.*``,
``i18n.strings_protection``) with its values, equal to its English text; :meth:`lines`
renders the report in English or Russian.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from i18n import protection_text, t
from incidents.messages import Keyed


class Step(Keyed):
    """One keyed sentence of a report: a :class:`~incidents.messages.Keyed` text whose key is
    one of i18n's tables (``prot.*``), rendered in any language by :meth:`text`. A param that
    is a Step is rendered in the same language; a tuple of Steps as a comma-separated list."""

    @classmethod
    def english(cls, key: str, params: dict[str, Any]) -> str:
        return _render(key, "en", params)

    def text(self, lang: str = "en") -> str:
        """The sentence in ``lang`` ("en" or "ru")."""
        return _render(self.key, lang, dict(self.params))


def _render(key: str, lang: str, values: dict[str, Any]) -> str:
    def one(v: Any) -> Any:
        if isinstance(v, Step):
            return v.text(lang)
        if isinstance(v, tuple):
            return ", ".join(str(one(x)) for x in v)
        return v
    return t(key, lang, **{k: one(v) for k, v in values.items()})


@dataclass
class ProtectionReport:
    """The protection applied to one export.

    Attributes
    ----------
    mode : "public" or "internal".
    n_input, n_output : rows in and rows out (output rows may be aggregates).
    location : how locations were generalised ("settlement", "hex", or "exact").
    hex_m : hex cell size in metres (METRIC_CRS) when hexes were used.
    date_coarsen : None, "week" or "month".
    dropped_fields : columns removed entirely.
    reduced_fields : column → what was done to it (a :class:`Step`).
    actions : the steps that ran, in order (:class:`Step` sentences).
    warnings : warnings (PII found, rows withheld, ...), as :class:`Step` sentences.
    pii_rows : event_id → PII kinds found in its notes.
    """

    mode: str = "public"
    n_input: int = 0
    n_output: int = 0
    location: str = "exact"
    hex_m: float | None = None
    date_coarsen: str | None = None
    dropped_fields: list[str] = field(default_factory=list)
    reduced_fields: dict[str, Step] = field(default_factory=dict)
    actions: list[Step] = field(default_factory=list)
    warnings: list[Step] = field(default_factory=list)
    pii_rows: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def internal(cls, n_rows: int) -> ProtectionReport:
        """The report of an internal export: nothing removed or generalised."""
        return cls(
            mode="internal", n_input=n_rows, n_output=n_rows, location="exact",
            actions=[Step("prot.step.internal")],
        )

    def add(self, key: str, **values: Any) -> None:
        """Record one step: the sentence ``prot.step.<key>`` with ``values``."""
        self.actions.append(Step(f"prot.step.{key}", **values))

    def warn(self, key: str, **values: Any) -> None:
        """Record one warning: the sentence ``prot.step.<key>`` with ``values``."""
        self.warnings.append(Step(f"prot.step.{key}", **values))

    def reduce(self, name: str, key: str, **values: Any) -> None:
        """Say what was done to the field ``name``: ``prot.field.<key>`` with ``values``."""
        self.reduced_fields[name] = Step(f"prot.field.{key}", **values)

    def headline(self) -> str:
        """One line for a map footer (English; ``i18n.protection_text`` gives other languages)."""
        return protection_text(self, "en")

    def lines(self, lang: str = "en") -> list[str]:
        """The full report as plain-language lines in ``lang`` (for sidecars, sheets and
        footers)."""
        mode = self.mode if self.mode in ("public", "internal") else "internal"
        out = [t("prot.line.mode", lang, mode=t(f"prot.mode.{mode}", lang)),
               t("prot.line.counts", lang, n_in=self.n_input, n_out=self.n_output)]
        out += [s.text(lang) for s in self.actions]
        if self.dropped_fields:
            out.append(t("prot.line.dropped", lang, fields=", ".join(self.dropped_fields)))
        for name, what in self.reduced_fields.items():
            out.append(t("prot.line.field", lang, name=name, what=what.text(lang)))
        out += [t("prot.line.warning", lang, text=w.text(lang)) for w in self.warnings]
        return out

    def summary(self, lang: str = "en") -> str:
        """The report as one printable block (CLI output)."""
        return "\n".join(self.lines(lang))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (for GeoJSON / GPKG metadata)."""
        return {
            "mode": self.mode,
            "n_input": self.n_input,
            "n_output": self.n_output,
            "location": self.location,
            "hex_m": self.hex_m,
            "date_coarsen": self.date_coarsen,
            "dropped_fields": list(self.dropped_fields),
            "reduced_fields": {k: str(v) for k, v in self.reduced_fields.items()},
            "actions": [str(s) for s in self.actions],
            "warnings": [str(s) for s in self.warnings],
            "pii_rows": {k: list(v) for k, v in self.pii_rows.items()},
            "summary": self.headline(),
        }
