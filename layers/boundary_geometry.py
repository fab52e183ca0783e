"""Geometry steps of the boundary build: clip, project, fix enclaves, drop artefacts, simplify.

Everything between reading and writing works in metres in :data:`geo.crs.METRIC_CRS`;
:func:`geo.crs.to_metric_geom` / :func:`geo.crs.to_lonlat_geom` convert at the edges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.crs import REGION_BOUNDS


def polygonal(geom: shapely.Geometry) -> MultiPolygon:
    """Only the polygon parts of ``geom`` (after ``make_valid``), as one MultiPolygon."""
    parts = shapely.get_parts(shapely.make_valid(geom))
    polys: list[Polygon] = []
    for part in parts:
        if isinstance(part, Polygon):
            polys.append(part)
        elif isinstance(part, MultiPolygon):
            polys.extend(part.geoms)
        elif part.geom_type == "GeometryCollection":
            polys.extend(polygonal(part).geoms)
    return MultiPolygon([p for p in polys if not p.is_empty])


def clip_to_region(geom_lonlat: shapely.Geometry, bounds=REGION_BOUNDS) -> MultiPolygon:
    """Valid polygonal part of a lon/lat geometry inside ``bounds`` (minx, miny, maxx, maxy)."""
    return polygonal(shapely.intersection(shapely.make_valid(geom_lonlat), box(*bounds)))


def drop_small_parts(geom: MultiPolygon, min_area_m2: float) -> tuple[MultiPolygon, int]:
    """Remove polygon parts under ``min_area_m2`` (metric geometry); return (geom, n_removed)."""
    parts = [p for p in geom.geoms]
    kept = [p for p in parts if p.area >= min_area_m2]
    return MultiPolygon(kept), len(parts) - len(kept)


@dataclass(frozen=True)
class OverlapPiece:
    """Land drawn inside two countries' polygons; ``owner`` has it as its own separate part."""

    owner: str
    host: str
    geom: Polygon  # metres, METRIC_CRS
    owner_part_share: float  # piece area / area of the owner's polygon part containing it


def resolve_overlaps(
    countries: dict[str, MultiPolygon], min_area_m2: float
) -> tuple[dict[str, MultiPolygon], list[OverlapPiece]]:
    """Fix the enclave defect: cut from each country the parts of the others lying inside it.

    Each overlap piece of two countries goes to the country for which it is (most of) one
    separate polygon part -- the enclave's owner -- and is cut out of the other (the host).
    Pieces below ``min_area_m2`` are still cut from the host but not listed.
    """
    fixed = dict(countries)
    pieces: list[OverlapPiece] = []
    isos = sorted(countries)
    for i, a in enumerate(isos):
        for b in isos[i + 1 :]:
            inter = polygonal(shapely.intersection(countries[a], countries[b]))
            for piece in inter.geoms:
                shares = {}
                for iso in (a, b):
                    parts = [p for p in countries[iso].geoms if p.intersects(piece)]
                    best = max(parts, key=lambda p: p.intersection(piece).area)
                    shares[iso] = piece.area / best.area
                owner = max((a, b), key=lambda iso: (shares[iso], iso))
                host = b if owner == a else a
                fixed[host] = polygonal(shapely.difference(fixed[host], piece))
                if piece.area >= min_area_m2:
                    pieces.append(OverlapPiece(owner, host, piece, shares[owner]))
    return fixed, pieces


def follow_simplified(
    pieces: list[OverlapPiece], countries: dict[str, MultiPolygon]
) -> list[OverlapPiece]:
    """Replace each piece by its owner's (simplified) polygon part that overlaps it most, so
    enclave polygons coincide exactly with the country polygons written."""
    out = []
    for piece in pieces:
        parts = list(countries[piece.owner].geoms)
        best = max(parts, key=lambda p: p.intersection(piece.geom).area)
        out.append(replace(piece, geom=best))
    return out


def remove_artefact(
    geom: MultiPolygon, near_xy_m: tuple[float, float], max_dist_m: float, max_area_m2: float
) -> tuple[MultiPolygon, list[Polygon]]:
    """Drop polygon parts within ``max_dist_m`` of a point and smaller than ``max_area_m2``."""
    point = shapely.Point(near_xy_m)
    parts = list(geom.geoms)
    hit = [p.distance(point) <= max_dist_m and p.area <= max_area_m2 for p in parts]
    kept = [p for p, h in zip(parts, hit, strict=True) if not h]
    return MultiPolygon(kept), [p for p, h in zip(parts, hit, strict=True) if h]


def boundary_deviation_m(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """Symmetric vertex Hausdorff distance (metres) between the boundaries of two polygons.

    Every vertex of each boundary is measured against the other boundary; for a
    simplification (whose vertices are a subset of the source's) this bounds the distance
    of every source point, because point–segment distance is convex along a segment.
    """
    ba, bb = a.boundary, b.boundary
    shapely.prepare(ba)
    shapely.prepare(bb)
    pa = shapely.points(shapely.get_coordinates(ba))
    pb = shapely.points(shapely.get_coordinates(bb))
    return float(
        max(shapely.distance(pa, bb).max(initial=0.0), shapely.distance(pb, ba).max(initial=0.0))
    )


def simplify_coverage(
    countries: dict[str, MultiPolygon], tolerance_m: float, max_deviation_m: float
) -> tuple[dict[str, MultiPolygon], float]:
    """Simplify countries together so shared edges stay shared (no new gaps or overlaps).

    Uses GEOS coverage simplification (Visvalingam–Whyatt, ``tolerance_m`` ≈ square root of
    the triangle area removed). Raises ``AssertionError`` when any boundary moves more than
    ``max_deviation_m`` from the unsimplified one (:func:`boundary_deviation_m`).

    Returns
    -------
    (simplified countries, the largest deviation in metres)
    """
    isos = sorted(countries)
    src = np.array([countries[i] for i in isos], dtype=object)
    assert shapely.coverage_is_valid(src), "countries do not form a valid coverage"
    out = shapely.coverage_simplify(src, tolerance_m)
    worst = 0.0
    result = {}
    for iso, before, after in zip(isos, src, out, strict=True):
        after = polygonal(after)
        dist = boundary_deviation_m(before, after)
        assert dist <= max_deviation_m, f"{iso}: simplified boundary {dist:.1f} m from source"
        worst = max(worst, dist)
        result[iso] = after
    return result, worst
