"""Vector files a person supplied, read with GDAL (pyogrio) only as GeoJSON or GeoPackage.

GDAL picks its driver from a file's content, and some formats name other data sources: an
OGR VRT (XML) opens any path or URL the server can reach (``/etc/passwd``, the store's own
SQLite file, ``/vsicurl/http://…``), so a file named ``.geojson`` could read the server's
files or make it fetch addresses. The bytes are therefore checked first:

- GeoJSON: text that begins with ``{`` and ends with ``}`` (after an optional UTF-8
  byte-order mark, around white space), as a JSON object does: GDAL then chooses among its
  JSON drivers (GeoJSON, ESRI JSON, TopoJSON, JSON-FG), which read only the bytes given
  (not parsed here a second time: a large file would cost memory);
- GeoPackage: a SQLite file (``SQLite format 3``) whose application id says GeoPackage
  (``GPKG``, or ``GP10``/``GP11`` of the first versions), so GDAL's GeoPackage driver opens it,
  not the generic SQLite one;

anything else is refused with :class:`UnsupportedVectorFile` before GDAL sees it.
"""
from __future__ import annotations

import io
import warnings

SQLITE_MAGIC = b"SQLite format 3\x00"
GPKG_APPLICATION_IDS = (b"GPKG", b"GP10", b"GP11")  # header bytes 68–71


class UnsupportedVectorFile(ValueError):
    """The bytes are neither a GeoJSON object nor a GeoPackage (the reason in words)."""


def vector_kind(data: bytes) -> str | None:
    """``"geojson"``, ``"gpkg"`` or None (anything else, a VRT or a plain SQLite file too)."""
    if data[:16] == SQLITE_MAGIC:
        return "gpkg" if data[68:72] in GPKG_APPLICATION_IDS else None
    text = (data[3:] if data[:3] == b"\xef\xbb\xbf" else data).strip()
    return "geojson" if text[:1] == b"{" and text[-1:] == b"}" else None


def read_vector(data: bytes):
    """``(layer names, GeoDataFrame of the first layer)`` of GeoJSON or GeoPackage bytes;
    :class:`UnsupportedVectorFile` for other content (checked before GDAL opens it)."""
    import pyogrio

    if vector_kind(data) is None:
        raise UnsupportedVectorFile("the content is not a GeoJSON object or a GeoPackage")
    with warnings.catch_warnings():  # in-memory GPKG: "non conformant file extension"
        warnings.filterwarnings("ignore", message=".*non conformant file extension")
        layers = pyogrio.list_layers(io.BytesIO(data))
        frame = pyogrio.read_dataframe(io.BytesIO(data))
    return layers, frame
