"""A generalised location never crosses the line, an enclave edge or a disputed polygon."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import to_metric
from geo.hexagons import axial_centres, axial_round, hexagon_polygons
from sharing.context import context_from_engine
from sharing.protect import ProtectionOptions, protect_for_public


def _near_line_points(world, n: int, max_off_m: float, seed: int = 7):
    """Points within ``max_off_m`` of the line on both sides, plus the enclave edge."""
    rng = np.random.default_rng(seed)
    xs = rng.uniform(-58000, -2000, n)
    off = rng.uniform(0.5, max_off_m, n) * np.where(np.arange(n) % 2 == 0, 1, -1)
    ys = world.line_y(xs) + off  # vertical offset: same side as its sign for a gentle curve
    # enclave edges: 3 m inside and outside each of the four edges
    ex = np.array([-40000 + 3, -40000 - 3, -36000 - 3, -36000 + 3, -38000, -38000, -38000,
                   -38000])
    ey = np.array([12000, 12000, 12000, 12000, 10000 + 3, 10000 - 3, 14000 - 3, 14000 + 3])
    # disputed zone edges, on both sides of the line
    zx = np.array([-20000 + 2, -20000 - 2, -10000 - 2, -10000 + 2])
    zy = world.line_y(zx) + np.array([300, 300, -300, -300])
    return np.r_[xs, ex, zx], np.r_[ys, ey, zy]


def _truth(world, x, y):
    """Country and memberships of metric points from the world's own polygons."""
    in_tjk = shapely.intersects_xy(world.tjk, x, y) & ~shapely.intersects_xy(world.kgz, x, y)
    return (np.where(in_tjk, "TJK", "KGZ"), shapely.intersects_xy(world.enclave, x, y),
            shapely.intersects_xy(world.zone, x, y))


def _out_metric(out):
    return to_metric(out["lon"].to_numpy(float), out["lat"].to_numpy(float))


def test_settlement_snap_stays_in_country_enclave_and_zone(world):
    x, y = _near_line_points(world, 120, 30.0)
    df = world.incidents_at(x, y)
    opts = ProtectionOptions(location="settlement", max_snap_m=100000)
    out, report = protect_for_public(df, world.engine, opts)
    pts = out[out["record_type"] == "incident"]
    assert len(pts) == len(df)  # every point found a settlement of its own region
    orig = df.set_index("event_id").loc[pts["event_id"]]
    ox, oy = to_metric(orig["lon"].to_numpy(float), orig["lat"].to_numpy(float))
    gx, gy = _out_metric(pts)
    for a, b in zip(_truth(world, ox, oy), _truth(world, gx, gy), strict=True):
        np.testing.assert_array_equal(a, b)
    # the reported point is a settlement, never the incident point itself
    place_xy = set(zip(world.places["lon"].round(9), world.places["lat"].round(9),
                       strict=True))
    assert set(zip(pts["lon"].round(9), pts["lat"].round(9), strict=True)) <= place_xy
    assert np.all(np.hypot(gx - ox, gy - oy) > 100)
    assert any("same country, enclave" in line for line in report.lines())


def test_hex_pieces_stay_on_own_side_and_in_own_cell(world):
    x, y = _near_line_points(world, 150, 20.0, seed=3)
    df = world.incidents_at(x, y)
    opts = ProtectionOptions(location="hex", by_category=False)
    out, _ = protect_for_public(df, world.engine, opts)
    assert (out["record_type"] == "aggregate").all()
    ctx = context_from_engine(world.engine)
    piece = ctx.partition.assign(x, y)
    q, r = axial_round(x, y, opts.hex_m)
    expected = {(f"HX2000_{a}_{b}", ctx.partition.pieces[p].iso3,
                 ";".join(ctx.partition.pieces[p].members)) for a, b, p in zip(q, r, piece,
                                                                                strict=True)}
    got = set(zip(out["cell_id"], out["country"], out["regions"].fillna(""), strict=True))
    assert got == expected
    gx, gy = _out_metric(out)
    country, in_enclave, in_zone = _truth(world, gx, gy)
    np.testing.assert_array_equal(country, out["country"].to_numpy(str))
    np.testing.assert_array_equal(in_enclave, out["regions"].fillna("").str.contains(
        "enclave").to_numpy(bool))
    np.testing.assert_array_equal(in_zone, out["regions"].fillna("").str.contains(
        "zone").to_numpy(bool))
    # each reported point lies in its own hex cell
    qq = np.array([int(c.split("_")[1]) for c in out["cell_id"]])
    rr = np.array([int(c.split("_")[2]) for c in out["cell_id"]])
    cells = hexagon_polygons(*axial_centres(qq, rr, opts.hex_m), opts.hex_m)
    assert shapely.intersects_xy(cells, gx, gy).all()
    # counts add up
    assert out["n_label"].map(lambda s: 1 if s == "1–2" else int(s)).sum() <= len(df)
    assert out["n_incidents"].sum() + 2 * (out["n_label"] == "1–2").sum() >= len(df)


