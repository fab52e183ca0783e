"""The folium web map, tested on its rendered HTML: layers, legend, attribution,
disclaimer, escaping, offline asset links, clustering and language."""
from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from i18n import DISCLAIMER, t
from maps.web import offline
from maps.web.incident_layer import CLUSTER_THRESHOLD, incident_rows
from maps.web.web_layers import prepare_base
from maps.web.webmap import MapContent, build_map, incident_at

CDN_HOSTS = ("jsdelivr", "cdnjs", "code.jquery.com", "bootstrapcdn", "d3js.org",
             "unpkg.com", "googleapis")


def _html(content: MapContent, **kw) -> str:
    """Rendered page with JSON \\uXXXX escapes decoded (so text checks see characters)."""
    raw = build_map(content, **kw).get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), raw)


@pytest.fixture
def content(small_boundaries, incidents_xss):
    places = pd.DataFrame({"name": ["Vorukh", "Ak-Say"], "name_ru": ["Ворух", None],
                           "lon": [70.58, 70.52], "lat": [39.85, 39.87], "iso3": ["TJK", "KGZ"]})
    clusters = gpd.GeoDataFrame({"hotspot_id": ["H1"], "rank": [1], "n_incidents": [9],
                                 "score": [0.8]}, geometry=[Point(70.6, 39.95).buffer(0.02)],
                                crs=4326)
    comm = pd.DataFrame({"name_en": ["Ak-Sai CSWG"], "name_ru": ["РГ Ак-Сай"],
                         "lon": [70.52], "lat": [39.87], "status": ["active"],
                         "mech_type": ["cswg"]})
    pairs = pd.DataFrame({"kg_name": ["Ak-Sai"], "tj_name": ["Vorukh"], "kg_lon": [70.52],
                          "kg_lat": [39.87], "tj_lon": [70.58], "tj_lat": [39.85],
                          "mode": ["parallel"], "why": ["<b>armed</b> incident nearby"]})
    base = prepare_base(small_boundaries, attributions=("© OpenStreetMap contributors (ODbL)",
                                                        "Made with Natural Earth"))
    return MapContent(base=base, incidents=incidents_xss, places=places, clusters=clusters,
                      communities=comm, pairs=pairs, demo=True)


def test_every_layer_is_in_the_layer_control_and_the_legend(content):
    html = _html(content)
    for key in ("countries", "kgtj", "other_borders", "enclaves", "disagreement",
                "settlements", "incidents", "density", "clusters", "communities", "pairs"):
        name = t(f"layer.{key}", "en")
        assert f'"{name}"' in html or name in html, key
    assert "L.control.layers" in html
    assert "kgtj-legend" in html and "Legend" in html
    # the disagreement layer is labelled as derived, not as a verdict
    assert "Derived: OSM vs Natural Earth disagree" in html
    assert "L.control.scale({imperial: false, metric: true})" in html  # no miles
    assert '{"m":"m","km":"km"}' in html
    assert "L.control.fullscreen" in html or "fullscreen" in html.lower()


def test_disclaimer_and_attributions_are_on_the_map(content):
    html = _html(content)
    assert "do not imply official endorsement" in html
    for text in ("OpenStreetMap contributors", "Natural Earth", "GeoNames",
                 "SYNTHETIC DEMO", "addAttribution"):
        assert text in html, text


def test_user_text_is_escaped_everywhere(content):
    html = _html(content)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "<b>armed</b>" not in html
    # but the escaped text is there (as JSON-escaped HTML entities)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_offline_map_links_only_local_assets_that_exist(content):
    m = build_map(content)
    html = m.get_root().render()
    assert offline.remote_urls(html) == []
    assert not any(h in html for h in CDN_HOSTS)
    files = offline.asset_files(m)
    assert files and all(p.exists() for _, p in files)
    assert any(p.name == "leaflet.js" for _, p in files)
    # lean: assets no layer uses are not loaded at all
    lean = build_map(content, lean_assets=True).get_root().render()
    assert offline.remote_urls(lean) == []
    assert "bootstrap" not in lean and "jquery" not in lean and "fontawesome" not in lean
    assert "leaflet-1.9.3/leaflet.js" in lean


