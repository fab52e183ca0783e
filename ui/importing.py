"""The import steps the Incidents page drives: read (format + mapping for confirmation),
then write to the store with a progress callback; rejected rows as CSV for download."""
from __future__ import annotations

import pandas as pd

from incidents.importers import read_any
from ui import resources


def read_upload(data: bytes, filename: str, mapping: dict[str, str] | None = None):
    """``incidents.importers.read_any`` on uploaded bytes (raises ImportFileError)."""
    return read_any(data, filename=filename, mapping=mapping)


def run_import(parsed, filename: str, user: str = "app"):
    """Write a parsed file to the store; returns the ImportReport."""
    res = resources.core()
    report = resources.store().import_parsed(parsed, engine=res.engine,
                                             gazetteer=res.gazetteer, file_name=filename,
                                             user=user)
    resources.bump_version()
    return report


def rejected_frame(report) -> pd.DataFrame:
    """One row per rejected row: row number, field, reason, and the raw values."""
    rows = [{"row_number": r.row_number, "field": r.field, "reason": r.reason,
             **{f"raw:{k}": v for k, v in (r.raw or {}).items()}} for r in report.rejected]
    return pd.DataFrame(rows, columns=None if rows else ["row_number", "field", "reason"])
