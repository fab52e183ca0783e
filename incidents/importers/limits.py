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
from incidents.messages import Msg

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
        raise ImportFileError(Msg("import.bad_xlsx", file=name, detail=str(exc))) from exc
    if expanded > MAX_XLSX_EXPANDED_MB * 1_000_000:
        raise ImportFileError(Msg("import.xlsx_expands", file=name, mb=expanded / 1e6,
                                  limit=MAX_XLSX_EXPANDED_MB, compressed=len(data) / 1e6))


def check_rows(n_rows: int, n_columns: int, name: str) -> None:
    """Refuse more than :data:`MAX_ROWS` data rows or :data:`MAX_CELLS` cells."""
    if n_rows > MAX_ROWS:
        raise ImportFileError(Msg("import.too_many_rows", file=name, limit=MAX_ROWS))
    if n_rows * max(n_columns, 1) > MAX_CELLS:
        raise ImportFileError(Msg("import.too_many_cells", file=name, rows=n_rows,
                                  columns=n_columns, limit=MAX_CELLS))
