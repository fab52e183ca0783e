"""Cut the map into pieces that a generalised location must never leave (METRIC_CRS).

A piece is a connected polygon inside one country part (so an enclave is its own piece)
with one membership in every "political" polygon: enclaves, OSM/Natural Earth
disagreement zones, official-claims overlaps, user-curated disputed polygons, the sides of
a user's newer reference line. Moving an incident to a settlement or a hex-cell centre
inside its own piece can never carry it across the international line, an enclave edge or
the edge of a disputed area, which would change its political meaning (peers-and-methods
§7).
"""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geo.containment import PolygonIndex
from geo.crs import METRIC_CRS
from geo.reference_line import LINE_REACH_M, OTHER_SIDE


@dataclass(frozen=True)
class Piece:
    """One region piece."""

    piece_id: int
    iso3: str
    members: tuple[str, ...]   # labels of the political polygons the piece lies in
    geometry: shapely.Polygon  # METRIC_CRS


class RegionPartition:
    """Countries cut by enclaves and disputed polygons, built lazily per point signature.

    Parameters
    ----------
    countries : GeoDataFrame with ``iso3`` (any CRS; reprojected to METRIC_CRS).
    members : dict label → (Multi)Polygon in METRIC_CRS; enclaves and disputed polygons.
        Labels appear in outputs, e.g. ``"enclave:Vorukh"``, ``"zone:DZ-003"``.
    """

    def __init__(self, countries: gpd.GeoDataFrame,
                 members: dict[str, shapely.Geometry] | None = None) -> None:
        if "iso3" not in countries.columns:
            raise ValueError("countries needs an 'iso3' column")
        cm = countries.to_crs(METRIC_CRS) if countries.crs is not None else countries
        parts, idx = shapely.get_parts(np.asarray(cm.geometry.values, dtype=object),
                                       return_index=True)
        keep = shapely.get_type_id(parts) == 3  # polygons only
        self._parts = parts[keep]
        self._part_iso3 = np.asarray(cm["iso3"].astype(str).to_numpy())[idx[keep]]
        self._part_index = PolygonIndex(self._parts)
        members = {k: v for k, v in (members or {}).items()
                   if v is not None and not shapely.is_empty(v)}
        self._member_labels = list(members)
        self._member_geoms = np.asarray(list(members.values()), dtype=object)
        self._member_index = PolygonIndex(self._member_geoms)
        self.pieces: list[Piece] = []
        self._by_key: dict[tuple[int, tuple[int, ...]], list[int]] = {}

    def assign(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Piece id of each point (-1 outside every country or NaN).

        Parameters
        ----------
        x_m, y_m : METRIC_CRS coordinates in metres.
        """
        x_m = np.asarray(x_m, dtype=float)
        y_m = np.asarray(y_m, dtype=float)
        n = x_m.size
        out = np.full(n, -1, dtype=np.intp)
        part = self._part_index.first(x_m, y_m)
        pt_i, mem_i = self._member_index.pairs(x_m, y_m)
        sigs: list[list[int]] = [[] for _ in range(n)]
        for p, m in zip(pt_i.tolist(), mem_i.tolist(), strict=True):
            sigs[p].append(m)
        groups: dict[tuple[int, tuple[int, ...]], list[int]] = {}
        for i in np.flatnonzero(part >= 0).tolist():
            groups.setdefault((int(part[i]), tuple(sigs[i])), []).append(i)
        for key, rows in groups.items():
            ids = self._pieces_for(key)
            rows_a = np.asarray(rows)
            geoms = np.asarray([self.pieces[k].geometry for k in ids], dtype=object)
            local = PolygonIndex(geoms).first(x_m[rows_a], y_m[rows_a])
            miss = local < 0  # on a cut edge within float noise: nearest piece
            if miss.any():
                pts = shapely.points(x_m[rows_a[miss]], y_m[rows_a[miss]])
                local[miss] = [int(np.argmin(shapely.distance(geoms, p))) for p in pts]
            out[rows_a] = np.asarray(ids)[local]
        return out

    def _pieces_for(self, key: tuple[int, tuple[int, ...]]) -> list[int]:
        if key in self._by_key:
            return self._by_key[key]
        part_i, sig = key
        region = self._parts[part_i]
        kept: list[int] = []
        for m in sig:  # a point on a member's edge that only touches this part: not in it
            cut = shapely.intersection(region, self._member_geoms[m])
            if shapely.area(cut) > 0:
                region = cut
                kept.append(m)
        others = [g for j, g in enumerate(self._member_geoms)
                  if j not in kept and shapely.intersects(g, region)]
        if others:
            rest = shapely.difference(region, shapely.union_all(others))
            if shapely.area(rest) > 0:  # else the point sits on edges only: keep region
                region = rest
        polys = [g for g in shapely.get_parts(region)
                 if shapely.get_type_id(g) == 3 and g.area > 0]
        sig = tuple(kept)
        ids = []
        for g in polys:
            ids.append(len(self.pieces))
            self.pieces.append(Piece(len(self.pieces), str(self._part_iso3[part_i]),
                                     tuple(self._member_labels[m] for m in sig), g))
        self._by_key[key] = ids
        return ids


def _polys(gdf, id_col: str | None, prefix: str, kind_filter: bool = False) -> dict:
    if gdf is None or len(gdf) == 0:
        return {}
    g = gdf.to_crs(METRIC_CRS) if gdf.crs is not None else gdf
    if kind_filter:
        g = g[shapely.get_type_id(np.asarray(g.geometry.values, dtype=object)) >= 3]
        g = g[shapely.get_dimensions(np.asarray(g.geometry.values, dtype=object)) == 2]
    out = {}
    for i, (rid, geom) in enumerate(zip(
            g[id_col] if id_col in g.columns else range(len(g)), g.geometry, strict=True)):
        if geom is not None and not geom.is_empty:
            out[f"{prefix}:{rid if rid is not None else i}"] = shapely.make_valid(geom)
    return out


def line_members(line) -> dict:
    """Label → METRIC_CRS polygon for the sides of a user's newer reference line
    (``geo.reference_line.UserLine``): its polygons (``newer-line:KG:1``), and for its lines
    the strip on each side within the reach where they answer the side
    (:data:`geo.reference_line.LINE_REACH_M`), so that pieces are cut along the newer line
    too; {} without a line."""
    if line is None:
        return {}
    out = {f"newer-line:{side}:{i}": geom  # areas, made valid as the line was read
           for i, (geom, side) in enumerate(line.polygons, start=1)}
    for i, (geom, left) in enumerate(line.lines, start=1):
        for side, dist_m in ((left, LINE_REACH_M), (OTHER_SIDE[left], -LINE_REACH_M)):
            out[f"newer-line:{side}:L{i}"] = shapely.buffer(geom, dist_m, single_sided=True)
    return out


def political_members(enclaves=None, zones=None, claims=None, curated=None,
                      line=None) -> dict:
    """Label → METRIC_CRS polygon for every political polygon a location must respect.

    Parameters
    ----------
    enclaves : GeoDataFrame with ``enclave_id`` (or ``name_en``).
    zones : disagreement zones with ``zone_id``.
    claims : official-claims overlap with ``overlap_id``.
    curated : curated layer; only polygon features are used.
    line : a user's newer reference line (:func:`line_members`), or None.
    """
    members: dict = {}
    if enclaves is not None and len(enclaves):
        col = "enclave_id" if "enclave_id" in enclaves.columns else "name_en"
        members |= _polys(enclaves, col, "enclave")
    members |= _polys(zones, "zone_id", "zone")
    members |= _polys(claims, "overlap_id", "claims")
    members |= _polys(curated, "curated_id", "curated", kind_filter=True)
    return members | line_members(line)
