"""Text of imported files: the encoding guessed by charset-normalizer, control characters
removed.

UTF-16 with a byte-order mark and strict UTF-8 (BOM optional) are taken as they are
(confidence 1). Anything else is detected by charset-normalizer among the encodings files of
this region come in (:data:`CANDIDATES`: Cyrillic cp1251, KOI8-R, cp866, Mac Cyrillic;
Western cp1252, a superset of Latin-1; UTF-16 without a BOM), and the guess and its
confidence (1 − charset-normalizer's "chaos") go into the import report. Latin-1 text was
decoded as cp1251 before (mojibake stored) and KOI8-R or UTF-16 without BOM refused.

:func:`clean_text` removes NUL and the other C0 control characters except tab, LF and CR
(and U+FFFE/U+FFFF): they make invalid KML and XLSX and hide text from reviewers.
"""
from __future__ import annotations

import re

import pandas as pd

from incidents.importers.result import ImportFileError
from incidents.messages import Msg

CANDIDATES: tuple[str, ...] = ("utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1251",
                               "koi8_r", "cp866", "mac_cyrillic", "cp1252")
SAMPLE_BYTES = 262_144  # the detector looks at the first 256 KB (an even length: UTF-16)
MIN_CONFIDENCE = 0.5  # below: refuse rather than store mojibake
TIE = 0.01  # guesses whose chaos differ by less, with the same coherence, are a tie
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def detect(data: bytes, name: str) -> tuple[str, str, float]:
    """``(text, encoding, confidence)`` of ``data``; :class:`ImportFileError` naming the
    file when no candidate encoding reads it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", 1.0
        except UnicodeDecodeError as exc:
            raise ImportFileError(Msg("import.utf16", file=name, detail=exc.reason)) from exc
    if not _utf16_like(data):  # UTF-16 without BOM is valid UTF-8 when it is ASCII
        try:
            text = data.decode("utf-8-sig")
            return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", 1.0
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    results = from_bytes(data[:SAMPLE_BYTES], cp_isolation=list(CANDIDATES))
    best = results.best()
    tried = ", ".join(c for c in CANDIDATES if not c.startswith("utf"))
    if best is None:
        raise ImportFileError(Msg("import.encoding", file=name, tried=tried))
    ties = [m for m in results if m.encoding != best.encoding
            and abs(m.chaos - best.chaos) < TIE and m.coherence == best.coherence]
    if ties:  # too little text to tell these encodings apart: never guess blindly
        readings = "; ".join(f"{m.encoding}: {_sample(m)!r}" for m in [best, *ties][:4])
        raise ImportFileError(Msg("import.encoding_tie", file=name, readings=readings))
    confidence = round(1.0 - float(best.chaos), 3)
    if confidence < MIN_CONFIDENCE:
        raise ImportFileError(Msg("import.encoding_unsure", file=name, tried=tried,
                                  encoding=best.encoding, confidence=confidence))
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(Msg("import.encoding_fails", file=name, tried=tried,
                                  encoding=best.encoding, byte=exc.start)) from exc
    if "\x00" in text:
        raise ImportFileError(Msg("import.binary", file=name))
    return text, best.encoding, confidence


def _utf16_like(data: bytes) -> bool:
    """Most odd or most even bytes of the start are NUL: UTF-16 text without a BOM."""
    head = data[:4096]
    half = max(len(head) // 2, 1)
    return max(head[0::2].count(0), head[1::2].count(0)) > 0.3 * half


def _sample(match) -> str:
    """The first non-ASCII stretch of a guess's text (what differs between guesses)."""
    text = str(match)
    at = next((i for i, ch in enumerate(text) if ord(ch) > 127), 0)
    return text[max(0, at - 8):at + 16]


def clean_text(value: str) -> str:
    """``value`` without NUL and other control characters (tab, LF, CR kept)."""
    return _CONTROL.sub("", value)


def clean_frame(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Text cells of ``frame`` with :func:`clean_text` applied; (frame, cells changed)."""
    changed = 0
    out = frame
    for col in frame.columns:
        s = frame[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        text = s.astype("string")
        bad = text.str.contains(_CONTROL, regex=True).fillna(False).to_numpy(dtype=bool)
        if bad.any():
            if out is frame:
                out = frame.copy()
            out[col] = s.astype(object)
            out.loc[bad, col] = text[bad].str.replace(_CONTROL, "", regex=True).astype(str)
            changed += int(bad.sum())
    return out, changed