def test_online_build_keeps_cdn_links(content):
    """Sanity check of the test above: without localisation folium links CDNs."""
    html = _html(content, offline=False)
    assert any(h in html for h in CDN_HOSTS)


def test_unknown_cdn_link_is_an_error_not_a_silent_leak(content):
    m = build_map(content, offline=False)
    import folium.plugins
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(offline.OfflineAssetError, match="MiniMap|minimap|no vendored copy"):
        offline.localize(m)


def test_russian_labels_and_disclaimer(content):
    html = _html(content, lang="ru")
    assert DISCLAIMER["ru"][:40] in html or "Границы и названия" in html
    assert t("layer.incidents", "ru") in html
    assert t("layer.disagreement", "ru") in html
    assert "Ворух" in html


def test_density_is_off_by_default_and_switchable(content):
    html = _html(content)
    heat = [line for line in html.splitlines() if "L.heatLayer(" in line]
    assert heat, "heat layer missing"
    name = html.split("= L.heatLayer(")[0].rsplit("var ", 1)[1].strip()
    assert f"{name}.addTo(" not in html
    html_on = _html(content, layers_shown={"density": True})
    name_on = html_on.split("= L.heatLayer(")[0].rsplit("var ", 1)[1].strip()
    assert f"{name_on}.addTo(" in html_on


def test_large_sets_are_clustered_small_sets_are_not(small_boundaries, make_incidents):
    base = prepare_base(small_boundaries)
    small = _html(MapContent(base=base, incidents=make_incidents(50)))
    big = _html(MapContent(base=base, incidents=make_incidents(CLUSTER_THRESHOLD + 1)))
    assert "new window.KgtjCluster(" not in small and "supercluster" not in small
    assert "new window.KgtjCluster(" in big
    assert "/supercluster-8.0.1/supercluster.min.js" in big  # and its local script is linked
    # the legend explains the clusters where there can be some
    assert "incidents close together" in big and "incidents close together" not in small


def test_incident_rows_keep_unknown_casualties_distinct_from_zero(make_incidents):
    df = make_incidents(3)
    df.loc[0, "fatalities"] = 0
    rows, tables = incident_rows(df)
    assert rows[0][6] == 0 and rows[1][6] is None
    assert tables["source"] == ["SYNTHETIC DEMO"]


def test_incident_at_finds_the_clicked_symbol(make_incidents):
    df = make_incidents(20)
    lat, lon = round(df["lat"].iloc[5], 5), round(df["lon"].iloc[5], 5)
    hit = incident_at(df, lat, lon)
    assert list(hit["event_id"]) == [df["event_id"].iloc[5]]
    assert incident_at(df, 0.0, 0.0).empty


def test_geometry_encoding_round_trips_to_a_metre():
    import numpy as np

    from maps.web.geojson_layer import SCALE, encode_geometry
    ring = [[70.123456, 39.98765], [70.2, 39.9], [70.15, 40.01], [70.123456, 39.98765]]
    enc = encode_geometry({"type": "Polygon", "coordinates": [ring]})["coordinates"][0]
    xy = np.cumsum(np.asarray(enc).reshape(-1, 2), axis=0) / SCALE
    assert np.abs(xy - np.asarray(ring)).max() <= 0.5 / SCALE + 1e-12
    multi = encode_geometry({"type": "MultiLineString", "coordinates": [ring[:2], ring[2:]]})
    assert len(multi["coordinates"]) == 2
    with pytest.raises(ValueError):
        encode_geometry({"type": "Curve", "coordinates": []})


@pytest.mark.cod
def test_cod_districts_and_claims_overlap_appear_when_loaded(small_boundaries, cod_files):
    from layers.claims import official_claims_overlap
    from layers.cod_ab import load_cod_ab
    cod = load_cod_ab(list(cod_files))
    claims = official_claims_overlap(cod)
    base = prepare_base(small_boundaries, districts=cod, claims=claims)
    assert len(base.claims["features"]) == len(claims) > 0
    html = _html(MapContent(base=base))
    assert t("layer.districts", "en") in html and t("layer.claims", "en") in html
    assert "COD-AB" in html  # attribution of the official layers
    without = _html(MapContent(base=prepare_base(small_boundaries)))
    assert t("layer.claims", "en") not in without


