"""The shipped border-settlement gazetteer (``data/gazetteer/*.csv``): cited rows, read whole.

Columns (``data/gazetteer/SOURCES.md``): ``id, name, name_ru, name_ky, name_tg, alt_names,
lat, lon, country, admin1, admin2, rural_community, kind, source_title, source_url,
coord_note, note``. ``alt_names`` is '|'-separated; ``country`` is the administering
country (KGZ, TJK or UZB); ``admin2`` the district. Every row cites the public page its
coordinates and administrative membership come from (``source_title``, ``source_url``), and
that citation travels with the place (``source_detail``) to every geocoding candidate.

A file is read whole or not at all, like a user places file: every problem (row, field,
reason) is collected and raised together as :class:`geo.places_file.PlacesFileError`.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from geo.places_file import (
    PlacesFileError,
    PlacesIssue,
    check_coords,
    parse_number,
    read_utf8,
)
from incidents.messages import Msg

CURATED_COLUMNS: tuple[str, ...] = (
    "id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lat", "lon", "country",
    "admin1", "admin2", "rural_community", "kind", "source_title", "source_url",
    "coord_note", "note",
)
REQUIRED: tuple[str, ...] = ("id", "name", "lat", "lon", "country", "source_title",
                             "source_url")
COUNTRIES: tuple[str, ...] = ("KGZ", "TJK", "UZB")


def _row_place(values: dict[str, str], row: int, label: str) -> tuple[dict, list[PlacesIssue]]:
    issues: list[PlacesIssue] = []
    for col in REQUIRED:
        if not values.get(col, "").strip():
            issues.append(PlacesIssue(label, row, col, Msg("value.missing")))
    coords = {f: parse_number(values.get(f, "")) for f in ("lat", "lon")}
    for f, v in coords.items():
        if values.get(f, "").strip() and v is None:
            issues.append(PlacesIssue(label, row, f, f"'{values[f]}' is not a number"))
    if coords["lat"] is not None and coords["lon"] is not None:
        problem = check_coords(coords["lat"], coords["lon"])
        if problem:
            issues.append(PlacesIssue(label, row, *problem))
    country = values.get("country", "").strip().upper()
    if country and country not in COUNTRIES:
        issues.append(PlacesIssue(label, row, "country",
                                  f"'{values['country']}' is not one of {', '.join(COUNTRIES)}"))

    def text(col: str) -> object:
        return values.get(col, "").strip() or pd.NA

    citation = f"{values.get('source_title', '').strip()} <{values.get('source_url', '').strip()}>"
    if values.get("coord_note", "").strip():
        citation += f"; coordinates: {values['coord_note'].strip()}"
    alts = [a.strip() for a in values.get("alt_names", "").split("|") if a.strip()]
    return {
        "place_id": f"cur:{values.get('id', '').strip()}", "name": values.get("name", "").strip(),
        "name_ru": text("name_ru"), "name_ky": text("name_ky"), "name_tg": text("name_tg"),
        "alt_names": "|".join(alts), "lon": coords["lon"], "lat": coords["lat"],
        "iso3": country or pd.NA, "admin1": text("admin1"), "admin2": text("admin2"),
        "community": text("rural_community"), "population": pd.NA,
        "feature_code": text("kind"), "source": "curated", "source_detail": citation,
        "source_url": text("source_url"),
    }, issues


def read_curated_file(path: str | Path) -> pd.DataFrame:
    """Read and check one curated gazetteer CSV.

    Returns a frame with the gazetteer's place columns (``place_id`` ``cur:<id>``,
    ``source`` 'curated', ``source_detail`` the citation, ``community`` the rural
    community, ``feature_code`` the kind); lon/lat EPSG:4326 degrees.

    Raises
    ------
    PlacesFileError
        Listing every problem: missing columns, missing citation, bad coordinates, unknown
        country, duplicate id.
    """
    path = Path(path)
    label = path.name
    reader = csv.reader(io.StringIO(read_utf8(path)))
    header = [h.strip().casefold() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PlacesFileError([PlacesIssue(label, 1, c, Msg("column.missing"))
                               for c in missing])
    places, issues, seen = [], [], {}
    for fields in reader:
        row = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            issues.append(PlacesIssue(label, row, "(row)", Msg(
                "row.field_count", n=len(fields), n_header=len(header))))
            continue
        place, row_issues = _row_place(dict(zip(header, fields, strict=True)), row, label)
        if place["place_id"] in seen:
            row_issues.append(PlacesIssue(label, row, "id", f"duplicate id (also row "
                                          f"{seen[place['place_id']]})"))
        seen.setdefault(place["place_id"], row)
        issues += row_issues
        places.append(place)
    if issues:
        raise PlacesFileError(issues)
    return pd.DataFrame(places)


def read_curated(paths: Sequence[Path]) -> pd.DataFrame:
    """Every curated file in ``paths``, concatenated (ids unique across files).

    Raises :class:`PlacesFileError` listing the problems of all files together.
    """
    frames, issues = [], []
    for path in paths:
        try:
            frames.append(read_curated_file(path))
        except PlacesFileError as exc:
            issues += exc.issues
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(out):
        dup = out["place_id"].duplicated(keep=False)
        issues += [PlacesIssue(",".join(Path(p).name for p in paths), 0, "id",
                               f"id {pid} appears in more than one file")
                   for pid in sorted(set(out.loc[dup, "place_id"]))]
    if issues:
        raise PlacesFileError(issues)
    return out
