"""The bytes of Arrow text arrays, scanned with numpy: a quick "surely not there" before a
slower per-cell search (a regular expression or substring match over every cell)."""
from __future__ import annotations

import numpy as np
import pyarrow as pa


def text_bytes(text: pa.Array | pa.ChunkedArray) -> list[np.ndarray] | None:
    """The UTF-8 data buffers of ``text`` as uint8 arrays (no copy), or None when it is not
    plain (large) string data. A sliced array's buffer may hold bytes of cells outside the
    slice: a byte found there is a false alarm, a byte not found is surely absent."""
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    out = []
    for chunk in chunks:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        data = chunk.buffers()[2]
        if data is not None and data.size:
            out.append(np.frombuffer(data, dtype=np.uint8))
    return out


def surely_without(text: pa.Array | pa.ChunkedArray, below: int) -> bool:
    """True when no byte of ``text``'s data is below ``below`` (1: no NUL; 0x20: no
    control character of the ASCII range); False means "maybe", to be checked cell by
    cell."""
    views = text_bytes(text)
    return views is not None and all(int(v.min()) >= below for v in views)


def surely_without_any(text: pa.Array | pa.ChunkedArray, chars: bytes) -> bool:
    """True when no byte of ``text``'s data is one of ``chars`` (ASCII: a UTF-8 multi-byte
    character never holds one); False means "maybe", to be checked cell by cell."""
    views = text_bytes(text)
    if views is None:
        return False
    lut = np.zeros(256, dtype=bool)
    lut[list(chars)] = True
    return not any(lut[v].any() for v in views)
