"""Every file the system writes goes through here: atomic writes and spreadsheet-safe tables.

- :func:`atomic_write` / :func:`atomic_path`: the file appears whole or not at all. The
  content is written to a private temporary folder beside the target (same file system)
  and moved over it with ``os.replace``; an interrupted write (disk full, a bad cell, a
  crash) leaves the old file, or none, never a truncated or empty one.
- :func:`neutralise_formulas`: text cells that a spreadsheet would run as a formula (leading
  ``=``, ``+``, ``-``, ``@``, tab, CR or LF) get a leading ``'``. :func:`csv_text` writes
  with CRLF line ends and ``csv.QUOTE_MINIMAL``, so any field holding a CR or LF is quoted
  and cannot start a new row (a cell ``\\r=2+2`` was written unquoted, and a spreadsheet
  read a row starting ``=2+2``).
- :func:`xml_text`: characters XML 1.0 forbids (NUL and other control characters) removed,
  for KML and XLSX (whose cells are XML).
- :func:`product_filename`: the one name pattern of every product file (print map, brief,
  offline HTML map, data export): ``KGZ-TJK_<name>_<variant>_<YYYYMMDD>.<ext>``.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")
PLAIN_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
CSV_LINE_END = "\r\n"  # RFC 4180; with QUOTE_MINIMAL every field holding CR or LF is quoted
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path (same name, in a private folder beside ``path``) for writers that
    need a file name (pyogrio, openpyxl, matplotlib); moved over ``path`` when the block
    ends without an error, removed otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        tmp = tmp_dir / path.name
        yield tmp
        if not tmp.exists():
            raise OSError(f"{path.name}: the writer produced no file")
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def atomic_write(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` (text is encoded with ``encoding``) to ``path`` atomically."""
    raw = data.encode(encoding) if isinstance(data, str) else bytes(data)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def _text_columns(df: pd.DataFrame) -> list:
    return [c for c in df.columns
            if pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object]


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells starting with = + - @ (or tab/CR/LF) get a leading ``'``.

    Spreadsheet programs run such cells as formulas (e.g. ``=cmd|' /C calc'!A0``). Only
    text columns change; numbers, dates and booleans are left as they are, and so is text
    that is a plain signed number (``-12.5``: no formula can hide in it). Column names are
    cells too (the header row; an uploaded file's own names come back in rejected-row
    files): they are guarded the same way.
    """
    out = df.copy()
    for col in _text_columns(out):
        s = out[col]
        text = s.astype("string")
        risky = (text.str.startswith(FORMULA_PREFIXES)
                 & ~text.str.fullmatch(PLAIN_NUMBER)).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            out[col] = s.astype(object)
            out.loc[risky, col] = "'" + text[risky].astype(str)
    out.columns = [guard_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def guard_text(value: str) -> str:
    """One text cell as :func:`neutralise_formulas` writes it."""
    risky = value.startswith(FORMULA_PREFIXES) and not re.fullmatch(PLAIN_NUMBER, value)
    return "'" + value if risky else value


def restore_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Inverse of :func:`neutralise_formulas` for text read back from our own CSV files:
    a leading ``'`` before = + - @ (or tab/CR/LF) is removed, so values round-trip."""
    out = df.copy()
    guarded = "^'(?=[=+\\-@\t\r\n])"
    for col in _text_columns(out):
        out[col] = out[col].astype("string").str.replace(guarded, "", regex=True) \
            .astype(out[col].dtype)
    out.columns = [re.sub(guarded, "", c) if isinstance(c, str) else c for c in out.columns]
    return out


def csv_text(df: pd.DataFrame, **kwargs) -> str:
    """``df`` as CSV text with formulas neutralised, multi-line fields quoted and NUL and
    other control characters (but tab, LF, CR) removed."""
    return xml_safe(neutralise_formulas(df)).to_csv(index=False, lineterminator=CSV_LINE_END,
                                          quoting=csv.QUOTE_MINIMAL, **kwargs)


def write_csv(df: pd.DataFrame, path: str | Path, **kwargs) -> Path:
    """:func:`csv_text` of ``df`` written atomically (UTF-8) to ``path``."""
    return atomic_write(path, csv_text(df, **kwargs))


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (NUL, other C0 controls but tab,
    LF and CR, U+FFFE, U+FFFF)."""
    return _XML_ILLEGAL.sub("", value)


def xml_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` with :func:`xml_text` applied to every text cell."""
    out = df.copy()
    for col in _text_columns(out):
        s = out[col]
        text = s.astype("string")
        bad = text.str.contains(_XML_ILLEGAL, regex=True).fillna(False).to_numpy(dtype=bool)
        if bad.any():
            out[col] = s.astype(object)
            out.loc[bad, col] = text[bad].str.replace(_XML_ILLEGAL, "", regex=True).astype(str)
    return out


def write_xlsx(df: pd.DataFrame, path: str | Path, sheet_name: str = "Sheet1") -> Path:
    """``df`` as an XLSX sheet, formulas neutralised, XML-illegal characters removed,
    written atomically."""
    with atomic_path(path) as tmp:
        xml_safe(neutralise_formulas(df)).to_excel(tmp, index=False, sheet_name=sheet_name)
    return Path(path)


PRODUCT_CODE = "KGZ-TJK"  # the two countries' ISO 3166 alpha-3 codes, first in every name


def product_filename(name: str, variant: str, date: dt.date, ext: str) -> str:
    """OCHA-style ``KGZ-TJK_<name>_<variant>_<YYYYMMDD>.<ext>`` (``variant``: paper size,
    "web", protection mode…). ``name`` must already be file-name safe (e.g.
    :func:`maps.print.print_layout.short_title`); a client-supplied name never is."""
    return f"{PRODUCT_CODE}_{name}_{variant}_{date:%Y%m%d}.{ext.lstrip('.')}"
