"""Issue 21 item 2: a web map one can orient on. Legend closed and the disclaimer a compact
control on opening; the opening view holds both country names; hotspot outlines drawn above
the incident symbols (in a pane that does not catch clicks)."""
from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from i18n import t
from maps.web.map_frame import (
    LABEL_HALF_WIDTH_PX,
    OUTLINE_PANE,
    OUTLINE_PANE_Z,
    opening_bounds,
)
from maps.web.web_layers import prepare_base
from maps.web.webmap import MapContent, build_map


def _decoded(html: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)


def _clusters() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"hotspot_id": ["H1"], "rank": [1], "n_incidents": [9],
                             "score": [0.8]}, geometry=[Point(70.6, 39.95).buffer(0.02)],
                            crs=4326)


def test_legend_closed_and_disclaimer_compact_on_opening(small_boundaries):
    base = prepare_base(small_boundaries)
    for lang in ("en", "ru"):
        html = _decoded(build_map(MapContent(base=base), lang=lang).get_root().render())
        assert '<details><summary class=\\"kgtj-legend-title\\">' in html  # no "open"
        assert "<details open" not in html
        # the disclaimer: a <details> showing its title; the whole text is there as data,
        # put in with textContent (not parsed as markup)
        assert 'create("details", "kgtj-notice kgtj-disclaimer")' in html
        assert f"head.textContent = {json.dumps(t('disclaimer.title', lang), ensure_ascii=False)}" \
            in html
        body = re.search(r"body\.textContent = (\".*?\");", html).group(1)
        assert json.loads(body) == t("disclaimer", lang)
    # asked for, the legend still opens
    opened = _decoded(build_map(MapContent(base=base), legend_open=True).get_root().render())
    assert '<details open><summary class=\\"kgtj-legend-title\\">' in opened


def test_opening_view_fits_both_country_names_and_the_incidents(small_boundaries,
                                                                make_incidents):
    base = prepare_base(small_boundaries)
    labels = {d["iso3"]: d for d in base.country_labels}
    inc = make_incidents(50)
    (s, w), (n, e) = opening_bounds(base.country_labels, inc)
    for iso3 in ("KGZ", "TJK"):
        assert s <= labels[iso3]["lat"] <= n and w <= labels[iso3]["lon"] <= e
    lat_in = inc["lat"].between(s, n) & inc["lon"].between(w, e)
    assert lat_in.mean() >= 0.85  # the bulk of the incidents; an outlier may stay outside
    assert opening_bounds((), None) is None

    html = build_map(MapContent(base=base, incidents=inc)).get_root().render()
    fit = re.search(r"\.fitBounds\((\[\[.*?\]\]), (\{.*?\})\);", html)
    assert json.loads(fit.group(1)) == opening_bounds(base.country_labels, inc,
                                                      (40.05, 70.75))
    options = json.loads(fit.group(2))
    assert options["paddingTopLeft"][0] == LABEL_HALF_WIDTH_PX  # a name is never cut
    # a map asked to open at a given place does not jump elsewhere
    placed = build_map(MapContent(base=base, incidents=inc), location=(40.0, 70.5), zoom=12)
    assert ".fitBounds(" not in placed.get_root().render()


def test_live_base_map_opening_does_not_change_with_the_filter(small_boundaries,
                                                               make_incidents):
    """streamlit-folium re-mounts the map when the base script changes: the opening box of
    the app's live map must not depend on the filtered incidents."""
    from maps.web.live_map import build_live_map

    base = prepare_base(small_boundaries)
    inc = make_incidents(40)

    def script(rows: pd.DataFrame) -> str:
        live = build_live_map(MapContent(base=base, incidents=rows), location=None, zoom=9)
        html = live.base.get_root().render()
        return re.search(r"\.fitBounds\(.*?\);", html).group(0)
    assert script(inc) == script(inc.head(3))


