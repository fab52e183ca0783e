"""Country names on the print: whole inside the frame and on their own land, for framings
where a country is only a strip at an edge (the TAJIKISTAN label was once cut to
"АДЖИКИСТАН"), on the synthetic scene and on the shipped boundaries."""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
import shapely

from geo.crs import to_lonlat, to_metric
from layers.boundaries import load_boundaries
from maps.print import areas
from maps.print.print_countries import GID, anchor
from maps.print.print_layers import metric
from maps.print.print_layout import PrintSpec
from maps.print.printmap import build_figure

DATE = __import__("datetime").date(2026, 11, 25)


def _bbox_m(x0, y0, x1, y1):
    lon, lat = to_lonlat(np.array([x0, x1]), np.array([y0, y1]))
    return float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1])


def _country_labels(fig):
    ax = fig.axes[0]
    return ax, [t for t in ax.texts if t.get_gid() == GID]


def _check(fig, countries) -> set[str]:
    """Every country label inside the map frame, its centre on its own country's land;
    returns the names drawn."""
    ax, labels = _country_labels(fig)
    r = fig.canvas.get_renderer()
    frame = ax.get_window_extent(r)
    g = metric(countries).set_index("iso3")
    seen = set()
    for t in labels:
        box = t.get_window_extent(r)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, t.get_text()
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1, t.get_text()
        first = t.get_text().split("\n")[0]
        iso = {"KYRGYZSTAN": "KGZ", "TAJIKISTAN": "TJK", "UZBEKISTAN": "UZB"}[first]
        assert g.loc[[iso]].geometry.iloc[0].contains(shapely.Point(t.get_position())), first
        seen.add(first)
    return seen


def test_anchor_keeps_a_label_on_a_thin_strip_inside_the_frame():
    view = shapely.box(0, 0, 100_000, 60_000)
    strip = shapely.box(-50_000, -50_000, 150_000, 6_000)  # 10 % of the view, at the bottom
    p = anchor(strip, view, 20_000, 2_500)
    assert 20_000 < p.x < 80_000 and 2_500 <= p.y <= 3_500
    assert anchor(shapely.box(200_000, 0, 300_000, 10), view, 1, 1) is None


@pytest.mark.parametrize("frac", [0.12, 0.2, 0.35, 0.6])
def test_synthetic_scene_both_countries_named_whole(scene_public, frac):
    """Frames where Tajikistan (south of y≈0) is the bottom ``frac`` of the view."""
    data = scene_public[0]
    h = 24_000.0
    bbox = _bbox_m(-20_000, -frac * h, 20_000, (1 - frac) * h)
    fig = build_figure(PrintSpec(title="t", production_date=DATE, bbox=bbox), data)
    assert _check(fig, data.layers.countries) == {"KYRGYZSTAN", "TAJIKISTAN"}


@pytest.fixture(scope="module")
def shipped():
    return load_boundaries()


@pytest.mark.parametrize("where", ["Isfara valley", "Leilek", "whole"])
def test_shipped_boundaries_names_inside_the_frame(scene_public, shipped, where):
    data = scene_public[0]
    layers = SimpleNamespace(**(vars(data.layers) | {"countries": shipped.countries}))
    if where == "whole":
        seg = metric(shipped.segments[shipped.segments["pair"] == "KGZ-TJK"]).total_bounds
        bbox = _bbox_m(*seg)
    else:
        bbox = areas.area_bbox(where)
    for orientation in ("landscape", "portrait"):
        fig = build_figure(PrintSpec(title="t", production_date=DATE, bbox=bbox,
                                     orientation=orientation), replace(data, layers=layers))
        assert {"KYRGYZSTAN", "TAJIKISTAN"} <= _check(fig, shipped.countries)


def test_to_metric_roundtrip_of_the_helper():
    b = _bbox_m(-1000, -2000, 3000, 4000)
    x, y = to_metric(np.array([b[0], b[2]]), np.array([b[1], b[3]]))
    assert np.allclose([x[0], y[0], x[1], y[1]], [-1000, -2000, 3000, 4000], atol=0.01)
