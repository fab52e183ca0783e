"""Import of a large CSV file in chunks, so memory stays bounded (issue 15).

A delimited file bigger than :data:`STREAM_BYTES` is read from disk record by record
(encoding guessed from its first 256 KB, :mod:`incidents.importers.encoding`) and handed to
the importer :data:`CHUNK_ROWS` records at a time: each chunk is parsed, geocoded, enriched
and written in **one** transaction for the whole file, so the import stays atomic (a
failure in the last chunk leaves the store as it was) and duplicates are found across
chunks (each chunk sees the rows written before it). Row numbers are the file's own.
The per-chunk reports are merged into one :class:`~incidents.report.ImportReport`; each
chunk is an import batch of its own (its id listed in the report's warnings).

Whole-file inference stays per chunk: the column mapping and format come from the header
(the same for every chunk); a date column's day/month order is decided per chunk.
``bench/import_memory.py`` prints the peak memory of a 1e6-row import against
``pandas.read_csv``.
"""
from __future__ import annotations

import csv
import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from incidents.importers.encoding import SAMPLE_BYTES, detect
from incidents.importers.limits import MAX_ROWS
from incidents.importers.result import ImportFileError
from incidents.importers.source import RawTable, _csv_error, sniff_delimiter, table_from_records
from incidents.messages import Msg
from incidents.report import ImportReport, RejectedEntry

STREAM_BYTES = 64_000_000  # delimited files above this are imported in chunks
CHUNK_ROWS = 50_000


def _trim_partial(head: bytes) -> bytes:
    """``head`` without a UTF-8 sequence cut at its end (the sample is a file's prefix)."""
    for back in range(1, min(4, len(head)) + 1):
        byte = head[-back]
        if byte < 0x80:
            return head
        if byte >= 0xC0:  # a start byte: keep it only if its sequence is complete
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return head if back >= need else head[:-back]
    return head


def iter_raw_tables(path: Path, name: str, chunk_rows: int = CHUNK_ROWS
                    ) -> Iterator[RawTable]:
    """The file's records as :class:`RawTable` chunks (header repeated; row numbers count
    records as :func:`~incidents.importers.source.read_delimited` does, header = 1)."""
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    sample, encoding, confidence = detect(_trim_partial(head), name)
    delim = sniff_delimiter(sample)
    with open(path, encoding=encoding, newline="") as text:
        reader = csv.reader(text, delimiter=delim, strict=True)
        try:
            header, header_no = None, 0
            for header in reader:
                header_no += 1
                if "".join(header).strip():
                    break
            if header is None or not "".join(header).strip():
                raise ImportFileError(Msg("import.empty", file=name))
            next_no, first = header_no + 1, True
            while True:
                chunk = list(itertools.islice(reader, chunk_rows))
                if next_no - header_no - 1 + len(chunk) > MAX_ROWS:
                    raise ImportFileError(Msg("import.too_many_rows", file=name,
                                              limit=MAX_ROWS))
                if first or any("".join(r).strip() for r in chunk):
                    # the header takes the number just before the chunk's first record
                    table = table_from_records([header, *chunk], name, next_no - 1)
                    table.encoding, table.delimiter = encoding, delim
                    table.encoding_confidence = confidence
                    if first and encoding != "utf-8":
                        table.warnings.insert(0, Msg("warn.encoding", encoding=encoding,
                                                     confidence=float(confidence)))
                    yield table
                next_no += len(chunk)
                first = False
                if len(chunk) < chunk_rows:
                    return
        except csv.Error as exc:
            raise ImportFileError(_csv_error(name, str(exc), reader.line_num)) from exc


class SeenKeys:
    """Source keys of earlier chunks with the first row number and content hash of each,
    held in columns (Arrow text, numpy): about 70 bytes a key, where a dict of tuples took
    over 300 (a 1e6-row file: ~250 MB less at the peak, issue 15)."""

    def __init__(self) -> None:
        self.keys = pd.Index([], dtype="string")
        self.rows = np.empty(0, dtype="int64")
        self.hashes = pd.array([], dtype="string")

    def add(self, keys: pd.Series, rows: np.ndarray, hashes: pd.Series) -> None:
        self.keys = self.keys.append(pd.Index(keys.astype("string")))
        self.rows = np.concatenate([self.rows, rows.astype("int64")])
        self.hashes = pd.array(pd.concat([pd.Series(self.hashes),
                                          hashes.astype("string")], ignore_index=True))