def test_hex_point_is_not_the_incident(world):
    """One incident per cell: the reported point is the piece's point, not the incident."""
    x = np.array([-30000.0, -50000.0, -38000.0])
    y = np.array([20000.0, -20000.0, 12000.0])
    df = world.incidents_at(x, y)
    out, _ = protect_for_public(df, world.engine, ProtectionOptions(location="hex"))
    gx, gy = _out_metric(out.sort_values("cell_id"))
    d = np.hypot(gx[:, None] - x[None, :], gy[:, None] - y[None, :]).min(axis=1)
    assert (d > 1.0).all()


def test_small_cells_never_show_counts(world):
    rng = np.random.default_rng(1)
    x = np.r_[np.full(5, -30000.0), rng.uniform(-55000, -5000, 40)]
    y = np.r_[np.full(5, 20000.0), rng.uniform(-30000, 30000, 40)]
    df = world.incidents_at(x, y, fatalities=1, injuries=2)
    out, report = protect_for_public(df, world.engine, ProtectionOptions(location="hex"))
    small = out["n_label"] == "1–2"
    assert small.any() and (~small).any()
    assert out.loc[small, "n_incidents"].isna().all()
    assert out.loc[small, ["fatalities", "injuries"]].isna().all().all()
    big = out[~small]
    assert (big["n_incidents"] >= 3).all()
    assert (big["n_label"] == big["n_incidents"].astype(str)).all()
    assert big["fatalities"].iloc[0] == big["n_incidents"].iloc[0]
    assert any("'1–2'" in line for line in report.lines())


def test_sensitive_categories_only_as_aggregates(world):
    x = np.array([-30000.0, -30010.0, -30020.0, -32000.0, -32010.0])
    y = np.array([20000.0, 20000.0, 20000.0, -8000.0, -8000.0])
    df = world.incidents_at(x, y, category=["domestic_violence", "water_dispute", "protest",
                                            "water_dispute", "protest"],
                            sensitivity=["public", "restricted", "public", "public",
                                         "internal"])
    out, _ = protect_for_public(df, world.engine, ProtectionOptions(location="settlement"))
    pts = out[out["record_type"] == "incident"]
    assert set(pts["event_id"]) == {"KGTJ-000003", "KGTJ-000004"}
    agg = out[out["record_type"] == "aggregate"]
    assert set(agg["category"]) == {"domestic_violence", "water_dispute", "protest"}
    assert (agg["n_label"] == "1–2").all()


def test_internal_records_only_as_counts_with_coarse_periods(world):
    """Issue 15: 'internal' rows were shown as points with their event id and date in
    settlement mode (only 'restricted' changed anything), and a small cell printed
    period_start = period_end, the exact date of a single restricted incident."""
    df = world.incidents_at([-30000.0, -32000.0], [20000.0, -8000.0],
                            sensitivity=["internal", "restricted"],
                            event_date=pd.to_datetime(["2024-05-17", "2024-02-03"]))
    out, report = protect_for_public(df, world.engine, ProtectionOptions(location="settlement"))
    assert (out["record_type"] == "aggregate").all()
    assert "event_id" not in out.columns or out["event_id"].isna().all()
    assert set(out["period_start"].dt.strftime("%Y-%m-%d")) == {"2024-04-01", "2024-01-01"}
    assert set(out["period_end"].dt.strftime("%Y-%m-%d")) == {"2024-06-30", "2024-03-31"}
    assert not (out["period_start"] == out["period_end"]).any()
    assert any("internal" in line for line in report.lines())


def test_options_are_validated():
    with pytest.raises(ValueError, match="hex_m"):
        ProtectionOptions(hex_m=1000)
    with pytest.raises(ValueError, match="location"):
        ProtectionOptions(location="jitter")
    with pytest.raises(ValueError, match="date_coarsen"):
        ProtectionOptions(date_coarsen="day")


def test_unplaced_rows_are_withheld_with_a_warning(world):
    df = world.incidents_at([-30000.0, 500000.0], [20000.0, 0.0])
    df.loc[1, "lon"] = np.nan
    out, report = protect_for_public(df, world.engine, ProtectionOptions())
    assert len(out) == 1
    assert any("KGTJ-000002" in w for w in report.warnings)
    assert pd.isna(df.loc[1, "lon"])  # input untouched


