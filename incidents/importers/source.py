"""Reading a CSV or XLSX file into a table of text cells, with nothing lost.

Every cell stays text (``""`` when empty) so the format modules decide what it means;
NUL and other control characters are removed (a warning says how many cells).
Encodings: UTF-16 with a BOM, strict UTF-8, else charset-normalizer's guess with its
confidence (:mod:`incidents.importers.encoding`). Delimiters sniffed among ``, ; TAB |``.
Files beyond :mod:`incidents.importers.limits` are refused with the limit named.
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
import pyarrow as pa

from incidents.importers.encoding import detect
from incidents.importers.fast_csv import read_regular, text_frame
from incidents.importers.limits import MAX_ROWS, check_rows, check_xlsx_size
from incidents.importers.result import ImportFileError, RejectedRow
from incidents.messages import Msg

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
    encoding_confidence: float | None = None


def load_bytes(source: Path | str | bytes, filename: str | None = None) -> tuple[bytes, str]:
    """Return the file's bytes and a display name (``filename`` or the path's name)."""
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or "<uploaded file>"
    path = Path(source)
    if not path.is_file():
        raise ImportFileError(Msg("import.not_found", file=str(path)))
    return path.read_bytes(), filename or path.name


def decode(data: bytes, name: str) -> tuple[str, str, float]:
    """``(text, encoding, confidence)``: see :func:`incidents.importers.encoding.detect`."""
    return detect(data, name)


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
    text, encoding, confidence = decode(data, name)
    if not text.strip():
        raise ImportFileError(Msg("import.empty", file=name))
    delim = sniff_delimiter(text)
    payload = (data[3:] if encoding == "utf-8-sig" else data if encoding == "utf-8"
               else text.encode("utf-8"))
    fast = read_regular(text, payload, delim, name)
    if fast is not None:
        header, frame, numbers, cleaned = fast
        table = _named_table(header, frame, numbers, cleaned, name)
    else:
        table = _read_records(text, delim, name)
    table.encoding, table.delimiter = encoding, delim
    table.encoding_confidence = confidence
    if encoding != "utf-8":
        table.warnings.insert(0, Msg("warn.encoding", encoding=encoding,
                                     confidence=float(confidence)))
    return table


def _read_records(text: str, delim: str, name: str) -> RawTable:
    """The ``csv`` module's reading (any irregular file: rows and reasons named)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        records = list(itertools.islice(reader, MAX_ROWS + 2))  # header + rows + one more
    except csv.Error as exc:
        raise ImportFileError(_csv_error(name, str(exc), reader.line_num)) from exc
    if len(records) > MAX_ROWS + 1:
        check_rows(len(records) - 1, len(records[0]), name)
    return table_from_records(records, name, first_row_number=1)


def _csv_error(name: str, message: str, line: int) -> Msg:
    """What is wrong with the file, from the csv module's error at physical ``line``."""
    if "field larger than field limit" in message:
        return Msg("import.long_cell", file=name, line=line, limit=csv.field_size_limit())
    if "unexpected end of data" in message or "EOF" in message:
        return Msg("import.open_quote", file=name, line=line)
    return Msg("import.bad_quoting", file=name, line=line, detail=message)


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
        raise ImportFileError(Msg("import.not_xlsx", file=name))
    check_xlsx_size(data, name)  # before the workbook is opened
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise ImportFileError(Msg("import.unreadable_xlsx", file=name, detail=str(exc))) \
            from exc
    try:
        sheet = book.worksheets[0]
        rows = itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2)
        records = [[_cell_text(v) for v in row] for row in rows]
        if len(records) > MAX_ROWS + 1:
            check_rows(len(records) - 1, len(records[0]), name)
        extra_sheets = [ws.title for ws in book.worksheets[1:]]
    finally:
        book.close()
    table = table_from_records(records, name, first_row_number=1)
    table.encoding = "xlsx"
    if extra_sheets:
        table.warnings.append(Msg("warn.sheets", names=", ".join(extra_sheets)))
    return table


def _unique_header(header: list[str], warnings: list[str]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(header, start=1):
        base = raw.strip() or f"column_{i}"
        if base in seen:
            seen[base] += 1
            new = f"{base}__{seen[base]}"
            warnings.append(Msg("warn.duplicate_column", value=base, i=i, new=new))
            names.append(new)
        else:
            seen[base] = 1
            names.append(base)
    return names


def _named_table(header: list[str], frame: pd.DataFrame, numbers, cleaned: int,
                 name: str) -> RawTable:
    """A :class:`RawTable` from :func:`~incidents.importers.fast_csv.read_regular`."""
    warnings: list[str] = []
    frame.columns = _unique_header(header, warnings)
    _cleaned_warning(cleaned, warnings)
    return RawTable(name=name, frame=frame,
                    row_numbers=pd.Series(numbers, index=frame.index, dtype="int64"),
                    warnings=warnings)


def _cleaned_warning(cleaned: int, warnings: list[str]) -> None:
    if cleaned:
        warnings.append(Msg("warn.control_chars", n=int(cleaned)))


def table_from_records(records: list[list[str]], name: str, first_row_number: int) -> RawTable:
    """Turn records (header first) into a :class:`RawTable`; ragged rows are rejected."""
    numbered = [(n, r) for n, r in enumerate(records, start=first_row_number)
                if "".join(r).strip()]
    if not numbered:
        raise ImportFileError(Msg("import.empty", file=name))
    header_no, header = numbered[0]
    while header and not header[-1].strip():  # trailing empty header cells
        header = header[:-1]
    warnings: list[str] = []
    columns = _unique_header(header, warnings)
    width = len(columns)
    if len(numbered) == 1:
        raise ImportFileError(Msg("import.header_only", file=name, row=header_no))
    check_rows(len(numbered) - 1, width, name)
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
            Msg("row.cells", n=len(row), width=width),
            raw,
        ))
    # column by column into Arrow text (cleaned there): no per-cell Python after the reader
    by_column = ([pa.array(col, type=pa.string()) for col in zip(*good_rows, strict=True)]
                 if good_rows else [pa.array([], type=pa.string())] * width)
    frame, cleaned = text_frame(by_column)
    frame.columns = columns
    _cleaned_warning(cleaned, warnings)
    return RawTable(name=name, frame=frame,
                    row_numbers=pd.Series(good_numbers, index=frame.index, dtype="int64"),
                    rejected=rejected, warnings=warnings)
