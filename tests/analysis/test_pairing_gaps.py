"""Pairing recommendations (case-6 rule, joint/parallel mode) and coverage gaps."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.gaps import GAP_COLUMNS, coverage_gaps, gaps_geodataframe
from analysis.hotspots import HotspotParams, run_hotspots
from analysis.pairing import (
    PAIR_COLUMNS,
    PairingParams,
    armed_incidents,
    pairs_geodataframe,
    recommend_pairs,
)
from analysis.registry import conform_registry
from geo.crs import to_lonlat
from tests.analysis.conftest import make_incidents


def _community(cid, name, iso3, x_m, y_m, status="active", priorities="", mech="cswg"):
    lon, lat = to_lonlat(np.array([x_m]), np.array([y_m]))
    return {"community_id": cid, "name_en": name, "iso3": iso3, "lon": lon[0], "lat": lat[0],
            "mech_type": mech, "status": status, "priorities": priorities,
            "women": "unknown", "youth": "unknown", "authorities": "unknown",
            "cross_border_contact": "unknown", "illustrative": False}


@pytest.fixture
def scene(area_m):
    """A cross-border cluster at (0, 0) of youth clashes and road crashes (2023–2024), a
    one-sided cluster far from the line at (-25 km, 15 km), and background noise."""
    rng = np.random.default_rng(21)
    n = 30
    cats = ["youth_clash"] * 18 + ["road_crash"] * 12
    dates = pd.Timestamp("2023-03-01") + pd.to_timedelta(np.arange(n) * 15, "D")
    cross = make_incidents(rng.normal(0, 400, n), rng.normal(0, 400, n), categories=cats,
                           dates=dates)
    one_side = make_incidents(rng.normal(-25000, 300, 8), rng.normal(15000, 300, 8),
                              categories="water_dispute", start_id=200,
                              dates=pd.Timestamp("2024-01-01"), border_dist_m=25000.0)
    noise = make_incidents(rng.uniform(-29000, 29000, 20), rng.uniform(-19000, 19000, 20),
                           start_id=300, dates=pd.Timestamp("2022-01-01"))
    incidents = pd.concat([cross, one_side, noise], ignore_index=True)
    res = run_hotspots(incidents, area_m, HotspotParams(mc_sims=19))
    return incidents, res.clusters


def _cross_id(clusters):
    return clusters.loc[clusters["sides"] == "both", "hotspot_id"].iloc[0]


def test_a_pair_sharing_a_priority_outranks_one_that_does_not(scene):
    incidents, clusters = scene
    registry = conform_registry(pd.DataFrame([
        # the non-sharing pair is closer and both active: it would win on distance/status
        _community("KG-1", "Ak-Sai", "KGZ", -1500, 0, priorities="water_dispute"),
        _community("TJ-1", "Vorukh", "TJK", 1500, 0, priorities="protest"),
        _community("KG-2", "Far-KG", "KGZ", -8000, 2000, status="planned",
                   priorities="youth_clash;protest"),
        _community("TJ-2", "Far-TJ", "TJK", 8000, -2000, status="planned",
                   priorities="youth_clash"),
    ]))
    pairs = recommend_pairs(clusters, registry, incidents, PairingParams(as_of=None))
    assert list(pairs.columns) == list(PAIR_COLUMNS)
    hs = pairs[pairs["hotspot_id"] == _cross_id(clusters)]
    assert (hs.iloc[0]["kg_community_id"], hs.iloc[0]["tj_community_id"]) == ("KG-2", "TJ-2")
    assert hs.iloc[0]["shared_priorities"] == "youth_clash"
    assert hs.iloc[0]["score_incident_share"] == pytest.approx(18 / 30)
    close = hs[(hs["kg_community_id"] == "KG-1") & (hs["tj_community_id"] == "TJ-1")].iloc[0]
    assert close["shared_priorities"] == "" and close["score_shared"] == 0
    assert close["score_distance"] > hs.iloc[0]["score_distance"]
    why = hs.iloc[0]["why"]
    assert "18 youth clashes and 12 road crashes" in why and "since March 2023" in why
    assert "Far-KG (KG) and Far-TJ (TJ) both prioritise youth clashes" in why
    assert why.endswith("→ joint")
    # the one-sided hotspot far from the line gets no pair
    assert set(pairs["hotspot_id"]) == {_cross_id(clusters)}
    lines = pairs_geodataframe(pairs)
    assert (lines.geom_type == "LineString").all() and lines.crs.to_epsg() == 4326


def _registry_pair():
    return conform_registry(pd.DataFrame([
        _community("KG-1", "Ak-Sai", "KGZ", -1500, 0, priorities="youth_clash"),
        _community("TJ-1", "Vorukh", "TJK", 1500, 0, priorities="youth_clash"),
    ]))


def _armed(x_m, date, start_id, **kw):
    return make_incidents([x_m], [0.0], categories="border_guard_incident",
                          dates=pd.Timestamp(date), start_id=start_id, **kw)


def test_recent_armed_incident_switches_to_parallel_and_is_named(scene):
    incidents, clusters = scene
    as_of = incidents["event_date"].max()
    recent = _armed(9000.0, as_of - pd.Timedelta(days=20), 900,
                    fatalities=pd.array([2], dtype="Int64"))
    old = _armed(9000.0, as_of - pd.Timedelta(days=400), 901,
                 sub_event_type="Armed clash", fatalities=pd.array([0], dtype="Int64"))
    far = _armed(29000.0, as_of - pd.Timedelta(days=5), 902,
                 fatalities=pd.array([1], dtype="Int64"))
    everything = pd.concat([incidents, recent, old, far], ignore_index=True)
    params = PairingParams(as_of=as_of)  # the analysis date is given, never the newest row
    pairs = recommend_pairs(clusters, _registry_pair(), everything, params)
    row = pairs[pairs["hotspot_id"] == _cross_id(clusters)].iloc[0]
    assert row["mode"] == "parallel"
    assert row["triggering_event_ids"] == "KGTJ-000900"
    assert "KGTJ-000900" in row["why"] and row["why"].endswith("→ parallel")
    # the same data without the recent one: the old clash and the far one do not trigger
    pairs = recommend_pairs(clusters, _registry_pair(),
                            pd.concat([incidents, old, far], ignore_index=True), params)
    row = pairs[pairs["hotspot_id"] == _cross_id(clusters)].iloc[0]
    assert row["mode"] == "joint" and row["triggering_event_ids"] == ""
    when = f"{as_of.day} {as_of:%B %Y}"
    assert f"no exchange of fire within 15 km in the 90 days before {when}" in row["why"]
    # by default the window ends today, not at the newest incident
    assert recommend_pairs(clusters, _registry_pair(), everything).iloc[0]["mode"] == "joint"


def test_armed_incident_rule():
    df = pd.concat([
        _armed(0, "2024-01-01", 1, fatalities=pd.array([1], dtype="Int64")),
        _armed(0, "2024-01-01", 2, notes="exchange of fire at the post"),
        _armed(0, "2024-01-01", 3, fatalities=pd.array([pd.NA], dtype="Int64")),
        make_incidents([0.0], [0.0], categories="youth_clash", start_id=4,
                       fatalities=pd.array([3], dtype="Int64")),
    ], ignore_index=True)
    assert armed_incidents(df).tolist() == [True, True, False, False]


def test_hotspot_without_mechanism_is_a_gap(scene):
    _, clusters = scene
    cross = _cross_id(clusters)
    registry = conform_registry(pd.DataFrame([
        _community("KG-1", "Ak-Sai", "KGZ", -1500, 0),                       # active, KG
        _community("TJ-9", "Planned-TJ", "TJK", 2000, 0, status="planned"),  # not active
        _community("cand:1", "Chorkuh", "TJK", 4000, 1000, status="candidate",
                   mech="candidate"),
        _community("cand:2", "Far village", "TJK", 9000, 1000, status="candidate",
                   mech="candidate"),
    ]))
    gaps = coverage_gaps(clusters, registry, PairingParams())
    assert list(gaps.columns) == list(GAP_COLUMNS)
    g = gaps[gaps["hotspot_id"] == cross]
    assert g["missing_side"].tolist() == ["TJ"]
    assert g.iloc[0]["proposed_community_id"] == "cand:1"
    assert g.iloc[0]["alternatives"] == "Far village"
    assert g.iloc[0]["nearby_inactive"] == "Planned-TJ"
    assert "Tajik side" in g.iloc[0]["why"]
    # the one-sided KG hotspot far from the line only needs a KG mechanism
    other = gaps[gaps["hotspot_id"] != cross]
    assert set(other["missing_side"]) == {"KG"}
    assert gaps["gap_rank"].tolist() == list(range(1, len(gaps) + 1))
    pts = gaps_geodataframe(gaps)
    assert (pts.geom_type == "Point").all()
    # an active TJ mechanism closes the gap
    fixed = pd.concat([registry, conform_registry(pd.DataFrame([
        _community("TJ-1", "Vorukh", "TJK", 1500, 0)]))], ignore_index=True)
    assert cross not in set(coverage_gaps(clusters, fixed)["hotspot_id"])


def test_gap_without_any_candidate_points_at_the_hotspot(scene):
    _, clusters = scene
    registry = conform_registry(pd.DataFrame([_community("KG-1", "Ak-Sai", "KGZ", -1500, 0)]))
    gaps = coverage_gaps(clusters, registry)
    row = gaps[(gaps["hotspot_id"] == _cross_id(clusters)) & (gaps["missing_side"] == "TJ")]
    assert len(row) == 1 and pd.isna(row.iloc[0]["proposed_community_id"])
    assert "no candidate settlement" in row.iloc[0]["why"]
    pt = gaps_geodataframe(row).geometry.iloc[0]
    assert (pt.x, pt.y) == pytest.approx((row.iloc[0]["centroid_lon"],
                                          row.iloc[0]["centroid_lat"]))
