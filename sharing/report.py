"""What a public export did to the data, in words a reader understands.

Every public export (files, maps, briefs) carries one :class:`ProtectionReport`: GeoJSON as
a top-level ``"protection"`` member, CSV as a sidecar, GPKG as a metadata table, XLSX as a
second sheet, maps and briefs in the footer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    reduced_fields : column → what was done to it.
    actions : plain-language sentences, in the order the steps ran.
    warnings : plain-language warnings (PII found, rows withheld, ...).
    pii_rows : event_id → PII kinds found in its notes.
    """

    mode: str = "public"
    n_input: int = 0
    n_output: int = 0
    location: str = "exact"
    hex_m: float | None = None
    date_coarsen: str | None = None
    dropped_fields: list[str] = field(default_factory=list)
    reduced_fields: dict[str, str] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pii_rows: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def internal(cls, n_rows: int) -> ProtectionReport:
        """The report of an internal export: nothing removed or generalised."""
        return cls(
            mode="internal", n_input=n_rows, n_output=n_rows, location="exact",
            actions=["INTERNAL export: records as stored, exact locations and dates, "
                     "personal fields included. For authorised staff only; do not share."],
        )

    def add(self, sentence: str) -> None:
        """Record one step, as a full sentence."""
        self.actions.append(sentence)

    def warn(self, sentence: str) -> None:
        """Record one warning, as a full sentence."""
        self.warnings.append(sentence)

    def headline(self) -> str:
        """One line for a map footer (English; ``i18n.protection_text`` gives other languages)."""
        from i18n import protection_text
        return protection_text(self, "en")

    def lines(self) -> list[str]:
        """The full report as plain-language lines (for sidecars, sheets and footers)."""
        out = [f"Export mode: {self.mode.upper()}.",
               f"Records in: {self.n_input}; rows out: {self.n_output}."]
        out += self.actions
        if self.dropped_fields:
            out.append("Fields removed: " + ", ".join(self.dropped_fields) + ".")
        for name, what in self.reduced_fields.items():
            out.append(f"Field '{name}': {what}")
        out += [f"WARNING: {w}" for w in self.warnings]
        return out

    def summary(self) -> str:
        """The report as one printable block (CLI output)."""
        return "\n".join(self.lines())

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
            "reduced_fields": dict(self.reduced_fields),
            "actions": list(self.actions),
            "warnings": list(self.warnings),
            "pii_rows": {k: list(v) for k, v in self.pii_rows.items()},
            "summary": self.headline(),
        }
