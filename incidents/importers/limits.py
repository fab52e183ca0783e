"""Resource limits of imports (documented in docs/import-formats.md, "Limits").

A file that breaks a limit is refused as a whole with a message naming the limit, before
memory or the quarantine fill up (a 1.7 MB XLSX expanding to 3 M rows took 6.2 GB).

- :data:`MAX_UPLOAD_MB`: largest upload in the app (``server.maxUploadSize`` in
  ``.streamlit/config.toml`` says the same; Streamlit refuses bigger files).
- :data:`MAX_ROWS`: data rows per file; :data:`MAX_CELLS`: rows × columns.
- :data:`MAX_CELL_CHARS`: characters in one cell.
- :data:`MAX_XLSX_EXPANDED_MB`: total uncompressed size of an XLSX workbook's parts, checked
  from the zip directory before the workbook is opened.
"""
from __future__ import annotations

import io
import zipfile

from incidents.importers.result import ImportFileError

MAX_UPLOAD_MB = 50
MAX_ROWS = 1_000_000
MAX_CELLS = 40_000_000
MAX_CELL_CHARS = 100_000
MAX_XLSX_EXPANDED_MB = 400


def check_xlsx_size(data: bytes, name: str) -> None:
    """Refuse a workbook whose parts expand beyond :data:`MAX_XLSX_EXPANDED_MB`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(f"{name}: not an XLSX workbook ({exc})") from exc
    if expanded > MAX_XLSX_EXPANDED_MB * 1_000_000:
        raise ImportFileError(
            f"{name}: the workbook expands to {expanded / 1e6:,.0f} MB, more than the limit "
            f"of {MAX_XLSX_EXPANDED_MB} MB ({len(data) / 1e6:,.1f} MB compressed); split it "
            "into smaller files or save the sheet as CSV")


def check_rows(n_rows: int, n_columns: int, name: str) -> None:
    """Refuse more than :data:`MAX_ROWS` data rows or :data:`MAX_CELLS` cells."""
    if n_rows > MAX_ROWS:
        raise ImportFileError(f"{name}: more than {MAX_ROWS:,} data rows (the limit per "
                              "file); split it into smaller files")
    if n_rows * max(n_columns, 1) > MAX_CELLS:
        raise ImportFileError(
            f"{name}: {n_rows:,} rows × {n_columns:,} columns is more than the limit of "
            f"{MAX_CELLS:,} cells; drop unused columns or split the file")
