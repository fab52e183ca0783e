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


def _text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        out = series.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_float_dtype(series):
        out = series.round(7).map(lambda v: "" if pd.isna(v) else f"{v:.7f}")
    else:
        out = series.astype("string")
    return out.astype("string").fillna("\x00")


def content_hashes(frame: pd.DataFrame) -> pd.Series:
    """SHA-256 (hex, 32 chars) of each row's source content (:data:`HASH_COLUMNS`)."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    joined = _text(frame[HASH_COLUMNS[0]])
    for col in HASH_COLUMNS[1:]:
        joined = joined.str.cat(_text(frame[col]), sep="\x1f")
    digests = [hashlib.sha256(s.encode("utf-8")).hexdigest()[:32] for s in joined.tolist()]
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
    Series indexed like ``new``: a list of event ids (empty when none).
    """
    result = pd.Series([[] for _ in range(len(new))], index=new.index, dtype=object)
    cols = ["event_id", "source_dataset", "event_date", "category", "lon", "lat"]
    left = new[cols].dropna(subset=["event_date", "category", "lon", "lat"])
    if left.empty:
        return result
    right = pd.concat([existing[cols], left], ignore_index=True)
    right = right.dropna(subset=["event_date", "category", "lon", "lat"])
    left = left.assign(_idx=left.index)
    pairs = left.merge(right, on=["event_date", "category"], suffixes=("", "_o"))
    pairs = pairs[(pairs["source_dataset"].astype("string")
                   != pairs["source_dataset_o"].astype("string")).fillna(False)]
    # within the batch, only point at earlier rows so a pair is flagged once
    new_ids = set(left["event_id"])
    later = pairs["event_id_o"].isin(new_ids) & (pairs["event_id_o"] >= pairs["event_id"])
    pairs = pairs[~later]
    if pairs.empty:
        return result
    x1, y1 = to_metric(pairs["lon"].to_numpy(), pairs["lat"].to_numpy())
    x2, y2 = to_metric(pairs["lon_o"].to_numpy(), pairs["lat_o"].to_numpy())
    dist_m = np.hypot(x1 - x2, y1 - y2)
    close = pairs[dist_m <= radius_m]
    for idx, ids in close.groupby("_idx")["event_id_o"]:
        result.at[idx] = sorted(set(ids))
    return result


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
