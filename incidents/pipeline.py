"""The import pipeline: parse → geocode unresolved names → enrich → (store: dedupe → write).

:func:`prepare` turns a parsed file into rows ready for the store (pure: no database);
:func:`import_file` runs the whole chain for one file and returns the store's
:class:`~incidents.report.ImportReport`. The store writes everything in one transaction.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.geocode_evidence import REGION_PREFIX
from incidents.dedupe import add_flags, content_hashes
from incidents.geocode_review import names_report
from incidents.report import RejectedEntry
from incidents.schema import ENRICHMENT_COLUMNS, conform
from incidents.sides import iso3_of, resolve_sides
from incidents.validation import frame_problems


@dataclass
class PreparedImport:
    """Rows ready to write: conformed, geocoded where possible, enriched."""

    frame: pd.DataFrame           # schema columns, index 0..n-1
    row_numbers: pd.Series        # file row number of each frame row
    content_hash: pd.Series       # source-content hash of each frame row
    rejected: list[RejectedEntry]
    rows_read: int
    format: str | None = None
    warnings: list[str] = field(default_factory=list)
    geocoded: int = 0
    names: dict[str, list[dict]] = field(default_factory=dict)  # geocode_review.names_report
    category_rules: dict[str, int] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)
    encoding: str | None = None                # the file's encoding (guessed) and the
    encoding_confidence: float | None = None   # guess's confidence, for the report


def _as_rejected(items) -> list[RejectedEntry]:
    """The parser's rejected rows as report entries; a keyed reason stays keyed."""
    return [RejectedEntry(getattr(r, "row_number", None), getattr(r, "field", None),
                          _text(getattr(r, "reason", r)), dict(getattr(r, "raw", {}) or {}))
            for r in items]


def _text(reason) -> str:
    return reason if isinstance(reason, str) else str(reason)


def _raw_row(frame: pd.DataFrame, idx) -> dict:
    return {k: (None if pd.isna(v) else str(v)) for k, v in frame.loc[idx].items()}


def _geocode_many(names: list, gazetteer, iso3: list, admin: list) -> pd.DataFrame:
    """:func:`geo.geocode.geocode_many` on lists (imported lazily: a seam for tests)."""
    from geo.geocode import geocode_many

    return geocode_many(pd.Series(names, dtype=object), gazetteer,
                        iso3=pd.Series(iso3, dtype=object),
                        admin=pd.Series(admin, dtype=object)).reset_index(drop=True)


def geocode_unresolved(frame: pd.DataFrame, gazetteer) -> tuple[pd.DataFrame, int, dict]:
    """Geocode rows that have a place name but no coordinates; return (frame, n matched,
    names report of :func:`incidents.geocode_review.names_report`).

    Matched rows (a compound name's too: "Ak-Sai / Kok-Tash", "near Dostuk") get lon/lat,
    ``geo_precision`` 2, ``geocode_method`` and ``geocode_match``; ambiguous, unknown and
    far names (a single place > 50 km from the line when the row says KGZ or TJK) stay
    unresolved (``geo_precision`` NA), keep their candidates and get the review flag
    ``geocode_ambiguous``, ``geocode_not_found`` or ``geocode_far``. Never guessed, never
    dropped.
    """
    name = frame["location"].astype("string").str.strip()
    need = (frame["lon"].isna() | frame["lat"].isna()) & name.notna() & (name != "")
    need = need.fillna(False).to_numpy(dtype=bool)
    if not need.any():
        return frame, 0, {}
    sub = pd.DataFrame({
        "name": name[need].astype(object),
        "iso3": iso3_of(frame.loc[need, "side_reported"]).astype(object),
        # the district when given, else the region (marked so: "Batken" is both)
        "admin": frame.loc[need, "admin2_given"].fillna(
            REGION_PREFIX + frame.loc[need, "admin1_given"]).astype(object),
    })
    sub = sub.astype(object).where(sub.notna(), None)
    keys = sub.drop_duplicates().reset_index(drop=True)
    res = _geocode_many(keys["name"].tolist(), gazetteer, iso3=keys["iso3"].tolist(),
                       admin=keys["admin"].tolist()).reset_index(drop=True)
    res = pd.concat([keys, res], axis=1)
    merged = sub.merge(res, on=["name", "iso3", "admin"], how="left")
    merged.index = sub.index
    frame = frame.copy()
    matched = merged["status"].eq("matched").to_numpy(dtype=bool)
    midx = merged.index[matched]
    frame.loc[midx, "lon"] = merged.loc[midx, "lon"].astype(float)
    frame.loc[midx, "lat"] = merged.loc[midx, "lat"].astype(float)
    frame.loc[midx, "geo_precision"] = 2
    frame.loc[midx, "geocode_method"] = merged.loc[midx, "method"].astype("string")
    match = (merged.loc[midx, "place_name"].astype(str) + " ("
             + merged.loc[midx, "place_id"].astype(str) + ")")
    frame.loc[midx, "geocode_match"] = match.astype("string")
    uidx = merged.index[~matched]
    frame.loc[uidx, "geo_precision"] = pd.NA
    frame.loc[uidx, "geocode_method"] = "unresolved"
    frame.loc[uidx, "geocode_candidates"] = merged.loc[uidx, "candidates_json"].astype("string")
    status = merged.loc[uidx, "status"].astype(str)
    flags = np.select([status == "ambiguous", status == "far"],
                      ["geocode_ambiguous", "geocode_far"], "geocode_not_found")
    frame.loc[uidx, "review_flags"] = add_flags(
        frame.loc[uidx, "review_flags"], pd.Series(flags, index=uidx)).to_numpy()
    absent = pd.Series(pd.NA, index=merged.index, dtype="string")
    names = names_report(merged["name"], merged["status"], merged["candidates_json"],
                         merged.get("match", absent), merged.get("place_name", absent))
    return frame, int(matched.sum()), names


