"""The import steps the Incidents page drives: read (format + mapping for confirmation),
then write to the store with a progress callback; rejected rows shown in the user's language
and as a CSV to fix and import again."""
from __future__ import annotations

import pandas as pd

from fileio import csv_text
from i18n import column_label, field_label, reason_text
from incidents.importers import read_any
from ui import resources


def read_upload(data: bytes, filename: str, mapping: dict[str, str] | None = None):
    """``incidents.importers.read_any`` on uploaded bytes (raises ImportFileError)."""
    return read_any(data, filename=filename, mapping=mapping)


def mapping_frame(mapping: dict[str, str], lang: str = "en") -> pd.DataFrame:
    """The column mapping for confirmation: schema field, its label in ``lang``, and the
    file's column it is read from (the one the user may change)."""
    return pd.DataFrame({"schema": list(mapping),
                         "label": [column_label(f, lang) for f in mapping],
                         "file": list(mapping.values())})


def preview_columns(parsed) -> list[str]:
    """The preview's columns: the mapped fields, then the source and the place check the
    reader added (the store's own columns, still empty, are left out)."""
    cols = list(parsed.mapping)
    return cols + [c for c in ("source_dataset", "geo_precision") if c not in cols]


def run_import(parsed, filename: str, principal, progress=None):
    """Write a parsed file to the store (``progress(fraction, stage)`` told at each stage);
    returns the ImportReport."""
    res = resources.core()
    report = resources.store().import_parsed(parsed, engine=res.engine,
                                             gazetteer=res.gazetteer, file_name=filename,
                                             principal=principal, progress=progress)
    resources.bump_version()
    return report


def reasons_in(reasons: pd.Series, lang: str) -> pd.Series:
    """Reasons read back from the quarantine (keyed messages rebuilt from their key and
    params, or English as stored) in ``lang``, one by one: a keyed reason and a stored
    English text that read the same are different things."""
    if lang == "en" or reasons.empty:
        return reasons
    return pd.Series([reason_text(r, lang) if isinstance(r, str) else r for r in reasons],
                     index=reasons.index, dtype=object)


def rejected_frame(report, lang: str = "en") -> pd.DataFrame:
    """One row per rejected row: row number, field, reason (field and reason in ``lang``),
    and the raw values as ``raw:<column>``."""
    rows = [{"row_number": r.row_number, "field": r.field,
             "reason": reason_text(r.reason, lang),  # from its key, before pandas sees it
             **{f"raw:{k}": v for k, v in (r.raw or {}).items()}} for r in report.rejected]
    out = pd.DataFrame(rows, columns=None if rows else ["row_number", "field", "reason"])
    if lang != "en" and len(out):
        out["field"] = out["field"].map(lambda f: field_label(f, lang) if f else f)
    return out


def rejected_csv(report, lang: str = "en") -> str:
    """The rejected rows as a CSV to fix and import again: the original cells under their
    own column names, then ``rejected_row``, ``rejected_field`` and ``rejected_reason`` (the
    English reason as the importer wrote it) and, for another ``lang``, the reason in that
    language (``rejected_reason_ru``). The added columns land in ``extra`` on re-import.
    Text cells that a spreadsheet would run as a formula get a leading ``'``."""
    rows = []
    for r in report.rejected:
        row = dict(r.raw or {})
        row.update(rejected_row=r.row_number, rejected_field=r.field, rejected_reason=r.reason)
        if lang != "en":
            row[f"rejected_reason_{lang}"] = reason_text(r.reason, lang)
        rows.append(row)
    return csv_text(pd.DataFrame(rows))  # as the CLI's
