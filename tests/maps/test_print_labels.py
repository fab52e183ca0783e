"""Map labels never overprint: hotspot ids (all kept), settlement and country names,
checked on the rendered figure's text boxes, on the synthetic scene with crowded hotspots
and on the synthetic demo store (Isfara valley, Leilek, the whole line; A4 and A3)."""
from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.crs import METRIC_CRS, to_lonlat
from maps.print import areas
from maps.print.print_layout import PrintSpec
from maps.print.printmap import build_figure
from tests.maps import text_boxes
from tests.maps.demo_scene import demo_scene  # noqa: F401  (fixture)

DATE = __import__("datetime").date(2026, 11, 25)


def _check(fig) -> list[str]:
    """No two texts of the map overlap; returns the map's texts."""
    ax = fig.axes[0]
    r = fig.canvas.get_renderer()
    items = text_boxes.texts(ax)
    assert text_boxes.overlaps(text_boxes.boxes(items, r)) == []
    frame = ax.get_window_extent(r)
    for t in items:
        if t.get_gid() in ("country-label",) or t.get_clip_on():
            b = t.get_window_extent(r)
            assert frame.x0 - 1 <= b.x0 and b.x1 <= frame.x1 + 1, t.get_text()
    return [t.get_text() for t in items]


def crowded(clusters: gpd.GeoDataFrame, n: int = 14, spread_m: float = 2500.0,
            seed: int = 7) -> gpd.GeoDataFrame:
    """``n`` invented hotspots (copies of the first) packed within ``spread_m`` metres."""
    rng = np.random.default_rng(seed)
    base = clusters.to_crs(METRIC_CRS).iloc[[0] * n].reset_index(drop=True)
    c = base.geometry.iloc[0].centroid
    dx, dy = rng.uniform(-spread_m, spread_m, (2, n))
    geoms = [shapely.Point(c.x + a, c.y + b).buffer(600) for a, b in zip(dx, dy, strict=True)]
    base = base.set_geometry(geoms)
    base["hotspot_id"] = [f"HS-{i + 1:03d}" for i in range(n)]
    lon, lat = to_lonlat(c.x + dx, c.y + dy)
    base["centroid_lon"], base["centroid_lat"] = lon, lat
    return base.to_crs(4326)


@pytest.mark.parametrize("paper,orientation", [("A4", "landscape"), ("A3", "portrait")])
def test_synthetic_scene_labels_do_not_overlap(scene_public, paper, orientation):
    fig = build_figure(PrintSpec(title="t", paper=paper, orientation=orientation,
                                 production_date=DATE), scene_public[0])
    names = _check(fig)
    assert "HS-001" in names


@pytest.mark.parametrize("mode", ["public", "internal"])
def test_crowded_hotspots_keep_every_id_without_overlap(scene_public, scene_internal, mode):
    data = (scene_public if mode == "public" else scene_internal)[0]
    data = replace(data, clusters=crowded(data.clusters))
    fig = build_figure(PrintSpec(title="t", mode=mode, production_date=DATE), data)
    names = " ".join(_check(fig))
    for i in range(1, 15):
        assert f"HS-{i:03d}" in names


@pytest.mark.parametrize("where,paper", [("Isfara valley", "A4"), ("Isfara valley", "A3"),
                                         ("Leilek", "A4"), (None, "A4")])
def test_demo_labels_do_not_overlap(demo_scene, where, paper):  # noqa: F811
    bbox = areas.area_bbox(where) if where else None
    fig = build_figure(PrintSpec(title="t", paper=paper, production_date=DATE, bbox=bbox),
                       demo_scene.data)
    names = _check(fig)
    assert any(n.startswith("HS-") for n in names)


@pytest.mark.parametrize("where,paper,orientation", [
    ("Isfara valley", "A4", "landscape"), ("Leilek", "A4", "landscape"),
    ("Isfara valley", "A3", "portrait")])
def test_demo_page_texts_do_not_overlap(demo_scene, where, paper, orientation):  # noqa: F811
    """The whole page, not only the map: the legend panel's filters and protection text
    stay above the footer however long the legend grows (the Isfara valley's legend, with
    the contested entries, pushed them onto the footer's sources line)."""
    fig = build_figure(PrintSpec(title="t", paper=paper, orientation=orientation,
                                 production_date=DATE, bbox=areas.area_bbox(where)),
                       demo_scene.data)
    fig.canvas.draw()  # the legend places its texts when drawn
    r = fig.canvas.get_renderer()
    items = text_boxes.texts(fig, r)
    assert len(items) > 20
    assert text_boxes.overlaps(text_boxes.boxes(items, r)) == []


@pytest.mark.parametrize("where,paper", [("Isfara valley", "A4"), ("Isfara valley", "A3"),
                                         (None, "A4")])
def test_every_pair_line_end_in_view_is_named(demo_scene, where, paper):  # noqa: F811
    """A reader must see which villages a pair line joins: each community at a line's end
    gets its label, even where a cell's count number sat (Vorukh, in the Isfara valley on
    A4, and four of the whole line's twelve ends used to go unnamed)."""
    from geo.crs import to_metric
    from maps.print.labels import label_text

    data = demo_scene.data
    spec = PrintSpec(title="t", paper=paper, production_date=DATE,
                     bbox=areas.area_bbox(where) if where else None)
    fig = build_figure(spec, data)
    ax = fig.axes[0]
    shown = set(_check(fig))
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    px, py = to_metric(data.places["lon"].to_numpy(float), data.places["lat"].to_numpy(float))
    ends = set()
    for side in ("kg", "tj"):
        ex, ey = to_metric(data.pairs[f"{side}_lon"].to_numpy(float),
                           data.pairs[f"{side}_lat"].to_numpy(float))
        ends |= {(a, b) for a, b in zip(ex, ey, strict=True) if x0 <= a <= x1 and y0 <= b <= y1}
    assert len(ends) >= 6
    for a, b in ends:
        place = data.places.iloc[int(np.argmin(np.hypot(px - a, py - b)))]
        assert label_text(place, spec.labels) in shown, place["name"]
