"""Actions of the community security working groups: what a group did, where and when.

One row per action, columns :data:`ACTION_COLUMNS`:

- ``action_id``: text id, unique (``A-0001`` ... given when blank on import).
- ``scope``: :data:`SCOPES` — ``community`` (one community), ``joint`` (a KG–TJ pair acting
  together) or ``parallel`` (both sides on the same problem, each on its own, when contact
  across the line is not possible). ``community_id`` is the (first) community;
  ``partner_community_id`` the other side's, required for ``joint`` and ``parallel``.
- ``title_en``, ``title_ru``, ``title_local``: the title as the group gives it.
- ``category``: ';'-joined problem categories targeted (:data:`incidents.schema.CATEGORIES`).
- ``place_kind``: :data:`PLACE_KINDS` — ``point`` (``lon``/``lat``), ``line`` (a road or
  canal segment: ``line_wkt``, a WKT LINESTRING in EPSG:4326 lon/lat) or ``settlement``
  (a radius ``place_radius_m`` around the settlement named in ``settlement`` at
  ``lon``/``lat``).
- ``start_date``, ``end_date``: ISO dates (the end may be blank while under way).
- ``action_type``: :data:`ACTION_TYPES`; ``partners``: ';'-joined :data:`PARTNERS`;
  ``status``: :data:`ACTION_STATUSES`.
- ``women``, ``youth``: number of women / young participants (blank = not recorded).
- ``notes``; ``attachments``: ';'-joined references (file names, links; no files stored).
- ``illustrative``: True for invented demo actions; ``source``: where the entry comes from.

Validation names (row, field, reason) for every problem (:class:`incidents.csv_rows.RowIssue`);
the CSV reader and writer carry the formula guards of :mod:`incidents.format_writers`.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import shapely

from geo.crs import in_region
from incidents.csv_rows import (
    RowIssue,
    RowsImport,
    TooManyRowsError,
    guarded_csv_text,
    read_guarded_csv,
    write_atomic,
)
from incidents.messages import Msg
from incidents.schema import CATEGORIES

SCOPES: tuple[str, ...] = ("community", "joint", "parallel")
PLACE_KINDS: tuple[str, ...] = ("point", "line", "settlement")
ACTION_TYPES: tuple[str, ...] = (
    "infrastructure", "dialogue_meeting", "joint_youth_women", "agreement_schedule",
    "joint_patrol_police", "information_campaign", "other")
PARTNERS: tuple[str, ...] = ("lcpc", "mahalla_committee", "district_administration", "police",
                             "border_service", "water_users_association")
ACTION_STATUSES: tuple[str, ...] = ("planned", "under_way", "done", "stopped")
MAX_RADIUS_M = 50_000.0

ACTION_COLUMNS: tuple[str, ...] = (
    "action_id", "scope", "community_id", "partner_community_id", "title_en", "title_ru",
    "title_local", "category", "place_kind", "lon", "lat", "line_wkt", "settlement",
    "place_radius_m", "start_date", "end_date", "action_type", "partners", "status", "women",
    "youth", "notes", "attachments", "illustrative", "source",
)
NUMERIC = ("lon", "lat", "place_radius_m")
COUNTS = ("women", "youth")
DATES = ("start_date", "end_date")
TEXT = tuple(c for c in ACTION_COLUMNS if c not in (*NUMERIC, *COUNTS, *DATES, "illustrative"))
REQUIRED_CSV = ("scope", "community_id", "title_en", "category", "place_kind", "start_date",
                "action_type", "status")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # NUL and control characters: dropped
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


def conform_actions(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly the action columns and dtypes (missing columns added empty)."""
    out = pd.DataFrame(index=df.index)
    for c in ACTION_COLUMNS:
        vals = df[c] if c in df.columns else pd.Series(pd.NA, index=df.index)
        if c in NUMERIC:
            out[c] = pd.to_numeric(vals, errors="coerce").astype("float64")
        elif c in COUNTS:
            out[c] = pd.to_numeric(vals, errors="coerce").astype("Int64")
        elif c in DATES:
            out[c] = pd.to_datetime(vals, errors="coerce").astype("datetime64[ns]")
        elif c == "illustrative":
            out[c] = vals.fillna(False).astype(bool)
        else:
            out[c] = vals.astype("string").replace("", pd.NA)  # empty text is missing
    return out.reset_index(drop=True)


def empty_actions() -> pd.DataFrame:
    """An empty action frame."""
    return conform_actions(pd.DataFrame(columns=list(ACTION_COLUMNS)))


def _text(v) -> str:
    if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp | dt.date):
        return v.strftime("%Y-%m-%d")
    return str(v).strip()


