"""Public-mode protection of incident frames: fields, locations, dates, small cells.

:func:`protect_for_public` turns incident rows (``incidents.schema`` columns) into a frame
that can be shared: personal fields removed (see :mod:`sharing.fields`), notes only when
marked shareable and clean of personal data (:mod:`sharing.pii`), locations moved to a
settlement or counted in hex cells that never cross the international line, an enclave
edge or a disputed polygon (:mod:`sharing.regions`), sensitive categories only as counts,
small counts shown as "1–2", dates coarsened on request. The returned
:class:`~sharing.report.ProtectionReport` says what was done.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import LONLAT_CRS, to_lonlat, to_metric
from incidents.schema import COUNTRIES
from sharing.context import context_from_engine
from sharing.fields import (
    DROPPED_FIELDS,
    border_dist_band,
    coarsen_dates,
    withhold_private_sources,
)
from sharing.generalise import assign_hex_pieces, snap_to_settlements
from sharing.pii import findings_by_row, scan_notes
from sharing.report import ProtectionReport, Step
from sharing.visibility import count_only_mask

MIN_HEX_M = 2000.0
MIN_CELL_COUNT = 3
SMALL_CELL_LABEL = "1–2"
LOCATION_MODES = ("settlement", "hex")
DATE_UNITS = (None, "week", "month")


@dataclass(frozen=True)
class ProtectionOptions:
    """How to protect a public export.

    Parameters
    ----------
    location : "settlement" (each incident moved to the nearest settlement in its own
        region piece) or "hex" (counts in hex cells cut by the line, enclaves and disputed
        polygons).
    hex_m : hex cell width in metres (METRIC_CRS), at least 2000.
    date_coarsen : None, "week" or "month".
    keep_notes_marked_shareable : keep notes whose ``notes_shareable`` is true and where
        the PII scan finds nothing.
    max_snap_m : farthest a settlement snap may move a point (metres); incidents with no
        settlement of their region within it are counted in hexes instead.
    by_category : count aggregates per category (else all categories together).
    """

    location: str = "hex"
    hex_m: float = MIN_HEX_M
    date_coarsen: str | None = None
    keep_notes_marked_shareable: bool = False
    max_snap_m: float = 15000.0
    by_category: bool = True

    def __post_init__(self) -> None:
        if self.location not in LOCATION_MODES:
            raise ValueError(f"location must be one of {LOCATION_MODES}, got {self.location!r}")
        if not (isinstance(self.hex_m, int | float) and self.hex_m >= MIN_HEX_M):
            raise ValueError(f"hex_m must be at least {MIN_HEX_M:g} m, got {self.hex_m!r}")
        if self.date_coarsen not in DATE_UNITS:
            raise ValueError(f"date_coarsen must be one of {DATE_UNITS}, "
                             f"got {self.date_coarsen!r}")
        if not self.max_snap_m > 0:
            raise ValueError(f"max_snap_m must be positive, got {self.max_snap_m!r}")


REQUIRED = ("event_id", "lon", "lat", "category", "event_date")


def protect_for_public(df: pd.DataFrame, engine: Any,
                       options: ProtectionOptions | None = None
                       ) -> tuple[gpd.GeoDataFrame, ProtectionReport]:
    """Protect incidents for public sharing.

    Parameters
    ----------
    df : incident rows with ``incidents.schema`` columns (lon/lat in EPSG:4326).
    engine : ``geo.engine.BorderEngine`` (or a :class:`sharing.context.ProtectionContext`).
    options : :class:`ProtectionOptions`; defaults to hex aggregation.

    Returns
    -------
    gdf : GeoDataFrame (EPSG:4326, point geometry) with ``record_type`` "incident" (one
        generalised incident) or "aggregate" (a count in a hex-cell piece: ``cell_id``,
        ``n_incidents`` (<NA> under 3), ``n_label`` ("1–2" or the count)).
    report : what was done, in plain words.
    """
    options = options or ProtectionOptions()
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"incident frame is missing column(s) {missing}")
    ctx = context_from_engine(engine)
    report = ProtectionReport(mode="public", n_input=len(df), location=options.location,
                              hex_m=float(options.hex_m), date_coarsen=options.date_coarsen)
    work = df.reset_index(drop=True).copy()
    if "deleted" in work.columns:
        deleted = work["deleted"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if deleted.any():
            report.add("deleted", n=int(deleted.sum()))
        work = work[~deleted].reset_index(drop=True)

    x, y = to_metric(pd.to_numeric(work["lon"], errors="coerce").to_numpy(dtype=float),
                     pd.to_numeric(work["lat"], errors="coerce").to_numpy(dtype=float))
    piece = ctx.partition.assign(x, y)
    unplaced = piece < 0
    count_only = count_only_mask(work)
    if (listed := unplaced & ~count_only).any():  # a public record may be named by its id
        report.warn("unplaced", n=int(listed.sum()), ids=_ids(work.loc[listed, "event_id"]))
    if (unlisted := unplaced & count_only).any():  # the others only counted, never named
        report.warn("unplaced_unlisted", n=int(unlisted.sum()))

    sensitive = count_only & ~unplaced
    if sensitive.any():
        report.add("count_only", n=int(sensitive.sum()))
    to_points = ~unplaced & ~sensitive if options.location == "settlement" else \
        np.zeros(len(work), dtype=bool)
    snapped = np.full(len(work), -1, dtype=np.intp)
    if to_points.any():
        snapped = _snap(work, x, y, piece, to_points, ctx, options, report)
    to_points &= snapped >= 0
    to_cells = ~unplaced & ~to_points

    if options.date_coarsen:
        coarsen_dates(work, options.date_coarsen)
        report.add("dates", unit=Step(f"prot.unit.{options.date_coarsen}"))
    points = (_incident_rows(work[to_points], snapped[to_points], ctx, options, report)
              if to_points.any() else pd.DataFrame())
    cells = _aggregate_rows(work[to_cells], x[to_cells], y[to_cells], piece[to_cells],
                            ctx, options, report)
    if not to_points.any():
        report.add("counts_only")
    frames = [f for f in (points, cells) if len(f)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"record_type": pd.Series(dtype="string"), "lon": pd.Series(dtype=float),
         "lat": pd.Series(dtype=float)})
    gdf = gpd.GeoDataFrame(out, geometry=gpd.points_from_xy(out["lon"], out["lat"]),
                           crs=LONLAT_CRS)
    report.n_output = len(gdf)
    return gdf, report


def protect(df: pd.DataFrame, engine: Any, mode: str = "public",
            options: ProtectionOptions | None = None) -> tuple[pd.DataFrame, ProtectionReport]:
    """Public protection, or the internal frame as stored with an internal report."""
    if mode == "internal":
        return df, ProtectionReport.internal(len(df))
    if mode != "public":
        raise ValueError(f"mode must be 'public' or 'internal', got {mode!r}")
    return protect_for_public(df, engine, options)


def _ids(ids: pd.Series, limit: int = 20) -> str:
    vals = [str(v) for v in ids.tolist()]
    more = f" and {len(vals) - limit} more" if len(vals) > limit else ""
    return ", ".join(vals[:limit]) + more + "."


def _snap(work, x, y, piece, rows, ctx, options, report) -> np.ndarray:
    if ctx.places is None or len(ctx.places) == 0:
        raise ValueError("location='settlement' needs a gazetteer of settlements; none is "
                         "loaded (use location='hex')")
    px, py = to_metric(pd.to_numeric(ctx.places["lon"], errors="coerce").to_numpy(float),
                       pd.to_numeric(ctx.places["lat"], errors="coerce").to_numpy(float))
    place_piece = ctx.partition.assign(px, py)
    out = np.full(len(work), -1, dtype=np.intp)
    out[rows] = snap_to_settlements(x[rows], y[rows], piece[rows], px, py, place_piece,
                                    options.max_snap_m)
    n_ok = int((out[rows] >= 0).sum())
    report.add("snapped", n=n_ok)
    if "side_contested" in work.columns:
        contested = work["side_contested"].astype("boolean").fillna(False).to_numpy(bool)
        n_c = int((contested & (out >= 0)).sum())
        if n_c:
            report.add("snapped_contested", n=n_c)
    if n_ok < rows.sum():
        report.add("not_snapped", n=int(rows.sum()) - n_ok, km=options.max_snap_m / 1000)
    return out


def _incident_rows(df, place_idx, ctx, options, report) -> pd.DataFrame:
    out = df.reset_index(drop=True).copy()
    places = ctx.places.iloc[place_idx].reset_index(drop=True) if len(out) else None
    notes = _public_notes(out, options, report)
    if "border_dist_m" in out.columns:
        out["border_dist_band"] = border_dist_band(out["border_dist_m"])
    out = out.drop(columns=[c for c in DROPPED_FIELDS if c in out.columns])
    n_private = withhold_private_sources(out)
    if n_private:
        report.reduce("source_event_id", "source_withheld", n=n_private)
    out["notes"] = notes
    if places is not None:
        out["lon"] = places["lon"].to_numpy(dtype=float)
        out["lat"] = places["lat"].to_numpy(dtype=float)
        out["nearest_place"] = places["name"].astype("string").to_numpy()
        if "name_ru" in places.columns:
            out["nearest_place_ru"] = places["name_ru"].astype("string").to_numpy()
        out["geo_precision"] = pd.array([2] * len(out), dtype="Int64")
    out.insert(0, "record_type", "incident")
    out["location_generalised"] = "settlement"
    report.dropped_fields = sorted(set(report.dropped_fields) | set(DROPPED_FIELDS))
    if "border_dist_m" not in report.reduced_fields:
        report.reduce("border_dist_m", "border_band")
    return out


def _public_notes(df: pd.DataFrame, options, report) -> pd.Series:
    empty = pd.Series(pd.NA, index=df.index, dtype="string")
    if not options.keep_notes_marked_shareable or "notes" not in df.columns:
        if "notes" not in report.reduced_fields:
            report.reduce("notes", "removed")
        return empty
    shareable = df.get("notes_shareable", pd.Series(False, index=df.index))
    shareable = shareable.astype("boolean").fillna(False).to_numpy(dtype=bool)
    notes = df["notes"].astype("string").where(shareable, pd.NA)
    findings = scan_notes(notes, df["event_id"])
    if findings:
        bad = sorted({f.row for f in findings})
        notes.iloc[bad] = pd.NA
        for f in findings:
            report.pii_rows.setdefault(f.label, [])
            if f.kind not in report.pii_rows[f.label]:
                report.pii_rows[f.label].append(f.kind)
        for label, kinds in findings_by_row(findings).items():
            report.warn("pii", label=label, kinds=tuple(Step(f"prot.pii.{k}") for k in kinds))
    kept = int(notes.notna().sum())
    report.reduce("notes", "notes_kept", n=kept)
    return notes


def _aggregate_rows(df, x, y, piece, ctx, options, report) -> pd.DataFrame:
    if len(df) == 0:
        return pd.DataFrame()
    df = df.reset_index(drop=True)
    hexes = assign_hex_pieces(x, y, piece, ctx.partition, options.hex_m)
    keys = {"group": hexes.group}
    if options.by_category:
        keys["category"] = df["category"].astype("string").to_numpy(dtype=object)
    frame = pd.DataFrame(keys)
    frame["event_date"] = pd.to_datetime(df["event_date"], errors="coerce").to_numpy()
    for col in ("fatalities", "injuries"):
        frame[col] = pd.to_numeric(df.get(col), errors="coerce") if col in df.columns \
            else np.nan
    frame["contested"] = df["side_contested"].astype("boolean").fillna(False).to_numpy(bool) \
        if "side_contested" in df.columns else False
    grouped = frame.groupby(list(keys), dropna=False, sort=True)
    agg = grouped.agg(n_incidents=("group", "size"), period_start=("event_date", "min"),
                      period_end=("event_date", "max"), contested=("contested", "any"),
                      n_contested=("contested", "sum"))
    sums = grouped[["fatalities", "injuries"]].sum(min_count=1)  # unknown stays unknown
    agg = agg.join(sums).reset_index()
    g = agg["group"].to_numpy(dtype=np.intp)
    lon, lat = to_lonlat(hexes.x_m[g], hexes.y_m[g])
    small = agg["n_incidents"].to_numpy() < MIN_CELL_COUNT
    agg["period_start"], agg["period_end"] = _cell_period(agg, small)
    pieces = [ctx.partition.pieces[int(p)] for p in hexes.piece[g]]
    out = pd.DataFrame({
        "record_type": "aggregate",
        "cell_id": hexes.cell_id[g],
        "category": agg["category"] if options.by_category else "all",
        "n_incidents": pd.array(np.where(small, pd.NA, agg["n_incidents"]), dtype="Int64"),
        "n_label": np.where(small, SMALL_CELL_LABEL, agg["n_incidents"].astype(str)),
        "period_start": agg["period_start"], "period_end": agg["period_end"],
        "fatalities": pd.array(np.where(small, np.nan, agg["fatalities"]), dtype="Float64"
                               ).round().astype("Int64"),
        "injuries": pd.array(np.where(small, np.nan, agg["injuries"]), dtype="Float64"
                             ).round().astype("Int64"),
        "country": [p.iso3 for p in pieces],
        "side": [COUNTRIES.get(p.iso3, "outside") for p in pieces],
        "side_contested": agg["contested"].to_numpy(dtype=bool),
        **contested_counts(agg["n_contested"].to_numpy(dtype=int), small),
        "regions": [";".join(p.members) or pd.NA for p in pieces],
        "lon": lon, "lat": lat,
        "location_generalised": f"hex {options.hex_m / 1000:g} km, cut by region",
    })
    out["regions"] = out["regions"].astype("string")
    report.add("hex", n=len(df), cells=len(np.unique(g)), km=options.hex_m / 1000)
    n_contested = int(frame["contested"].sum())
    if n_contested:
        report.add("hex_contested", n=n_contested, cells=int(agg["contested"].sum()),
                   label=SMALL_CELL_LABEL, min=MIN_CELL_COUNT)
    report.add("periods", min=MIN_CELL_COUNT)
    if small.any():
        report.add("small", n=int(small.sum()), min=MIN_CELL_COUNT, label=SMALL_CELL_LABEL)
    return out


def contested_counts(n_contested: np.ndarray, small: np.ndarray) -> dict[str, object]:
    """``n_contested`` and ``contested_label`` of each cell: how many of its incidents have a
    contested side, under the small-count rule of the total ('1–2', no exact number, when
    either the cell or its contested count is under :data:`MIN_CELL_COUNT`; '' when none)."""
    hidden = small | (n_contested < MIN_CELL_COUNT)
    label = np.where(hidden, SMALL_CELL_LABEL, n_contested.astype(str))
    return {"n_contested": pd.array(np.where(hidden, pd.NA, n_contested), dtype="Int64"),
            "contested_label": np.where(n_contested > 0, label, "")}


def _cell_period(agg: pd.DataFrame, small: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """Count periods widened to whole months, whole quarters for small cells: the first
    and last dates of a cell are incident dates (a single incident's, for a count of 1)."""
    start = pd.to_datetime(agg["period_start"], errors="coerce")
    end = pd.to_datetime(agg["period_end"], errors="coerce")

    def widen(freq: str) -> tuple[pd.Series, pd.Series]:
        return (start.dt.to_period(freq).dt.start_time,
                end.dt.to_period(freq).dt.end_time.dt.normalize())

    (ms, me), (qs, qe) = widen("M"), widen("Q")
    return ms.where(~small, qs), me.where(~small, qe)
