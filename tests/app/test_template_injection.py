"""User text in a web map is never evaluated as a Jinja template.

branca wraps every element's rendered output in ``Element(output)``, which compiled it as a
new template: ``{{ 7*7 }}`` in an incident note rendered as ``49``, a crafted note ran Python
on the server while the map was drawn, and an unbalanced ``{%`` broke the map for everyone.
:mod:`maps.web.safe_render` keeps that output literal; :func:`compact_json` also writes template
openers inside strings as ``\\u007b``."""
from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from branca.element import Element
from shapely.geometry import LineString, Point

from incidents.access import LOCAL_ADMIN
from maps.web import safe_render
from maps.web.geojson_layer import compact_json
from maps.web.web_layers import prepare_base
from maps.web.webmap import BaseLayers, MapContent, build_map

# runs Python (os.mkdir) through jinja's globals without quotes, which html.escape would spoil
RCE = "{{ lipsum.__globals__[dict(os=1)|first].mkdir(dict(kgtj_pwned=1)|first) }}"
PAYLOADS = ("EXPR {{ 7*7 }} END", "LOOP {% for i in range(3) %}x{% endfor %} END",
            "OPEN {% if END", "COMMENT {# hidden #} END", RCE)


def _decoded(raw: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), raw)


def _render(content: MapContent) -> str:
    return build_map(content, lang="en", lean_assets=True).get_root().render()


def _check(raw: str, tmp_path) -> None:
    assert not (tmp_path / "kgtj_pwned").exists(), "user text ran code on the server"
    text = _decoded(raw)
    for payload in PAYLOADS[:4]:
        assert payload in text, f"{payload!r} not kept verbatim"
    assert "EXPR 49 END" not in text and "LOOP xxx END" not in text


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where the RCE payload would create its folder
    return tmp_path


def test_element_output_is_literal():
    assert safe_render.installed()  # maps.web.webmap installs it on import
    assert Element("{{ 7*7 }} {% if %}").render() == "{{ 7*7 }} {% if %}"


def test_compact_json_writes_no_template_opener_and_reads_back_the_same():
    for text in (*PAYLOADS, "{{{ x }}}", "a{b}c", "\\{{"):
        obj = {"k": text, "nested": [{"v": text}]}
        out = str(compact_json(obj))
        assert not re.search(r"\{[{%#]", out), out
        assert json.loads(out) == obj


def test_incident_text_is_not_a_template(make_incidents, in_tmp):
    df = make_incidents(len(PAYLOADS))
    df["notes"] = list(PAYLOADS)
    df["location"] = list(PAYLOADS)
    df["source"] = list(PAYLOADS)
    _check(_render(MapContent(base=BaseLayers(), incidents=df, demo=True)), in_tmp)


def test_names_in_every_analysis_and_curated_layer_are_not_templates(small_boundaries,
                                                                    in_tmp):
    n = len(PAYLOADS)
    pts = [Point(70.5 + 0.01 * i, 39.9) for i in range(n)]
    curated = gpd.GeoDataFrame({
        "curated_id": [f"C{i}" for i in range(n)], "kind": "site", "name": list(PAYLOADS),
        "status": "disputed", "status_as_of": "2025-03-13", "source": list(PAYLOADS),
        "note": list(PAYLOADS)}, geometry=pts, crs=4326)
    segments = gpd.GeoDataFrame({"curated_id": ["S1"], "kind": ["segment"],
                                 "name": [PAYLOADS[0]], "status": ["undemarcated"],
                                 "status_as_of": ["2025-03-13"], "source": [PAYLOADS[1]],
                                 "note": [RCE]},
                                geometry=[LineString([(70.5, 39.9), (70.6, 39.95)])], crs=4326)
    base = prepare_base(small_boundaries, curated=pd.concat([curated, segments]))
    clusters = gpd.GeoDataFrame({"hotspot_id": ["H1"], "rank": [1], "n_incidents": [9],
                                 "score": [0.8], "places": [" / ".join(PAYLOADS)]},
                                geometry=[Point(70.6, 39.95).buffer(0.02)], crs=4326)
    comm = pd.DataFrame({"name_en": list(PAYLOADS), "name_ru": list(PAYLOADS),
                         "lon": [70.52] * n, "lat": [39.87] * n, "status": ["active"] * n,
                         "mech_type": ["cswg"] * n})
    pairs = pd.DataFrame({"kg_name": list(PAYLOADS), "tj_name": list(PAYLOADS),
                          "kg_lon": [70.52] * n, "kg_lat": [39.87] * n, "tj_lon": [70.58] * n,
                          "tj_lat": [39.85] * n, "mode": ["joint"] * n, "why": list(PAYLOADS)})
    places = pd.DataFrame({"name": list(PAYLOADS), "name_ru": list(PAYLOADS),
                           "lon": [70.58] * n, "lat": [39.85] * n, "iso3": ["TJK"] * n})
    raw = _render(MapContent(base=base, places=places, clusters=clusters, communities=comm,
                             pairs=pairs))
    _check(raw, in_tmp)


def test_the_map_page_draws_an_incident_whose_note_is_a_payload(tmp_path, monkeypatch):
    """End to end through the app (AppTest → st_folium renders the map): the note is
    shown as text, nothing runs, the page does not fail."""
    from streamlit.testing.v1 import AppTest

    import settings
    from incidents.store import IncidentStore
    from incidents.wiring import load_resources

    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    store = IncidentStore(settings.database_url())
    try:
        store.add({"event_date": "2024-05-01", "category": "water_dispute", "lat": 39.9,
                   "lon": 70.55, "location": PAYLOADS[2], "notes": RCE + " " + PAYLOADS[0],
                   "source_dataset": "internal", "source": PAYLOADS[1]}, LOCAL_ADMIN,
                  engine=load_resources(store=store).engine)
    finally:
        store.close()
    at = AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=180).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not (tmp_path / "kgtj_pwned").exists()
    comp = [e for e in at.get("component_instance")
            if getattr(e.proto, "component_name", "").endswith("st_folium")][0]
    args = json.loads(comp.proto.json_args)
    script = _decoded((args["script"] or "") + (args.get("feature_group") or ""))
    assert PAYLOADS[0] in script and "EXPR 49 END" not in script
