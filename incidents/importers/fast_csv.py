"""A fast reader for well-formed delimited files (pyarrow's C++ CSV parser).

:func:`read_regular` reads the common case — one header record, every record as wide as the
header, quotes only around whole cells — into text columns stored as Arrow strings, the same
cells :func:`incidents.importers.source.read_delimited` gets from the ``csv`` module, in a
fraction of the time (issue 20 item 8: 1e5 rows). It returns ``None`` whenever the file is
not that common case, and the caller then reads it with the ``csv`` module, which names the
row, the line and the reason of every irregularity (ragged rows are rejected row by row,
broken quoting refuses the file):

- a record wider or narrower than the header, a header with empty trailing cells or a blank
  first record;
- a quote that does not open, close or double inside a cell (``csv``'s strict mode refuses
  ``"x"y`` and a quote that never closes; a quote inside an unquoted cell is read by the
  ``csv`` module);
- a cell longer than ``csv.field_size_limit()``.

Row numbers count records as the ``csv`` reader does (header = 1); blank records are skipped
but counted; NUL and control characters are removed with the same warning.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from incidents.importers.limits import check_rows

# the characters incidents.importers.encoding.clean_text removes, in RE2 syntax
CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x{fffe}\x{ffff}]"
STR_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default text dtype


def _quotes_regular(payload: bytes, delim: str) -> bool:
    """Every quote opens a cell, closes it or is doubled inside it (what ``csv``'s strict
    mode accepts, and where pyarrow reads the same cells).

    Counted in order, quotes alternate opening / closing (a doubled quote inside a cell is
    a closing quote directly followed by an opening one). An opening quote must follow a
    delimiter, a line break, the start or a closing quote; a closing quote must be followed
    by a delimiter, a line break, the end or an opening quote (``"x"y`` is refused by
    ``csv``, joined by pyarrow). An odd number of quotes: one never closes. The bytes are
    UTF-8, where these characters are single bytes."""
    data = np.frombuffer(payload, dtype=np.uint8)
    at = np.flatnonzero(data == ord('"'))
    if at.size % 2:
        return False
    if not at.size:
        return True
    ends = np.array([ord(delim), ord("\r"), ord("\n"), ord('"')], dtype=np.uint8)
    opening, closing = at[0::2], at[1::2]
    before = data[np.maximum(opening - 1, 0)]
    ok_open = (opening == 0) | np.isin(before, ends)
    after = data[np.minimum(closing + 1, data.size - 1)]
    ok_close = (closing == data.size - 1) | np.isin(after, ends)
    # a quote next to a quote must be the other half of a doubled quote (close, then open)
    glued_open = (before == ord('"')) & (opening > 0)
    glued_close = (after == ord('"')) & (closing < data.size - 1)
    return bool(ok_open.all() and ok_close.all()
                and np.array_equal(closing[glued_close] + 1, opening[glued_open]))


def _header(text: str, delim: str) -> list[str] | None:
    reader = csv.reader(io.StringIO(text[:1_000_000], newline=""), delimiter=delim,
                        strict=True)
    try:
        header = next(reader, None)
    except csv.Error:
        return None
    if not header or not "".join(header).strip() or not header[-1].strip():
        return None
    return header


def read_regular(text: str, payload: bytes, delim: str, name: str
                 ) -> tuple[list[str], pd.DataFrame, np.ndarray, int] | None:
    """``(header, frame, row_numbers, cells_cleaned)`` of a regular file, else ``None``.

    ``text`` is the decoded file, ``payload`` the same text as UTF-8 bytes (no BOM). The
    frame has positional column names ``0..w-1`` (the caller names them), Arrow string
    cells, blank records dropped; ``row_numbers`` are the records' numbers (header = 1).
    """
    if len(delim) != 1 or not _quotes_regular(payload, delim):
        return None
    header = _header(text, delim)
    if header is None:
        return None
    width = len(header)
    names = [str(i) for i in range(width)]
    ragged: list[int] = []

    def _ragged(_row) -> str:
        ragged.append(1)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(payload),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=delim, newlines_in_values=True,
                                             ignore_empty_lines=False,
                                             invalid_row_handler=_ragged),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if ragged or table.num_rows < 2:
        return None
    first = [c[0].as_py() for c in table.columns]
    if first != header:  # the parsers disagree on the header: let csv read it
        return None
    limit = csv.field_size_limit()
    blank = None
    for col in table.columns:
        if pc.max(pc.utf8_length(col)).as_py() > limit:
            return None
        empty = pc.equal(pc.utf8_trim_whitespace(col), "")
        blank = empty if blank is None else pc.and_(blank, empty)
    keep = pc.invert(blank).to_numpy(zero_copy_only=False)
    keep[0] = False  # the header record
    rows = np.flatnonzero(keep)
    if not rows.size:
        return None
    check_rows(rows.size, width, name)
    mask = pa.array(keep)
    frame, cleaned = text_frame([col.filter(mask) for col in table.columns],
                                check=_has_control(payload))
    return header, frame, rows + 1, cleaned


# CONTROL_RE2's characters as UTF-8: these single bytes, and U+FFFE/U+FFFF (EF BF BE/BF)
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _has_control(payload: bytes) -> bool:
    """Whether the UTF-8 ``payload`` holds a character CONTROL_RE2 matches (one pass over
    the bytes instead of a regex over every column)."""
    return (len(payload.translate(None, _CONTROL_BYTES)) != len(payload)
            or b"\xef\xbf\xbe" in payload or b"\xef\xbf\xbf" in payload)


def text_frame(columns: list, check: bool = True) -> tuple[pd.DataFrame, int]:
    """A frame of Arrow text columns (positional names) without NUL and other control
    characters (:func:`incidents.importers.encoding.clean_text`'s rule); (frame, cells
    changed). ``check=False``: the caller knows no cell holds one."""
    cleaned, cells = 0, {}
    for i, col in enumerate(columns):
        n_bad = check and (pc.sum(pc.match_substring_regex(col, CONTROL_RE2)).as_py() or 0)
        if n_bad:
            col = pc.replace_substring_regex(col, CONTROL_RE2, "")
            cleaned += n_bad
        cells[i] = pd.Series(pd.array(col, dtype=STR_DTYPE))
    return pd.DataFrame(cells), cleaned
