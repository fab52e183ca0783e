"""Minimal TopoJSON decoder (quantised, delta-encoded arcs) for polygonal objects.

Spec: https://github.com/topojson/topojson-specification. Only what Natural Earth in
``world-atlas`` needs: ``Polygon`` and ``MultiPolygon`` geometries of one object.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """All arcs as absolute coordinate arrays (n, 2), the ``transform`` applied."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        pts = np.asarray(arc, dtype=float)[:, :2]
        if transform is not None:
            pts = np.cumsum(pts, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(pts)
    return arcs


def _ring(indices: Iterable[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(pts if not parts else pts[1:])  # arcs share their end points
    return np.concatenate(parts)


def _polygon(rings: list[list[int]], arcs: list[np.ndarray]) -> Polygon:
    coords = [_ring(r, arcs) for r in rings]
    return Polygon(coords[0], coords[1:])


def decode_geometries(
    topology: dict, object_name: str, ids: Iterable[str]
) -> dict[str, shapely.Geometry]:
    """Decode the geometries with the given ``id`` of one TopoJSON object.

    Returns
    -------
    dict id → shapely (Multi)Polygon in the topology's coordinates (lon/lat degrees).
    """
    wanted = set(ids)
    arcs = decode_arcs(topology)
    out: dict[str, shapely.Geometry] = {}
    for geom in topology["objects"][object_name]["geometries"]:
        gid = str(geom.get("id"))
        if gid not in wanted:
            continue
        if geom["type"] == "Polygon":
            out[gid] = _polygon(geom["arcs"], arcs)
        elif geom["type"] == "MultiPolygon":
            out[gid] = MultiPolygon([_polygon(p, arcs) for p in geom["arcs"]])
        else:
            raise ValueError(f"TopoJSON geometry {gid}: unsupported type {geom['type']}")
    missing = wanted - set(out)
    if missing:
        raise KeyError(
            f"TopoJSON object {object_name!r} has no geometries with id {sorted(missing)}"
        )
    return out
