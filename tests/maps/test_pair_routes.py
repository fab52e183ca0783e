"""Print map pair lines (issue 21): each community pair drawn once, as an arc bent so that
pairs cross as little as possible — checked on the drawn lines of the figure."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from geo.crs import to_lonlat, to_metric  # noqa: E402
from maps.print.pair_routes import arc, crossings, route_pairs  # noqa: E402
from maps.print.print_layers import distinct_pairs, draw_pairs  # noqa: E402
from tests.maps.demo_scene import demo_scene  # noqa: E402,F401  (fixture)

ORIGIN_M = to_metric(np.array([70.6]), np.array([40.05]))


def _pairs(segments_m, modes=None) -> pd.DataFrame:
    """Pairs whose Kyrgyz and Tajik ends are ``((x0, y0), (x1, y1))`` metres off the origin."""
    ox, oy = ORIGIN_M[0][0], ORIGIN_M[1][0]
    k = np.array([s[0] for s in segments_m], float) + [ox, oy]
    t = np.array([s[1] for s in segments_m], float) + [ox, oy]
    klon, klat = to_lonlat(k[:, 0], k[:, 1])
    tlon, tlat = to_lonlat(t[:, 0], t[:, 1])
    return pd.DataFrame({"kg_lon": klon, "kg_lat": klat, "tj_lon": tlon, "tj_lat": tlat,
                         "mode": modes or ["joint"] * len(segments_m)})


def _drawn(pairs: pd.DataFrame) -> list[shapely.LineString]:
    fig, ax = plt.subplots()
    try:
        draw_pairs(ax, pairs)
        return [shapely.LineString(ln.get_xydata()) for ln in ax.get_lines()
                if ln.get_gid() == "pair"]
    finally:
        plt.close(fig)


def _straight(pairs: pd.DataFrame) -> list[shapely.LineString]:
    kx, ky = to_metric(pairs["kg_lon"].to_numpy(float), pairs["kg_lat"].to_numpy(float))
    tx, ty = to_metric(pairs["tj_lon"].to_numpy(float), pairs["tj_lat"].to_numpy(float))
    return [shapely.LineString([(a, b), (c, d)]) for a, b, c, d in zip(kx, ky, tx, ty,
                                                                       strict=True)]


def test_a_crossing_that_a_bend_avoids_is_avoided_and_the_ends_stay():
    # a long pair, and a short one starting just beside it and crossing it when straight
    pairs = _pairs([((0, 0), (10000, 0)), ((5000, -1000), (5000, 8000))])
    assert crossings(_straight(pairs)) == 1
    drawn = _drawn(pairs)
    assert len(drawn) == 2 and crossings(drawn) == 0
    for line, straight in zip(drawn, _straight(pairs), strict=True):
        assert shapely.Point(line.coords[0]).distance(shapely.Point(straight.coords[0])) < 1
        assert shapely.Point(line.coords[-1]).distance(shapely.Point(straight.coords[-1])) < 1
    # a pair crossing nothing stays straight
    alone = _drawn(_pairs([((0, 0), (10000, 3000))]))[0]
    assert alone.length == __import__("pytest").approx(_straight(_pairs(
        [((0, 0), (10000, 3000))]))[0].length, rel=1e-6)


def test_a_pair_of_several_hotspots_is_drawn_once_parallel_if_any_says_so():
    pairs = _pairs([((0, 0), (9000, 0))] * 3, modes=["joint", "parallel", "joint"])
    assert len(distinct_pairs(pairs)) == 1
    assert distinct_pairs(pairs)["mode"].tolist() == ["parallel"]
    assert len(_drawn(pairs)) == 1


def test_shared_ends_are_no_crossing():
    fan = [shapely.LineString(arc(0, 0, x, 8000, 0.0)) for x in (-4000, 0, 4000)]
    assert crossings(fan) == 0


def test_demo_pairs_cross_less_than_straight_lines(demo_scene):  # noqa: F811
    pairs = demo_scene.data.pairs
    assert pairs is not None and len(pairs) > 5
    straight = _straight(distinct_pairs(pairs))
    drawn = _drawn(pairs)
    assert len(drawn) == len(straight) < len(pairs)  # each community pair once
    before, after = crossings(straight), crossings(drawn)
    assert before > 0, "the demo no longer has crossing pairs: pick a harder case"
    assert after < before, (before, after)
    # every arc leaves its Kyrgyz community and reaches its Tajik one
    for line, s in zip(drawn, straight, strict=True):
        assert shapely.Point(line.coords[0]).distance(shapely.Point(s.coords[0])) < 1
        assert shapely.Point(line.coords[-1]).distance(shapely.Point(s.coords[-1])) < 1


def test_routes_are_deterministic():
    kx, ky = np.array([0.0, 5000.0]), np.array([0.0, -1000.0])
    tx, ty = np.array([10000.0, 5000.0]), np.array([0.0, 8000.0])
    a, b = route_pairs(kx, ky, tx, ty), route_pairs(kx, ky, tx, ty)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_hotspot_labels_keep_clear_of_the_pair_lines_but_not_of_their_ends():
    """line_keepouts: small boxes along the drawn pair arcs, none near a village's end."""
    from maps.print.print_labels import line_keepouts

    fig, ax = plt.subplots(figsize=(4, 4), dpi=100)
    try:
        pairs = _pairs([((0, 0), (10000, 0))])
        draw_pairs(ax, pairs)
        ax.set_xlim(ORIGIN_M[0][0] - 1000, ORIGIN_M[0][0] + 11000)
        ax.set_ylim(ORIGIN_M[1][0] - 6000, ORIGIN_M[1][0] + 6000)
        boxes = line_keepouts(ax, end_px=20.0)
        line = shapely.LineString(ax.transData.transform(
            next(ln for ln in ax.get_lines() if ln.get_gid() == "pair").get_xydata()))
        ends = [shapely.Point(line.coords[0]), shapely.Point(line.coords[-1])]
        assert len(boxes) > 20
        for b in boxes:
            box = shapely.box(b.x0, b.y0, b.x1, b.y1)
            assert box.intersects(line.buffer(0.5))
            assert min(box.distance(e) for e in ends) >= 15
    finally:
        plt.close(fig)


def test_each_pair_is_recommended_once_when_the_store_holds_the_demo_mechanisms(
        tmp_path, monkeypatch):
    """The app seeds the demo store's registry with the demo mechanisms; the README's
    `maps brief --demo-registry` then added them again, and the brief listed CSWG Ak-Say –
    CSWG Vorukh four times (each side twice)."""
    import settings
    from analysis.demo_registry import seed_demo_registry
    from incidents.access import LOCAL_ADMIN
    from incidents.wiring import load_resources
    from maps.print.print_scene import load_scene
    from tests.maps.demo_scene import make_demo_store
    make_demo_store(tmp_path)
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KGTJ_GAZETTEER_FILES", "")
    seed_demo_registry(settings.database_url(), load_resources().gazetteer)
    pairs = load_scene(demo_registry=True, principal=LOCAL_ADMIN).data.pairs
    assert len(pairs)
    assert not pairs.duplicated(["hotspot_id", "kg_community_id", "tj_community_id"]).any()
