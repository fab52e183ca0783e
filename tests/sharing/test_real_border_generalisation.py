"""On the shipped layers: points metres from the KG–TJ line and at the Vorukh enclave edge
never change country, enclave or disagreement zone when generalised."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import METRIC_CRS, to_lonlat
from incidents.schema import conform
from sharing.protect import ProtectionOptions, protect_for_public


@pytest.fixture(scope="module")
def engine():
    from geo.engine import BorderEngine
    from layers.boundaries import load_boundaries

    return BorderEngine(load_boundaries())


def _edge_points(engine, offset_m: float = 4.0, step_m: float = 1500.0):
    """Points ``offset_m`` either side of the KG–TJ line, and inside/outside Vorukh."""
    lines = engine.border_segments.to_crs(METRIC_CRS)
    line = shapely.union_all(np.asarray(lines.geometry.values, dtype=object))
    pts = []
    for part in shapely.get_parts(line):
        d = np.arange(0, part.length, step_m)
        a = shapely.line_interpolate_point(part, d)
        b = shapely.line_interpolate_point(part, np.minimum(d + 1.0, part.length))
        ax_, ay = shapely.get_x(a), shapely.get_y(a)
        dx, dy = shapely.get_x(b) - ax_, shapely.get_y(b) - ay
        norm = np.hypot(dx, dy)
        ok = norm > 0
        nx, ny = -dy[ok] / norm[ok], dx[ok] / norm[ok]
        for sgn in (1, -1):
            pts.append(np.column_stack([ax_[ok] + sgn * offset_m * nx,
                                        ay[ok] + sgn * offset_m * ny]))
    xy = np.vstack(pts)
    return xy


def _frame(xy: np.ndarray) -> pd.DataFrame:
    lon, lat = to_lonlat(xy[:, 0], xy[:, 1])
    n = len(lon)
    return conform(pd.DataFrame({
        "event_id": [f"KGTJ-{i + 1:06d}" for i in range(n)], "source_dataset": "internal",
        "event_date": pd.Timestamp("2024-05-01"), "time_precision": 1,
        "category": "land_pasture_dispute", "lon": lon, "lat": lat,
        "verification_status": "verified", "sensitivity": "public"}))


def _truth(engine, lon, lat) -> pd.DataFrame:
    e = engine.enrich(lon, lat)
    return e[["country", "enclave", "disagreement_zone_id"]].astype(object).fillna("-")


def test_near_line_and_vorukh_edge_stay_on_their_side(engine):
    xy = _edge_points(engine)
    df = _frame(xy)
    truth = _truth(engine, df["lon"], df["lat"])
    assert {"KGZ", "TJK"} <= set(truth["country"])
    assert "Vorukh" in set(truth["enclave"])
    assert (truth["disagreement_zone_id"] != "-").any()

    out, _ = protect_for_public(df, engine, ProtectionOptions(location="settlement"))
    pts = out[out["record_type"] == "incident"]
    # much of the line is high mountain far from any settlement: those go to hexes
    got = _truth(engine, pts["lon"], pts["lat"]).set_index(pts["event_id"].to_numpy())
    want = truth.set_index(df["event_id"].to_numpy()).loc[got.index]
    assert {"KGZ", "TJK"} <= set(want["country"]) and "Vorukh" in set(want["enclave"])
    pd.testing.assert_frame_equal(got, want)

    cells, _ = protect_for_public(df, engine, ProtectionOptions(location="hex",
                                                                by_category=False))
    got = _truth(engine, cells["lon"], cells["lat"])
    assert (got["country"].to_numpy() == cells["country"].to_numpy()).all()
    regions = cells["regions"].fillna("")
    in_vorukh = regions.str.contains("Vorukh|vorukh").to_numpy()
    assert ((got["enclave"] == "Vorukh").to_numpy() == in_vorukh).all()
    in_zone = regions.str.contains("zone:").to_numpy()
    assert ((got["disagreement_zone_id"] != "-").to_numpy() == in_zone).all()
    both = cells.groupby("cell_id")["country"].nunique()
    assert (both > 1).any()  # cells on the line were split, not merged across it
