"""Which importer a file needs: from its name, its first bytes and its header."""
from __future__ import annotations

from incidents.importers.result import ImportFileError
from incidents.importers.source import RawTable
from incidents.messages import Msg

FORMATS = ("acled", "ucdp", "kobo", "table", "geojson", "gpkg")
ACLED_ID = "event_id_cnty"
ACLED_MARKERS = {"event_id_cnty", "event_date", "sub_event_type", "latitude", "longitude"}
UCDP_MARKERS = {"where_prec", "date_prec", "best", "side_a", "date_start"}
KOBO_MARKERS = {"_uuid", "_submission_time", "_validation_status", "_index", "__version__"}


def container_format(data: bytes, filename: str) -> str | None:
    """'geojson', 'gpkg', 'xlsx' or None (a delimited text file) from name and magic bytes."""
    lower = filename.lower()
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"SQLite format 3\x00") or lower.endswith(".gpkg"):
        return "gpkg"
    if lower.endswith((".geojson", ".json")) or head.startswith(b"{"):
        return "geojson"
    if lower.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if lower.endswith((".kml", ".kmz", ".xml", ".html", ".htm")) or head.startswith(
            (b"<?xml", b"<kml", b"<!DOCTYPE", b"<html", b"<HTML")):
        kind = "KML" if (lower.endswith((".kml", ".kmz")) or b"<kml" in data[:4096]) \
            else "XML/HTML"
        raise ImportFileError(Msg("import.not_table", file=filename, kind=kind))
    if lower.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(Msg("import.xls", file=filename))
    return None


def table_format(raw: RawTable) -> str:
    """acled, ucdp, kobo or table from the header of a CSV/XLSX table."""
    exact = {c.strip() for c in raw.frame.columns}
    if ACLED_ID in exact and len(ACLED_MARKERS & exact) >= 4:
        return "acled"  # only with ACLED's own id column (a generic file may share the rest)
    if len(UCDP_MARKERS & exact) >= 4:
        return "ucdp"
    if KOBO_MARKERS & exact:
        return "kobo"
    if any(c.startswith("_") and c.endswith("_latitude") for c in exact) and "_id" in exact:
        return "kobo"
    return "table"
