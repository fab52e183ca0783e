"""The user places file: villages GeoNames lacks, supplied by the user as CSV.

The layout is documented in ``docs/places-file.md``. Columns: ``name, alt_names, lat, lon,
country, admin1, admin2, note`` (optionally ``name_ru, name_ky, name_tg``). A file is read
whole or not at all: every problem (row, field, reason) is collected and raised together
as :class:`PlacesFileError`, so nothing is dropped silently and the user can fix all rows
in one pass. Row numbers count the header as row 1, as a spreadsheet shows them.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.crs import REGION_BOUNDS, in_region
from incidents.messages import KeyedError, Msg

REQUIRED_COLUMNS: tuple[str, ...] = ("name", "lat", "lon", "country")
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "alt_names", "admin1", "admin2", "note", "name_ru", "name_ky", "name_tg",
)
ALT_NAMES_SEPARATOR = "|"

# Country spellings accepted in a places file and as geocoding evidence → ISO3.
_COUNTRY_WORDS: dict[str, str] = {
    "kgz": "KGZ", "kg": "KGZ", "kyrgyzstan": "KGZ", "kyrgyz republic": "KGZ",
    "kirgizia": "KGZ", "kyrgyzia": "KGZ", "кыргызстан": "KGZ", "киргизия": "KGZ",
    "киргизстан": "KGZ", "кыргызская республика": "KGZ",
    "tjk": "TJK", "tj": "TJK", "tajikistan": "TJK", "таджикистан": "TJK",
    "тоҷикистон": "TJK", "tojikiston": "TJK",
    "uzb": "UZB", "uz": "UZB", "uzbekistan": "UZB", "узбекистан": "UZB",
    "ўзбекистон": "UZB", "o'zbekiston": "UZB", "oʻzbekiston": "UZB", "ozbekiston": "UZB",
}


def normalize_country(value: object) -> str | None:
    """ISO3 code (KGZ/TJK/UZB) of a country code or name in English, Russian, Kyrgyz,
    Tajik or Uzbek; ``None`` when empty or not recognised."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    word = " ".join(str(value).strip().casefold().split())
    return _COUNTRY_WORDS.get(word)


@dataclass(frozen=True)
class PlacesIssue:
    """One problem in a places file: ``row`` 1 is the header, ``field`` a column name,
    ``reason`` a keyed message (:class:`incidents.messages.Msg`; plain English for the
    shipped files' own checks)."""

    path: str
    row: int
    field: str
    reason: str

    @property
    def where(self) -> Msg:
        """File, row and field, as a keyed message."""
        return Msg("at.row_field", file=self.path, row=self.row, field=self.field)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class PlacesFileError(KeyedError):
    """A places file could not be used; ``issues`` lists every problem found (its text:
    :class:`incidents.messages.KeyedError`, in the user's language by ``i18n.error_text``)."""

    def __init__(self, issues: list[PlacesIssue]):
        self.issues = issues
        super().__init__(Msg("places.problems", n=len(issues)),
                         [(i.where, i.reason) for i in issues])


def read_utf8(path: Path) -> str:
    """The text of a shipped gazetteer file (UTF-8, with or without BOM).

    Raises
    ------
    PlacesFileError
        Naming the file when it cannot be read or is not UTF-8.
    """
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlacesFileError([PlacesIssue(Path(path).name, 0, "(file)",
                                           Msg("file.unreadable", detail=_why(exc)))]) from exc


def _why(exc: Exception) -> str:
    """What went wrong reading a file, without its path (the OS message or the class)."""
    return getattr(exc, "strerror", None) or type(exc).__name__


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); a file that is not UTF-8 is read as cp1251."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1251")


