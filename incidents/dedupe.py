"""Duplicate detection for imports: content hashes, and probable duplicates across sources.

Exact duplicates (the same source row imported again) are found by ``source_dataset`` +
``source_event_id`` or, for rows without a source id, by a hash of the row's source content.
Probable duplicates across sources (same day, same category, within
:data:`POSSIBLE_DUPLICATE_RADIUS_M` metres, different ``source_dataset``) are only flagged.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.crs import to_metric

POSSIBLE_DUPLICATE_RADIUS_M = 1000.0

# Columns that come from the source file; store-managed, geocoding and border-engine
# columns are left out so a re-import hashes the same whatever the gazetteer knows now.
HASH_COLUMNS: tuple[str, ...] = (
    "source_dataset", "source_event_id", "event_date", "event_date_end", "time_precision",
    "category", "disorder_type", "event_type", "sub_event_type", "actor1", "actor1_type",
    "actor2", "actor2_type", "fatalities", "injuries", "lon", "lat", "geo_precision",
    "location", "admin1_given", "admin2_given", "verification_status", "sensitivity",
    "notes", "notes_shareable", "source", "extra",
)


_TEXT = pa.large_string()
_E7 = 10_000_000


def fixed7(values: np.ndarray) -> pa.Array:
    """``f"{v:.7f}"`` of each float, as Arrow text, the same characters (a stored content
    hash must not change): by integer arithmetic where that surely rounds as Python does
    (``v * 1e7`` is off the exact product by at most half a unit in its last place, so
    its nearest integer is the exact one unless a half lies within that), by Python for
    the rest (near-halves, non-finite values, magnitudes of 1e8 or more)."""
    v = np.asarray(values, dtype=float)
    a = np.abs(v)
    python = ~(np.isfinite(a) & (a < 1e8))
    r = np.where(python, 0.0, a) * _E7
    below = np.floor(r)
    python |= np.abs(r - below - 0.5) <= np.spacing(r)  # too near a half to tell
    n = (below + (r - below > 0.5)).astype(np.int64)
    sign = pc.if_else(pa.array(np.signbit(v)), pa.scalar("-", _TEXT), pa.scalar("", _TEXT))
    digits = pc.binary_join_element_wise(
        sign, pa.array(n // _E7).cast(_TEXT), pa.scalar(".", _TEXT),
        pc.utf8_lpad(pa.array(n % _E7).cast(_TEXT), 7, "0"), pa.scalar("", _TEXT))
    if python.any():
        digits = pc.replace_with_mask(digits, pa.array(python),
                                      pa.array([f"{x:.7f}" for x in v[python]], _TEXT))
    return digits


def _text(series: pd.Series) -> pa.Array:
    """Each value as canonical text ("\x00" for missing), as an Arrow array."""
    missing = series.isna().to_numpy(dtype=bool)
    if pd.api.types.is_float_dtype(series):
        text = fixed7(series.to_numpy(dtype=float, na_value=np.nan))
        return pc.if_else(pa.array(missing), pa.scalar("\x00", _TEXT), text)
    if pd.api.types.is_datetime64_any_dtype(series):
        text = series.dt.strftime("%Y-%m-%d").astype("string")
    else:
        text = series.astype("string")
    return pa.array(text.mask(missing, "\x00"), type=_TEXT)


def content_hashes(frame: pd.DataFrame) -> pd.Series:
    """SHA-256 (hex, 32 chars) of each row's source content (:data:`HASH_COLUMNS`): the
    row's texts joined by U+001F (joined column by column; one hash per row)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    joined = pc.binary_join_element_wise(*[_text(frame[c]) for c in HASH_COLUMNS],
                                         pa.scalar("\x1f", pa.large_string()))
    sha = hashlib.sha256
    digests = [sha(row).hexdigest()[:32]
               for row in joined.cast(pa.large_binary()).to_pylist()]
    return pd.Series(digests, index=frame.index, dtype=object)


def possible_duplicates(new: pd.DataFrame, existing: pd.DataFrame,
                        radius_m: float = POSSIBLE_DUPLICATE_RADIUS_M) -> pd.Series:
    """Event ids each new row probably duplicates, from another source.

    Parameters
    ----------
    new, existing
        Frames with ``event_id``, ``source_dataset``, ``event_date``, ``category``, ``lon``,
        ``lat`` (EPSG:4326). ``new`` rows are also compared with each other (a later new
        row points at the earlier one).
    radius_m
        Distance threshold in metres (computed in ``geo.crs.METRIC_CRS``).

    Returns
    -------
    Series of the event ids (a sorted list) each flagged row probably duplicates, indexed by
    those rows of ``new`` only (empty when no row is flagged).
    """
    result = pd.Series([], index=new.index[:0], dtype=object)
    cols = ["event_id", "source_dataset", "event_date", "category", "lon", "lat"]
    left = new[cols].dropna(subset=["event_date", "category", "lon", "lat"])
    if left.empty:
        return result
    right = pd.concat([existing[cols], left], ignore_index=True)
    right = right.dropna(subset=["event_date", "category", "lon", "lat"])
    left = left.assign(_idx=left.index)
    left_src = left["source_dataset"].astype("string").fillna("")
    right_src = right["source_dataset"].astype("string").fillna("")
    parts = [left[left_src == src].merge(right[right_src != src],
                                         on=["event_date", "category"], suffixes=("", "_o"))
             for src in left_src.unique()]  # only pairs across sources
    pairs = pd.concat(parts, ignore_index=True)
    # within the batch, only point at earlier rows so a pair is flagged once
    later = (pairs["event_id_o"].isin(left["event_id"].dropna().unique())
             & (pairs["event_id_o"] >= pairs["event_id"]))
    pairs = pairs[~later]
    if pairs.empty:
        return result
    x1, y1 = to_metric(pairs["lon"].to_numpy(), pairs["lat"].to_numpy())
    x2, y2 = to_metric(pairs["lon_o"].to_numpy(), pairs["lat_o"].to_numpy())
    dist_m = np.hypot(x1 - x2, y1 - y2)
    close = pairs[dist_m <= radius_m]
    found = {idx: sorted(set(ids)) for idx, ids in close.groupby("_idx")["event_id_o"]}
    return pd.Series(list(found.values()), index=pd.Index(list(found), dtype=new.index.dtype),
                     dtype=object)


def add_flags(flags: pd.Series, new_flags: pd.Series) -> pd.Series:
    """Append ``new_flags`` (strings or lists of strings) to ';'-joined review flags."""
    out = []
    for old, add in zip(flags.astype("string").tolist(), new_flags.tolist(), strict=True):
        items = [] if old is None or old is pd.NA or old == "" else str(old).split(";")
        extra = add if isinstance(add, list) else ([] if add in (None, "") else [add])
        for item in extra:
            if item not in items:
                items.append(item)
        out.append(";".join(items) if items else pd.NA)
    return pd.Series(out, index=flags.index, dtype="string")
