"""Rows of a text frame as JSON objects, one per row, built column by column in Arrow.

:func:`json_records` gives, for a frame of Arrow text cells with no missing value, exactly the
text ``frame.to_json(orient="records", lines=True, force_ascii=False)`` gives per row (the
stored ``extra`` and its content hash stay the same), in about half the time (the 11
columns of 1e5 ACLED rows that go to ``extra``: 0.16 s against 0.30 s; issue 20 item 8).
Anything else (object or number columns, missing cells, control characters other than tab,
newline and carriage return) goes through pandas.
"""
from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from incidents.arrow_bytes import surely_without, surely_without_any

# pandas' JSON writer escapes these (and writes "/" as "\/"); backslash first
_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("/", "\\/"), ("\n", "\\n"), ("\r", "\\r"),
            ("\t", "\\t"), ("\b", "\\b"), ("\f", "\\f"))
# control characters pandas writes as \u00XX: left to pandas (the readers remove them)
_OTHER_CONTROL_RE2 = r"[\x00-\x07\x0b\x0e-\x1f]"
_ESCAPED_RE2 = r'[\\"/\n\r\t\x08\x0c]'  # any character of _ESCAPES
_ESCAPED_BYTES = "".join(old for old, _ in _ESCAPES).encode()  # for a quick scan of bytes
_TEXT = pa.large_string()


def _escaped(col: pa.Array) -> pa.Array:
    if surely_without_any(col, _ESCAPED_BYTES) or not pc.any(
            pc.match_substring_regex(col, _ESCAPED_RE2)).as_py():
        return col  # most columns: one scan
    for old, new in _ESCAPES:
        if pc.any(pc.match_substring(col, old)).as_py():
            col = pc.replace_substring(col, old, new)
    return col


def _key(name: str) -> str:
    """A column name as pandas writes an object key (quoted, escaped as its values)."""
    text = json.dumps(str(name), ensure_ascii=False)[1:-1]
    return '"' + text.replace("/", "\\/") + '":'


def _arrow_text(series: pd.Series) -> pa.Array | None:
    if not (isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"):
        return None
    col = pa.array(series.array).cast(_TEXT)  # the cells as held (large_string already)
    if col.null_count or (not surely_without(col, 0x20) and pc.any(
            pc.match_substring_regex(col, _OTHER_CONTROL_RE2)).as_py()):
        return None
    return col


def json_records(frame: pd.DataFrame) -> pd.Series:
    """One JSON object per row of ``frame`` (the schema's ``string`` dtype, ``frame``'s
    index): the text pandas' ``to_json(orient="records", lines=True, force_ascii=False)``
    writes."""
    cols = [_arrow_text(frame[c]) for c in frame.columns]
    if not len(frame) or not len(cols) or any(c is None for c in cols):
        lines = frame.to_json(orient="records", lines=True, force_ascii=False)
        # records end with "\n" (escaped inside values); str.splitlines would also split
        # at U+0085, U+2028... that JSON leaves as they are in a cell
        return pd.Series(lines.split("\n")[:-1], index=frame.index, dtype="string")
    parts: list = []
    for i, (name, col) in enumerate(zip(frame.columns, cols, strict=True)):
        parts += [("{" if i == 0 else ",") + _key(name) + '"', _escaped(col), '"']
    parts.append("}")
    joined = pc.binary_join_element_wise(
        *[pa.scalar(p, _TEXT) if isinstance(p, str) else p for p in parts], pa.scalar("", _TEXT))
    return pd.Series(pd.array(joined, dtype="string"), index=frame.index)
