"""Which incident records a public output may show one by one (issue 15).

A record is *public* when its ``sensitivity`` is "public", its category is not sensitive
(``incidents.schema.SENSITIVE_CATEGORIES``: domestic violence) and it is not deleted.
Everything else (``internal``, ``restricted``, no stated sensitivity) reaches a public
output only as a count in a hex piece (``sharing.protect``), never as a point, an id, a date,
a hotspot outline, a pair trigger or a learned place name.

Public maps, briefs and analysis files therefore run the hotspot, pairing and gap analysis
on :func:`public_rows` only (:func:`public_filter` gives the same rows through an
``IncidentFilter``, so the app's cached analysis can be reused).
"""
from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd

from incidents.schema import SENSITIVE_CATEGORIES

PUBLIC = "public"


def count_only_mask(df: pd.DataFrame) -> np.ndarray:
    """Rows a public output may only count: sensitive categories and every row whose
    ``sensitivity`` is not "public" (internal, restricted, or not stated)."""
    cat = df["category"].astype("string").isin(SENSITIVE_CATEGORIES).fillna(False) \
        if "category" in df.columns else pd.Series(False, index=df.index)
    sens = (df["sensitivity"].astype("string") != PUBLIC).fillna(True) \
        if "sensitivity" in df.columns else pd.Series(False, index=df.index)
    return (cat | sens).to_numpy(dtype=bool)


def public_rows(df: pd.DataFrame) -> pd.DataFrame:
    """The rows a public output may show individually (see the module docstring)."""
    keep = ~count_only_mask(df)
    if "deleted" in df.columns:
        keep &= ~df["deleted"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return df[keep].reset_index(drop=True)


def public_filter(flt: Any) -> Any:
    """An ``incidents.filters.IncidentFilter`` narrowed to public records (sensitivity
    "public", deleted rows left out; its other choices kept). None means no filter."""
    from incidents.filters import IncidentFilter

    flt = flt if flt is not None else IncidentFilter()
    return dataclasses.replace(flt, sensitivity=(PUBLIC,), include_deleted=False)


def non_public_ids(df: pd.DataFrame) -> set[str]:
    """Event ids of the rows :func:`public_rows` leaves out."""
    if "event_id" not in df.columns:
        return set()
    return set(df["event_id"].astype(str)) - set(public_rows(df)["event_id"].astype(str))
