"""Reading a CSV or XLSX file into a table of text cells, with nothing lost.

Every cell stays text (``""`` when empty) so the format modules decide what it means.
Encodings tried in order: UTF-16 (when a UTF-16 BOM is present), UTF-8 (with or without BOM,
strict), then cp1251 (Russian-language Windows). Delimiters sniffed among ``, ; TAB |``.
Rows with more non-empty cells than the header, or fewer cells than the header, are rejected
with their row number (a shifted cell would land in the wrong column); extra *empty* trailing
cells are tolerated. Blank records are skipped but still counted for row numbering.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from incidents.importers.result import ImportFileError, RejectedRow

DELIMITERS = (",", ";", "\t", "|")


@dataclass
class RawTable:
    """Text cells of one sheet. ``frame`` has unique column names; ``row_numbers`` aligned."""

    name: str
    frame: pd.DataFrame
    row_numbers: pd.Series
    rejected: list[RejectedRow] = field(default_factory=list)
    encoding: str = ""
    delimiter: str | None = None
    warnings: list[str] = field(default_factory=list)


def load_bytes(source: Path | str | bytes, filename: str | None = None) -> tuple[bytes, str]:
    """Return the file's bytes and a display name (``filename`` or the path's name)."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or "<uploaded file>"
    path = Path(source)
    if not path.is_file():
        raise ImportFileError(f"{path}: file not found")
    return path.read_bytes(), filename or path.name


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-16 (BOM), UTF-8 (BOM optional) or cp1251; return (text, encoding)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{name}: unreadable UTF-16 text ({exc.reason})") from exc
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"{name}: unreadable encoding (not UTF-8, UTF-16 or cp1251); save the file as "
            "'CSV UTF-8' and try again"
        ) from exc
    if "\x00" in text:
        raise ImportFileError(f"{name}: binary content, not a text table")
    return text, "cp1251"


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that splits the first records into the most consistent columns."""
    sample = text[:65536]
    best, best_score = ",", (-1, -1)
    for delim in DELIMITERS:
        try:
            rows = [r for r in itertools.islice(
                csv.reader(io.StringIO(sample), delimiter=delim), 30) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:-1] or rows[1:]  # the last sampled record may be cut
        consistent = sum(len(r) == width for r in body)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_delimited(data: bytes, name: str) -> RawTable:
    """Read CSV/TSV bytes into a :class:`RawTable` (encoding and delimiter detected)."""
    text, encoding = decode(data, name)
    if not text.strip():
        raise ImportFileError(f"{name}: the file is empty")
    delim = sniff_delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True))
    except csv.Error as exc:
        raise ImportFileError(
            f"{name}: broken CSV quoting ({exc}); a cell opens a quote that never closes"
        ) from exc
    table = table_from_records(records, name, first_row_number=1)
    table.encoding, table.delimiter = encoding, delim
    if encoding != "utf-8":
        table.warnings.insert(0, f"encoding detected: {encoding}")
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data: bytes, name: str) -> RawTable:
    """Read the first sheet of an XLSX workbook into a :class:`RawTable`.

    Date cells become ISO dates; numbers stay as typed (a General cell holding 45000 stays
    "45000" and is read later as an Excel date serial where a date is expected).
    """
    import openpyxl  # optional at import time: only XLSX needs it

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(f"{name}: not an XLSX workbook (old .xls files: save as .xlsx)")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise ImportFileError(f"{name}: unreadable XLSX workbook ({exc})") from exc
    try:
        sheet = book.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        extra_sheets = [ws.title for ws in book.worksheets[1:]]
    finally:
        book.close()
    table = table_from_records(records, name, first_row_number=1)
    table.encoding = "xlsx"
    if extra_sheets:
        table.warnings.append(
            f"only the first sheet was read; other sheets ignored: {', '.join(extra_sheets)}"
        )
    return table


def _unique_header(header: list[str], warnings: list[str]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header, start=1):
        base = raw.strip() or f"column_{i}"
        if base in seen:
            seen[base] += 1
            new = f"{base}__{seen[base]}"
            warnings.append(
                f"duplicate column name '{base}' (column {i}) renamed to '{new}'; the first "
                f"'{base}' is used for mapping, the copy is kept in 'extra'"
            )
            names.append(new)
        else:
            seen[base] = 1
            names.append(base)
    return names


def table_from_records(records: list[list[str]], name: str, first_row_number: int) -> RawTable:
    """Turn records (header first) into a :class:`RawTable`; ragged rows are rejected."""
    numbered = [(n, r) for n, r in enumerate(records, start=first_row_number)
                if "".join(r).strip()]
    if not numbered:
        raise ImportFileError(f"{name}: the file is empty")
    header_no, header = numbered[0]
    while header and not header[-1].strip():  # trailing empty header cells
        header = header[:-1]
    warnings: list[str] = []
    columns = _unique_header(header, warnings)
    width = len(columns)
    if len(numbered) == 1:
        raise ImportFileError(f"{name}: only a header row (row {header_no}), no data rows")
    good_rows, good_numbers, rejected = [], [], []
    for number, row in numbered[1:]:
        if len(row) > width and not any(c.strip() for c in row[width:]):
            row = row[:width]
        if len(row) == width:
            good_rows.append(row)
            good_numbers.append(number)
            continue
        raw = {col: (row[i] if i < len(row) else "") for i, col in enumerate(columns)}
        for j, extra in enumerate(row[width:], start=width + 1):
            raw[f"column_{j}"] = extra
        rejected.append(RejectedRow(
            number, "(row)",
            f"row has {len(row)} cells but the header has {width}; a cell is missing or an "
            "unquoted separator splits a cell, so values would land in the wrong columns",
            raw,
        ))
    frame = pd.DataFrame(good_rows, columns=columns, dtype=object)
    return RawTable(name=name, frame=frame,
                    row_numbers=pd.Series(good_numbers, index=frame.index, dtype="int64"),
                    rejected=rejected, warnings=warnings)
