"""What the map pages put on the map: month slices and analysis layers (no statistics
here: the analysis package computes; this module only selects and arranges results)."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from geo.study import STUDY_BUFFER_M
from incidents.filters import IncidentFilter
from maps.web.webmap import MapContent
from ui import resources, shared_analysis


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
    """``content`` plus hotspot clusters, Gi* cells, communities and recommended pairs.

    With the default parameters the layers are those every session of the server shares
    (:mod:`ui.shared_analysis`), computed once per filter in one pass (:func:`_default_layers`);
    ``key``: ``resources.analysis_key(flt)`` when the caller has it already (it reads the
    store's and the registry's versions). Other parameters (the Hotspots page) go through
    the session caches of :func:`ui.resources.hotspots` and :func:`ui.resources.pairs`."""
    if hotspot_params is not None or pairing_params is not None:
        result = resources.hotspots(flt, hotspot_params)
        return replace(content, **_layers(result.clusters, result.gistar, resources.registry(),
                                          resources.pairs(flt, hotspot_params,
                                                          pairing_params)))
    key = key if key is not None else resources.analysis_key(flt)
    return replace(content, **shared_analysis.get_or_compute(key, lambda: _default_layers(flt)))


def _layers(clusters, gistar, registry: pd.DataFrame, pairs: pd.DataFrame) -> dict:
    return {"clusters": clusters, "gistar": gistar,
            "communities": registry[registry["status"] != "candidate"], "pairs": pairs}


def _default_layers(flt: IncidentFilter) -> dict:
    """Hotspots and pairs of ``flt``'s rows with the default parameters, in one analysis
    (not through the session caches, whose results are pickled when stored and unpickled
    when read: the Gi* cells' geometry alone took 0.12 s of a 0.4 s demo analysis)."""
    from analysis.service import AnalysisRequest, HotspotParams, PairingParams, analyse
    as_of = resources.with_analysis_date(flt, None)
    # the rows are already those this session's role may read (its cache scope)
    request = AnalysisRequest(hotspot=HotspotParams(**as_of), pairing=PairingParams(**as_of),
                              public=False, steps=("hotspots", "pairs"))
    registry = resources.registry()
    result = analyse(resources.incidents(flt),
                     resources.core().engine.study_area(buffer_m=STUDY_BUFFER_M), request,
                     registry=registry)
    return _layers(result.hotspots.clusters, result.hotspots.gistar, registry, result.pairs)
