"""Row-checked CSV tables of the store besides incidents (the community registry, actions):
one problem type naming (row, field, reason), the import result that hands rejected rows
back to fix, and the formula guards and atomic writes of :mod:`fileio` on the way in and out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from fileio import atomic_write, csv_text, restore_formulas
from incidents.importers.encoding import clean_frame

MAX_ROWS = 100_000  # a registry or action table is hundreds of rows; more is a wrong file


@dataclass(frozen=True)
class RowIssue:
    """One validation problem: ``row`` is the CSV line number (header = 1) or frame position."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field '{self.field}': {self.reason}"


class RowValidationError(ValueError):
    """Raised when records given to a store are invalid; ``issues`` lists every problem."""

    def __init__(self, issues: list[RowIssue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues))


@dataclass
class RowsImport:
    """Result of reading a checked CSV: valid rows and the problems of the others
    (``raw``: the file's cells as read, so the rejected rows can be handed back)."""

    frame: pd.DataFrame
    issues: list[RowIssue] = field(default_factory=list)
    rejected_rows: list[int] = field(default_factory=list)
    raw: pd.DataFrame | None = None

    def rejected_csv(self) -> str:
        """The rejected rows as a CSV to fix and import again: their own cells, then
        ``rejected_row`` (CSV line) and ``rejected_reason`` (every problem of the row)."""
        if self.raw is None or not self.rejected_rows:
            return ""
        why: dict[int, list[str]] = {}
        for issue in self.issues:
            why.setdefault(issue.row, []).append(f"{issue.field}: {issue.reason}")
        lines = [r for r in self.rejected_rows if 0 <= r - 2 < len(self.raw)]
        out = self.raw.iloc[[r - 2 for r in lines]].copy()
        out["rejected_row"] = lines
        out["rejected_reason"] = ["; ".join(why.get(r, [])) for r in lines]
        return csv_text(out)


class TooManyRowsError(ValueError):
    """The file has more rows than such a table can sensibly hold."""


def read_guarded_csv(path: str | Path | IO[bytes], max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """A CSV (UTF-8, BOM allowed; a path or a binary file) as text cells, with the formula
    guard of our own exports and NUL/control characters removed. Raises
    :class:`TooManyRowsError` beyond ``max_rows`` (only ``max_rows + 1`` rows are read)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                      nrows=max_rows + 1)
    if len(raw) > max_rows:
        raise TooManyRowsError(f"the file has more than {max_rows} rows; nothing imported")
    return restore_formulas(clean_frame(raw)[0])


def guarded_csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text with formula-like text cells guarded (:func:`fileio.csv_text`);
    :func:`read_guarded_csv` reads it back."""
    return csv_text(frame)


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically (:func:`fileio.atomic_write`)."""
    return atomic_write(path, text)
