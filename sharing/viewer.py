"""The viewer's view: the incidents a viewer may read, each moved to a settlement of its own
region piece, as an incident frame the app's map, tables and analysis can use.

The store has already left out every record that is not *public* and emptied the personal
fields (:mod:`incidents.access`). This adds the location generalisation of a public export
(:func:`sharing.protect.protect_for_public`, ``location="settlement"``: never across the
line, an enclave edge or a disputed polygon); records a public export shows only as counts
(sensitive categories, no settlement within reach, no country) are left out of the
viewer's view, and :func:`viewer_frame` says how many.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from incidents.access import VIEWER_HIDDEN_COLUMNS
from incidents.schema import conform
from sharing.protect import ProtectionOptions, protect_for_public

VIEWER_OPTIONS = ProtectionOptions(location="settlement")


def viewer_frame(df: pd.DataFrame, engine: Any) -> tuple[pd.DataFrame, int]:
    """``(generalised incident frame with the schema's columns, records left out)``.

    ``df``: incident rows as the store gives a viewer; ``engine``: the border engine (with
    its gazetteer) or a :class:`sharing.context.ProtectionContext`.
    """
    if df.empty:
        return conform(df), 0
    protected, _ = protect_for_public(df, engine, VIEWER_OPTIONS)
    points = protected[protected["record_type"] == "incident"] if len(protected) else protected
    out = conform(pd.DataFrame(points.drop(columns="geometry", errors="ignore")))
    for col in VIEWER_HIDDEN_COLUMNS:  # whatever protection kept of them, a viewer gets none
        out[col] = out[col].where(np.zeros(len(out), dtype=bool))  # NA of its own dtype
    if "nearest_place" in points.columns:  # the settlement the record was moved to
        out["location"] = points["nearest_place"].astype("string").to_numpy()
    return out.reset_index(drop=True), len(df) - len(out)
