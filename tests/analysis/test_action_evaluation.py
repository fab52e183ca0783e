"""Before/after evaluation of actions: known answers for the rate ratio and its exact
interval (against scipy.stats.binomtest and a closed form), the comparison area falling too,
the small-number case, shortened windows, lines, and the follow-up list."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest
from scipy.stats.contingency import odds_ratio

from analysis.evaluation import (
    EVAL_COLUMNS,
    EvalParams,
    action_monthly,
    evaluate_actions,
    rate_ratio_ci,
    ratio_of_ratios_ci,
)
from analysis.followup import changes
from geo.crs import to_lonlat
from i18n.followup import change_line, evaluation_text
from incidents.actions import conform_actions
from tests.analysis.conftest import make_incidents

START, END = pd.Timestamp("2022-01-01"), pd.Timestamp("2022-03-31")


def _action(**over) -> pd.DataFrame:
    lon, lat = to_lonlat(np.array([0.0]), np.array([0.0]))
    rec = {"action_id": "A-0001", "scope": "community", "community_id": "C-1",
           "title_en": "Speed bumps", "category": "road_crash", "place_kind": "point",
           "lon": float(lon[0]), "lat": float(lat[0]), "start_date": START, "end_date": END,
           "action_type": "infrastructure", "status": "done"}
    rec.update(over)
    return conform_actions(pd.DataFrame([rec]))


def _counts(n_before, n_after, x_m=0.0, start_id=1, category="road_crash"):
    """Incidents at ``x_m`` (metres east of the action): n_before in 2021, n_after in
    the months after the end; plus one incident two years before and one at the end of
    2023, so the data span covers both 12-month windows."""
    before = pd.date_range("2021-01-05", "2021-12-20", periods=max(n_before, 1))[:n_before]
    after = pd.date_range("2022-04-05", "2023-03-20", periods=max(n_after, 1))[:n_after]
    dates = list(before) + list(after)
    n = len(dates)
    return make_incidents(np.full(n, x_m) + np.linspace(0, 50, n), np.zeros(n), dates=dates,
                          categories=category, start_id=start_id)


def _span():
    return make_incidents([90000.0, 90000.0], [0.0, 0.0], start_id=9000,
                          dates=[pd.Timestamp("2019-01-01"), pd.Timestamp("2023-12-31")],
                          categories="other")


def _evaluate(frames, action=None, **params):
    incidents = pd.concat([*frames, _span()], ignore_index=True)
    return evaluate_actions(action if action is not None else _action(), incidents, None,
                            EvalParams(**params)).iloc[0]


@pytest.mark.parametrize(("a", "b"), [(5, 20), (0, 10), (12, 3), (7, 7), (1, 0)])
def test_rate_ratio_interval_is_scipys_exact_binomial_interval(a, b):
    rr, low, high = rate_ratio_ci(a, b)
    ci = binomtest(a, a + b).proportion_ci(confidence_level=0.95, method="exact")

    def to_rr(p: float) -> float:
        return np.inf if p >= 1 else p / (1 - p)

    assert low == pytest.approx(to_rr(ci.low)) and high == pytest.approx(to_rr(ci.high))
    assert rr == (a / b if b else np.inf)


def test_rate_ratio_known_closed_form_and_exposure():
    # 0 after, 10 before: upper p = 1 - 0.025**(1/10), so RR_high = p / (1 - p)
    p = 1 - 0.025 ** 0.1
    assert rate_ratio_ci(0, 10)[2] == pytest.approx(p / (1 - p))
    assert rate_ratio_ci(0, 10)[2] == pytest.approx(0.44613, abs=1e-4)
    # twice the time after: 10 after in 2 units vs 5 in 1 is no change
    rr, low, high = rate_ratio_ci(10, 5, t_after=2.0, t_before=1.0)
    assert rr == pytest.approx(1.0) and low < 1 < high


def test_ratio_of_ratios_is_the_conditional_odds_ratio_interval():
    ratio, low, high = ratio_of_ratios_ci(5, 20, 30, 30)
    ci = odds_ratio([[5, 20], [30, 30]], kind="conditional").confidence_interval(0.95)
    assert ratio == pytest.approx(0.25) and (low, high) == pytest.approx((ci.low, ci.high))


def test_fewer_when_only_the_action_area_falls():
    row = _evaluate([_counts(20, 5), _counts(30, 30, x_m=20000.0, start_id=500)])
    assert (row["n_before"], row["n_after"]) == (20, 5)
    assert (row["n_before_rest"], row["n_after_rest"]) == (30, 30)
    ci = binomtest(5, 25).proportion_ci(method="exact")
    assert row["rate_ratio"] == pytest.approx(0.25)
    assert row["ci_high"] == pytest.approx(ci.high / (1 - ci.high))
    assert row["comparison_ratio"] == pytest.approx(1.0)
    assert row["verdict"] == "fewer" and row["note"] == ""
    assert row["window_days"] == 365
    assert row["before_start"] == pd.Timestamp("2021-01-01")
    assert row["after_end"] == pd.Timestamp("2023-03-31")
    assert "Verdict: fewer incidents" in evaluation_text(row.to_dict(), "en")
    assert "Вывод: инцидентов меньше" in evaluation_text(row.to_dict(), "ru")


def test_no_credit_when_the_whole_study_area_falls_too():
    """A region-wide calm (a treaty) lowers the rest of the area as much: the local drop is
    significant on its own, but the ratio of ratios is about 1."""
    row = _evaluate([_counts(20, 5), _counts(200, 50, x_m=20000.0, start_id=500)])
    assert row["ci_high"] < 1  # alone it would be "fewer"
    assert row["comparison_ratio"] == pytest.approx(0.25)
    assert row["ratio_of_ratios"] == pytest.approx(1.0)
    assert row["ror_ci_low"] < 1 < row["ror_ci_high"]
    assert row["verdict"] == "no_clear_change" and row["note"] == "comparison_too"
    assert "not credited to the action" in evaluation_text(row.to_dict(), "en")


def test_small_numbers_are_said_plainly():
    row = _evaluate([_counts(5, 2), _counts(30, 30, x_m=20000.0, start_id=500)])
    assert row["verdict"] == "too_few_to_judge" and row["note"] == "too_few"
    assert evaluation_text(row.to_dict(), "en").startswith("5 before, 2 after: too few to judge")
    assert evaluation_text(row.to_dict(), "ru").startswith("5 до, 2 после: слишком мало")
    # the documented minimum is a parameter
    assert _evaluate([_counts(5, 2)], min_total=5)["verdict"] != "too_few_to_judge"


def test_more_and_categories_and_radius():
    frames = [_counts(4, 20), _counts(30, 30, x_m=20000.0, start_id=500),
              _counts(50, 0, start_id=800, category="youth_clash"),  # not targeted
              _counts(50, 0, x_m=3500.0, start_id=900)]  # outside 3 km
    row = _evaluate(frames)
    assert (row["n_before"], row["n_after"]) == (4, 20) and row["verdict"] == "more"
    wide = _evaluate(frames, radius_m=4000.0)
    assert wide["n_before"] == 54 and wide["radius_m"] == 4000.0


def test_windows_shortened_equally_when_the_data_do_not_reach():
    inc = _counts(20, 5)
    inc = inc[inc["event_date"] >= "2021-07-01"]  # data start 2021-07-05
    row = evaluate_actions(_action(), pd.concat([inc, _span().iloc[[1]]]), None).iloc[0]
    days = (START - pd.Timestamp(inc["event_date"].min())).days
    assert row["window_days"] == days < 365
    assert row["after_end"] - END == pd.Timedelta(days=days)
    assert row["n_after"] == int(((inc["event_date"] > END) &
                                  (inc["event_date"] <= END + pd.Timedelta(days=days))).sum())


def test_not_ended_not_started_and_left_out_rows():
    base = [_counts(20, 5)]
    row = _evaluate(base, _action(end_date=pd.NaT, status="under_way"))
    assert row["verdict"] == "too_few_to_judge" and row["note"] == "not_ended"
    assert "not ended" in evaluation_text(row.to_dict(), "en").lower()
    row = _evaluate(base, _action(start_date=pd.Timestamp("2030-01-01"),
                                  end_date=pd.Timestamp("2030-02-01")))
    assert row["note"] == "not_started"
    rejected = _counts(20, 5).assign(verification_status="rejected")
    coarse = _counts(20, 5, start_id=600).assign(geo_precision=3)
    assert _evaluate([rejected, coarse])["n_before"] == 0


def test_a_canal_segment_counts_along_its_length():
    lon, lat = to_lonlat(np.array([0.0, 10000.0]), np.array([0.0, 0.0]))
    line = f"LINESTRING ({lon[0]} {lat[0]}, {lon[1]} {lat[1]})"
    act = _action(place_kind="line", line_wkt=line, category="water_dispute")
    along = _counts(6, 6, x_m=8000.0, category="water_dispute")
    far = _counts(6, 6, x_m=14000.0, start_id=300, category="water_dispute")
    row = _evaluate([along, far], act)
    assert (row["n_before"], row["n_after"]) == (6, 6)
    monthly = action_monthly(act.iloc[0], pd.concat([along, far, _span()]), row.to_dict())
    assert monthly["n"].sum() == 12 and monthly["month"].is_monotonic_increasing


def test_evaluation_columns_cover_the_contract():
    needed = ("action_id, community_id, category, radius_m, before_start, before_end, "
              "after_start, after_end, n_before, n_after, rate_ratio, ci_low, ci_high, "
              "comparison_ratio, verdict").split(", ")
    assert set(needed) <= set(EVAL_COLUMNS)


def _clusters(emerging="intensifying"):
    lon, lat = to_lonlat(np.array([0.0]), np.array([0.0]))
    return pd.DataFrame({"hotspot_id": ["HS-001"], "centroid_lon": lon, "centroid_lat": lat,
                         "n_incidents": [25], "emerging_class": [emerging],
                         "event_ids": [";".join(f"KGTJ-{i:06d}" for i in range(1, 26))]})


def test_monday_list_tells_what_changed_since_the_review():
    incidents = _counts(20, 5)
    reviews = pd.DataFrame([
        {"subject_kind": "hotspot", "subject_id": "HS-007", "hotspot_id": "HS-007",
         "lon": _clusters()["centroid_lon"][0] + 0.001, "lat": _clusters()["centroid_lat"][0],
         "reviewed_on": pd.Timestamp("2022-06-01"), "decision": "pair_now",
         "emerging_at_review": "persistent"},
        {"subject_kind": "pair", "subject_id": "K1|T1", "hotspot_id": "HS-007", "lon": None,
         "lat": None, "reviewed_on": pd.Timestamp("2022-06-01"), "decision": "pair_now",
         "mode_at_review": "joint"}])
    pairs = pd.DataFrame([
        {"hotspot_id": "HS-001", "kg_community_id": "K1", "tj_community_id": "T1",
         "mode": "parallel", "triggering_event_ids": "KGTJ-000099",
         "triggering_dates": "2023-01-02"},
        {"hotspot_id": "HS-001", "kg_community_id": "K2", "tj_community_id": "T2",
         "mode": "joint", "triggering_event_ids": "", "triggering_dates": ""}])
    out = changes(_clusters(), pairs, incidents, reviews)
    assert out["what"].tolist() == ["now_parallel", "now_intensifying", "new_incidents",
                                    "never_reviewed"]
    new = out[out["what"] == "new_incidents"].iloc[0]
    # incidents dated after the review of HS-007 (the same hotspot, now numbered HS-001)
    assert new["n"] == int((incidents["event_date"] > "2022-06-01").sum()) == 4
    assert "KGTJ-000099 (2023-01-02)" in out.iloc[0]["detail"]
    assert change_line(out.iloc[0].to_dict(), "en").startswith("Pair K1|T1 (hotspot HS-001): "
                                                               "now parallel")
    assert "теперь параллельно" in change_line(out.iloc[0].to_dict(), "ru")
    public = changes(_clusters(), pairs, incidents, reviews, with_ids=False)
    assert not public["detail"].astype(str).str.contains("KGTJ-").any()
    # since a date: every subject compared with that date, nothing "never reviewed"
    later = changes(_clusters("persistent"), pairs.iloc[[1]], incidents, reviews.iloc[:0],
                    since="2023-03-01")
    assert later["what"].tolist() == ["new_incidents"] and later["n"].iloc[0] == 1


def test_monday_list_names_hotspots_by_places_and_pairs_by_communities():
    """A programme officer reads names, not ids: "Hotspot HS-001 (Vorukh; Ak-Say ~5.3 km)",
    "Pair Ak-Say – Vorukh (hotspot HS-001)" — and the same pair under two hotspots is two
    lines that say which hotspot each is."""
    clusters = _clusters().assign(places="Vorukh; Ak-Say ~5.3 km")
    pairs = pd.DataFrame([
        {"hotspot_id": hid, "kg_community_id": "cand:gn:10370337",
         "tj_community_id": "cand:cur:TJK-ISF-vorukh", "kg_name": "Ak-Say",
         "tj_name": "Vorukh", "mode": "joint", "triggering_event_ids": "",
         "triggering_dates": ""} for hid in ("HS-001", "HS-002")])
    out = changes(clusters, pairs, _counts(20, 5), pd.DataFrame(
        columns=["subject_kind", "subject_id", "reviewed_on"]))
    lines = [change_line(r, "en") for r in out.to_dict("records")]
    assert lines[0] == "Hotspot HS-001 (Vorukh; Ak-Say ~5.3 km): never reviewed."
    assert lines[1:] == ["Pair Ak-Say – Vorukh (hotspot HS-001): never reviewed.",
                         "Pair Ak-Say – Vorukh (hotspot HS-002): never reviewed."]
    ru = [change_line(r, "ru") for r in out.to_dict("records")]
    assert ru[0] == "Очаг HS-001 (Vorukh; Ak-Say ~5.3 km): ещё не рассматривался."
    assert ru[1] == "Пара Ak-Say – Vorukh (очаг HS-001): ещё не рассматривалась."
    assert "cand:" not in " ".join(lines + ru)


def test_evaluation_csv_round_trips(tmp_path):
    from analysis.evaluation import evaluation_csv_text, read_evaluation_csv
    frames = [_counts(20, 5), _counts(30, 30, x_m=20000.0, start_id=500)]
    incidents = pd.concat([*frames, _span()], ignore_index=True)
    actions = pd.concat([_action(), _action(action_id="A-0002", end_date=pd.NaT,
                                            status="under_way", title_en="=cmd|' /C calc'!A0"),
                         _action(action_id="A-0003", category="water_dispute")],
                        ignore_index=True)  # n_before 0, n_after 0: nan ratios
    ev = evaluate_actions(actions, incidents, None)
    ev.loc[2, "rate_ratio"] = np.inf  # as 0 before and some after gives
    path = tmp_path / "ev.csv"
    path.write_text(evaluation_csv_text(ev), encoding="utf-8")
    assert "'=cmd" in path.read_text(encoding="utf-8")  # guarded for spreadsheets
    back = read_evaluation_csv(path)
    from analysis.evaluation import conform_evaluation
    pd.testing.assert_frame_equal(back, conform_evaluation(ev))
    assert back.loc[1, "title_en"] == "=cmd|' /C calc'!A0" and back.loc[2, "rate_ratio"] == np.inf
