"""Exports: :func:`export` (public by default) and :func:`export_bytes` for the app.

Public mode protects the rows (:mod:`sharing.protect`), writes them with
:func:`incidents.format_writers.write_file` (which also neutralises spreadsheet formulas) and adds
the protection report to each format:

- GeoJSON: a top-level ``"protection"`` member (the report's dict);
- CSV: a sidecar ``<name>.protection.txt`` next to the file (a comment line would break
  spreadsheet and pandas readers);
- GPKG: an attribute table ``protection`` (one line per row), registered in
  ``gpkg_contents`` so QGIS lists it;
- XLSX: a second sheet ``protection``;
- KML: the report as the document's ``<description>``.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from fileio import atomic_path, atomic_write, guard_text, product_filename, xml_text
from i18n import protection_text
from incidents.access import PUBLIC, Principal, as_principal
from incidents.format_writers import ExportError, check_format, write_file
from sharing.protect import ProtectionOptions, protect_for_public
from sharing.report import ProtectionReport


def sidecar_path(path: str | Path) -> Path:
    """Where the CSV protection report goes: ``data.csv`` → ``data.protection.txt``."""
    p = Path(path)
    return p.with_name(p.stem + ".protection.txt")


def export(df: pd.DataFrame, fmt: str, path: str | Path, mode: str = "public",
           engine=None, options=None, *, principal: Principal = PUBLIC, lang: str = "en"):
    """Write incidents to ``path`` as ``fmt`` (one of :data:`FORMATS`).

    Parameters
    ----------
    df : incident rows (schema columns; lon/lat EPSG:4326), as ``principal`` read them
        from the store.
    mode : "public" (the default) protects the rows first (needs ``engine``, a
        ``geo.engine.BorderEngine``); "internal" writes the rows as they are and needs the
        ``export_internal`` right (member and above).
    options : ``sharing.protect.ProtectionOptions`` for public mode.
    principal : the acting :class:`~incidents.access.Principal`.
    lang : language of the protection report written with a public file ("en", "ru").

    Returns
    -------
    The ``ProtectionReport`` in public mode, else None.
    """
    fmt = check_format(fmt, mode)
    if mode == "internal":
        as_principal(principal).require("export_internal")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "public":
        if engine is None:
            raise ExportError("public mode needs the border engine")
        return export_public(df, fmt, path, engine, options, lang=lang)
    write_file(df, fmt, path)
    return None


def export_public(df: pd.DataFrame, fmt: str, path: str | Path, engine: Any,
                  options: ProtectionOptions | None = None, *, lang: str = "en"
                  ) -> ProtectionReport:
    """Protect ``df`` for the public and write it as ``fmt`` to ``path``.

    Parameters
    ----------
    df : incident rows (``incidents.schema`` columns).
    fmt : csv, geojson, gpkg, kml or xlsx.
    engine : the border engine (see :func:`sharing.protect.protect_for_public`).
    options : protection options (default: 2 km hexes).
    lang : language of the report's lines in the file ("en", "ru"; GeoJSON's machine-readable
        ``protection`` member keeps English keys and sentences, plus ``lines`` in ``lang``).

    Returns
    -------
    The :class:`ProtectionReport`, also written into the file's metadata.
    """
    protected, report = protect_for_public(df, engine, options)
    write_file(protected, fmt, path)  # already protected: write as is
    embed_report(path, fmt, report, lang)
    return report


def export_bytes(df: pd.DataFrame, fmt: str, engine: Any = None, mode: str = "public",
                 options: ProtectionOptions | None = None, name: str = "incidents",
                 date: dt.date | None = None, *, principal: Principal = PUBLIC,
                 lang: str = "en") -> tuple[bytes, str, ProtectionReport | None]:
    """An export as bytes for a download button: ``(data, file name, report)``.

    ``mode`` "public" (the default) protects the rows first (needs ``engine``); its CSV
    comes as a ZIP holding the CSV and its ``.protection.txt`` sidecar, so the report
    travels with the data. "internal" writes the rows as stored (report None) and needs
    ``principal`` to hold the ``export_internal`` right (member and above). File names:
    ``KGZ-TJK_<name>_<mode>_<YYYYMMDD>.<ext>``.
    """
    date = date or dt.date.today()
    stem = product_filename(name, mode, date, fmt).rsplit(".", 1)[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{stem}.{fmt}"
        if mode != "public":
            export(df, fmt, path, mode=mode, principal=principal)
            return path.read_bytes(), path.name, None
        report = export_public(df, fmt, path, engine, options, lang=lang)
        if fmt != "csv":
            return path.read_bytes(), path.name, report
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in (path, sidecar_path(path)):
                zf.writestr(zipfile.ZipInfo(p.name, date_time=(date.year, date.month,
                                                               date.day, 0, 0, 0)),
                            p.read_bytes())
        return buf.getvalue(), f"{stem}.zip", report


def embed_report(path: str | Path, fmt: str, report: ProtectionReport,
                 lang: str = "en") -> None:
    """Write ``report`` (its lines in ``lang``) into the metadata of an exported file (see
    module docstring)."""
    path = Path(path)
    fmt = fmt.lower()
    if fmt == "geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["protection"] = {**report.to_dict(), "lines": report.lines(lang)}
        atomic_write(path, json.dumps(doc, ensure_ascii=False, default=str))
    elif fmt == "csv":
        atomic_write(sidecar_path(path), "\n".join(report.lines(lang)) + "\n")
    elif fmt == "gpkg":
        _gpkg_table(path, report, lang)
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb.create_sheet("protection")
        for line in report.lines(lang):
            ws.append([guard_text(xml_text(line))])
        with atomic_path(path) as tmp:
            wb.save(tmp)
    elif fmt == "kml":
        text = path.read_text(encoding="utf-8")
        desc = "<description>" + escape(xml_text("\n".join(report.lines(lang)))) + \
            "</description>"
        atomic_write(path, text.replace("<Document>", "<Document>" + desc, 1))
    else:
        raise ValueError(f"cannot embed a protection report in format {fmt!r}")


def _gpkg_table(path: Path, report: ProtectionReport, lang: str = "en") -> None:
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute("DROP TABLE IF EXISTS protection")
            con.execute("CREATE TABLE protection (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "line TEXT NOT NULL)")
            con.executemany("INSERT INTO protection (line) VALUES (?)",
                            [(line,) for line in report.lines(lang)])
            con.execute("DELETE FROM gpkg_contents WHERE table_name = 'protection'")
            con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                        "description) VALUES ('protection', 'attributes', 'protection', ?)",
                        (protection_text(report, lang),))
    finally:
        con.close()
