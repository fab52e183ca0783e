"""Move exact locations to settlements or hex-cell pieces that stay in the point's region.

Both functions work in METRIC_CRS metres and take the region piece of every point from
:class:`sharing.regions.RegionPartition`, so a generalised location is always in the same
country part, enclave and disputed-area membership as the original. The hex cells are
:mod:`geo.hexagons`' pointy-top grid anchored at the CRS origin (``hex_m``: the flat-to-flat
width in metres), so it never depends on the data and two exports with different filters
cannot be differenced against shifted grids.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy.spatial import cKDTree

from geo.hexagons import axial_centres, axial_round, hexagon_polygons
from sharing.regions import RegionPartition


def cell_ids(q: np.ndarray, r: np.ndarray, hex_m: float) -> np.ndarray:
    """Readable, stable ids of hex cells (axial ``q, r``), e.g. ``"HX2000_12_-7"``."""
    return np.asarray([f"HX{int(hex_m)}_{a}_{b}" for a, b in zip(q, r, strict=True)],
                      dtype=object)


def snap_to_settlements(x_m: np.ndarray, y_m: np.ndarray, piece: np.ndarray,
                        place_x_m: np.ndarray, place_y_m: np.ndarray,
                        place_piece: np.ndarray, max_snap_m: float) -> np.ndarray:
    """Nearest settlement in the same region piece, within ``max_snap_m``.

    Parameters
    ----------
    x_m, y_m, piece : incidents (METRIC_CRS metres) and their piece ids.
    place_x_m, place_y_m, place_piece : settlements and their piece ids.
    max_snap_m : farthest allowed move in metres.

    Returns
    -------
    int ndarray: index into the settlements, -1 where no settlement of the same piece is
    near enough (or the incident has no piece).
    """
    out = np.full(len(x_m), -1, dtype=np.intp)
    place_piece = np.asarray(place_piece)
    for pid in np.unique(piece[piece >= 0]):
        cand = np.flatnonzero(place_piece == pid)
        if cand.size == 0:
            continue
        rows = np.flatnonzero(piece == pid)
        tree = cKDTree(np.column_stack([place_x_m[cand], place_y_m[cand]]))
        dist, k = tree.query(np.column_stack([x_m[rows], y_m[rows]]),
                             distance_upper_bound=max_snap_m)
        ok = np.isfinite(dist)
        out[rows[ok]] = cand[k[ok]]
    return out


def _inner(geoms: np.ndarray, depths_m: tuple[float, ...] = (25.0, 1.0)) -> np.ndarray:
    """Shrink each geometry by the first depth that leaves something, so the point put on
    it sits clearly inside (not on a float-noise sliver along an edge or the line)."""
    out = np.array(geoms, dtype=object, copy=True)
    todo = np.ones(len(out), dtype=bool)
    for d in depths_m:
        shrunk = shapely.buffer(geoms, -d)
        ok = todo & ~shapely.is_empty(shrunk)
        out[ok] = shrunk[ok]
        todo &= ~ok
    return out


def _largest_parts(geoms: np.ndarray) -> np.ndarray:
    """The largest polygon of each geometry (a cut can leave float-noise slivers along a
    shared edge; the reported point must sit in the real piece, not on a sliver)."""
    parts, idx = shapely.get_parts(geoms, return_index=True)
    area = shapely.area(parts)
    order = np.lexsort((-area, idx))  # by geometry, largest first
    first = np.ones(order.size, dtype=bool)
    first[1:] = idx[order][1:] != idx[order][:-1]
    out = np.array(geoms, dtype=object, copy=True)
    out[idx[order][first]] = parts[order][first]
    return out


@dataclass
class HexAssignment:
    """Hex-cell pieces of points.

    Attributes
    ----------
    group : int per point, index into the unique (cell, piece) groups (-1 without piece).
    cell_id : per group, the hex cell id.
    piece : per group, the region piece id.
    geometry : per group, the cell cut by the region piece (METRIC_CRS polygon).
    x_m, y_m : per group, a point inside that geometry (its representative point).
    """

    group: np.ndarray
    cell_id: np.ndarray
    piece: np.ndarray
    geometry: np.ndarray
    x_m: np.ndarray
    y_m: np.ndarray


def assign_hex_pieces(x_m: np.ndarray, y_m: np.ndarray, piece: np.ndarray,
                      partition: RegionPartition, hex_m: float) -> HexAssignment:
    """Cut each point's hex cell by its region piece and report the piece's point.

    Parameters
    ----------
    x_m, y_m : METRIC_CRS metres.
    piece : region piece id per point (-1 → no group).
    partition : the partition that produced ``piece``.
    hex_m : cell width in metres.
    """
    q, r = axial_round(x_m, y_m, hex_m)
    valid = (piece >= 0) & np.isfinite(x_m) & np.isfinite(y_m)
    keys = np.column_stack([q, r, piece])
    group = np.full(len(x_m), -1, dtype=np.intp)
    if not valid.any():
        empty = np.empty(0, dtype=object)
        return HexAssignment(group, empty, np.empty(0, np.intp), empty,
                             np.empty(0), np.empty(0))
    uniq, inv = np.unique(keys[valid], axis=0, return_inverse=True)
    group[valid] = inv.ravel()
    cells = hexagon_polygons(*axial_centres(uniq[:, 0], uniq[:, 1], hex_m), hex_m)
    piece_geoms = np.asarray([partition.pieces[int(p)].geometry for p in uniq[:, 2]],
                             dtype=object)
    cut = cells.copy()
    for p in np.unique(uniq[:, 2]):  # most cells lie wholly inside their piece: no cutting
        rows = np.flatnonzero(uniq[:, 2] == p)
        geom = partition.pieces[int(p)].geometry
        shapely.prepare(geom)
        edge = rows[~shapely.contains_properly(geom, cells[rows])]
        cut[edge] = shapely.intersection(cells[edge], geom)
    empty_cut = shapely.is_empty(cut) | (shapely.area(cut) <= 0)
    if empty_cut.any():  # a point exactly on a cut edge: keep a sliver inside its piece
        cut[empty_cut] = shapely.intersection(
            shapely.buffer(cells[empty_cut], 1.0), piece_geoms[empty_cut])
    rep = shapely.point_on_surface(_largest_parts(_inner(cut)))
    return HexAssignment(
        group=group,
        cell_id=cell_ids(uniq[:, 0], uniq[:, 1], hex_m),
        piece=uniq[:, 2].astype(np.intp),
        geometry=cut,
        x_m=shapely.get_x(rep),
        y_m=shapely.get_y(rep),
    )
