"""Fixtures for the app and web-map tests: small synthetic frames (marked synthetic)."""
from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, Polygon

from incidents.schema import CATEGORIES, SYNTHETIC_SOURCE, conform

XSS = "<script>alert(1)</script>"


def shown_text(markdown: str) -> str:
    """What a reader sees of a message Markdown box whose text went through
    ``ui.plain.literal``: the text without its backslash escapes and hard breaks."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("  \n", "\n"))


def slider_months(slider) -> list[str]:
    """The months ('YYYY-MM') of the map's month slider, read back from the labels it shows
    ('December 2025', 'декабрь 2025 г.'), in its order."""
    from i18n.fmt import partial_date_text
    back = {partial_date_text(f"{y}-{m:02d}", lang): f"{y}-{m:02d}"
            for y in range(1990, 2041) for m in range(1, 13) for lang in ("en", "ru")}
    return [back[o] for o in slider.options if o in back]


def open_app(at):
    """Run ``at`` as a browser's first visit does: the first run (the map, no sidebar yet),
    then the rerun that the drawn map's view report triggers (sidebar, chart, hotspots)."""
    at.run()
    return at.run()


def opened_app(data_dir, monkeypatch):
    """The app on the data folder ``data_dir`` after a browser's first visit
    (:func:`open_app`), without an exception."""
    from streamlit.testing.v1 import AppTest

    import settings
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = open_app(AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=180))
    assert not at.exception, [e.message for e in at.exception]
    return at


def synthetic_incidents(n: int, seed: int = 3) -> pd.DataFrame:
    """``n`` synthetic incidents around Batken–Isfara (SYNTHETIC DEMO on every row)."""
    rng = np.random.default_rng(seed)
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i:06d}" for i in range(1, n + 1)],
        "source_dataset": SYNTHETIC_SOURCE,
        "event_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, n), "D"),
        "time_precision": 1,
        "category": [CATEGORIES[i % len(CATEGORIES)] for i in range(n)],
        "lat": 39.95 + rng.normal(0, 0.08, n), "lon": 70.6 + rng.normal(0, 0.15, n),
        "geo_precision": 1, "verification_status": "unverified", "sensitivity": "internal",
        "location": "Synthetic place", "fatalities": pd.NA, "injuries": 1,
        "notes": "synthetic",
    }))


@pytest.fixture
def incidents_xss() -> pd.DataFrame:
    df = synthetic_incidents(12)
    df.loc[0, "notes"] = XSS
    df.loc[1, "location"] = XSS
    df.loc[2, "source"] = '"><img src=x onerror=alert(2)>'
    return df


@pytest.fixture
def small_boundaries():
    """A toy BoundaryLayers-like object: two countries, a line, an enclave, a zone."""
    kg = Polygon([(70.0, 40.0), (71.0, 40.0), (71.0, 40.5), (70.0, 40.5)])
    tj = Polygon([(70.0, 39.5), (71.0, 39.5), (71.0, 40.0), (70.0, 40.0)])

    class B:
        countries = gpd.GeoDataFrame({"iso3": ["KGZ", "TJK"], "name_en": ["Kyrgyzstan",
                                      "Tajikistan"], "name_ru": ["Кыргызстан", "Таджикистан"]},
                                     geometry=[kg, tj], crs=4326)
        segments = gpd.GeoDataFrame({"segment_id": ["KG-TJ-001", "KG-UZ-001"],
                                     "pair": ["KGZ-TJK", "KGZ-UZB"], "length_m": [85000, 1000]},
                                    geometry=[LineString([(70, 40), (71, 40)]),
                                              LineString([(71, 40), (71, 40.5)])], crs=4326)
        enclaves = gpd.GeoDataFrame({"enclave_id": ["vorukh"], "name_en": ["Vorukh"],
                                     "name_ru": ["Ворух"], "owner_iso3": ["TJK"],
                                     "host_iso3": ["KGZ"], "area_km2": [96.0]},
                                    geometry=[Point(70.58, 39.85).buffer(0.03)], crs=4326)
        disagreement_zones = gpd.GeoDataFrame({"zone_id": ["DZ-001"], "area_km2": [1.2],
                                               "osm_iso3": ["KGZ"], "ne_iso3": ["TJK"]},
                                              geometry=[Point(70.52, 39.87).buffer(0.01)],
                                              crs=4326)
        manifest = {"files": {}}
    return B()


@pytest.fixture
def make_incidents():
    """Factory: ``make_incidents(n, seed=3)`` → synthetic incident frame."""
    return synthetic_incidents