def test_hotspot_outline_is_drawn_above_the_markers_and_lets_clicks_through(
        small_boundaries):
    html = build_map(MapContent(base=prepare_base(small_boundaries), clusters=_clusters())
                     ).get_root().render()
    assert f'createPane("{OUTLINE_PANE}")' in html
    assert f"p.style.zIndex = {OUTLINE_PANE_Z}" in html
    assert OUTLINE_PANE_Z > 600  # Leaflet's markerPane
    assert 'p.style.pointerEvents = "none"' in html
    styles = [json.loads(m) for m in re.findall(r"var base = (\{.*?\});", html)]
    outline = [s for s in styles if s.get("pane") == OUTLINE_PANE]
    assert len(outline) == 1 and outline[0]["interactive"] is False
    assert outline[0]["fill"] is False and outline[0]["color"] == "#B35806"
    fills = [s for s in styles if s.get("fillColor") == "#FDB863" and "pane" not in s]
    assert len(fills) == 1 and fills[0]["stroke"] is False  # the fill, with the tooltip


def test_pick_marker_text_reaches_the_page_as_data():
    import folium

    from maps.web.map_frame import PICK_STYLE, pick_marker_group
    from tests.hostile import SCRIPT_CLOSE, TEMPLATE_BREAK

    m = folium.Map(location=[40.0, 70.5], zoom_start=9)
    pick_marker_group(40.1, 70.6, f"{SCRIPT_CLOSE}{TEMPLATE_BREAK}").add_to(m)
    html = m.get_root().render()
    assert "</script><script>window" not in html
    # the template-literal break stays inside a JSON string (inert there), never in a
    # template literal
    assert re.search(r'bindTooltip\("[^"]*`;window', html)
    assert html.count("`;window") == 1
    assert PICK_STYLE["color"] in html and "[40.1, 70.6]" in html


def test_legend_explains_the_dashed_outline_of_a_contested_hotspot(small_boundaries):
    """Issue 16: a hotspot holding incidents whose side is contested is outlined dashed
    black; the legend says so (en, ru): in the app's live map always (its legend is the same
    for every filter), in a built map when such a hotspot is drawn."""
    from maps.legend import CONTESTED_OUTLINE, contested_area_symbol
    from maps.web.live_map import build_live_map

    base = prepare_base(small_boundaries)
    symbol = contested_area_symbol()
    assert f'stroke="{CONTESTED_OUTLINE["color"]}"' in symbol
    assert f'stroke-dasharray="{CONTESTED_OUTLINE["dashArray"]}"' in symbol
    for lang in ("en", "ru"):
        label = t("legend.contested_hotspot", lang)
        live = _decoded(build_live_map(MapContent(base=base), lang=lang, location=None,
                                       zoom=9, show_analysis=True).base.get_root().render())
        assert label in live and json.dumps(symbol)[1:-1] in live
        contested = _clusters().assign(n_contested=[2])
        drawn = _decoded(build_map(MapContent(base=base, clusters=contested), lang=lang)
                         .get_root().render())
        assert label in drawn
        # the outline it explains is drawn: dashed black for the contested hotspot
        by = [json.loads(m) for m in re.findall(r"var by = (\{.*?\});", drawn)]
        assert {"1": CONTESTED_OUTLINE} in by
        plain = _decoded(build_map(MapContent(base=base, clusters=_clusters().assign(
            n_contested=[0])), lang=lang).get_root().render())
        assert label not in plain
    assert "пунктирный контур" in t("legend.contested_hotspot", "ru")


def test_a_map_of_communities_alone_opens_on_every_community(small_boundaries):
    """The Communities page's map has no incidents: it opened on the two country names and
    cut the Isfara valley's communities at its top edge."""
    import pandas as pd
    base = prepare_base(small_boundaries)
    communities = pd.DataFrame({"community_id": ["C1", "C2", "C3"],
                                "name_en": ["North (test)", "South (test)", "East (test)"],
                                "name_ru": [None, None, None], "status": ["active"] * 3,
                                "lat": [40.55, 39.50, 40.10], "lon": [70.20, 70.60, 71.90]})
    html = build_map(MapContent(base=base, communities=communities)).get_root().render()
    (s, w), (n, e) = json.loads(re.search(r"\.fitBounds\((\[\[.*?\]\]),", html).group(1))
    assert (communities["lat"].between(s, n) & communities["lon"].between(w, e)).all()
    assert (s, w, n, e) == tuple(x for pair in opening_bounds(
        base.country_labels, communities, (40.05, 70.75), q=0.0) for x in pair)
