"""Incident counts per hex-cell piece, for a map that holds too many incidents to draw one
by one (the app's map beyond ``AGGREGATE_THRESHOLD`` incidents).

The cells are those of the public exports (:mod:`sharing.protect`, ``location="hex"``):
``MIN_HEX_M`` hexagons cut along the international line, enclave edges and disputed
polygons, each count placed at a point inside its own piece (never across the line), and
counts under ``MIN_CELL_COUNT`` given only as ``SMALL_CELL_LABEL`` ("1–2", no exact
number), whatever the reader's role. Nothing else of an incident (id, date, place, notes)
reaches a cell.

Two steps, so that a filter change costs a lookup and a count: :func:`cell_index` places
every row a reader may see once (per data version), :func:`cell_counts` counts the rows of
a filter. Coordinates: lon/lat EPSG:4326 in and out; cells are in ``geo.crs.METRIC_CRS``
metres.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from geo.crs import to_lonlat, to_metric
from incidents.schema import COUNTRIES
from sharing.context import context_from_engine
from sharing.generalise import assign_hex_pieces
from sharing.protect import MIN_CELL_COUNT, MIN_HEX_M, SMALL_CELL_LABEL, contested_counts

AGGREGATE_THRESHOLD = 10_000  # more incidents than this on the app's map: counts per cell
CELL_M = MIN_HEX_M  # the cells' width in metres (the public exports' smallest)
CELL_COLUMNS = ("cell_id", "lon", "lat", "side", "n_incidents", "n_label", "contested_label")


@dataclass(frozen=True)
class CellIndex:
    """Where each indexed incident is counted.

    Attributes
    ----------
    event_ids : the indexed rows' ids (unique).
    group : per row, the index of its cell piece (-1: outside every country area).
    cell_id, lon, lat, side : per cell piece (lon/lat: a point inside the piece, EPSG:4326).
    hex_m : cell width in metres.
    """

    event_ids: pd.Index
    group: np.ndarray
    cell_id: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    side: np.ndarray
    hex_m: float


def cell_index(df: pd.DataFrame, engine: Any, hex_m: float = CELL_M) -> CellIndex:
    """Place every row of ``df`` (incident rows with ``event_id``, ``lon``, ``lat``) in its
    hex-cell piece. ``engine``: the border engine or a ``ProtectionContext``."""
    if hex_m < MIN_HEX_M:
        raise ValueError(f"hex_m must be at least {MIN_HEX_M:g} m, got {hex_m!r}")
    ctx = context_from_engine(engine)
    x, y = to_metric(pd.to_numeric(df["lon"], errors="coerce").to_numpy(dtype=float),
                     pd.to_numeric(df["lat"], errors="coerce").to_numpy(dtype=float))
    piece = ctx.partition.assign(x, y)
    hexes = assign_hex_pieces(x, y, piece, ctx.partition, hex_m)
    lon, lat = to_lonlat(hexes.x_m, hexes.y_m)
    side = np.asarray([COUNTRIES.get(ctx.partition.pieces[int(p)].iso3, "outside")
                       for p in hexes.piece], dtype=object)
    ids = pd.Index(df["event_id"])
    if not ids.is_unique:
        raise ValueError("cell_index needs unique event ids")
    ids.get_indexer(ids[:1])  # builds the lookup table cell_counts uses, once
    return CellIndex(ids, hexes.group, hexes.cell_id, np.asarray(lon), np.asarray(lat), side,
                     float(hex_m))


def cell_counts(index: CellIndex, df: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``(cells, not counted)``: the rows of ``df`` (indexed by ``index``) counted per cell
    piece, one row per piece holding any (columns :data:`CELL_COLUMNS`; ``n_incidents``
    <NA> and ``n_label`` "1–2" under ``MIN_CELL_COUNT``), and how many rows have no cell
    (outside every country area, or not indexed)."""
    pos = index.event_ids.get_indexer(df["event_id"])
    group = np.where(pos >= 0, index.group[pos], -1)
    placed = group >= 0
    n_cells = len(index.cell_id)
    n = np.bincount(group[placed], minlength=n_cells)
    contested = df["side_contested"].astype("boolean").fillna(False).to_numpy(dtype=bool) \
        if "side_contested" in df.columns else np.zeros(len(df), dtype=bool)
    n_contested = np.bincount(group[placed & contested], minlength=n_cells)
    used = np.flatnonzero(n)
    n, n_contested = n[used], n_contested[used]
    small = n < MIN_CELL_COUNT
    labels = contested_counts(n_contested, small)
    cells = pd.DataFrame({
        "cell_id": index.cell_id[used], "lon": index.lon[used], "lat": index.lat[used],
        "side": index.side[used],
        "n_incidents": pd.array(np.where(small, pd.NA, n), dtype="Int64"),
        "n_label": np.where(small, SMALL_CELL_LABEL, n.astype(str)),
        "contested_label": labels["contested_label"],
    })
    cells.attrs["hex_m"] = index.hex_m
    return cells, int((~placed).sum())
