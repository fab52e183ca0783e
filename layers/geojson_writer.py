"""Deterministic GeoJSON/JSON writers: fixed key order, rounded coordinates, one feature a line.

Running the boundary build twice must give byte-identical files, so nothing here depends on
dict hashing, locale or platform line endings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

COORD_DECIMALS = 6  # 1e-6 degree ≈ 0.1 m


def round_geometry(geom: shapely.Geometry, decimals: int = COORD_DECIMALS) -> shapely.Geometry:
    """Round lon/lat coordinates; polygons re-validated and oriented CCW (RFC 7946)."""
    out = shapely.transform(geom, lambda xy: np.round(xy, decimals))
    if out.geom_type in ("Polygon", "MultiPolygon"):
        if not out.is_valid:
            out = shapely.make_valid(out)
        out = shapely.orient_polygons(out, exterior_cw=False)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def feature_line(properties: Mapping[str, Any], geom: shapely.Geometry) -> str:
    """One GeoJSON Feature as compact JSON; properties keep their given order."""
    feature = {
        "type": "Feature",
        "properties": {k: _plain(v) for k, v in properties.items()},
        "geometry": _plain(mapping(geom)),
    }
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps_feature_collection(
    name: str, features: Iterable[tuple[Mapping[str, Any], shapely.Geometry]]
) -> str:
    """A FeatureCollection text: header line, one feature per line, trailing newline."""
    lines = [feature_line(props, geom) for props, geom in features]
    body = ",\n".join(lines)
    return f'{{"type":"FeatureCollection","name":{json.dumps(name)},"features":[\n{body}\n]}}\n'


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def dumps_json(obj: Any) -> str:
    """Stable JSON text: sorted keys, 2-space indent, trailing newline."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n"
