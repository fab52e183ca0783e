"""Import one file: read it (whole, or chunk by chunk when it is a large CSV), then let the
store prepare and write it in one transaction (:mod:`incidents.pipeline` prepares,
:mod:`incidents.import_writer` writes, :mod:`incidents.stream_import` streams)."""
from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from incidents import stream_import
from incidents.access import as_principal
from incidents.importers import read_any
from incidents.report import ImportReport


def file_sha256(path: str | Path) -> str:
    """SHA-256 hex digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(path: str | Path, store, *, engine, gazetteer, fmt: str = "auto",
                mapping: dict | None = None, source_dataset: str | None = None,
                principal) -> ImportReport:
    """Parse, geocode, enrich and write one file; the store is unchanged if anything fails.

    ``principal`` (an :class:`incidents.access.Principal`) needs the ``import`` right; it is
    checked before the file is read.

    Raises
    ------
    incidents.importers.ImportFileError
        When the file as a whole cannot be read (nothing is written).
    """
    as_principal(principal).require("import")
    path = Path(path)
    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        head = fh.read(64)
    if stream_import.should_stream(path, head):  # a large CSV: chunk by chunk, one transaction
        return stream_import.import_stream(path, store, engine=engine, gazetteer=gazetteer,
                                           fmt=fmt, mapping=mapping,
                                           source_dataset=source_dataset,
                                           principal=principal, sha256=file_sha256(path))
    # hashlib releases Python's lock on large blocks: the file is hashed beside the parse
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kgtj-sha256") as pool:
        digest = pool.submit(file_sha256, path)
        parsed = read_any(path, fmt=fmt, mapping=mapping, filename=path.name,
                          source_dataset=source_dataset)
        t_parse = time.perf_counter() - t0
        sha256 = digest.result()
    report = store.import_parsed(parsed, engine=engine, gazetteer=gazetteer,
                                 file_name=path.name, principal=principal, sha256=sha256)
    report.timings_s["parse"] = round(t_parse, 3)
    return report