def _reject_repeated_keys(prep, seen: SeenKeys):
    """Rows whose source id an earlier row had with other content are rejected, as a
    whole-file import rejects them (the writer only compares rows of one chunk); ``seen``
    (source id → first row number, content hash) is carried from chunk to chunk."""
    frame = prep.frame
    sid = frame["source_event_id"].astype("string").str.strip()
    src = frame["source_dataset"].astype("string").fillna("")
    has_key = (sid.notna() & (sid != "")).fillna(False).to_numpy(dtype=bool)
    at = np.flatnonzero(has_key)
    keys = (src + "\x1f" + sid).iloc[at].reset_index(drop=True)
    hashes = prep.content_hash.iloc[at].astype("string").reset_index(drop=True)
    rows = prep.row_numbers.iloc[at].to_numpy(dtype="int64")
    # the first row of each key: an earlier chunk's, else this chunk's first
    codes, uniques = pd.factorize(keys)
    first_in_chunk = np.unique(codes, return_index=True)[1][codes]  # codes: 0, 1, ... in order
    first_row = rows[first_in_chunk]
    first_hash = hashes.to_numpy(dtype=object)[first_in_chunk]
    known = seen.keys.get_indexer(keys) if len(seen.keys) else np.full(len(keys), -1)
    earlier = known >= 0
    first_row[earlier] = seen.rows[known[earlier]]
    first_hash[earlier] = np.asarray(seen.hashes[known[earlier]], dtype=object)
    bad_k = (first_hash != hashes.to_numpy(dtype=object)) & (first_row != rows)
    new = (known < 0) & (first_in_chunk == np.arange(len(keys)))
    seen.add(keys[new], rows[new], hashes[new])
    if not bad_k.any():
        return prep
    bad = at[bad_k]
    rejected = [RejectedEntry(
        int(rows[k]), "source_event_id",
        Msg("row.duplicate_id", value=repr(sid.iloc[i]), row=int(first_row[k])),
        {c: (None if pd.isna(v) else str(v)) for c, v in frame.iloc[i].items()})
        for k, i in zip(np.flatnonzero(bad_k), bad, strict=True)]
    keep = np.ones(len(frame), dtype=bool)
    keep[bad] = False
    return dataclasses.replace(
        prep, frame=frame[keep].reset_index(drop=True),
        row_numbers=prep.row_numbers[keep].reset_index(drop=True),
        content_hash=prep.content_hash[keep].reset_index(drop=True),
        rejected=list(prep.rejected) + rejected)


def merge_reports(reports: list[ImportReport]) -> ImportReport:
    """One report for the chunks: counts summed, lists joined, the rest from the first."""
    first = reports[0]
    values = {}
    for f in dataclasses.fields(ImportReport):
        items = [getattr(r, f.name) for r in reports]
        if isinstance(items[0], bool) or items[0] is None or isinstance(items[0], str | float):
            values[f.name] = next((v for v in items if v is not None), items[0])
        elif isinstance(items[0], int):
            values[f.name] = sum(items)
        elif isinstance(items[0], list):
            joined = [x for v in items for x in v]
            if f.name == "warnings":
                joined = list(dict.fromkeys(joined))
            values[f.name] = joined
        elif isinstance(items[0], dict):
            merged: dict = {}
            for v in items:
                for k, x in v.items():
                    merged[k] = merged.get(k, 0) + x if isinstance(x, int | float) else x
            values[f.name] = merged
        else:
            values[f.name] = getattr(first, f.name)
    report = ImportReport(**values)
    if len(reports) > 1:
        report.warnings.append(Msg("warn.chunks", n=len(reports), rows=CHUNK_ROWS,
                                   batches=", ".join(r.batch_id or "-" for r in reports)))
    return report


def import_stream(path: Path, store, *, engine, gazetteer, fmt: str = "auto",
                  mapping: dict | None = None, source_dataset: str | None = None,
                  principal, sha256: str | None = None,
                  chunk_rows: int | None = None) -> ImportReport:
    """Import the delimited file at ``path`` chunk by chunk in one transaction
    (``principal``: an :class:`incidents.access.Principal` with the ``import`` right; the
    batches record its account)."""
    from incidents.access import as_principal
    as_principal(principal).require("import")
    from incidents.database import lock_imports
    from incidents.import_writer import write_import
    from incidents.importers import _TABLE_PARSERS
    from incidents.importers.detect import table_format
    from incidents.pipeline import prepare
    from incidents.writes import wait_s

    name = path.name
    reports: list[ImportReport] = []
    seen = SeenKeys()
    with store._write_txn(wait_s()) as conn:
        lock_imports(conn)
        for raw in iter_raw_tables(path, name, chunk_rows or CHUNK_ROWS):
            chosen = table_format(raw) if fmt == "auto" else fmt
            if chosen not in _TABLE_PARSERS:
                raise ImportFileError(Msg("import.container_format", file=name,
                                          container="delimited", value=str(chosen)))
            parsed = _TABLE_PARSERS[chosen](raw, mapping, source_dataset)
            prep = _reject_repeated_keys(prepare(parsed, engine=engine, gazetteer=gazetteer),
                                         seen)
            report, _ = write_import(conn, prep, file_name=name, sha256=sha256,
                                     principal=principal,
                                     gazetteer=gazetteer)
            reports.append(report)
            del parsed, prep
    store._written(engine)
    return merge_reports(reports)


def should_stream(path: Path, data_head: bytes) -> bool:
    """A delimited (not XLSX, GeoJSON, GPKG) file above :data:`STREAM_BYTES`."""
    from incidents.importers.detect import container_format
    return (path.stat().st_size > STREAM_BYTES
            and container_format(data_head, path.name) is None)


