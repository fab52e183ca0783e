"""What the map pages put on the map: month slices and analysis layers (no statistics
here: the analysis package computes; this module only selects and arranges results)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from incidents.filters import IncidentFilter
from maps.web.webmap import MapContent
from ui import resources


def _year_months(df: pd.DataFrame) -> pd.Series:
    """``year * 100 + month`` of each row's event date (<NA> when not a date): integer
    arithmetic instead of formatting every date (0.07 s at 1e5 rows)."""
    dates = pd.to_datetime(df["event_date"], errors="coerce")
    return (dates.dt.year * 100 + dates.dt.month).astype("Int64")


def months_of(df: pd.DataFrame) -> list[str]:
    """The months (YYYY-MM) present in ``df``, sorted."""
    values = sorted(int(v) for v in _year_months(df).dropna().unique())
    return [f"{v // 100:04d}-{v % 100:02d}" for v in values]


def month_slice(df: pd.DataFrame, month: str) -> pd.DataFrame:
    """Rows of ``df`` in ``month`` (YYYY-MM), or all rows for 'all'."""
    if month == "all":
        return df
    year, mon = (int(x) for x in month.split("-")[:2])
    return df[(_year_months(df) == year * 100 + mon).fillna(False).to_numpy(dtype=bool)]


def analysis_content(content: MapContent, flt: IncidentFilter, lang: str,
                     hotspot_params: dict | None = None,
                     pairing_params: dict | None = None,
                     key: tuple | None = None) -> MapContent:
    """``content`` plus hotspot clusters, Gi* cells, communities and recommended pairs
    (with the default parameters: those every session of the server shares,
    :func:`ui.resources.analysed`). ``key``: ``resources.analysis_key(flt)`` when the caller
    has it already (it reads the store's and the registry's versions)."""
    default = hotspot_params is None and pairing_params is None
    if default and key is None:
        key = resources.analysis_key(flt)
    layers = resources.analysed(key) if default else None
    if layers is None:
        result = resources.hotspots(flt, hotspot_params)
        registry = resources.registry()
        pairs = resources.pairs(flt, hotspot_params, pairing_params)
        layers = {"clusters": result.clusters, "gistar": result.gistar,
                  "communities": registry[registry["status"] != "candidate"], "pairs": pairs}
        if default:
            resources.keep_analysed(key, layers)
    return replace(content, **layers)
