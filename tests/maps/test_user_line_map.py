"""A user's newer reference line on the web map: drawn where its sides meet, named with its
date and source in the legend, tooltip and attribution, every user string escaped."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json

import numpy as np
import pytest
import shapely

from geo.reference_line import DEFAULT_SOURCE, parse_user_line
from geo.user_border import drawn_line_lonlat
from i18n import line_source_text, t
from layers.boundaries import load_boundaries
from maps.print.print_layout import PrintSpec
from maps.print.printmap import build_figure
from maps.web.web_layers import prepare_base
from maps.web.webmap import MapContent, attribution_texts, build_map

HOSTILE = "</script><img src=x onerror=alert(1)>{{7*7}} $\\alpha$"


def _ring(x0: float, y0: float, x1: float, y1: float) -> list:
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def _line(features: list[dict], name: str = "Treaty annex (fictitious)",
          source: str = "test"):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geom}
        for props, geom in features]}
    return parse_user_line(json.dumps(doc).encode(), name, "2025-03-13", source)


POLYGONS = [({"side": "KG"}, {"type": "Polygon", "coordinates": _ring(70.6, 39.9, 70.8, 40.1)}),
            ({"side": "TJ"}, {"type": "Polygon", "coordinates": _ring(70.6, 39.7, 70.8, 39.9)})]


def test_the_drawn_line_is_where_the_two_sides_meet():
    drawn = drawn_line_lonlat(_line(POLYGONS))
    xy = shapely.get_coordinates(drawn)
    # the shared edge at 39.9° N, not the outer edges of the area the file covers
    assert np.allclose(xy[:, 1], 39.9, atol=1e-4)
    assert xy[:, 0].min() == pytest.approx(70.6, abs=1e-6)
    assert xy[:, 0].max() == pytest.approx(70.8, abs=1e-6)
    only_kg = _line(POLYGONS[:1])
    assert drawn_line_lonlat(only_kg) is None  # nothing Tajik: no line to draw
    path = [[70.6, 39.9], [70.8, 39.95]]
    drawn = drawn_line_lonlat(_line([({"left_side": "KG"},
                                      {"type": "LineString", "coordinates": path})]))
    assert np.allclose(shapely.get_coordinates(drawn), path, atol=1e-6)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_web_map_draws_and_names_the_newer_line(lang):
    line = _line(POLYGONS, name=HOSTILE, source=f"<b>{HOSTILE}</b>")
    base = prepare_base(load_boundaries(), user_line=line)
    assert base.user_line and len(base.user_line["features"]) == 1
    html = build_map(MapContent(base=base), lang=lang).get_root().render()
    shown = html.encode("ascii", "backslashreplace").decode("unicode_escape")
    assert t("layer.user_line", lang) in shown
    assert t("legend.user_line", lang, line="").strip() in shown
    assert "#B0136B" in html  # its own dashed style, beside the 2017 line's
    assert "<img src=x" not in html and "</script><img" not in html
    texts = attribution_texts(MapContent(base=base), lang)
    assert any(HOSTILE in a and "2025" in a for a in texts)  # unescaped here: escaped on use
    shipped = build_map(MapContent(base=prepare_base(load_boundaries())), lang=lang)
    assert t("layer.user_line", lang) not in shipped.get_root().render().encode(
        "ascii", "backslashreplace").decode("unicode_escape")


def test_the_print_draws_and_names_the_newer_line(scene_internal):
    """The print's legend names the newer line with its date in both languages (mathtext
    off: the '$…$' of a name stays as written); without one, no such entry."""
    data = scene_internal[0]
    spec = PrintSpec(title="t", mode="internal", production_date=dt.date(2025, 6, 1))

    def legend_texts(scene) -> list[str]:
        fig = build_figure(spec, scene)
        return [" ".join(x.get_text().split()) for ax in fig.axes if ax.get_legend()
                for x in ax.get_legend().get_texts()]  # the panel wraps long entries

    # around the scene's own view, so the line lies on the printed map
    lo, hi = data.places[["lon", "lat"]].min(), data.places[["lon", "lat"]].max()
    mid_lat = (lo["lat"] + hi["lat"]) / 2
    path = [[lo["lon"], mid_lat], [hi["lon"], mid_lat]]
    line = _line([({"left_side": "KG"}, {"type": "LineString", "coordinates": path})],
                 name=HOSTILE)
    texts = legend_texts(dataclasses.replace(data, user_line=line))
    entry = [x for x in texts if "Newer line" in x]
    assert len(entry) == 1 and HOSTILE in entry[0] and "13 March 2025" in entry[0]
    assert "Более новая линия" in entry[0] and "13 марта 2025" in entry[0]
    assert not [x for x in legend_texts(data) if "Newer line" in x]


def test_the_line_source_is_stated_and_a_missing_one_worded_in_the_reader_language(
        scene_internal):
    assert line_source_text(DEFAULT_SOURCE, "ru") == "предоставлен пользователем"
    assert line_source_text(DEFAULT_SOURCE, "en") == DEFAULT_SOURCE
    assert line_source_text("Annex 2, digitised by X", "ru") == "Annex 2, digitised by X"
    unsourced = _line(POLYGONS, source="")
    assert unsourced.ref.source == DEFAULT_SOURCE
    texts = attribution_texts(MapContent(base=prepare_base(load_boundaries(),
                                                           user_line=unsourced)), "ru")
    assert any("Более новая линия" in a and "предоставлен пользователем" in a for a in texts)
    data = dataclasses.replace(scene_internal[0], user_line=_line(POLYGONS, source="Annex 2"))
    assert any("Newer line" in a and "Annex 2" in a for a in data.attributions())


def test_a_self_crossing_or_flat_polygon_is_repaired_or_refused():
    from geo.reference_line import ReferenceLineError
    bow_tie = {"type": "Polygon", "coordinates": [[[70.6, 39.9], [70.8, 40.1], [70.8, 39.9],
                                                   [70.6, 40.1], [70.6, 39.9]]]}
    line = _line([({"side": "KG"}, bow_tie), POLYGONS[1]])
    assert all(shapely.get_type_id(g) in (3, 6) for g, _ in line.polygons)
    assert drawn_line_lonlat(line) is not None
    flat = {"type": "Polygon", "coordinates": [[[70.6, 39.9], [70.8, 39.9], [70.6, 39.9]]]}
    with pytest.raises(ReferenceLineError, match="feature 1: the polygon encloses no area"):
        _line([({"side": "KG"}, flat)])
