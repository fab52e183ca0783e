"""Generic CSV/XLSX incident tables (English or Russian headers), and the field parsing
that KoBo and GeoJSON/GeoPackage imports share.

The column mapping is detected from headers (see :mod:`incidents.importers.columns`) and can
be overridden. A file without a recognisable date column is refused as a whole. Categories
follow :mod:`incidents.importers.categories` (unknown values are rejected, never re-labelled).
Counts must be whole numbers: a typed sheet saying "many" is rejected with a hint, since the
sheet's author knows the number and ACLED's word rules would invent one.
"""
from __future__ import annotations

import pandas as pd

from incidents.importers.assemble import Draft, finish
from incidents.importers.categories import map_table_categories
from incidents.importers.columns import apply_override, detect_mapping
from incidents.importers.coords import parse_degrees, parse_pair
from incidents.importers.dates import parse_dates
from incidents.importers.fields import (
    normalise_actor_type,
    parse_code,
    parse_count,
    text_or_na,
)
from incidents.importers.result import ImportFileError, ParsedImport
from incidents.importers.source import RawTable
from incidents.messages import Msg
from incidents.schema import SOURCE_DATASETS, SYNTHETIC_SOURCE
from incidents.sides import reported_sides

PLAIN_TEXT = ("location", "admin1_given", "admin2_given", "actor1", "actor2", "notes",
              "source", "source_event_id", "disorder_type", "event_type", "sub_event_type",
              "verification_status", "sensitivity")


def resolve_mapping(raw: RawTable, override: dict[str, str] | None,
                    skip: set[str] = frozenset()) -> dict[str, str]:
    """Detected mapping merged with the user's; refuses files without a date column."""
    columns = list(raw.frame.columns)
    mapping = apply_override(detect_mapping(columns, skip), override, columns, raw.name)
    if "event_date" not in mapping:
        raise ImportFileError(Msg("import.no_date", file=raw.name, columns=", ".join(columns)))
    return mapping


def source_datasets(d: Draft, given: pd.Series) -> pd.Series:
    """A per-row source column → ``source_dataset`` per row (lower-cased when one of
    :data:`SOURCE_DATASETS`; any other name → "other", the cell kept in ``extra`` under
    ``source_dataset_given``; empty → <NA>, the file's default). Nobody can label a row
    as the synthetic demo."""
    text = given.astype(str).str.strip()
    low = text.str.lower()
    known = [s for s in SOURCE_DATASETS if s != SYNTHETIC_SOURCE]
    out = low.where(low.isin(known), "other").where(text != "", None)
    other = (out == "other") & (low != "other")
    if other.any():
        d.warnings.append(Msg("warn.source_dataset", n=int(other.sum()), known=", ".join(known),
                              given=", ".join(sorted(set(text[other]))[:5])))
        d.given_source = text.where(other)
    return out.astype(object)


def _fill_category(d: Draft) -> None:
    if "category" in d.mapping:
        cat, why, missing, rules, warnings = map_table_categories(
            d.col(d.mapping["category"]))
        d.reject(why, "category")
        d.flag("category_missing", missing)
        given = d.col(d.mapping["category"]).astype(str).str.strip()
        d.flag("category_unmapped", (cat == "other") & (given != "")
               & ~given.str.lower().isin(["other", "другое", "прочее"]))
        d.category_rules = rules
        d.warnings += warnings
    else:
        cat = pd.Series("other", index=d.index, dtype=object)
        d.flag("category_missing", pd.Series(True, index=d.index))
        d.warnings.append(Msg("warn.no_category"))
    d.fields["category"] = cat


def coded_draft(fmt: str, raw: RawTable, known: dict[str, str],
                mapping: dict[str, str] | None, date_column: str) -> Draft:
    """A :class:`Draft` for a coded dataset (ACLED, UCDP) whose types decide the category:
    its known columns plus the user's override, the fields parsed, a mapping for
    ``category`` ignored with a warning; a file without its date column is refused."""
    columns = list(raw.frame.columns)
    m = apply_override({f: c for f, c in known.items() if c in columns}, mapping, columns,
                       raw.name)
    if "event_date" not in m:
        raise ImportFileError(Msg("import.no_column", file=raw.name, label=fmt.upper(),
                                  column=date_column))
    ignored = m.pop("category", None)
    d = Draft(fmt, raw, m)
    if ignored:
        d.warnings.append(Msg("warn.category_mapping", ignored=ignored, fmt=fmt.upper()))
    fill_fields(d, categories=False)
    return d


