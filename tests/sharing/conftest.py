"""A synthetic two-country world around a wiggly line, with an enclave and a disputed zone.

Built in METRIC_CRS metres (so distances are exact), handed to the code in EPSG:4326.
KGZ is north of the line, TJK south of it plus a 4 km square enclave inside KGZ; a
disagreement zone straddles the line. Settlements sit on both sides and in the enclave.
"""
from __future__ import annotations

from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import METRIC_CRS, to_lonlat
from incidents.schema import conform

X0, X1 = -60000.0, 0.0
ENCLAVE = shapely.box(-40000, 10000, -36000, 14000)
ZONE = shapely.box(-20000, -1500, -10000, 1500)


def line_y(x: np.ndarray) -> np.ndarray:
    """The border: y = 2 km * sin(x / 5 km) (metres)."""
    return 2000.0 * np.sin(np.asarray(x) / 5000.0)


def _world():
    xs = np.linspace(X0, X1, 241)
    edge = np.column_stack([xs, line_y(xs)])
    kgz = shapely.Polygon(np.vstack([edge, [[X1, 40000], [X0, 40000]]]))
    kgz = kgz.difference(ENCLAVE)
    tjk = shapely.Polygon(np.vstack([edge, [[X1, -40000], [X0, -40000]]]))
    tjk = shapely.MultiPolygon([tjk, ENCLAVE])
    return kgz, tjk


@pytest.fixture(scope="session")
def world():
    return build_world()


def build_world() -> SimpleNamespace:
    """The synthetic world: polygons (metric), a duck-typed engine, settlements."""
    kgz, tjk = _world()
    countries = gpd.GeoDataFrame({"iso3": ["KGZ", "TJK"], "name_en": ["Kyrgyzstan",
                                  "Tajikistan"]}, geometry=[kgz, tjk], crs=METRIC_CRS)
    enclaves = gpd.GeoDataFrame({"enclave_id": ["vorukh"], "name_en": ["Vorukh"]},
                                geometry=[ENCLAVE], crs=METRIC_CRS)
    zones = gpd.GeoDataFrame({"zone_id": ["DZ-001"]}, geometry=[ZONE], crs=METRIC_CRS)
    places_m = pd.DataFrame({
        "name": ["Kok-Tash", "Ak-Sai", "Chorku", "Vorukh", "Zone-KG", "Zone-TJ"],
        "name_ru": ["Кок-Таш", "Ак-Сай", "Чорку", "Ворух", "Зона-КГ", "Зона-ТЖ"],
        "iso3": ["KGZ", "KGZ", "TJK", "TJK", "KGZ", "TJK"],
        "x": [-30000.0, -38000.0, -30000.0, -38000.0, -15000.0, -15000.0],
        "y": [6000.0, 16000.0, -6000.0, 12000.0, line_y(-15000) + 800,
              line_y(-15000) - 800],
    })
    lon, lat = to_lonlat(places_m["x"], places_m["y"])
    places = places_m.assign(lon=lon, lat=lat, population=1000)
    layers = SimpleNamespace(countries=countries.to_crs(4326),
                             enclaves=enclaves.to_crs(4326),
                             disagreement_zones=zones.to_crs(4326))
    engine = SimpleNamespace(layers=layers, claims=None, curated=None,
                             gazetteer=SimpleNamespace(places=places))
    return SimpleNamespace(kgz=kgz, tjk=tjk, engine=engine, places=places, enclave=ENCLAVE,
                           zone=ZONE, line_y=line_y, incidents_at=incidents_at)


def incidents_at(x_m, y_m, **cols) -> pd.DataFrame:
    """Schema-conform incidents at METRIC_CRS points."""
    lon, lat = to_lonlat(np.asarray(x_m, float), np.asarray(y_m, float))
    n = len(lon)
    base = {
        "event_id": [f"KGTJ-{i + 1:06d}" for i in range(n)],
        "source_dataset": "internal", "event_date": pd.Timestamp("2024-05-15"),
        "time_precision": 1, "category": "water_dispute", "lon": lon, "lat": lat,
        "verification_status": "verified", "sensitivity": "public",
        "actor1": "Private person A. Example", "notes": "note", "notes_shareable": False,
    }
    base.update(cols)
    return conform(pd.DataFrame(base))