def test_both_countries_are_named_on_their_own_land_in_both_languages(small_boundaries):
    from shapely.geometry import Point

    base = prepare_base(small_boundaries)
    labels = {lab["iso3"]: lab for lab in base.country_labels}
    assert set(labels) == {"KGZ", "TJK"}
    for iso3, poly in zip(small_boundaries.countries["iso3"],
                          small_boundaries.countries.geometry, strict=True):
        assert poly.contains(Point(labels[iso3]["lon"], labels[iso3]["lat"]))
    en = build_map(MapContent(base=base), lang="en").get_root().render()
    ru = build_map(MapContent(base=base), lang="ru").get_root().render()
    def js(text: str) -> str:  # folium writes the label HTML as a JSON string
        return json.dumps(text)[1:-1]

    assert js("Kyrgyzstan / Кыргызстан") in en and js("Tajikistan / Таджикистан") in en
    assert js("Кыргызстан / Kyrgyzstan") in ru and js("Таджикистан / Tajikistan") in ru


def test_default_icon_folder_is_the_vendored_one(content):
    """Leaflet's own guess of its image folder lacks '/images/' when its CSS arrives after
    the map script (as under streamlit-folium): the map states the folder first."""
    import re

    from maps.web.offline import VENDOR_DIR
    html = _html(content)
    path = re.search(r'L\.Icon\.Default\.imagePath = "([^"]+)"', html).group(1)
    assert path == "/app/static/vendor/leaflet-1.9.3/images/"
    assert html.index("L.Icon.Default.imagePath") < html.index("L.marker(")  # before markers
    assert (VENDOR_DIR / "leaflet-1.9.3" / "images" / "marker-icon.png").is_file()


def test_pair_tooltips_follow_the_language(small_boundaries):
    """The pair lines' tooltips render the pair's why (kept as values in why_params) in
    the map's language; the English why cell stays the fallback."""
    from analysis.why import PairWhy
    why = PairWhy(hotspot_id="HS-007", top=(("youth_clash", 21),), n_incidents=21,
                  extent_km=1.6, since="2023-03", kg_name="Ak-Sai CSWG", kg_name_ru=None,
                  tj_name="Vorukh", tj_name_ru="Ворух", shared=("youth_clash",), triggers=(),
                  armed_km=15.0, window_days=90)
    pairs = pd.DataFrame({"kg_name": ["Ak-Sai CSWG"], "tj_name": ["Vorukh"], "kg_lon": [70.52],
                          "kg_lat": [39.93], "tj_lon": [70.58], "tj_lat": [39.85],
                          "mode": ["joint"], "why": [str(why)], "why_params": [why.to_json()]})
    content = MapContent(base=prepare_base(small_boundaries), pairs=pairs)
    assert str(why)[:30] in _html(content, lang="en")
    ru = _html(content, lang="ru")
    from i18n import why_text
    assert str(why)[:30] not in ru and why_text(why, "ru")[:30] in ru


def test_the_live_map_legend_explains_clusters_when_the_store_can_have_them(
        small_boundaries, make_incidents):
    from maps.web.live_map import build_live_map
    content = MapContent(base=prepare_base(small_boundaries), incidents=make_incidents(20))

    def legend(clustered: bool, lang: str = "en") -> str:
        live = build_live_map(content, lang=lang, location=(40.0, 70.5), zoom=9,
                              clustered=clustered)
        return live.base.get_root().render()
    assert "incidents close together" in legend(True)
    assert "incidents close together" not in legend(False)
    assert "инциденты рядом" in re.sub(r"\\u([0-9a-fA-F]{4})",
                                       lambda m: chr(int(m.group(1), 16)), legend(True, "ru"))


def test_incident_popups_name_places_in_russian_where_the_gazetteer_has_it(content):
    inc = content.incidents.copy()
    inc.loc[inc.index[3], "location"] = "Vorukh"
    ru = _html(MapContent(base=content.base, incidents=inc, places=content.places), lang="ru")
    assert "Ворух / Vorukh" in ru
    en = _html(MapContent(base=content.base, incidents=inc, places=content.places), lang="en")
    assert "Ворух / Vorukh" not in en and '"Vorukh"' in en