def fill_fields(d: Draft, categories: bool = True) -> None:
    """Parse every mapped field of ``d.mapping`` into ``d.fields``, recording row problems.

    ``categories=False`` leaves the category to the caller (ACLED, UCDP derive it)."""
    m = d.mapping
    dates = parse_dates(d.col(m["event_date"]))
    d.fields["event_date"], d.fields["time_precision"] = dates.values, dates.precision
    d.reject(dates.reason, "event_date")
    if dates.month_first:
        d.warnings.append(Msg("warn.month_first", col=m["event_date"], n=dates.month_first))
    if "event_date_end" in m:
        end = parse_dates(d.col(m["event_date_end"]))
        d.fields["event_date_end"] = end.values
        d.reject(end.reason, "event_date_end")
    if "time_precision" in m:
        tp, why = parse_code(d.col(m["time_precision"]), (1, 2, 3), "time precision")
        d.fields["time_precision"] = tp.fillna(d.fields["time_precision"])
        d.reject(why, "time_precision")
    if categories:
        _fill_category(d)
    if "lat" in m or "lon" in m:
        lat, why_lat = parse_degrees(d.col(m.get("lat", "")), "lat")
        lon, why_lon = parse_degrees(d.col(m.get("lon", "")), "lon")
        d.reject(why_lat, "lat")
        d.reject(why_lon, "lon")
        d.fields["lat"], d.fields["lon"] = lat, lon
    if "coordinates" in m:
        lat, lon, why = parse_pair(d.col(m["coordinates"]))
        d.reject(why, "coordinates")
        if "lat" in d.fields:  # separate columns win; the pair fills rows they leave empty
            empty = d.fields["lat"].isna() & d.fields["lon"].isna()
            lat = d.fields["lat"].mask(empty, lat)
            lon = d.fields["lon"].mask(empty, lon)
        d.fields["lat"], d.fields["lon"] = lat, lon
    if "geo_precision" in m:
        gp, why = parse_code(d.col(m["geo_precision"]), (1, 2, 3), "geo precision")
        d.fields["geo_precision"] = gp
        # a row without coordinates goes to geocoding whatever its precision text says
        no_point = pd.Series(True, index=d.index)
        if "lat" in d.fields and "lon" in d.fields:
            no_point = d.fields["lat"].isna() | d.fields["lon"].isna()
        ignored = why.notna() & no_point
        if ignored.any():
            d.warnings.append(Msg("warn.precision_ignored", col=m["geo_precision"],
                                  n=int(ignored.sum())))
        d.reject(why, "geo_precision", ~no_point)
    for fld in PLAIN_TEXT:
        if fld in m:
            d.fields[fld] = text_or_na(d.col(m[fld]))
    if "side_reported" in m:
        given = d.col(m["side_reported"])
        side = reported_sides(given)
        unknown = side.isna() & (given.astype(str).str.strip() != "")
        if unknown.any():
            d.warnings.append(Msg(
                "warn.unknown_country", col=m["side_reported"], n=int(unknown.sum()),
                given=", ".join(sorted(set(given[unknown].astype(str)))[:5])))
        d.fields["side_reported"] = side
        d.used.discard(m["side_reported"])  # the cell as written stays in extra too
    if "source_dataset" in m:
        d.fields["source_dataset"] = source_datasets(d, d.col(m["source_dataset"]))
    for fld in ("actor1_type", "actor2_type"):
        if fld in m:
            d.fields[fld] = normalise_actor_type(d.col(m[fld]))
    for fld, what in (("fatalities", "deaths"), ("injuries", "injured people")):
        if fld in m:
            values, why = parse_count(d.col(m[fld]), what)
            d.fields[fld] = values
            d.reject(why, fld)


def parse(raw: RawTable, mapping: dict[str, str] | None = None,
          source_dataset: str | None = None) -> ParsedImport:
    """Import a generic incident table."""
    d = Draft("table", raw, resolve_mapping(raw, mapping))
    fill_fields(d)
    return finish(d, source_dataset)
