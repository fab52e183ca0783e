"""Before/after evaluation of the working groups' actions (see docs/action-evaluation.md).

For each action: the incidents of its targeted categories inside its *area* — its place
(point or line) buffered by ``radius_m`` (default 3000 m), or for a settlement place the
disc of the action's own ``place_radius_m`` — in two equal windows: before the start and
after the end, ``window_months`` (12) each, both shortened to the same length when the data
do not reach that far (data span: first to last event date, or ``as_of``). All distances in
metres in :data:`geo.crs.METRIC_CRS`.

- ``rate_ratio`` = after / before per day; ``ci_low``/``ci_high``: exact conditional
  interval — given the total n, the after count is Binomial(n, p), p = RR·t_a/(RR·t_a+t_b),
  Clopper–Pearson for p (``scipy.stats.binomtest``), turned into RR.
- ``comparison_ratio``: the same ratio in the rest of the study area (same categories, same
  windows, outside the area); ``ratio_of_ratios`` = rate_ratio / comparison_ratio with the
  exact conditional interval of that odds ratio (``scipy.stats.contingency.odds_ratio``).
- ``verdict``: ``too_few_to_judge`` when n_before + n_after < ``min_total`` (10) or there is
  no window; ``fewer`` when the local interval and the ratio-of-ratios interval both lie
  below 1 (only the local one when the comparison has too few incidents); ``more`` likewise
  above 1; else ``no_clear_change``. ``note`` tells why in one code (:data:`NOTES`).

Incidents marked duplicate or rejected, without coordinates or with region-only precision
(geo_precision 3) are left out; with a study area, only incidents inside it count.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from scipy.stats import binomtest
from scipy.stats.contingency import odds_ratio

from analysis.quality import quality_gate, reviewed_out
from geo.crs import to_metric

EVAL_COLUMNS: tuple[str, ...] = (
    "action_id", "community_id", "partner_community_id", "scope", "title_en", "category",
    "radius_m", "before_start", "before_end", "after_start", "after_end", "window_days",
    "n_before", "n_after", "rate_ratio", "ci_low", "ci_high", "n_before_rest", "n_after_rest",
    "comparison_ratio", "ratio_of_ratios", "ror_ci_low", "ror_ci_high", "verdict", "note",
    "illustrative",
)
VERDICTS: tuple[str, ...] = ("fewer", "more", "no_clear_change", "too_few_to_judge")
NOTES: tuple[str, ...] = ("not_started", "not_ended", "no_data_before", "no_data_after",
                          "too_few", "no_comparison", "comparison_too", "")


@dataclass(frozen=True)
class EvalParams:
    """Parameters of :func:`evaluate_actions` (metres, months)."""

    radius_m: float = 3000.0
    window_months: int = 12
    min_total: int = 10          # n_before + n_after below this: too few to judge
    conf_level: float = 0.95
    as_of: pd.Timestamp | None = None  # end of the data; default the latest event date


def rate_ratio_ci(n_after: int, n_before: int, t_after: float = 1.0, t_before: float = 1.0,
                  conf_level: float = 0.95) -> tuple[float, float, float]:
    """``(rate ratio, low, high)`` of after/before per unit time, exact conditional
    (binomial) interval; ratios are ``inf`` / ``nan`` where the counts make them so."""
    n = n_after + n_before
    scale = t_before / t_after
    rr = (n_after / t_after) / (n_before / t_before) if n_before else (
        np.inf if n_after else np.nan)
    if n == 0:
        return rr, np.nan, np.nan
    ci = binomtest(n_after, n).proportion_ci(confidence_level=conf_level, method="exact")

    def to_rr(p: float) -> float:
        return np.inf if p >= 1 else p / (1 - p) * scale

    return rr, to_rr(ci.low), to_rr(ci.high)


def ratio_of_ratios_ci(a: int, b: int, c: int, d: int, conf_level: float = 0.95
                       ) -> tuple[float, float, float]:
    """``(ratio, low, high)`` of (a/b)/(c/d): local after a, before b; rest after c, before
    d; the exact conditional interval of the 2×2 odds ratio (nan when a margin is 0)."""
    if min(a + b, c + d, a + c, b + d) == 0:
        return np.nan, np.nan, np.nan
    ratio = (a * d) / (b * c) if b * c else np.inf
    ci = odds_ratio([[a, b], [c, d]], kind="conditional").confidence_interval(conf_level)
    return ratio, float(ci.low), float(ci.high)


def action_area(action: dict | pd.Series, radius_m: float = 3000.0):
    """The action's evaluation area as a shapely polygon in the metric CRS, and the radius
    used (m)."""
    if action["place_kind"] == "line" and isinstance(action.get("line_wkt"), str):
        line = shapely.from_wkt(action["line_wkt"])
        xy = shapely.get_coordinates(line)
        x, y = to_metric(xy[:, 0], xy[:, 1])
        return shapely.LineString(np.column_stack([x, y])).buffer(radius_m), radius_m
    x, y = to_metric(np.array([action["lon"]], float), np.array([action["lat"]], float))
    r = radius_m
    if action["place_kind"] == "settlement" and pd.notna(action.get("place_radius_m")):
        r = float(action["place_radius_m"])
    return shapely.Point(float(x[0]), float(y[0])).buffer(r, quad_segs=32), r


def usable_points(incidents: pd.DataFrame, study_area_m=None) -> pd.DataFrame:
    """Incidents that may be counted: ``event_date``, ``category``, ``x_m``, ``y_m``."""
    if study_area_m is not None:
        ok, x, y, _ = quality_gate(incidents, study_area_m)
    else:
        lon = pd.to_numeric(incidents["lon"], errors="coerce").to_numpy(float)
        lat = pd.to_numeric(incidents["lat"], errors="coerce").to_numpy(float)
        prec = pd.to_numeric(incidents["geo_precision"], errors="coerce").to_numpy(float)
        ok = ~(np.isnan(lon) | np.isnan(lat)) & ~(prec >= 3)
        x, y = to_metric(np.where(ok, lon, 0.0), np.where(ok, lat, 0.0))
    dates = pd.to_datetime(incidents["event_date"], errors="coerce")
    ok = ok & ~reviewed_out(incidents) & dates.notna().to_numpy()
    return pd.DataFrame({"event_date": dates[ok].to_numpy(),
                         "category": incidents["category"].astype(str).to_numpy()[ok],
                         "x_m": np.asarray(x)[ok], "y_m": np.asarray(y)[ok]})


def _windows(start, end, data_start, data_end, months: int):
    """``(before_start, before_end, after_start, after_end, days, note)``; dates None and
    days 0 with a note when there is no window."""
    none = (None, None, None, None, 0)
    if data_end is None or start > data_end:
        return (*none, "not_started")
    if pd.isna(end):
        return (*none, "not_ended")
    one = pd.Timedelta(days=1)
    want_before = (start - (start - pd.DateOffset(months=months))).days
    want_after = ((end + pd.DateOffset(months=months)) - end).days
    have_before = (start - data_start).days
    have_after = (data_end - end).days
    days = min(want_before, want_after, have_before, have_after)
    if days < 1:
        return (*none, "no_data_before" if have_before < 1 else "no_data_after")
    return (start - pd.Timedelta(days=days), start - one, end + one,
            end + pd.Timedelta(days=days), days, "")


def _verdict(n_b, n_a, ci, ror, n_rest, p: EvalParams) -> tuple[str, str]:
    if n_b + n_a < p.min_total:
        return "too_few_to_judge", "too_few"
    low, high = ci
    has_comparison = n_rest >= p.min_total and not np.isnan(ror[1])
    if high < 1 and (not has_comparison or ror[2] < 1):
        return "fewer", "" if has_comparison else "no_comparison"
    if low > 1 and (not has_comparison or ror[1] > 1):
        return "more", "" if has_comparison else "no_comparison"
    if has_comparison and (high < 1 or low > 1):
        return "no_clear_change", "comparison_too"  # the whole area moved the same way
    return "no_clear_change", "" if has_comparison else "no_comparison"


def evaluate_actions(actions: pd.DataFrame, incidents: pd.DataFrame, study_area_m=None,
                     params: EvalParams = EvalParams()) -> pd.DataFrame:
    """One row per action, columns :data:`EVAL_COLUMNS` (dates as Timestamps)."""
    pts = usable_points(incidents, study_area_m)
    all_dates = pd.to_datetime(incidents["event_date"], errors="coerce").dropna()
    data_start = all_dates.min() if len(all_dates) else None
    data_end = pd.Timestamp(params.as_of) if params.as_of is not None else (
        all_dates.max() if len(all_dates) else None)
    rows = []
    for act in actions.to_dict("records"):
        cats = [c for c in str(act["category"] or "").split(";") if c]
        area, r = action_area(act, params.radius_m)
        mine = pts[pts["category"].isin(cats)]
        inside = shapely.contains_xy(area, mine["x_m"].to_numpy(), mine["y_m"].to_numpy())
        start = pd.Timestamp(act["start_date"])
        end = pd.Timestamp(act["end_date"]) if pd.notna(act["end_date"]) else pd.NaT
        b0, b1, a0, a1, days, note = _windows(start, end, data_start, data_end,
                                              params.window_months)
        row = {k: act.get(k) for k in ("action_id", "community_id", "partner_community_id",
                                       "scope", "title_en", "category", "illustrative")}
        row.update(radius_m=r, before_start=b0, before_end=b1, after_start=a0, after_end=a1,
                   window_days=days)
        if days == 0:
            row.update(n_before=0, n_after=0, n_before_rest=0, n_after_rest=0,
                       verdict="too_few_to_judge", note=note)
            rows.append(row)
            continue
        d = mine["event_date"]
        before = ((d >= b0) & (d <= b1)).to_numpy()
        after = ((d >= a0) & (d <= a1)).to_numpy()
        n_b, n_a = int((before & inside).sum()), int((after & inside).sum())
        c_b, c_a = int((before & ~inside).sum()), int((after & ~inside).sum())
        rr = rate_ratio_ci(n_a, n_b, conf_level=params.conf_level)
        comp = c_a / c_b if c_b else (np.inf if c_a else np.nan)
        ror = ratio_of_ratios_ci(n_a, n_b, c_a, c_b, params.conf_level)
        verdict, note = _verdict(n_b, n_a, rr[1:], ror, c_a + c_b, params)
        row.update(n_before=n_b, n_after=n_a, rate_ratio=rr[0], ci_low=rr[1], ci_high=rr[2],
                   n_before_rest=c_b, n_after_rest=c_a, comparison_ratio=comp,
                   ratio_of_ratios=ror[0], ror_ci_low=ror[1], ror_ci_high=ror[2],
                   verdict=verdict, note=note)
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(EVAL_COLUMNS))
    for c in ("before_start", "before_end", "after_start", "after_end"):
        out[c] = pd.to_datetime(out[c]).astype("datetime64[ns]")
    return out


def action_monthly(action: dict | pd.Series, incidents: pd.DataFrame, evaluation: dict,
                   params: EvalParams = EvalParams(), study_area_m=None) -> pd.DataFrame:
    """Monthly counts of the action's targeted incidents inside its area, from the start of
    the before window (or 12 months before the start) to the end of the after window:
    ``month`` (Timestamp, first day), ``n``."""
    pts = usable_points(incidents, study_area_m)
    cats = [c for c in str(action["category"] or "").split(";") if c]
    area, _ = action_area(action, params.radius_m)
    pts = pts[pts["category"].isin(cats)]
    pts = pts[shapely.contains_xy(area, pts["x_m"].to_numpy(), pts["y_m"].to_numpy())]
    start = pd.Timestamp(action["start_date"])
    lo = evaluation.get("before_start")
    lo = pd.Timestamp(lo) if lo is not None and pd.notna(lo) else \
        start - pd.DateOffset(months=params.window_months)
    hi = evaluation.get("after_end")
    end = action.get("end_date")
    hi = pd.Timestamp(hi) if hi is not None and pd.notna(hi) else (
        pd.Timestamp(end) if end is not None and pd.notna(end) else start) + \
        pd.DateOffset(months=1)
    months = pd.period_range(lo, hi, freq="M")
    counts = pts["event_date"].dt.to_period("M").value_counts()
    return pd.DataFrame({"month": months.to_timestamp(),
                         "n": counts.reindex(months, fill_value=0).astype(int).to_numpy()})


def actions_near(actions: pd.DataFrame, hull_lonlat, near_m: float = 3000.0,
                 radius_m: float = 3000.0) -> pd.DataFrame:
    """The actions whose evaluation area comes within ``near_m`` of a hotspot's hull
    (a shapely geometry in EPSG:4326)."""
    if actions is None or actions.empty or hull_lonlat is None:
        return actions.iloc[0:0] if actions is not None else pd.DataFrame()
    xy = shapely.get_coordinates(hull_lonlat)
    x, y = to_metric(xy[:, 0], xy[:, 1])
    hull = shapely.MultiPoint(np.column_stack([x, y])).convex_hull.buffer(near_m)
    keep = [hull.intersects(action_area(a, radius_m)[0]) for a in actions.to_dict("records")]
    return actions[np.asarray(keep, bool)]


EVAL_DATES = ("before_start", "before_end", "after_start", "after_end")
_EVAL_INTS = ("window_days", "n_before", "n_after", "n_before_rest", "n_after_rest")
_EVAL_FLOATS = ("radius_m", "rate_ratio", "ci_low", "ci_high", "comparison_ratio",
                "ratio_of_ratios", "ror_ci_low", "ror_ci_high")


def conform_evaluation(frame: pd.DataFrame) -> pd.DataFrame:
    """An evaluation table with the :data:`EVAL_COLUMNS` and their types (text as
    ``string``, dates as datetime64, counts as Int64, ratios as float; ``inf`` kept)."""
    out = pd.DataFrame(index=frame.index)
    for c in EVAL_COLUMNS:
        vals = frame[c] if c in frame.columns else pd.Series(pd.NA, index=frame.index)
        if c in EVAL_DATES:
            out[c] = pd.to_datetime(vals, errors="coerce").astype("datetime64[ns]")
        elif c in _EVAL_INTS:
            out[c] = pd.to_numeric(vals, errors="coerce").astype("Int64")
        elif c in _EVAL_FLOATS:
            out[c] = pd.to_numeric(vals, errors="coerce").astype("float64")
        elif c == "illustrative":
            out[c] = vals.astype(str).str.lower().isin(["true", "1"])
        else:
            out[c] = vals.astype("string").replace("", pd.NA)
    return out.reset_index(drop=True)


def evaluation_csv_text(evaluation: pd.DataFrame) -> str:
    """The evaluation as CSV text (dates YYYY-MM-DD, formula-like text guarded); read back
    with :func:`read_evaluation_csv`."""
    from incidents.csv_rows import guarded_csv_text
    out = conform_evaluation(evaluation)
    for c in EVAL_DATES:
        out[c] = out[c].dt.strftime("%Y-%m-%d")
    return guarded_csv_text(out)


def read_evaluation_csv(path) -> pd.DataFrame:
    """An evaluation CSV written by :func:`evaluation_csv_text`, with its types."""
    from incidents.csv_rows import read_guarded_csv
    return conform_evaluation(read_guarded_csv(path))
