"""The import report: every row of an imported file accounted for.

``rows_read == inserted + updated + duplicates + len(rejected)`` always; the constructor
checks it, so a report that breaks the identity cannot exist.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


class AccountingError(AssertionError):
    """The import lost or double-counted rows (a bug, never a data problem)."""


@dataclass(frozen=True)
class RejectedEntry:
    """One rejected row: its 1-based row number in the file, the field and the reason."""

    row_number: int | None
    field: str | None
    reason: str
    raw: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    """Counts and details of one import (see module docstring for the identity)."""

    rows_read: int
    inserted: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: list[RejectedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flagged_possible_duplicates: int = 0
    outside_study_area: int = 0
    geocoded: int = 0
    unresolved: int = 0
    batch_id: str | None = None
    file_name: str | None = None
    format: str | None = None
    sha256: str | None = None
    timings_s: dict[str, float] = field(default_factory=dict)  # stage → seconds
    # names (incidents.geocode_review): each ambiguous / far name with its candidates, each
    # compound name with what it was resolved to; places learned, refused and waiting
    ambiguous_names: list[dict] = field(default_factory=list)
    far_names: list[dict] = field(default_factory=list)
    compound_names: list[dict] = field(default_factory=list)
    learned_places: list[dict] = field(default_factory=list)
    learn_refused: list[dict] = field(default_factory=list)
    learn_waiting: list[dict] = field(default_factory=list)
    encoding: str | None = None  # text encoding read (guessed unless UTF-8/UTF-16 BOM)
    encoding_confidence: float | None = None  # the guess's confidence, 0–1
    category_rules: dict[str, int] = field(default_factory=dict)  # "rule → category": rows
    sides: dict[str, int] = field(default_factory=dict)  # side basis / contested: rows

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Raise :class:`AccountingError` unless the accounting identity holds."""
        total = self.inserted + self.updated + self.duplicates + len(self.rejected)
        if total != self.rows_read:
            raise AccountingError(
                f"rows read {self.rows_read} != inserted {self.inserted} + updated "
                f"{self.updated} + duplicates {self.duplicates} + rejected {len(self.rejected)}"
            )

    def to_dict(self) -> dict:
        """Plain dict (JSON-serialisable)."""
        out = asdict(self)
        out["rejected_count"] = len(self.rejected)
        return out

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON (rejected rows with number, field, reason and raw values)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)