def _delimiter(header_line: str) -> str:
    """The delimiter (',', ';' or tab) that splits the header into the most known columns."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)

    def hits(sep: str) -> int:
        return sum(c.strip().casefold() in known for c in header_line.split(sep))

    return max((",", ";", "\t"), key=hits)


def parse_number(text: str) -> float | None:
    """A finite float from text (',' taken as the decimal point), else None."""
    text = text.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_coords(lat: float, lon: float) -> tuple[str, Msg] | None:
    """(field, reason) when a parsed point cannot be used, else None."""
    if not -90 <= lat <= 90:
        return "lat", Msg("places.lat_range", value=lat)
    if not -180 <= lon <= 180:
        return "lon", Msg("places.lon_range", value=lon)
    if not in_region([lon], [lat])[0]:
        minx, miny, maxx, maxy = REGION_BOUNDS
        key = "places.outside_swapped" if in_region([lat], [lon])[0] else "places.outside"
        return "lat/lon", Msg(key, lat=lat, lon=lon, lat_range=f"{miny}–{maxy}",
                              lon_range=f"{minx}–{maxx}")
    return None


# C0 controls but tab, and DEL: never part of a place name, a note or a code
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")


def _check_row(values: dict[str, str], row: int, path: str) -> tuple[dict, list[PlacesIssue]]:
    issues: list[PlacesIssue] = []

    def bad(field: str, reason: Msg) -> None:
        issues.append(PlacesIssue(path, row, field, reason))

    for field, text in values.items():
        if _CONTROL.search(text or ""):  # never echoed: the character may be a NUL
            bad(field, Msg("places.control"))
    name = values.get("name", "").strip()
    if not name:
        bad("name", Msg("places.no_name"))
    coords = {}
    for field in ("lat", "lon"):
        text = values.get(field, "").strip()
        coords[field] = parse_number(text) if text else None
        if not text:
            bad(field, Msg("value.missing"))
        elif coords[field] is None:
            bad(field, Msg("places.not_number", value=text))
    if coords["lat"] is not None and coords["lon"] is not None:
        problem = check_coords(coords["lat"], coords["lon"])
        if problem:
            bad(*problem)
    country_text = values.get("country", "").strip()
    iso3 = normalize_country(country_text)
    if not country_text:
        bad("country", Msg("places.country_missing"))
    elif iso3 is None:
        bad("country", Msg("places.country_unknown", value=country_text))
    alts = [a.strip() for a in values.get("alt_names", "").split(ALT_NAMES_SEPARATOR)]

    def text_or_na(field: str) -> object:
        return values.get(field, "").strip() or pd.NA

    place = {
        "name": name, "name_ru": text_or_na("name_ru"), "name_ky": text_or_na("name_ky"),
        "name_tg": text_or_na("name_tg"),
        "alt_names": ALT_NAMES_SEPARATOR.join(a for a in alts if a),
        "lon": coords["lon"], "lat": coords["lat"], "iso3": iso3,
        "admin1": text_or_na("admin1"), "admin2": text_or_na("admin2"),
        "note": text_or_na("note"), "row": row,
    }
    return place, issues


def read_places_file(path: str | Path) -> pd.DataFrame:
    """Read and validate a places CSV.

    Returns
    -------
    DataFrame with columns ``name, name_ru, name_ky, name_tg, alt_names, lon, lat`` (EPSG:4326
    degrees), ``iso3, admin1, admin2, note, row`` (the row number in the file).

    Raises
    ------
    PlacesFileError
        Listing every bad row (row number, field, reason) or the file-level problem
        (unreadable, empty, missing or unknown columns). No row is returned then.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlacesFileError([PlacesIssue(path.name, 0, "(file)",
                                           Msg("file.unreadable", detail=_why(exc)))]) from exc
    return read_places_bytes(raw, path.name)


def read_places_bytes(raw: bytes, label: str = "<upload>") -> pd.DataFrame:
    """:func:`read_places_file` of a file's content, in memory (an upload is validated
    before anything is written); ``label`` names the file in messages."""
    text = _decode(raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise PlacesFileError([PlacesIssue(label, 1, "(header)", Msg("file.empty"))])
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    header = [h.strip().casefold() for h in next(reader)]
    issues = [PlacesIssue(label, 1, col, Msg("column.missing"))
              for col in REQUIRED_COLUMNS if col not in header]
    allowed = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    expected = ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    issues += [PlacesIssue(label, 1, col or "(blank)", Msg("column.unknown", expected=expected))
               for col in header if col not in allowed]
    if issues:
        raise PlacesFileError(issues)
    places = []
    for fields in reader:
        row = reader.line_num  # physical line where this record ends (header = 1)
        if not any(f.strip() for f in fields):
            continue  # a blank line holds no place
        if len(fields) != len(header):
            issues.append(PlacesIssue(label, row, "(row)", Msg(
                "row.field_count", n=len(fields), n_header=len(header))))
            continue
        place, row_issues = _check_row(dict(zip(header, fields, strict=True)), row, label)
        issues += row_issues
        places.append(place)
    if issues:
        raise PlacesFileError(issues)
    return pd.DataFrame(places, columns=["name", "name_ru", "name_ky", "name_tg", "alt_names",
                                         "lon", "lat", "iso3", "admin1", "admin2", "note",
                                         "row"])
