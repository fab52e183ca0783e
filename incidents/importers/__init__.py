"""Import incident files of every layout users bring into the schema of
:mod:`incidents.schema`, with every row accounted for.

>>> parsed = read_any("export.csv")             # format detected
>>> parsed.rows_read == len(parsed.frame) + len(parsed.rejected)
True

Formats: ``acled``, ``ucdp``, ``kobo``, ``table`` (CSV/XLSX, English or Russian headers),
``geojson``, ``gpkg``. File-level problems raise :class:`ImportFileError`; row-level ones
become :class:`RejectedRow` entries (row number as a spreadsheet counts it: header = 1).
"""
from __future__ import annotations

from pathlib import Path

from incidents.importers import acled, kobo, table, ucdp, vector
from incidents.importers.detect import FORMATS, container_format, table_format
from incidents.importers.result import ImportFileError, ParsedImport, RejectedRow
from incidents.importers.source import RawTable, load_bytes, read_delimited, read_xlsx
from incidents.messages import Msg

__all__ = ["FORMATS", "ImportFileError", "ParsedImport", "RejectedRow", "detect_format",
           "read_any"]
_TABLE_PARSERS = {"acled": acled.parse, "ucdp": ucdp.parse, "kobo": kobo.parse,
                  "table": table.parse}


def _read_table(data: bytes, name: str, container: str | None) -> RawTable:
    if not data.strip():
        raise ImportFileError(Msg("import.empty", file=name))
    return read_xlsx(data, name) if container == "xlsx" else read_delimited(data, name)


def detect_format(path_or_bytes: Path | str | bytes, filename: str | None = None) -> str:
    """Guess the format (one of :data:`FORMATS`) from the name, magic bytes and header."""
    data, name = load_bytes(path_or_bytes, filename)
    container = container_format(data, name)
    if container in ("geojson", "gpkg"):
        return container
    return table_format(_read_table(data, name, container))


def read_any(source: Path | str | bytes, fmt: str = "auto",
             mapping: dict[str, str] | None = None, filename: str | None = None,
             source_dataset: str | None = None) -> ParsedImport:
    """Read an incident file of any supported format.

    Parameters
    ----------
    source : path or the file's bytes (then give ``filename`` for messages and extension).
    fmt : ``auto`` or one of :data:`FORMATS`.
    mapping : schema field → source column, overriding the detected column mapping.
    source_dataset : ``source_dataset`` for table/GeoJSON/GPKG rows (default "internal");
        ACLED, UCDP and KoBo rows always get "acled", "ucdp", "kobo".
    """
    if fmt != "auto" and fmt not in FORMATS:
        raise ImportFileError(Msg("import.unknown_format", value=str(fmt),
                                  allowed=", ".join(FORMATS)))
    data, name = load_bytes(source, filename)
    if not data.strip():
        raise ImportFileError(Msg("import.empty", file=name))
    container = container_format(data, name)
    if fmt in ("geojson", "gpkg") or (fmt == "auto" and container in ("geojson", "gpkg")):
        return vector.parse(data, name, container if fmt == "auto" else fmt, mapping,
                            source_dataset)
    if container in ("geojson", "gpkg"):
        raise ImportFileError(Msg("import.container_format", file=name, container=container,
                                  value=str(fmt)))
    raw = _read_table(data, name, container)
    chosen = table_format(raw) if fmt == "auto" else fmt
    return _TABLE_PARSERS[chosen](raw, mapping, source_dataset)
