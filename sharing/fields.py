"""Which incident fields a public export keeps, reduces or drops, and why.

Decisions (documented here so a reviewer can challenge them):

- Dropped: ``actor1``/``actor2`` (may name private persons; ``actor*_type`` is kept),
  ``location`` as given, ``admin1_given``/``admin2_given`` (free text that can describe a
  house or a family), geocoding details, ``nearest_place_dist_m`` and the exact
  ``border_dist_m`` (both reveal the exact point; a distance band is kept instead),
  ``extra`` (arbitrary source columns), store bookkeeping (``import_batch_id``,
  ``created_at``, ``updated_at``, ``review_flags``, ``deleted``, ``location_flag``).
- ``side_review_reason`` (a reviewer's free text) and ``side_settlement_place`` (the
  settlement an incident was attributed to: it would undo the generalisation) are dropped;
  the sides themselves (``side``, ``side_reported``, ``side_settlement``, ``side_line``,
  ``side_basis``, ``side_contested``) are kept: they are the point of a border map.
- ``notes``: dropped, unless the user asks to keep notes marked shareable; then only
  those, and only when the PII scan finds nothing.
- ``source_event_id`` and ``source``: kept for published datasets (ACLED, UCDP, the
  synthetic demo), where the id and the citation are public already; withheld for
  internal, Kobo, Ushahidi and other sources, whose ids can lead back to a submission and
  whose citations can name a monitor.
- ``event_id`` is kept: it names an incident, not a person, and lets a reader ask the
  data owner about a record.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from incidents.schema import SYNTHETIC_SOURCE

DROPPED_FIELDS: tuple[str, ...] = (
    "actor1", "actor2", "location", "admin1_given", "admin2_given", "geocode_method",
    "geocode_match", "geocode_candidates", "nearest_place_dist_m", "border_dist_m", "extra",
    "import_batch_id", "created_at", "updated_at", "review_flags", "deleted",
    "location_flag", "notes_shareable", "side_review_reason", "side_settlement_place",
)
# Fields whose values can identify a person or a private place: the edit history shows that
# they changed, their values only to those allowed (``history_view``; issue 15).
PERSONAL_FIELDS: tuple[str, ...] = (
    "notes", "actor1", "actor2", "location", "admin1_given", "admin2_given", "source",
    "source_event_id", "extra", "lon", "lat", "geocode_match", "geocode_candidates",
    "nearest_place", "nearest_place_dist_m", "border_dist_m", "side_review_reason",
    "side_settlement_place",
)
WITHHELD = "(changed; value not shown)"
PUBLIC_SOURCES: frozenset[str] = frozenset({"acled", "ucdp", SYNTHETIC_SOURCE})
BORDER_BANDS_KM: tuple[float, ...] = (1, 5, 10, 20)


def border_dist_band(border_dist_m: pd.Series) -> pd.Series:
    """Distance band to the KG–TJ line, e.g. ``"1–5 km"`` (side is in ``side``)."""
    d_km = np.abs(pd.to_numeric(border_dist_m, errors="coerce").to_numpy(dtype=float)) / 1000
    edges = (0, *BORDER_BANDS_KM)
    labels = [f"{a:g}–{b:g} km" for a, b in zip(edges[:-1], edges[1:], strict=True)]
    labels.append(f"over {BORDER_BANDS_KM[-1]:g} km")
    idx = np.searchsorted(np.asarray(BORDER_BANDS_KM, dtype=float), d_km, side="right")
    out = np.asarray(labels, dtype=object)[np.minimum(idx, len(labels) - 1)]
    out[~np.isfinite(d_km)] = None
    return pd.Series(out, index=border_dist_m.index, dtype="string")


def withhold_private_sources(df: pd.DataFrame) -> int:
    """Blank ``source_event_id`` and ``source`` of non-published sources, in place.

    Returns the number of rows changed.
    """
    if "source_dataset" not in df.columns:
        return 0
    private = ~df["source_dataset"].astype("string").isin(PUBLIC_SOURCES).fillna(False)
    private = private.to_numpy(dtype=bool)
    for col in ("source_event_id", "source"):
        if col in df.columns:
            df[col] = df[col].astype("string")
            df.loc[private, col] = pd.NA
    return int(private.sum())


def coarsen_dates(df: pd.DataFrame, unit: str) -> None:
    """Round ``event_date``/``event_date_end`` down to the week (Monday) or month, in place,
    and raise ``time_precision`` to match (2 week, 3 month)."""
    freq = {"week": "W-SUN", "month": "M"}[unit]
    for col in ("event_date", "event_date_end"):
        if col in df.columns:
            dates = pd.to_datetime(df[col], errors="coerce")
            df[col] = dates.dt.to_period(freq).dt.start_time.astype("datetime64[ns]")
    if "time_precision" in df.columns:
        level = 2 if unit == "week" else 3
        tp = pd.to_numeric(df["time_precision"], errors="coerce").astype("Int64")
        df["time_precision"] = tp.fillna(level).clip(lower=level).astype("Int64")


def history_view(history: pd.DataFrame, may_see_personal: bool = False) -> pd.DataFrame:
    """An edit history (``IncidentStore.history``) as a reader may see it: for the
    :data:`PERSONAL_FIELDS` the rows say that the field changed, and ``old_value`` /
    ``new_value`` become :data:`WITHHELD` unless ``may_see_personal`` (the stored history
    keeps them)."""
    out = history.copy()
    if may_see_personal or "field" not in out.columns:
        return out
    personal = out["field"].astype("string").isin(PERSONAL_FIELDS).fillna(False)
    personal = personal.to_numpy(dtype=bool)
    for col in ("old_value", "new_value"):
        if col in out.columns:
            out[col] = out[col].astype(object)
            out.loc[personal & out[col].notna().to_numpy(dtype=bool), col] = WITHHELD
    return out