def _list(out: dict, col: str, allowed: tuple[str, ...], problems: list, rownum: int,
          required: bool = False) -> None:
    items = [p.strip().lower() for p in out[col].split(";") if p.strip()]
    wrong = [p for p in items if p not in allowed]
    if wrong:
        problems.append(RowIssue(rownum, col, Msg("row.unknown_values", value=str(wrong),
                                                  allowed=", ".join(allowed))))
    elif required and not items:
        problems.append(RowIssue(rownum, col, Msg("row.missing_one")))
    out[col] = ";".join(dict.fromkeys(items))


def _one(out: dict, col: str, allowed: tuple[str, ...], problems: list, rownum: int) -> None:
    val = out[col].lower()
    if val not in allowed:
        problems.append(RowIssue(rownum, col, Msg("row.not_one_of", value=out[col],
                                                  allowed=", ".join(allowed))))
    out[col] = val


def _number(rec: dict, col: str, problems: list, rownum: int) -> float:
    text = _text(rec.get(col))
    if not text:
        return np.nan
    try:
        value = float(text)
    except ValueError:
        problems.append(RowIssue(rownum, col, Msg("row.not_number", value=text)))
        return np.nan
    if not np.isfinite(value):
        problems.append(RowIssue(rownum, col, Msg("row.not_finite", value=text)))
        return np.nan
    return value


def _place(out: dict, problems: list, rownum: int) -> None:
    kind = out["place_kind"]
    if kind == "line":
        try:
            line = shapely.from_wkt(out["line_wkt"]) if out["line_wkt"] else None
        except shapely.errors.GEOSException:
            line = None
        if line is None or line.geom_type != "LineString" or line.is_empty:
            problems.append(RowIssue(rownum, "line_wkt", Msg("row.line_wkt")))
            return
        xy = shapely.get_coordinates(line)
        if not in_region(xy[:, 0], xy[:, 1]).all():
            problems.append(RowIssue(rownum, "line_wkt", Msg("row.line_outside")))
            return
        centre = line.interpolate(0.5, normalized=True)
        out["lon"], out["lat"] = float(centre.x), float(centre.y)
        out["line_wkt"] = shapely.to_wkt(line, rounding_precision=6)
        return
    out["line_wkt"] = ""
    if np.isnan(out["lon"]) or np.isnan(out["lat"]):
        problems.append(RowIssue(rownum, "lon/lat", Msg("row.needs_coordinates", kind=kind)))
    elif not in_region(out["lon"], out["lat"]):
        problems.append(RowIssue(rownum, "lon/lat", Msg("row.outside", lon=str(out["lon"]),
                                                        lat=str(out["lat"]))))
    if kind == "settlement":
        r = out["place_radius_m"]
        if not out["settlement"]:
            problems.append(RowIssue(rownum, "settlement", Msg("row.missing_settlement")))
        if np.isnan(r) or not 0 < r <= MAX_RADIUS_M:
            problems.append(RowIssue(rownum, "place_radius_m",
                                     Msg("row.radius", value=f"{MAX_RADIUS_M:.0f}")))


def _dates(rec: dict, out: dict, problems: list, rownum: int) -> None:
    for col in DATES:
        text = _text(rec.get(col))
        out[col] = pd.NaT
        if text:
            try:
                out[col] = pd.Timestamp(dt.date.fromisoformat(text[:10]))
            except ValueError:
                problems.append(RowIssue(rownum, col, Msg("row.not_date", value=text)))
    if pd.isna(out["start_date"]) and not any(p.field == "start_date" for p in problems):
        problems.append(RowIssue(rownum, "start_date", Msg("row.missing_start")))
    if pd.notna(out["start_date"]) and pd.notna(out["end_date"]) \
            and out["end_date"] < out["start_date"]:
        problems.append(RowIssue(rownum, "end_date", Msg("row.end_before_start")))
    if out["status"] in ("done", "stopped") and pd.isna(out["end_date"]) \
            and not any(p.field == "end_date" for p in problems):
        problems.append(RowIssue(rownum, "end_date", Msg("row.needs_end", status=out["status"])))


