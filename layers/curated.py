"""User-curated disputed / undemarcated border segments and sites (GeoJSON), validated on load.

Format: ``docs/curated-layers.md``. The project ships no curated content of its own beyond
``data/examples/curated_example.geojson``, which is marked as an example on every record.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.crs import REGION_BOUNDS

STATUSES: tuple[str, ...] = ("disputed", "undemarcated", "agreed", "unknown")
KINDS = {
    "LineString": "segment",
    "MultiLineString": "segment",
    "Point": "site",
    "MultiPoint": "site",
    "Polygon": "site",
    "MultiPolygon": "site",
}
COLUMNS: tuple[str, ...] = (
    "curated_id",
    "kind",
    "name",
    "status",
    "status_as_of",
    "source",
    "note",
    "source_file",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WGS84_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"}

CuratedSource = Path | str | bytes | tuple[str, bytes] | Any


@dataclass(frozen=True)
class Problem:
    """One validation problem: feature index (0-based; None for the whole file), field, reason."""

    feature: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = "file" if self.feature is None else f"feature {self.feature}"
        return f"{where}, field '{self.field}': {self.reason}"


class CuratedLayerError(ValueError):
    """The curated layer has problems; ``problems`` lists every one of them."""

    def __init__(self, name: str, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{name}: {len(problems)} problem(s) in the curated layer:\n{lines}")


def _read(source: CuratedSource) -> tuple[str, bytes]:
    if isinstance(source, (str, Path)):
        return Path(source).name, Path(source).read_bytes()
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<uploaded bytes>", bytes(source)
    if isinstance(source, tuple):
        return str(source[0]), bytes(source[1])
    if hasattr(source, "getvalue"):
        return str(getattr(source, "name", "<upload>")), source.getvalue()
    if isinstance(source, io.IOBase):
        return str(getattr(source, "name", "<stream>")), source.read()
    raise TypeError(f"cannot read a curated layer from {type(source).__name__}")


def _check_date(value: Any, idx: int, problems: list[Problem]) -> str | None:
    if value in (None, ""):
        problems.append(Problem(idx, "status_as_of", "missing (required: ISO date YYYY-MM-DD)"))
        return None
    text = str(value).strip()
    try:
        day = date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:  # e.g. 2025-02-30
        day = None
    if day is None:
        problems.append(Problem(idx, "status_as_of", f"{value!r} is not an ISO date YYYY-MM-DD"))
        return None
    if day > datetime.now(UTC).date() + timedelta(days=1):
        problems.append(Problem(idx, "status_as_of", f"{value} is in the future"))
        return None
    return day.isoformat()


def _check_geometry(raw: Any, idx: int, problems: list[Problem]) -> shapely.Geometry | None:
    if not isinstance(raw, dict):
        problems.append(Problem(idx, "geometry", "missing"))
        return None
    if raw.get("type") not in KINDS:
        problems.append(
            Problem(
                idx, "geometry", f"type {raw.get('type')!r} not allowed (use {', '.join(KINDS)})"
            )
        )
        return None
    try:
        geom = shape(raw)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        problems.append(Problem(idx, "geometry", f"malformed coordinates ({exc})"))
        return None
    if geom.is_empty:
        problems.append(Problem(idx, "geometry", "empty"))
        return None
    if not geom.is_valid:
        problems.append(Problem(idx, "geometry", f"invalid ({shapely.is_valid_reason(geom)})"))
        return None
    minx, miny, maxx, maxy = REGION_BOUNDS
    x0, y0, x1, y1 = geom.bounds
    if x0 < minx or x1 > maxx or y0 < miny or y1 > maxy:
        hint = (
            " (looks like latitude and longitude are swapped)"
            if minx <= y0 and y1 <= maxx and miny <= x0 and x1 <= maxy
            else ""
        )
        problems.append(
            Problem(
                idx,
                "geometry",
                f"coordinates outside the region lon {minx}–{maxx}, lat {miny}–{maxy}{hint}",
            )
        )
        return None
    return geom


def _check_feature(feat: Any, idx: int, problems: list[Problem]) -> dict[str, Any] | None:
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        problems.append(Problem(idx, "type", "not a GeoJSON Feature"))
        return None
    props = feat.get("properties") or {}
    before = len(problems)
    cid = str(props.get("curated_id") or "").strip()
    if not cid:
        problems.append(Problem(idx, "curated_id", "missing (required, unique)"))
    status = str(props.get("status") or "unknown").strip().lower()
    if status not in STATUSES:
        problems.append(
            Problem(idx, "status", f"{props.get('status')!r} is not one of {', '.join(STATUSES)}")
        )
    as_of = _check_date(props.get("status_as_of"), idx, problems)
    source = str(props.get("source") or "").strip()
    if not source:
        problems.append(Problem(idx, "source", "missing (required: who or what says so)"))
    geom = _check_geometry(feat.get("geometry"), idx, problems)
    kind = KINDS.get(geom.geom_type) if geom is not None else None
    given_kind = props.get("kind")
    if kind and given_kind not in (None, "") and given_kind != kind:
        problems.append(
            Problem(
                idx, "kind", f"{given_kind!r} does not match a {geom.geom_type} (expected {kind!r})"
            )
        )
    if len(problems) > before:
        return None
    extras = {k: v for k, v in props.items() if k not in COLUMNS}
    return {
        **extras,
        "curated_id": cid,
        "kind": kind,
        "name": str(props.get("name") or ""),
        "status": status,
        "status_as_of": as_of,
        "source": source,
        "note": str(props.get("note") or ""),
        "geometry": geom,
    }


def load_curated(source: CuratedSource) -> gpd.GeoDataFrame:
    """Read and validate a curated segments/sites GeoJSON file.

    Parameters
    ----------
    source : path, raw bytes, ``(file name, bytes)`` or an uploaded file (``.getvalue()``).

    Returns
    -------
    GeoDataFrame (EPSG:4326) with :data:`COLUMNS` first (``kind`` derived from the geometry,
    ``status`` lower-case, missing status → ``unknown``), extra properties kept after them.

    Raises
    ------
    CuratedLayerError listing every problem (feature index, field, reason); nothing is
    loaded when any feature is bad.
    """
    name, data = _read(source)
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CuratedLayerError(
            name, [Problem(None, "json", f"not valid UTF-8 JSON ({exc})")]
        ) from exc
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        raise CuratedLayerError(name, [Problem(None, "type", "not a GeoJSON FeatureCollection")])
    problems: list[Problem] = []
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name")
    if crs_name and crs_name not in _WGS84_NAMES:
        problems.append(
            Problem(None, "crs", f"{crs_name} given; coordinates must be WGS84 lon/lat")
        )
    rows, seen = [], {}
    for idx, feat in enumerate(doc["features"]):
        row = _check_feature(feat, idx, problems)
        cid = (
            str(((feat or {}).get("properties") or {}).get("curated_id") or "").strip()
            if isinstance(feat, dict)
            else ""
        )
        if cid and cid in seen:
            problems.append(
                Problem(idx, "curated_id", f"duplicate {cid!r} (first at feature {seen[cid]})")
            )
        elif cid:
            seen[cid] = idx
        if row is not None:
            rows.append(row)
    if problems:
        raise CuratedLayerError(name, problems)
    if not rows:
        frame = gpd.GeoDataFrame(
            {c: pd.Series(dtype="string") for c in COLUMNS}, geometry=gpd.GeoSeries([], crs=4326)
        )
        return frame
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    frame["source_file"] = name
    order = (
        list(COLUMNS)
        + [c for c in frame.columns if c not in COLUMNS and c != "geometry"]
        + ["geometry"]
    )
    return frame[order]
