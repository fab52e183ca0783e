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
from incidents.messages import KeyedError, Msg

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

    @property
    def where(self) -> Msg:
        """Feature (or the file) and field, as a keyed message."""
        if self.feature is None:
            return Msg("at.file_field", field=self.field)
        return Msg("at.feature_field", feature=self.feature, field=self.field)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class CuratedLayerError(KeyedError):
    """The curated layer has problems; ``problems`` lists every one of them (keyed
    messages: :class:`incidents.messages.KeyedError`)."""

    def __init__(self, name: str, problems: list[Problem]):
        self.problems = problems
        super().__init__(Msg("curated.problems", file=name, n=len(problems)),
                         [(p.where, p.reason) for p in problems])


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
        problems.append(Problem(idx, "status_as_of", Msg("curated.date_missing")))
        return None
    text = str(value).strip()
    try:
        day = date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:  # e.g. 2025-02-30
        day = None
    if day is None:
        problems.append(Problem(idx, "status_as_of", Msg("curated.not_iso_date", value=str(value))))
        return None
    if day > datetime.now(UTC).date() + timedelta(days=1):
        problems.append(Problem(idx, "status_as_of", Msg("curated.future", value=str(value))))
        return None
    return day.isoformat()


def _check_geometry(raw: Any, idx: int, problems: list[Problem]) -> shapely.Geometry | None:
    if not isinstance(raw, dict):
        problems.append(Problem(idx, "geometry", Msg("value.missing")))
        return None
    if raw.get("type") not in KINDS:
        problems.append(Problem(idx, "geometry", Msg(
            "curated.geometry_type", value=str(raw.get("type")), allowed=", ".join(KINDS))))
        return None
    try:
        geom = shape(raw)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        problems.append(Problem(idx, "geometry", Msg("curated.malformed", detail=str(exc))))
        return None
    if geom.is_empty:
        problems.append(Problem(idx, "geometry", Msg("curated.empty_geometry")))
        return None
    if not geom.is_valid:
        problems.append(Problem(idx, "geometry", Msg(
            "curated.invalid_geometry", detail=shapely.is_valid_reason(geom))))
        return None
    minx, miny, maxx, maxy = REGION_BOUNDS
    x0, y0, x1, y1 = geom.bounds
    if x0 < minx or x1 > maxx or y0 < miny or y1 > maxy:
        swapped = minx <= y0 and y1 <= maxx and miny <= x0 and x1 <= maxy
        problems.append(Problem(idx, "geometry", Msg(
            "curated.outside_swapped" if swapped else "curated.outside",
            lon_range=f"{minx}–{maxx}", lat_range=f"{miny}–{maxy}")))
        return None
    return geom


def _check_feature(feat: Any, idx: int, problems: list[Problem]) -> dict[str, Any] | None:
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        problems.append(Problem(idx, "type", Msg("curated.not_feature")))
        return None
    props = feat.get("properties") or {}
    before = len(problems)
    cid = str(props.get("curated_id") or "").strip()
    if not cid:
        problems.append(Problem(idx, "curated_id", Msg("curated.id_missing")))
    status = str(props.get("status") or "unknown").strip().lower()
    if status not in STATUSES:
        problems.append(
            Problem(idx, "status", Msg("value.not_listed", value=str(props.get("status")),
                                       allowed=", ".join(STATUSES)))
        )
    as_of = _check_date(props.get("status_as_of"), idx, problems)
    source = str(props.get("source") or "").strip()
    if not source:
        problems.append(Problem(idx, "source", Msg("curated.source_missing")))
    geom = _check_geometry(feat.get("geometry"), idx, problems)
    kind = KINDS.get(geom.geom_type) if geom is not None else None
    given_kind = props.get("kind")
    if kind and given_kind not in (None, "") and given_kind != kind:
        problems.append(Problem(idx, "kind", Msg(
            "curated.kind_mismatch", value=str(given_kind), geometry=geom.geom_type,
            expected=kind)))
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
            name, [Problem(None, "json", Msg("curated.not_json", detail=str(exc)))]
        ) from exc
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        raise CuratedLayerError(name, [Problem(None, "type", Msg("curated.not_collection"))])
    problems: list[Problem] = []
    crs_name = ((doc.get("crs") or {}).get("properties") or {}).get("name")
    if crs_name and crs_name not in _WGS84_NAMES:
        problems.append(Problem(None, "crs", Msg("curated.crs", value=str(crs_name))))
    rows, seen = [], {}
    for idx, feat in enumerate(doc["features"]):
        row = _check_feature(feat, idx, problems)
        cid = (
            str(((feat or {}).get("properties") or {}).get("curated_id") or "").strip()
            if isinstance(feat, dict)
            else ""
        )
        if cid and cid in seen:
            problems.append(Problem(idx, "curated_id", Msg(
                "curated.duplicate_id", value=cid, first=seen[cid])))
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