def test_unplaced_records_not_public_are_counted_never_named(world):
    """A public output may name a withheld public record by its id, but an internal,
    restricted or sensitive one only ever as a count."""
    df = world.incidents_at([-30000.0] * 5, [20000.0] * 5)
    df.loc[1:, "lon"] = np.nan
    df.loc[2, "sensitivity"] = "internal"
    df.loc[3, "sensitivity"] = "restricted"
    df.loc[4, "category"] = "domestic_violence"
    out, report = protect_for_public(df, world.engine, ProtectionOptions())
    text = " ".join(report.warnings)
    assert "KGTJ-000002" in text  # public: named
    for hidden in ("KGTJ-000003", "KGTJ-000004", "KGTJ-000005"):
        assert hidden not in text
        assert hidden not in " ".join(report.lines("ru"))
    assert "3 records not marked public" in text


def test_point_on_a_shared_edge_gets_its_own_country_piece():
    """A point exactly on the line, where a zone only touches this country along the line:
    its piece is the country part (not an empty zone overlap, not some far-away spot)."""
    import geopandas as gpd

    from geo.crs import METRIC_CRS
    from sharing.regions import RegionPartition

    a = shapely.box(0, 0, 10000, 10000)
    b = shapely.box(10000, 0, 20000, 10000)
    countries = gpd.GeoDataFrame({"iso3": ["KGZ", "TJK"]}, geometry=[a, b], crs=METRIC_CRS)
    part = RegionPartition(countries, {"zone:Z": shapely.box(10000, 0, 20000, 10000)})
    pid = part.assign(np.array([10000.0, 15000.0]), np.array([5000.0, 5000.0]))
    on_edge, in_zone = part.pieces[pid[0]], part.pieces[pid[1]]
    assert on_edge.iso3 == "KGZ" and on_edge.members == ()
    assert on_edge.geometry.area == pytest.approx(1e8)
    assert in_zone.iso3 == "TJK" and in_zone.members == ("zone:Z",)


def test_cells_count_their_contested_incidents(world):
    """A public cell says how many of its incidents have a contested side ('n contested'),
    under the same small-count rule as its total; a cell with none says nothing."""
    x = np.r_[np.full(6, -30000.0), np.full(4, -50000.0), np.full(3, -30000.0)]
    y = np.r_[np.full(6, 20000.0), np.full(4, -20000.0), np.full(3, 20000.0)]
    contested = [True] * 4 + [False] * 2 + [False] * 4 + [False, True, False]
    df = world.incidents_at(x, y, side_contested=contested)
    out, report = protect_for_public(df, world.engine,
                                     ProtectionOptions(location="hex", by_category=False))
    out = out.set_index("n_label")
    assert out.loc["9", "n_contested"] == 5 and out.loc["9", "contested_label"] == "5"
    assert bool(out.loc["9", "side_contested"])
    assert out.loc["4", "contested_label"] == "" and pd.isna(out.loc["4", "n_contested"])
    assert any("each with its count 'n contested'" in line for line in report.lines())
    # a contested count under 3 never shows its exact number
    df2 = world.incidents_at(x[:6], y[:6], side_contested=[True, False, False, False, False,
                                                             False])
    out2, _ = protect_for_public(df2, world.engine, ProtectionOptions(location="hex",
                                                                      by_category=False))
    assert out2["contested_label"].tolist() == ["1–2"]
    assert out2["n_contested"].isna().all()


def test_hex_pieces_stay_on_the_side_of_a_newer_line(world):
    """A user's newer line (fictitious) moves the border 3 km south of the 2017 line: a
    public count never merges, or places, incidents of one side of it on the other."""
    from types import SimpleNamespace

    from geo.reference_line import ReferenceLine, UserLine

    new_y = -3000.0  # south of the whole 2017 line (|line_y| <= 2 km)
    line = UserLine(ReferenceLine("user-2025-03-13", "test", "2025-03-13", "test"),
                    polygons=[(shapely.box(-60000, new_y, 0, 30000), "KG"),
                              (shapely.box(-60000, -30000, 0, new_y), "TJ")])
    engine = SimpleNamespace(**{**vars(world.engine), "reference_line": line})
    xs = np.repeat(np.arange(-57000.0, -3000.0, 700.0), 3)  # three incidents per spot
    off = np.where(np.arange(xs.size) // 3 % 2 == 0, 25.0, -25.0)
    x, y = xs, new_y + off
    df = world.incidents_at(x, y)
    opts = ProtectionOptions(location="hex", by_category=False)
    out, _ = protect_for_public(df, engine, opts)
    gx, gy = _out_metric(out)
    north = gy > new_y
    assert out["regions"].fillna("").str.contains("newer-line:KG").to_numpy(bool).tolist() \
        == north.tolist()
    n = pd.to_numeric(out["n_incidents"], errors="coerce")
    assert n.notna().all()  # three per spot: no small cell
    assert int(n[north].sum()) == int((y > new_y).sum())
    assert int(n[~north].sum()) == int((y < new_y).sum())
