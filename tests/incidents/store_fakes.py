"""Small stand-ins and builders for the store tests (no test functions here).

``FakeEngine`` mimics ``geo.engine.BorderEngine.enrich`` with a simple rule (lon < 70.6 →
Tajik side), ``FakeGazetteer`` records what it learns, ``fake_geocode_many`` resolves a few
names. They let store tests check the store's own logic, independent of geo/.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from incidents.importers.result import ParsedImport, RejectedRow
from incidents.schema import ENRICHMENT_COLUMNS, conform


class FakeEngine:
    """enrich(lon, lat) → ENRICHMENT_COLUMNS; study area lon 69–72, lat 39.5–40.5."""

    def __init__(self):
        self.calls = 0

    def enrich(self, lon, lat, curated_radius_m=2000):
        self.calls += 1
        lon = np.asarray(lon, float)
        lat = np.asarray(lat, float)
        missing = np.isnan(lon) | np.isnan(lat)
        kg = lon >= 70.6
        inside = (lon >= 69) & (lon <= 72) & (lat >= 39.5) & (lat <= 40.5)
        out = pd.DataFrame({c: pd.NA for c in ENRICHMENT_COLUMNS}, index=range(len(lon)))
        out["country"] = np.where(missing, None, np.where(kg, "KGZ", "TJK"))
        out["side"] = np.where(missing, None, np.where(kg, "KG", "TJ"))
        out["border_dist_m"] = np.where(missing, np.nan, (lon - 70.6) * 85000.0)
        out["in_study_area"] = pd.array(np.where(missing, None, inside), dtype="boolean")
        out["location_flag"] = np.where(missing, "missing", "ok")
        return out


class FakeGazetteer:
    """Records learned rows; ``places`` holds two anchor villages."""

    def __init__(self):
        self.learned = []
        self.places = pd.DataFrame({
            "place_id": ["gn:10370337", "gn:1220164"], "name": ["Ak-Say", "Vorukh"],
            "lon": [70.52211, 70.58012], "lat": [39.87438, 39.85125],
            "iso3": ["KGZ", "TJK"], "admin1": ["Batken", "Sughd"]})

    def learn(self, rows):
        self.learned.append(rows)


KNOWN = {"ak-say": (70.52211, 39.87438, "gn:10370337", "Ak-Say"),
         "vorukh": (70.58012, 39.85125, "gn:1220164", "Vorukh")}


def fake_geocode_many(names, gazetteer, iso3=None, admin=None):
    """Matches KNOWN names, 'Kara-Suu' is ambiguous, anything else not found."""
    rows = []
    for name in names:
        key = str(name).strip().lower()
        if key in KNOWN:
            lon, lat, pid, pname = KNOWN[key]
            rows.append(("matched", lon, lat, pid, pname, "gazetteer", 100.0, "[]"))
        elif key == "kara-suu":
            cands = json.dumps([{"name": "Kara-Suu", "iso3": "KGZ"},
                                {"name": "Kara-Suu", "iso3": "UZB"}])
            rows.append(("ambiguous", np.nan, np.nan, None, None, None, 100.0, cands))
        else:
            rows.append(("not_found", np.nan, np.nan, None, None, None, 0.0, "[]"))
    return pd.DataFrame(rows, columns=["status", "lon", "lat", "place_id", "place_name",
                                       "method", "score", "candidates_json"])


def record(i: int, **kw) -> dict:
    """One plausible parsed incident row (schema columns)."""
    base = {
        "source_dataset": "acled", "source_event_id": f"KGZ{i:04d}",
        "event_date": pd.Timestamp("2022-01-01") + pd.Timedelta(days=i),
        "time_precision": 1, "category": "youth_clash", "actor1": "Rioters (Kyrgyzstan)",
        "fatalities": pd.NA if i % 3 == 0 else i % 2, "lon": 70.5 + i * 0.001,
        "lat": 39.9 + i * 0.001, "geo_precision": 1, "location": f"Village {i}",
        "geocode_method": "coordinates", "verification_status": "unverified",
        "sensitivity": "internal", "notes": f"note {i}", "source": "test",
    }
    base.update(kw)
    return base


def parsed(records: list[dict], rejected: list[RejectedRow] | None = None,
           fmt: str = "acled") -> ParsedImport:
    """A ParsedImport as an importer would return it (row numbers from 2)."""
    rejected = rejected or []
    frame = conform(pd.DataFrame(records)) if records else conform(pd.DataFrame())
    return ParsedImport(format=fmt, frame=frame,
                        row_numbers=pd.Series(np.arange(2, 2 + len(frame)), index=frame.index),
                        rejected=rejected, rows_read=len(frame) + len(rejected), mapping={})
