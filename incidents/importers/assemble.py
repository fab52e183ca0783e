"""The last, shared step of every importer: row checks, defaults, flags, split, conform.

A format module fills a :class:`Draft` (typed values per schema field, first problem per row,
review flags) and calls :func:`finish`, which applies the rules every format shares:

- a date is required; an end date before the start is rejected;
- a latitude without a longitude (or the reverse) is rejected; ``0, 0`` counts as no point;
- lat/lon swapped: corrected only when the swapped point lies in ``geo.crs.REGION_BOUNDS`` and
  the given one does not (flag ``swapped_latlon_corrected``, ``location_flag``
  "swapped_corrected", warning with row numbers);
- no point: accepted with ``geocode_method="unresolved"`` and ``geo_precision`` <NA> when the
  row names a place (location, district or region); rejected when it names nothing;
  rows whose format marked them ``admin_only_location`` (UCDP where_prec 5–7) keep their
  precision 3 and are not meant for name geocoding;
- a point without a stated precision gets ``geo_precision`` 1 (coordinates taken as given);
- ``time_precision`` 1 when a plain date has no stated precision;
- ``verification_status`` "unverified", ``sensitivity`` "internal", and "restricted" for
  sensitive categories (domestic violence) whatever the file says;
- text cells a spreadsheet would evaluate (``=``, ``+``, ``@``...) are kept verbatim and
  flagged ``formula_like_text``;
- every source column the schema does not use goes to ``extra`` (JSON object).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.crs import in_region
from incidents.importers.fields import formula_like
from incidents.importers.json_lines import json_records
from incidents.importers.result import ParsedImport, RejectedRow
from incidents.importers.source import RawTable
from incidents.messages import Msg, msgs
from incidents.schema import (
    COLUMNS,
    SENSITIVE_CATEGORIES,
    SENSITIVITIES,
    VERIFICATION_STATUSES,
    conform,
)

# points must lie in Kyrgyzstan and Tajikistan's extent (with a margin): a point like
# (-0.0, 1e-320) is a broken cell, not a place; inside, the study-area flag still applies
IMPORT_BOUNDS = (66.5, 36.0, 81.0, 44.0)  # minx, miny, maxx, maxy in degrees
DEFAULT_DATASET = {"acled": "acled", "ucdp": "ucdp", "kobo": "kobo"}
TEXT_FIELDS = ("location", "admin1_given", "admin2_given", "actor1", "actor2", "notes",
               "source", "disorder_type", "event_type", "sub_event_type")


@dataclass
class Draft:
    """A half-built import: schema fields as typed Series aligned with ``raw.frame.index``."""

    fmt: str
    raw: RawTable
    mapping: dict[str, str]
    fields: dict[str, pd.Series] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    flags: dict[str, pd.Series] = field(default_factory=dict)
    issue_field: pd.Series | None = None
    issue_reason: pd.Series | None = None
    given_source: pd.Series | None = None  # per-row source names stored as "other"
    category_rules: dict[str, int] = field(default_factory=dict)  # "value → category": rows

    def __post_init__(self) -> None:
        idx = self.raw.frame.index
        self.issue_field = pd.Series(pd.NA, index=idx, dtype=object)
        self.issue_reason = pd.Series(pd.NA, index=idx, dtype=object)
        self.used |= set(self.mapping.values())

    @property
    def index(self) -> pd.Index:
        return self.raw.frame.index

    def col(self, name: str) -> pd.Series:
        """The text cells of a source column ('' everywhere when absent). Columns read this
        way but not named in ``mapping`` stay in ``extra``."""
        if name in self.raw.frame.columns:
            return self.raw.frame[name]  # RawTable cells are str, never NaN
        return pd.Series("", index=self.index, dtype=object)

    def reject(self, reason: pd.Series | str, fld: str, mask: pd.Series | None = None) -> None:
        """Record the first problem of each row: ``reason`` non-NA (or ``mask`` True)."""
        if isinstance(reason, str):
            bad = mask.fillna(False).astype(bool)
            reason = pd.Series(reason, index=self.index, dtype=object)
        else:
            bad = reason.notna() if mask is None else (reason.notna() & mask)
        new = bad & self.issue_field.isna()
        self.issue_field[new] = fld
        self.issue_reason.loc[new] = reason[new].to_numpy()  # keeps Msg objects (str subclass)

    def flag(self, name: str, mask: pd.Series) -> None:
        prev = self.flags.get(name, pd.Series(False, index=self.index))
        self.flags[name] = prev | mask.fillna(False).astype(bool)


def _rows(numbers: pd.Series, limit: int = 20) -> str:
    nums = [str(n) for n in numbers.tolist()]
    more = f" and {len(nums) - limit} more" if len(nums) > limit else ""
    return ", ".join(nums[:limit]) + more


def _check_coordinates(d: Draft) -> pd.Series:
    lat = d.fields.get("lat", pd.Series(np.nan, index=d.index)).astype("float64")
    lon = d.fields.get("lon", pd.Series(np.nan, index=d.index)).astype("float64")
    zero = (lat == 0) & (lon == 0)
    if zero.any():
        d.warnings.append(Msg("warn.zero_point", rows=_rows(d.raw.row_numbers[zero])))
        lat[zero], lon[zero] = np.nan, np.nan
    d.reject(Msg("coord.lat_without_lon"), "lon", lat.notna() & lon.isna())
    d.reject(Msg("coord.lon_without_lat"), "lat", lon.notna() & lat.isna())
    swap = (lat.notna() & ~in_region(lon, lat) & in_region(lat, lon)) & d.issue_field.isna()
    if swap.any():
        new_lat, new_lon = lon[swap].copy(), lat[swap].copy()
        lat[swap], lon[swap] = new_lat, new_lon
        d.flag("swapped_latlon_corrected", swap)
        d.fields["location_flag"] = pd.Series(pd.NA, index=d.index, dtype=object).mask(
            swap, "swapped_corrected")
        d.warnings.append(Msg("warn.swapped", rows=_rows(d.raw.row_numbers[swap])))
    lo_x, lo_y, hi_x, hi_y = IMPORT_BOUNDS
    with np.errstate(invalid="ignore"):
        far = (lat.notna() & lon.notna() & ~((lon >= lo_x) & (lon <= hi_x) & (lat >= lo_y)
                                             & (lat <= hi_y))) & d.issue_field.isna()
    if far.any():
        why = pd.Series(pd.NA, index=d.index, dtype=object)
        why.loc[far] = np.array(
            [Msg("coord.outside_region", lat=str(a), lon=str(b),
                 lat_range=f"{lo_y:g}..{hi_y:g}", lon_range=f"{lo_x:g}..{hi_x:g}")
             for a, b in zip(lat[far].tolist(), lon[far].tolist(), strict=True)], dtype=object)
        d.reject(why, "lat/lon", far)
        lat[far], lon[far] = np.nan, np.nan
    has_point = lat.notna() & lon.notna()
    d.fields["lat"], d.fields["lon"] = lat.where(has_point), lon.where(has_point)
    return has_point


def _place_named(d: Draft) -> pd.Series:
    named = pd.Series(False, index=d.index)
    for fld in ("location", "admin2_given", "admin1_given"):
        if fld in d.fields:
            named |= d.fields[fld].fillna("").astype(str).str.strip() != ""
    return named


def _vocab(d: Draft, fld: str, allowed: tuple[str, ...], default: str) -> None:
    values = d.fields.get(fld)
    if values is None:
        d.fields[fld] = pd.Series(default, index=d.index, dtype=object)
        return
    t = values.fillna("").astype(str).str.strip().str.lower().str.replace(" ", "_")
    bad = (t != "") & ~t.isin(allowed)
    why = pd.Series(pd.NA, index=d.index, dtype=object)
    why.loc[bad] = msgs("value.not_listed", values[bad].astype(str), allowed=", ".join(allowed))
    d.reject(why, fld, bad)
    d.fields[fld] = t.mask(t == "", default)


def finish(d: Draft, source_dataset: str | None = None) -> ParsedImport:
    """Apply the shared rules (module docstring) and split accepted / rejected rows."""
    idx = d.index
    date = d.fields.get("event_date", pd.Series(pd.NaT, index=idx))
    d.reject(Msg("date.empty"), "event_date", date.isna())
    end = d.fields.get("event_date_end")
    if end is not None:
        d.reject(Msg("date.end_before_start"), "event_date_end", end < date)

    has_point = _check_coordinates(d)
    admin_only = d.flags.get("admin_only_location", pd.Series(False, index=idx))
    d.reject(Msg("row.unplaceable"),
             "location", ~has_point & ~_place_named(d) & ~admin_only)
    method = d.fields.get("geocode_method", pd.Series(pd.NA, index=idx, dtype=object))
    d.fields["geocode_method"] = method.where(method.notna(), np.where(
        has_point, "coordinates", "unresolved"))
    gp = d.fields.get("geo_precision", pd.Series(pd.NA, index=idx, dtype="Int64"))
    gp = gp.astype("Int64").where(has_point | admin_only, pd.NA)
    d.fields["geo_precision"] = gp.mask(has_point & gp.isna(), 1)
    tp = d.fields.get("time_precision", pd.Series(pd.NA, index=idx, dtype="Int64"))
    d.fields["time_precision"] = tp.astype("Int64").fillna(1)

    _vocab(d, "verification_status", VERIFICATION_STATUSES, "unverified")
    _vocab(d, "sensitivity", SENSITIVITIES, "internal")
    category = d.fields.get("category", pd.Series("other", index=idx, dtype=object))
    sensitive = category.isin(list(SENSITIVE_CATEGORIES))
    loosened = sensitive & (d.fields["sensitivity"] != "restricted") & d.issue_field.isna()
    if loosened.any() and "sensitivity" in d.mapping:
        d.warnings.append(Msg("warn.restricted", rows=_rows(d.raw.row_numbers[loosened])))
    d.fields["sensitivity"] = d.fields["sensitivity"].mask(sensitive, "restricted")

    formula = pd.Series(False, index=idx)
    for fld in TEXT_FIELDS:
        if fld in d.fields:
            formula |= formula_like(d.fields[fld])
    d.flag("formula_like_text", formula)

    default = pd.Series(DEFAULT_DATASET.get(d.fmt) or source_dataset or "internal",
                        index=idx, dtype=object)
    per_row = d.fields.get("source_dataset")  # a per-row source column wins
    d.fields["source_dataset"] = default if per_row is None else per_row.fillna(default)
    d.fields["deleted"] = pd.Series(False, index=idx)
    d.fields["notes_shareable"] = pd.Series(False, index=idx)
    flag_text = pd.Series("", index=idx, dtype=object)
    for name, mask in d.flags.items():
        flag_text = flag_text.mask(mask, flag_text.where(flag_text == "", flag_text + ";")
                                   + name)
    d.fields["review_flags"] = flag_text.mask(flag_text == "")

    ok = d.issue_field.isna()
    frame = d.raw.frame
    unused = [c for c in frame.columns if c not in d.used]
    d.fields["extra"] = pd.Series("{}", index=idx, dtype=object)
    if unused and ok.any():
        d.fields["extra"] = json_records(frame.loc[ok, unused]).set_axis(
            idx[ok.to_numpy()])
    if d.given_source is not None:
        import json
        given = d.given_source[ok & d.given_source.notna()]
        for i, name in given.items():
            extra = json.loads(d.fields["extra"][i])
            extra["source_dataset_given"] = name
            d.fields["extra"][i] = json.dumps(extra, ensure_ascii=False)
    out = pd.DataFrame({k: v[ok] for k, v in d.fields.items() if k in COLUMNS}, index=idx[ok])
    out = conform(out)
    out["event_id"] = pd.Series(pd.NA, index=out.index, dtype="string")

    rejected = list(d.raw.rejected)
    bad = ~ok
    if bad.any():
        cells = frame.loc[bad].to_dict(orient="records")
        for num, fld, why, raw in zip(d.raw.row_numbers[bad], d.issue_field[bad],
                                      d.issue_reason[bad], cells, strict=True):
            why = why if isinstance(why, str) else str(why)  # a Msg stays a Msg
            rejected.append(RejectedRow(int(num), str(fld), why, raw))
    rejected.sort(key=lambda r: r.row_number)
    return ParsedImport(
        format=d.fmt, frame=out, row_numbers=d.raw.row_numbers[ok].copy(),
        rejected=rejected, rows_read=len(frame) + len(d.raw.rejected),
        mapping=dict(d.mapping), warnings=d.raw.warnings + d.warnings,
        encoding=d.raw.encoding, delimiter=d.raw.delimiter,
        encoding_confidence=d.raw.encoding_confidence,
        category_rules=dict(d.category_rules),
    )
