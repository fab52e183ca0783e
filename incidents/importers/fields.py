"""Low-level cell parsers shared by every format: counts, actor types, codes, text flags.

Each parser takes a column of text cells and returns values plus a reason per bad cell
(<NA> where the cell is fine or empty), so callers reject rows without per-row Python.
"""
from __future__ import annotations

import pandas as pd

from incidents.importers.coords import blank_out, numbers
from incidents.messages import msgs
from incidents.schema import ACTOR_TYPES

_ACTOR_TEXT = {v.lower(): v for v in ACTOR_TYPES.values()}
_ACTOR_TEXT.update({
    "state forces": "State forces", "rebel groups": "Rebel group",
    "political militias": "Political militia", "identity militias": "Identity militia",
    "protestors": "Protesters", "protester": "Protesters", "rioter": "Rioters",
    "civilian": "Civilians", "external/other forces": "External/Other forces",
    "external forces": "External/Other forces", "other forces": "External/Other forces",
})
FORMULA_PATTERN = r"^(?:[=+@\t\r]|-(?![\d\s.]))"  # as spreadsheets would evaluate them


def parse_count(text: pd.Series, what: str = "people") -> tuple[pd.Series, pd.Series]:
    """Parse a count of people (fatalities, injuries): whole numbers ≥ 0.

    Empty → <NA> (unknown, never 0). Words like "many" are rejected: a typed sheet should
    carry the lowest reported number (ACLED's rule: "several" → 3, "dozens" → 12) or stay empty.
    Returns (Int64 values, reason).
    """
    t = blank_out(text)
    comma = t.str.contains(",", regex=False)  # "3,0": a decimal comma (Python's re: slow)
    if comma.any():
        t_num = t.copy()
        t_num[comma] = t[comma].str.replace(r"(?<=\d),(?=0+$)", ".", regex=True)
    else:
        t_num = t
    num = numbers(t_num)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    filled = t != ""
    not_num = filled & num.isna()
    reason.loc[not_num] = msgs("count.not_number", t[not_num], what=what)
    negative = filled & (num < 0)
    reason.loc[negative] = msgs("count.negative", t[negative], what=what)
    fraction = filled & num.notna() & (num >= 0) & (num % 1 != 0)
    reason.loc[fraction] = msgs("count.fraction", t[fraction], what=what)
    huge = filled & (num > 1_000_000)
    reason.loc[huge] = msgs("count.implausible", t[huge], what=what)
    ok = filled & reason.isna()
    values = pd.Series(pd.NA, index=t.index, dtype="Int64")
    values[ok] = num[ok].astype("int64")
    return values, reason


def parse_code(text: pd.Series, allowed: tuple[int, ...], what: str) -> tuple[pd.Series, pd.Series]:
    """Parse a small integer code (precision 1–3...). Returns (Int64 values, reason)."""
    t = blank_out(text)
    num = numbers(t)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    bad = (t != "") & ~num.isin(allowed)
    reason.loc[bad] = msgs("code.not_listed", t[bad], code=what,
                       allowed=", ".join(str(a) for a in allowed))
    values = pd.Series(pd.NA, index=t.index, dtype="Int64")
    ok = (t != "") & ~bad
    values[ok] = num[ok].astype("int64")
    return values, reason


def normalise_actor_type(text: pd.Series) -> pd.Series:
    """ACLED inter codes (1–8, old exports) or text → the codebook's text; unknown text kept.

    0 and empty → <NA>.
    """
    t = blank_out(text)
    mapping: dict[str, object] = {}
    for value in t.unique():
        num = pd.to_numeric(value, errors="coerce")
        if value == "" or num == 0:
            mapping[value] = pd.NA
        elif pd.notna(num) and int(num) == num and int(num) in ACTOR_TYPES:
            mapping[value] = ACTOR_TYPES[int(num)]
        else:
            mapping[value] = _ACTOR_TEXT.get(value.lower(), value)
    return t.map(mapping).astype("string")


def text_or_na(text: pd.Series) -> pd.Series:
    """Text kept verbatim (no stripping of HTML or formulas); empty/whitespace → <NA>."""
    t = text.fillna("").astype("str")  # Arrow-backed text: no per-cell Python
    return t.mask(t.str.strip() == "")


def formula_like(text: pd.Series) -> pd.Series:
    """Mask of cells a spreadsheet would evaluate (start with = + @ or -letter). Kept as text;
    the export layer neutralises them."""
    t = text.fillna("").astype(str)
    out = pd.Series(False, index=t.index)
    maybe = t.str[:1].isin(["=", "+", "@", "-", "\t", "\r"])  # fast, then the exact rule
    if maybe.any():
        out[maybe] = t[maybe].str.match(FORMULA_PATTERN)
    return out
