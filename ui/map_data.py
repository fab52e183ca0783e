"""What the map pages put on the map: month slices and analysis layers (no statistics
here: the analysis package computes; this module only selects and arranges results)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from incidents.filters import IncidentFilter
from maps.webmap import MapContent
from ui import resources


def months_of(df: pd.DataFrame) -> list[str]:
    """The months (YYYY-MM) present in ``df``, sorted."""
    dates = pd.to_datetime(df["event_date"], errors="coerce").dropna()
    return sorted(dates.dt.strftime("%Y-%m").unique().tolist())


def month_slice(df: pd.DataFrame, month: str) -> pd.DataFrame:
    """Rows of ``df`` in ``month`` (YYYY-MM), or all rows for 'all'."""
    if month == "all":
        return df
    return df[pd.to_datetime(df["event_date"], errors="coerce").dt.strftime("%Y-%m") == month]


def analysis_content(content: MapContent, flt: IncidentFilter, lang: str,
                     hotspot_params: dict | None = None,
                     pairing_params: dict | None = None) -> MapContent:
    """``content`` plus hotspot clusters, Gi* cells, communities and recommended pairs."""
    result = resources.hotspots(flt, hotspot_params)
    registry = resources.registry()
    pairs = resources.pairs(flt, hotspot_params, pairing_params)
    mechanisms = registry[registry["status"] != "candidate"]
    return replace(content, clusters=result.clusters, gistar=result.gistar,
                   communities=mechanisms, pairs=pairs)
