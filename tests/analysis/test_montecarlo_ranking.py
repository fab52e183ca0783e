"""Monte Carlo cluster test and the explainable ranking."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.clusters import dbscan_labels
from analysis.hotspots import HotspotParams, run_hotspots
from analysis.montecarlo import (
    mc_p_values,
    random_points_in,
    simulated_max_sizes,
    simulations,
)
from analysis.ranking import RankingWeights, rank_hotspots, score_components
from tests.analysis.conftest import make_incidents

SQUARE = shapely.box(0, 0, 10000, 10000)


def test_random_points_stay_inside_a_concave_area():
    ring = shapely.Point(0, 0).buffer(10000).difference(shapely.Point(0, 0).buffer(8000))
    x, y = random_points_in(ring, 5000, np.random.default_rng(0))
    assert len(x) == 5000 and shapely.contains_xy(ring, x, y).all()


def test_simulations_are_seeded_and_independent_of_each_other():
    a = simulated_max_sizes(SQUARE, 150, 500, 4, n_sims=49, seed=3)
    b = simulated_max_sizes(SQUARE, 150, 500, 4, n_sims=49, seed=3)
    assert (a == b).all() and a.max() > 0
    # each simulation's max cluster is at most its own point count (no bleeding across)
    assert a.max() <= 150


def test_simulations_in_their_thread_give_the_same_array_or_the_error():
    started = simulations(SQUARE, 150, 500, 4, n_sims=49, seed=3)
    np.testing.assert_array_equal(started.result(timeout=60),
                                  simulated_max_sizes(SQUARE, 150, 500, 4, n_sims=49, seed=3))
    with pytest.raises(ValueError, match="no area"):
        simulations(shapely.LineString([(0, 0), (1, 1)]), 150, 500, 4).result(timeout=60)


def test_p_value_formula():
    sims = np.array([3, 5, 5, 8])
    assert mc_p_values(np.array([5, 9, 2]), sims).tolist() == [4 / 5, 1 / 5, 5 / 5]


def test_tight_planted_cluster_small_p_noise_clusters_large_p():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 10000, 200), rng.uniform(0, 10000, 200)
    noise_labels = dbscan_labels(x, y, 500, 4)
    noise_sizes = np.bincount(noise_labels[noise_labels >= 0])
    assert len(noise_sizes) >= 3  # chance clusters do form at this density
    sims = simulated_max_sizes(SQUARE, 200, 500, 4, n_sims=199, seed=1)
    p_noise = mc_p_values(noise_sizes, sims)
    assert (p_noise > 0.05).all()
    # 25 points within 200 m of one spot among 175 uniform ones
    xp = np.r_[x[:175], rng.normal(5000, 100, 25)]
    yp = np.r_[y[:175], rng.normal(5000, 100, 25)]
    lab = dbscan_labels(xp, yp, 500, 4)
    planted = lab[-1]
    size = (lab == planted).sum()
    assert mc_p_values(np.array([size]), sims)[0] <= 1 / 200 + 1e-12


def test_pipeline_marks_the_planted_cluster_significant(area_m):
    rng = np.random.default_rng(8)
    noise = make_incidents(rng.uniform(-30000, 30000, 60), rng.uniform(-20000, 20000, 60))
    planted = make_incidents(rng.normal(0, 200, 12), rng.normal(0, 200, 12), start_id=100)
    res = run_hotspots(pd.concat([noise, planted], ignore_index=True), area_m,
                       HotspotParams(mc_sims=99, seed=4))
    top = res.clusters[res.clusters["event_ids"].str.contains("KGTJ-000100")].iloc[0]
    assert top["significant"] and top["mc_p_value"] == pytest.approx(0.01)


def _clusters():
    return pd.DataFrame({
        "n_incidents": [20, 10, 5],
        "fatalities": [0, 3, 0], "injuries": [0, 2, 0],
        "n_border_guard_incident": [0, 2, 0],
        "n_recent": [2, 5, 5],
        "n_kg_side": [20, 5, 2], "n_tj_side": [0, 5, 3],
        "disagreement_zones": [pd.NA, pd.NA, "DZ-1"], "claims_overlaps": [pd.NA] * 3,
        "curated_ids": [pd.NA] * 3,
        "min_border_dist_m": [4000.0, 1000.0, 9000.0],
        "event_ids": ["A-1", "B-1", "C-1"],
    })


def test_score_components_follow_their_definitions():
    c = score_components(_clusters(), proximity_m=5000.0)
    np.testing.assert_allclose(c["score_intensity"], [1.0, 0.5, 0.25])
    np.testing.assert_allclose(c["score_severity"], [0.0, 1.0, 0.0])   # 3 + 0.5*2 + 2 = 6
    np.testing.assert_allclose(c["score_recency"], [0.1, 0.5, 1.0])
    np.testing.assert_allclose(c["score_cross_border"], [0.0, 1.0, 0.8])
    np.testing.assert_allclose(c["score_proximity"], [0.2, 0.8, 1.0])  # DZ-1 overrides distance
    assert ((c >= 0) & (c <= 1)).all().all()


def test_weights_change_the_order():
    by_default = rank_hotspots(_clusters())
    assert by_default["event_ids"].tolist()[0] == "B-1"
    intensity_only = rank_hotspots(_clusters(), RankingWeights(1, 0, 0, 0, 0))
    assert intensity_only["event_ids"].tolist() == ["A-1", "B-1", "C-1"]
    proximity_only = rank_hotspots(_clusters(), RankingWeights(0, 0, 0, 0, 1))
    assert proximity_only["event_ids"].tolist() == ["C-1", "B-1", "A-1"]
    assert proximity_only["rank"].tolist() == [1, 2, 3]
    row = by_default.iloc[0]
    comps = [row[f"score_{k}"] for k in ("intensity", "severity", "recency", "cross_border",
                                         "proximity")]
    assert row["score"] == pytest.approx(np.mean(comps))


def test_bad_weights_are_refused():
    with pytest.raises(ValueError, match="finite and >= 0"):
        RankingWeights(severity=-1)
    with pytest.raises(ValueError, match="at least one"):
        RankingWeights(0, 0, 0, 0, 0)
