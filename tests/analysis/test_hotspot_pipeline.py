"""run_hotspots: quality gate, small-n guard, FDR cut, cluster summaries, determinism."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.gistar import GiStar
from analysis.hexgrid import hex_grid, hex_weights
from analysis.hotspots import CLUSTER_COLUMNS, GISTAR_COLUMNS, HotspotParams, run_hotspots
from analysis.significance import bh_adjust, gi_bins
from geo.crs import METRIC_CRS
from tests.analysis.conftest import make_incidents

FAST = HotspotParams(mc_sims=19)


def _uniform(rng, n, area, **kw):
    minx, miny, maxx, maxy = shapely.bounds(area)
    return make_incidents(rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n), **kw)


def test_small_n_guard_no_statistics_but_counts_and_recurrence(area_m):
    # 29 usable incidents; 3 of them at 'Kapchygai' of 2 types within a year → recurrence
    rng = np.random.default_rng(0)
    df = _uniform(rng, 29, area_m, admin2_name="Batken")
    df.loc[0:2, "location"] = "Kapchygai"
    df.loc[0:2, "category"] = ["road_crash", "youth_clash", "road_crash"]
    df.loc[0:2, "event_date"] = pd.to_datetime(["2024-01-05", "2024-05-01", "2024-11-30"])
    region = make_incidents([0.0] * 4, [0.0] * 4, precision=3, start_id=100,
                            admin2_given="Isfara")
    res = run_hotspots(pd.concat([df, region], ignore_index=True), area_m, FAST)
    assert res.statistical is False and res.usable_n == 29
    assert res.clusters.empty and res.gistar.empty and res.emerging is None
    assert any("no statistical hotspots" in m for m in res.messages)
    assert res.excluded["region_only_precision_3"] == 4
    counts = res.admin_counts.set_index("admin_unit")
    assert counts.loc["Isfara", "n_region_only"] == 4
    assert counts.loc["Batken", "n_point_usable"] == 29
    assert res.recurrence["location"].tolist() == ["Kapchygai"]
    assert res.recurrence["n_types"].iloc[0] == 2


def test_recurrence_needs_the_events_within_the_window(area_m):
    df = make_incidents([0.0] * 3, [0.0] * 3, location="Kapchygai",
                        categories=["road_crash", "youth_clash", "road_crash"],
                        dates=pd.to_datetime(["2022-01-01", "2022-09-01", "2023-06-01"]))
    res = run_hotspots(df, area_m, FAST)
    assert res.recurrence.empty  # first and last are 17 months apart


def test_thirty_usable_incidents_are_analysed(area_m, rng):
    res = run_hotspots(_uniform(rng, 30, area_m), area_m, FAST)
    assert res.statistical is True and len(res.gistar) > 0


def test_quality_gate_counts_every_reason(area_m, rng):
    good = _uniform(rng, 40, area_m)
    p3 = make_incidents([0.0, 10.0], [0.0, 5.0], precision=3, start_id=50)
    unresolved = make_incidents([0.0], [0.0], start_id=60)
    unresolved["lon"] = np.nan
    outside = make_incidents([500000.0], [0.0], start_id=70)
    res = run_hotspots(pd.concat([good, p3, unresolved, outside], ignore_index=True),
                       area_m, FAST)
    assert res.usable_n == 40
    assert res.excluded == {"reviewed_out": 0, "region_only_precision_3": 2,
                            "unresolved_location": 1, "outside_study_area": 1}
    assert "Excluded" in res.messages[0] and "region only" in res.messages[0]


def test_missing_columns_named(area_m):
    with pytest.raises(ValueError, match="geo_precision"):
        run_hotspots(pd.DataFrame({"lon": [1.0], "lat": [2.0]}), area_m)


def test_fdr_cut_uniform_noise_does_not_survive(area_m):
    """Under complete spatial randomness BH at q = 0.05 should keep the chance of any
    surviving cell near 5 %: over 20 seeds at most 3 may have a survivor, while every seed
    has raw p < 0.05 cells (so the FDR cut is what removes them). Counts of ~8 per cell keep
    the normal approximation of the analytic p-values reasonable."""
    grid = hex_grid(area_m, 3000.0)
    w = hex_weights(grid)
    any_survivor, any_raw = 0, 0
    for seed in range(20):
        rng = np.random.default_rng(seed)
        x, y = rng.uniform(-30000, 30000, 3000), rng.uniform(-20000, 20000, 3000)
        gi = GiStar(grid.counts(x, y), w)
        any_raw += bool((gi.p < 0.05).any())
        any_survivor += bool((gi_bins(gi.Zs, bh_adjust(gi.p), 0.05) != 0).any())
    assert any_raw == 20
    assert any_survivor <= 3


def test_fdr_cut_planted_cluster_survives(area_m):
    rng = np.random.default_rng(11)
    noise = _uniform(rng, 3000, area_m)
    planted = make_incidents(rng.normal(6000, 600, 40), rng.normal(3000, 600, 40),
                             start_id=10000)
    res = run_hotspots(pd.concat([noise, planted], ignore_index=True), area_m, FAST)
    assert list(res.gistar.columns) == list(GISTAR_COLUMNS)
    hot = res.gistar[res.gistar["gi_bin"] >= 2].to_crs(METRIC_CRS)
    assert len(hot) >= 1
    assert hot.distance(shapely.Point(6000, 3000)).min() < 3000
    assert (hot["p_fdr"] <= 0.05).all()
    far = res.gistar.to_crs(METRIC_CRS).distance(shapely.Point(6000, 3000)) > 10000
    assert (res.gistar.loc[far, "gi_bin"] <= 0).all()


def test_cluster_summary_columns_and_values(area_m):
    rng = np.random.default_rng(5)
    noise = _uniform(rng, 40, area_m, start_id=500)
    # a tight cluster straddling x = 0 (KG side x < 0, TJ side x > 0)
    x = np.array([-300.0, -200.0, 100.0, 200.0, 250.0, -100.0])
    y = np.array([0.0, 100.0, -100.0, 50.0, 0.0, -50.0])
    cl = make_incidents(x, y, categories=["road_crash", "youth_clash", "youth_clash",
                                          "border_guard_incident", "road_crash", "road_crash"],
                        fatalities=pd.array([1, pd.NA, 0, 2, pd.NA, 0], dtype="Int64"),
                        injuries=pd.array([3, 0, 0, 0, 0, 1], dtype="Int64"),
                        dates=pd.to_datetime(["2023-01-01", "2023-03-01", "2023-02-01",
                                              "2024-01-01", "2023-05-05", "2023-06-06"]),
                        disagreement_zone_id=["DZ-1", None, "DZ-2", None, None, "DZ-1"],
                        curated_ids=["C-1;C-2", None, "C-2", None, None, None])
    res = run_hotspots(pd.concat([noise, cl], ignore_index=True), area_m, FAST)
    assert list(res.clusters.columns) == list(CLUSTER_COLUMNS)
    c = res.clusters[res.clusters["event_ids"].str.contains("KGTJ-000001")].iloc[0]
    assert c["n_incidents"] == 6
    assert json.loads(c["counts_by_category"]) == {"road_crash": 3, "border_guard_incident": 1,
                                                   "youth_clash": 2}
    assert c["n_road_crash"] == 3 and c["n_protest"] == 0
    assert c["fatalities"] == 3 and c["fatalities_unknown"] == 2
    assert c["injuries"] == 4 and c["injuries_unknown"] == 0
    assert c["sides"] == "both" and c["n_kg_side"] == 3 and c["n_tj_side"] == 3
    assert c["min_border_dist_m"] == pytest.approx(100.0)
    assert c["first_date"] == pd.Timestamp("2023-01-01")
    assert c["last_date"] == pd.Timestamp("2024-01-01")
    assert c["disagreement_zones"] == "DZ-1;DZ-2" and c["curated_ids"] == "C-1;C-2"
    assert c["event_ids"].split(";")[0] == "KGTJ-000001"
    assert c.geometry.geom_type == "Polygon" and c.geometry.is_valid
    assert res.clusters.crs.to_epsg() == 4326


def test_two_point_and_colinear_clusters_get_polygons(area_m):
    # min_samples 2: a 2-point cluster and a colinear 3-point cluster
    df = make_incidents([0.0, 500.0, 10000.0, 10500.0, 11000.0], [0.0, 0.0, 0.0, 0.0, 0.0])
    params = HotspotParams(min_samples=2, min_usable=1, mc_sims=5)
    res = run_hotspots(df, area_m, params)
    assert len(res.clusters) == 2
    assert (res.clusters.geom_type == "Polygon").all()
    assert (res.clusters["area_km2"] > 0).all()


def test_results_are_reproducible(area_m):
    rng = np.random.default_rng(2)
    df = pd.concat([_uniform(rng, 80, area_m),
                    make_incidents(rng.normal(0, 300, 15), rng.normal(0, 300, 15),
                                   start_id=900)], ignore_index=True)
    a = run_hotspots(df, area_m, FAST)
    b = run_hotspots(df.sample(frac=1, random_state=1), area_m, FAST)
    cols = ["hotspot_id", "n_incidents", "mc_p_value", "score"]
    pd.testing.assert_frame_equal(a.clusters[cols], b.clusters[cols])


def test_clusters_name_their_nearest_settlements_both_sides_first_without_a_side():
    from analysis.clusters import summarise_clusters
    from incidents.schema import conform
    frame = conform(pd.DataFrame({
        "event_id": [f"E{i}" for i in range(6)], "category": "youth_clash",
        "event_date": "2024-01-01", "side": ["KG", "KG", "KG", "TJ", "TJ", None],
        "nearest_place": ["Ak-Say", "Ak-Say", "Tash-Tumshuk", "Vorukh", "Vorukh", None],
        "source_dataset": "internal"}))
    x, y = np.arange(6.0) * 100, np.zeros(6)
    out = summarise_clusters(frame, x, y, np.zeros(6, dtype=int))
    assert out["places"].iat[0] == "Ak-Say; Vorukh; Tash-Tumshuk"


def test_a_settlement_near_both_sides_is_named_once_and_the_other_side_still_appears():
    """KG-side incidents nearest to Vorukh (a Tajik exclave) must not make 'Vorukh (KG)';
    a side whose most frequent place is rarer overall is still named."""
    from analysis.clusters import summarise_clusters
    from incidents.schema import conform
    near_side = ([("Vorukh", "KG")] + [("Ak-Tatyr", "KG")] * 2 + [("Vorukh", "TJ")] * 5
                 + [("Chorkuh", "TJ")] * 4 + [("Khoja-Alo", "TJ")] * 3)
    n = len(near_side)
    frame = conform(pd.DataFrame({
        "event_id": [f"E{i}" for i in range(n)], "category": "water_dispute",
        "event_date": "2024-01-01", "side": [s for _, s in near_side],
        "nearest_place": [p for p, _ in near_side], "source_dataset": "internal"}))
    out = summarise_clusters(frame, np.arange(n) * 100.0, np.zeros(n), np.zeros(n, dtype=int))
    # the KG side's Ak-Tatyr (2) is named before Khoja-Alo (3): both sides appear
    assert out["places"].iat[0] == "Vorukh; Chorkuh; Ak-Tatyr"
    assert "(" not in out["places"].iat[0]


def test_duplicates_and_rejected_reports_are_in_no_count(area_m, rng):
    """A reviewer's "duplicate" or "rejected" takes the incident out of every count (a
    duplicate would be counted twice), and the note says how many."""
    good = _uniform(rng, 40, area_m)
    twice = good.iloc[:5].copy()
    twice["event_id"] = [f"DUP-{i}" for i in range(5)]
    twice["verification_status"] = ["duplicate"] * 4 + ["rejected"]
    base = run_hotspots(good, area_m, FAST)
    res = run_hotspots(pd.concat([good, twice], ignore_index=True), area_m, FAST)
    assert res.usable_n == base.usable_n == 40 and res.excluded["reviewed_out"] == 5
    assert "5 (marked duplicate or rejected by a reviewer" in res.messages[0]
    assert res.admin_counts["n_incidents"].sum() == base.admin_counts["n_incidents"].sum()
