"""The map beyond its threshold: counts per cell (maps.web.cell_layer, sharing.map_cells)
instead of one symbol per incident, said in the legend and beside the map in both
languages; the base map stays the same whether a filter shows cells or incidents."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import settings
from maps.web.cell_layer import CellLayer
from maps.web.geojson_layer import encode_geometry, encode_kept
from maps.web.live_map import build_live_map
from maps.web.web_layers import prepare_base
from maps.web.webmap import MapContent
from tests.app.conftest import open_app, slider_months
from tests.hostile import HOSTILE, SCRIPT_CLOSE

APP = str(settings.REPO_ROOT / "app.py")


def _decoded(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _cells(labels=("5", "1–2"), counts=(5, None), contested=("3", "")) -> pd.DataFrame:
    cells = pd.DataFrame({"cell_id": [f"HX2000_{i}_0" for i in range(len(labels))],
                          "lon": [70.5 + 0.02 * i for i in range(len(labels))],
                          "lat": [39.9] * len(labels), "side": ["KG"] * len(labels),
                          "n_incidents": pd.array(list(counts), dtype="Int64"),
                          "n_label": list(labels), "contested_label": list(contested)})
    cells.attrs["hex_m"] = 2000.0
    return cells


def _render_groups(live) -> str:
    """The incidents' feature group rendered on its own (as streamlit-folium sends it)."""
    from branca.element import Figure
    out = []
    for g in live.groups[:1]:
        fig = Figure()
        fig.add_child(g)
        out.append(fig.render())
    return "\n".join(out)


def test_cells_replace_the_incident_rows_and_the_base_stays(small_boundaries, make_incidents):
    inc = make_incidents(30)
    content = MapContent(base=prepare_base(small_boundaries), incidents=inc)
    kw = dict(location=(40.0, 70.5), zoom=9, cells_beyond=10)
    with_cells = build_live_map(content, cells=_cells(), **kw)
    without = build_live_map(content, **kw)
    def base(live) -> str:  # element names are random outside the app
        return re.sub(r"_[0-9a-f]{32}", "_ID", live.base.get_root().render())
    assert base(with_cells) == base(without)
    group = _decoded(_render_groups(with_cells))
    assert "kgtj-cell" in group and "Incidents in this 2 km area: 5" in group
    assert "of them with a contested side: 3" in group
    for eid in inc["event_id"]:  # no incident row travels
        assert eid not in group
    assert inc["event_id"].iloc[0] in _decoded(_render_groups(without))


@pytest.mark.parametrize("lang, text", [("en", "beyond 10 incidents"),
                                        ("ru", "более 10 инцидентов")])
def test_the_legend_says_beyond_how_many_the_map_shows_cells(small_boundaries, lang, text):
    content = MapContent(base=prepare_base(small_boundaries))
    kw = dict(lang=lang, location=(40.0, 70.5), zoom=9)
    assert text in _decoded(build_live_map(content, cells_beyond=10, **kw).base.get_root()
                            .render())
    assert text not in _decoded(build_live_map(content, **kw).base.get_root().render())


def test_cell_texts_are_escaped_data():
    layer = CellLayer(_cells(labels=list(HOSTILE), counts=[None] * len(HOSTILE),
                             contested=list(HOSTILE)), "en", "Incidents")
    rows = json.loads(str(layer.rows_json))
    assert all("<" not in r[2] and "<script" not in r[4] for r in rows)
    assert SCRIPT_CLOSE not in str(layer.rows_json) and "</" not in str(layer.rows_json)


def test_kept_encodings_follow_the_geometry_object():
    g = {"type": "LineString", "coordinates": [[70.0, 40.0], [70.1, 40.1]]}
    assert encode_kept(g) is encode_kept(g)
    other = {"type": "LineString", "coordinates": [[71.0, 40.0], [71.1, 40.1]]}
    assert encode_kept(other) == encode_geometry(other) != encode_kept(g)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cells_app")


def _map_args(at) -> dict:
    comps = [e for e in at.get("component_instance")
             if getattr(e.proto, "component_name", "").endswith("st_folium")]
    return json.loads(comps[0].proto.json_args)


@pytest.mark.parametrize("lang, notice", [("en", "more than 50"), ("ru", "больше 50")])
def test_the_app_shows_cells_beyond_the_threshold_and_incidents_below(data_dir, monkeypatch,
                                                                      lang, notice):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    import ui.map_body
    monkeypatch.setattr(ui.map_body, "AGGREGATE_THRESHOLD", 50)
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["lang"] = lang
    at = open_app(at)
    assert not at.exception, [e.message for e in at.exception]
    total = int(at.metric[0].value)
    assert total > 50
    args = _map_args(at)
    group, base = _decoded(args["feature_group"]), _decoded(args["script"])
    assert "kgtj-cell" in group and "KGTJ-" not in group  # counts, no incident rows
    assert any(notice in c.value for c in at.caption), [c.value for c in at.caption]
    assert "50" in base and ("beyond 50" in base or "более 50" in base)
    months = slider_months(at.select_slider(key="map_month"))
    at.select_slider(key="map_month").set_value(months[-1]).run()  # a month: few incidents
    assert int(at.metric[0].value) <= 50
    assert "kgtj-cell" not in _decoded(_map_args(at)["feature_group"])
    assert _decoded(_map_args(at)["script"]) == base  # the mounted map stays
    assert not any(notice in c.value for c in at.caption)