def validate_actions(df: pd.DataFrame, row_offset: int = 0,
                     existing_ids: set[str] | None = None,
                     known_communities: set[str] | None = None
                     ) -> tuple[pd.DataFrame, list[RowIssue], list[int]]:
    """Normalise and check action rows; ``(valid_rows, issues, bad_rows)``.

    A row's number is ``position + row_offset`` (``row_offset=2`` for CSV lines). Blank ids
    get ``A-0001``-style ids not in ``existing_ids``. ``known_communities``, when given,
    is the registry's ids: an action of another community is rejected.
    """
    issues: list[RowIssue] = []
    unknown = [c for c in df.columns if c not in ACTION_COLUMNS]
    if unknown:
        issues.append(RowIssue(max(row_offset - 1, 0), ",".join(map(str, unknown)),
                               Msg("row.unknown_columns", allowed=", ".join(ACTION_COLUMNS))))
    taken = set(existing_ids or ())
    in_frame = {_text(v) for v in df.get("action_id", pd.Series(dtype=object))}
    rows, bad, seq = [], [], 1
    for pos, rec in enumerate(df.to_dict("records")):
        rownum = pos + row_offset
        problems: list[RowIssue] = []
        out: dict = {c: _text(rec.get(c)) for c in TEXT}
        out = {c: _CONTROL.sub("", v) for c, v in out.items()}  # as incident imports do
        if not out["action_id"]:
            while f"A-{seq:04d}" in taken or f"A-{seq:04d}" in in_frame:
                seq += 1
            out["action_id"] = f"A-{seq:04d}"
        elif out["action_id"] in taken:
            problems.append(RowIssue(rownum, "action_id",
                                     Msg("row.id_used", value=out["action_id"])))
        if not out["title_en"]:
            problems.append(RowIssue(rownum, "title_en", Msg("row.missing_title")))
        for col, allowed in (("scope", SCOPES), ("place_kind", PLACE_KINDS),
                             ("action_type", ACTION_TYPES), ("status", ACTION_STATUSES)):
            _one(out, col, allowed, problems, rownum)
        _list(out, "category", CATEGORIES, problems, rownum, required=True)
        _list(out, "partners", PARTNERS, problems, rownum)
        for col in ("community_id", "partner_community_id"):
            if out[col] and known_communities is not None and out[col] not in known_communities:
                problems.append(RowIssue(rownum, col, Msg("row.no_community", value=out[col])))
        if not out["community_id"]:
            problems.append(RowIssue(rownum, "community_id", Msg("row.missing_whose")))
        if out["scope"] in ("joint", "parallel") and not out["partner_community_id"]:
            problems.append(RowIssue(rownum, "partner_community_id",
                                     Msg("row.partner_needed", scope=out["scope"])))
        if out["scope"] == "community":
            out["partner_community_id"] = ""
        for col in NUMERIC:
            out[col] = _number(rec, col, problems, rownum)
        for col in COUNTS:
            value = _number(rec, col, problems, rownum)
            if not np.isnan(value) and (value < 0 or value != int(value)):
                problems.append(RowIssue(rownum, col, Msg("row.not_count", value=f"{value:g}")))
            out[col] = pd.NA if np.isnan(value) else int(value)
        if out["place_kind"] in PLACE_KINDS:
            _place(out, problems, rownum)
        _dates(rec, out, problems, rownum)
        ill = _text(rec.get("illustrative")).lower()
        if ill not in _TRUE | _FALSE:
            problems.append(RowIssue(rownum, "illustrative", Msg("row.not_bool", value=ill)))
        out["illustrative"] = ill in _TRUE
        if problems:
            issues += problems
            bad.append(rownum)
        else:
            taken.add(out["action_id"])
            rows.append(out)
    return conform_actions(pd.DataFrame(rows, columns=list(ACTION_COLUMNS))), issues, bad


def read_actions_csv(path: str | Path | IO[bytes], existing_ids: set[str] | None = None,
                     known_communities: set[str] | None = None) -> RowsImport:
    """Read and check an actions CSV (UTF-8, header with the action column names)."""
    try:
        raw = read_guarded_csv(path)
    except (TooManyRowsError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        return RowsImport(empty_actions(), [RowIssue(1, "file", str(exc).splitlines()[0])],
                          [], None)
    missing = [c for c in REQUIRED_CSV if c not in raw.columns]
    if missing:
        return RowsImport(empty_actions(), [RowIssue(1, ",".join(missing),
                                                     Msg("row.missing_columns"))],
                          list(range(2, len(raw) + 2)), raw)
    frame, issues, bad = validate_actions(raw, 2, existing_ids, known_communities)
    return RowsImport(frame, issues, bad, raw)


def actions_csv_text(actions: pd.DataFrame) -> str:
    """Actions as CSV text (dates ISO, formula-like text guarded); round-trips via
    :func:`read_actions_csv`."""
    out = conform_actions(actions)
    for c in DATES:
        out[c] = out[c].dt.strftime("%Y-%m-%d")
    return guarded_csv_text(out)


def write_actions_csv(actions: pd.DataFrame, path: str | Path) -> Path:
    """Write :func:`actions_csv_text` to ``path`` atomically."""
    return write_atomic(path, actions_csv_text(actions))