def enrich(frame: pd.DataFrame, engine) -> pd.DataFrame:
    """Fill :data:`ENRICHMENT_COLUMNS` from the border engine (one call, vectorised), then
    resolve the side (:func:`incidents.sides.resolve_sides`, with the engine's gazetteer of
    settlements: learned names never decide a side).

    An importer's own ``location_flag`` (e.g. ``swapped_corrected``) is kept when the
    engine finds nothing wrong with the point.
    """
    if frame.empty:
        return frame
    given_flag = frame["location_flag"].astype("string")
    extra = engine.enrich(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))
    extra.index = frame.index
    frame = frame.copy()
    for col in ENRICHMENT_COLUMNS:
        frame[col] = extra[col]  # same index: the engine's own dtypes, no round trip
    frame["side_line"] = frame["side_line"].fillna(frame["side"])  # engines without it
    keep = given_flag.notna() & (given_flag != "ok") & (
        frame["location_flag"].astype("string").fillna("ok") == "ok")
    frame.loc[keep.fillna(False).to_numpy(dtype=bool), "location_flag"] = given_flag[keep]
    return conform(resolve_sides(frame, getattr(engine, "gazetteer", None)))


def prepare(parsed, *, engine, gazetteer,
            progress: Callable[[float, str], None] | None = None) -> PreparedImport:
    """Validate, geocode and enrich a parsed file (``incidents.importers.ParsedImport``);
    ``progress(fraction, stage)`` is told as each stage starts (stages: ``check``,
    ``geocode``, ``border``)."""
    report = progress or (lambda _f, _s: None)
    report(0.05, "check")
    frame = conform(parsed.frame).reset_index(drop=True)
    row_numbers = pd.Series(np.asarray(parsed.row_numbers), dtype="Int64")
    if len(row_numbers) != len(frame):
        raise ValueError("parsed import: row_numbers and frame differ in length")
    rejected = _as_rejected(parsed.rejected)
    hashes = content_hashes(frame)
    problems = frame_problems(frame)
    if problems:  # the importer's checks missed these: reject, never write them
        bad: dict = {}
        for idx, fld, reason in problems:
            bad.setdefault(idx, (fld, reason))
        for idx, (fld, reason) in bad.items():
            rejected.append(RejectedEntry(int(row_numbers[idx]), fld, reason,
                                          _raw_row(frame, idx)))
        keep = ~frame.index.isin(list(bad))
        frame, row_numbers, hashes = (frame[keep].reset_index(drop=True),
                                      row_numbers[keep].reset_index(drop=True),
                                      hashes[keep].reset_index(drop=True))
    geocoded, names = 0, {}
    report(0.2, "geocode")
    t0 = time.perf_counter()
    if gazetteer is not None:
        frame, geocoded, names = geocode_unresolved(frame, gazetteer)
    t1 = time.perf_counter()
    report(0.45, "border")
    frame = enrich(frame, engine)
    timings = {"geocode": round(t1 - t0, 3), "enrich": round(time.perf_counter() - t1, 3)}
    return PreparedImport(frame=frame, row_numbers=row_numbers, content_hash=hashes,
                          rejected=rejected, rows_read=int(parsed.rows_read),
                          format=getattr(parsed, "format", None),
                          warnings=list(getattr(parsed, "warnings", []) or []),
                          geocoded=geocoded, names=names, timings_s=timings,
                          encoding=getattr(parsed, "encoding", None) or None,
                          encoding_confidence=getattr(parsed, "encoding_confidence", None),
                          category_rules=dict(getattr(parsed, "category_rules", {}) or {}))
