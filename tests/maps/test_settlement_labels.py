"""Border settlements labelled for orientation without a basemap (issue 17, part 7): the
web map writes the curated places in both scripts by zoom; print maps label them before
the small GeoNames places, one label per village."""
from __future__ import annotations

import dataclasses
import json
import re

import pandas as pd
import pytest

from geo.gazetteer import without_curated_twins
from maps.print.labels import label_text, side_balanced_order
from maps.print.print_layout import PrintSpec
from maps.print.printmap import build_figure
from maps.web.settlement_labels import (
    TOWN_MIN_ZOOM,
    VILLAGE_MIN_ZOOM,
    SettlementLabels,
    curated_labels,
)
from maps.web.webmap import MapContent, attribution_texts, build_map

DATE = __import__("datetime").date(2026, 11, 25)
# Arka and Chorkuh as the shipped gazetteer has them; "Bigtown" is a fictitious GeoNames-like
# place with a population; the GeoNames twin of Arka (same name, 300 m away) is test data.
PLACES = pd.DataFrame([
    {"name": "Arka", "name_ru": "Арка", "name_ky": "Арка", "name_tg": None, "iso3": "KGZ",
     "lon": 69.88806, "lat": 40.19778, "population": None, "source": "curated",
     "feature_code": "village"},
    {"name": "Chorkuh", "name_ru": "Чоркух", "name_ky": None, "name_tg": "Чоркӯҳ",
     "iso3": "TJK", "lon": 70.566667, "lat": 39.966667, "population": None,
     "source": "curated", "feature_code": "village"},
    {"name": "Isfaraobod", "name_ru": None, "name_ky": None, "name_tg": "Исфараобод",
     "iso3": "TJK", "lon": 70.62, "lat": 40.12, "population": None, "source": "curated",
     "feature_code": "town"},
    {"name": "Arka", "name_ru": None, "name_ky": None, "name_tg": None, "iso3": "KGZ",
     "lon": 69.8915, "lat": 40.1990, "population": 900, "source": "geonames",
     "feature_code": "P"},
    {"name": "Bigtown", "name_ru": None, "name_ky": None, "name_tg": None, "iso3": "KGZ",
     "lon": 70.0, "lat": 40.05, "population": 700, "source": "geonames", "feature_code": "P"},
])


def test_web_labels_in_both_scripts_by_zoom():
    items = curated_labels(PLACES, "en")
    assert [(d["text"], d["z"]) for d in items] == [
        ("Isfaraobod / Исфараобод", TOWN_MIN_ZOOM), ("Arka / Арка", VILLAGE_MIN_ZOOM),
        ("Chorkuh / Чоркух", VILLAGE_MIN_ZOOM)]
    assert curated_labels(PLACES, "ru")[1]["text"] == "Арка / Arka"
    assert curated_labels(PLACES[PLACES["source"] != "curated"]) == []


def test_web_map_carries_the_labels_as_data():
    from layers.boundaries import load_boundaries
    from maps.web.web_layers import prepare_base

    small_boundaries = load_boundaries()
    hostile = PLACES.copy()
    hostile.loc[0, "name"] = "</script><img src=x onerror=alert(1)>{{7*7}}"
    html = build_map(MapContent(base=prepare_base(small_boundaries), places=hostile)) \
        .get_root().render()
    assert "textContent = d.text" in html and "Chorkuh / Чоркух" in html.encode(
        "ascii", "backslashreplace").decode("unicode_escape")
    assert "</script><img" not in html and "{{7*7}}" not in html
    m = re.search(r"items = (\[.*?\]), css", html)
    items = json.loads(m.group(1))
    assert {d["z"] for d in items} == {TOWN_MIN_ZOOM, VILLAGE_MIN_ZOOM}
    content = MapContent(base=prepare_base(small_boundaries), places=PLACES)
    assert any("encyclopaedia" in a for a in attribution_texts(content, "en"))


def test_label_layer_escapes_nothing_into_markup():
    layer = SettlementLabels([{"lat": 40.0, "lon": 70.0, "text": "<b>x</b>", "z": 11}], "n")
    assert "<b>" not in str(layer.items_json)


def test_print_order_puts_curated_villages_before_small_places_and_one_label_each():
    places = without_curated_twins(PLACES)
    assert places["source"].tolist().count("geonames") == 1  # Arka's twin dropped
    order = places.iloc[side_balanced_order(places)]["name"].tolist()
    assert order.index("Arka") < order.index("Bigtown")


@pytest.mark.parametrize("langs", [("en", "ru"), ("ky", "tg")])
def test_print_map_labels_the_curated_settlements(scene_internal, langs):
    data = scene_internal[0]
    extra = PLACES.drop(columns=[]).assign(population=PLACES["population"].astype("float"))
    # move the test places into the scene's view, keeping their names and kinds
    lo, hi = data.places[["lon", "lat"]].min(), data.places[["lon", "lat"]].max()
    f = [(0.35, 0.6), (0.7, 0.3), (0.5, 0.45), (0.35, 0.6), (0.3, 0.35)]
    extra = extra.assign(lon=[lo["lon"] + a * (hi["lon"] - lo["lon"]) for a, _ in f],
                         lat=[lo["lat"] + b * (hi["lat"] - lo["lat"]) for _, b in f])
    extra.loc[3, "lon"] += 0.004  # the GeoNames twin, ~300 m from the curated Arka
    scene = dataclasses.replace(data, places=pd.concat([data.places, extra],
                                                       ignore_index=True))
    fig = build_figure(PrintSpec(title="t", mode="internal", production_date=DATE,
                                 labels=langs), scene)
    texts = {t.get_text() for t in fig.axes[0].texts}
    want = label_text(PLACES.iloc[1], langs)
    assert want in texts, (want, texts)
    assert label_text(PLACES.iloc[0], langs) in texts
    assert label_text(PLACES.iloc[3], langs) not in texts  # the twin is not labelled again


def test_names_lie_over_symbols_and_outlines_under_tooltips():
    """A village's name is written over the incident symbols and hotspot outlines around
    it (which covered 'Isfara / Исфара'), under Leaflet's tooltips (650) and popups (700)."""
    from maps.web.map_frame import OUTLINE_PANE_Z
    from maps.web.settlement_labels import LABEL_PANE, LABEL_PANE_Z
    assert 600 < OUTLINE_PANE_Z < LABEL_PANE_Z < 650
    layer = SettlementLabels([{"lat": 40.0, "lon": 70.0, "text": "Arka", "z": 11}], "n")
    assert LABEL_PANE in layer.pane_json and layer.z == LABEL_PANE_Z
