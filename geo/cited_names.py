"""Cited names of GeoNames places (``data/gazetteer/names/geonames_names.csv``).

GeoNames' ``cities500`` does not tag the language of its alternate names, so
:func:`geo.geonames.split_names` leaves ``name_ru`` (or ``name_ky``, ``name_tg``) empty
when it offers no single candidate: Khujand has Худжанд, Ходжент and Хуҷанд, Ak-Say has
Ак-Сай and Аксай. The map and the hotspot names then showed such places in Latin only,
against the rule that both sides' places are named in both scripts. This file fills those
gaps, one row per place, each name read on a public page cited in the row
(``source_title``, ``source_url``) with a short ``evidence`` line saying how the page was
tied to this place (region, coordinates within a few km); ``data/gazetteer/SOURCES.md``.

A cited name only fills a name GeoNames leaves empty: it never replaces one. A file is read
whole or not at all: every problem (row, field, reason) is raised together as
:class:`geo.places_file.PlacesFileError`, as for the other gazetteer files.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from geo.places_file import PlacesFileError, PlacesIssue, read_utf8
from geo.translit import KYRGYZ_LETTERS, RUSSIAN_LETTERS, TAJIK_LETTERS, letters_within

NAME_FIELDS: dict[str, frozenset[str]] = {
    "name_ru": RUSSIAN_LETTERS, "name_ky": KYRGYZ_LETTERS, "name_tg": TAJIK_LETTERS}
COLUMNS: tuple[str, ...] = ("place_id", "name", *NAME_FIELDS, "source_title", "source_url",
                            "evidence", "note")
_PLACE_ID = re.compile(r"gn:\d+$")
_URL = re.compile(r"https?://[^\s<>\"]+$")
_NAME_CHARS = re.compile(r"[^\W_]+(?:[ \-’'.()]+[^\W_]+)*[ \-’'.()]*$")  # no backtracking


def _row_issues(values: dict[str, str], row: int, label: str) -> list[PlacesIssue]:
    issues = [PlacesIssue(label, row, col, "missing")
              for col in ("place_id", "name", "source_title", "source_url", "evidence")
              if not values[col].strip()]
    if values["place_id"].strip() and not _PLACE_ID.match(values["place_id"].strip()):
        issues.append(PlacesIssue(label, row, "place_id", "not a GeoNames id (gn:<number>)"))
    if values["source_url"].strip() and not all(
            _URL.match(u.strip()) for u in values["source_url"].split(" | ")):
        issues.append(PlacesIssue(label, row, "source_url",
                                  "not a web address (http:// or https://)"))
    if not any(values[f].strip() for f in NAME_FIELDS):
        issues.append(PlacesIssue(label, row, "name_ru", "no name given"))
    for field, alphabet in NAME_FIELDS.items():
        text = values[field].strip()
        if text and not letters_within(text, alphabet):
            issues.append(PlacesIssue(label, row, field,
                                      "has letters outside that language's alphabet"))
        elif text and not _NAME_CHARS.match(text):
            issues.append(PlacesIssue(label, row, field, "has characters no name has (only "
                                      "letters, digits, spaces and - ’ ' . ( ) are kept)"))
    return issues


def read_cited_names(path: str | Path) -> pd.DataFrame:
    """The cited names file at ``path`` (:data:`COLUMNS`, text; empty cells are NA).

    Raises
    ------
    PlacesFileError
        Listing every problem (row 1 is the header); nothing is returned then.
    """
    label = Path(path).name
    reader = csv.DictReader(io.StringIO(read_utf8(path), newline=""))
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        raise PlacesFileError([PlacesIssue(label, 1, "(header)",
                                           f"columns must be {', '.join(COLUMNS)}")])
    rows, issues, first_row = [], [], {}
    for values in reader:
        row = reader.line_num  # the file's own row: DictReader skips blank lines
        values = {k: (v or "") for k, v in values.items() if k is not None}
        issues += _row_issues(values, row, label)
        place = values["place_id"].strip()
        if place in first_row:
            issues.append(PlacesIssue(label, row, "place_id",
                                      f"'{place}' is also on row {first_row[place]}"))
        first_row.setdefault(place, row)
        rows.append({k: values[k].strip() for k in COLUMNS})
    if issues:
        raise PlacesFileError(issues)
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype="string")
    return frame.mask(frame == "")


def apply_cited_names(places: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``places`` (gazetteer place columns) with the empty ``name_ru``/``name_ky``/
    ``name_tg`` of the places in ``names`` filled, and each filled name's page appended to
    the place's ``source_detail``. A name GeoNames gives is kept as it is."""
    out = places.copy()
    cited = names.set_index("place_id")
    at = out["place_id"].isin(cited.index).to_numpy()
    for i in map(int, at.nonzero()[0]):
        row = cited.loc[out.at[i, "place_id"]]
        filled = [f for f in NAME_FIELDS if pd.isna(out.at[i, f]) and pd.notna(row[f])]
        for field in filled:
            out.at[i, field] = row[field]
        if filled:
            out.at[i, "source_detail"] = (f"{out.at[i, 'source_detail']}; "
                                          f"{', '.join(filled)}: {row['source_title']} "
                                          f"<{row['source_url']}>")
    return out
