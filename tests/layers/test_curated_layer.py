"""Curated segments/sites: the example loads; every malformed case is reported, all at once."""

from __future__ import annotations

import copy
import json

import pytest

import settings
from layers.curated import STATUSES, CuratedLayerError, load_curated

GOOD = {
    "curated_id": "T-1",
    "name": "test",
    "status": "disputed",
    "status_as_of": "2025-03-13",
    "source": "test fixture",
    "note": "",
}
LINE = {"type": "LineString", "coordinates": [[70.70, 40.30], [70.75, 40.32]]}


def _doc(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(geometry=LINE, **changes):
    props = {**GOOD, **changes}
    props = {k: v for k, v in props.items() if v is not None}
    return {"type": "Feature", "properties": props, "geometry": copy.deepcopy(geometry)}


def test_example_file_loads_and_says_example():
    frame = load_curated(settings.EXAMPLES_DIR / "curated_example.geojson")
    assert 2 <= len(frame) <= 3
    assert list(frame.columns[:8]) == [
        "curated_id",
        "kind",
        "name",
        "status",
        "status_as_of",
        "source",
        "note",
        "source_file",
    ]
    assert frame.name.str.contains("EXAMPLE").all()
    assert (frame.source == "example file").all()
    assert frame.note.str.contains("EXAMPLE").all()
    assert set(frame.kind) == {"segment", "site"}
    assert frame.status.isin(STATUSES).all()
    assert frame.crs.to_epsg() == 4326


def test_good_file_kind_derived_defaults_and_extras():
    point = {"type": "Point", "coordinates": [70.6, 40.1]}
    frame = load_curated(
        (
            "mine.geojson",
            _doc(_feature(), _feature(point, curated_id="T-2", status=None, extra_field="kept")),
        )
    )
    assert frame.kind.tolist() == ["segment", "site"]
    assert frame.status.tolist() == ["disputed", "unknown"]
    assert frame.extra_field.tolist()[1] == "kept"
    assert set(frame.source_file) == {"mine.geojson"}


@pytest.mark.parametrize(
    "feature, field, reason",
    [
        (_feature(status="contested"), "status", "not one of"),
        (_feature(status_as_of=None), "status_as_of", "missing"),
        (_feature(status_as_of="13.03.2025"), "status_as_of", "not an ISO date"),
        (_feature(status_as_of="2025-02-30"), "status_as_of", "not an ISO date"),
        (_feature(status_as_of="2999-01-01"), "status_as_of", "future"),
        (_feature(source=""), "source", "missing"),
        (_feature(curated_id=None), "curated_id", "missing"),
        (
            _feature(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[70.6, 40.0], [70.7, 40.1], [70.7, 40.0], [70.6, 40.1], [70.6, 40.0]]
                    ],
                }
            ),
            "geometry",
            "invalid",
        ),
        (
            _feature({"type": "LineString", "coordinates": [[80.0, 40.0], [80.1, 40.1]]}),
            "geometry",
            "outside the region",
        ),
        (_feature({"type": "Point", "coordinates": [40.1, 70.6]}), "geometry", "swapped"),
        (_feature({"type": "GeometryCollection", "geometries": []}), "geometry", "not allowed"),
        (_feature({"type": "LineString", "coordinates": [[70.7]]}), "geometry", "malformed"),
        (_feature(None), "geometry", "missing"),
        (_feature(kind="site"), "kind", "does not match"),
    ],
)
def test_each_malformed_case_is_named(feature, field, reason):
    with pytest.raises(CuratedLayerError) as err:
        load_curated(("bad.geojson", _doc(_feature(curated_id="OK-0"), feature)))
    problems = err.value.problems
    assert [(p.feature, p.field) for p in problems] == [(1, field)]
    assert reason in problems[0].reason
    assert "bad.geojson" in str(err.value) and f"feature 1, field '{field}'" in str(err.value)


def test_all_problems_collected_with_duplicates():
    doc = _doc(
        _feature(),
        _feature(status="bogus", source=""),
        _feature(),  # T-1 twice
        _feature(curated_id="T-9", status_as_of="soon"),
    )
    with pytest.raises(CuratedLayerError) as err:
        load_curated(doc)
    found = {(p.feature, p.field) for p in err.value.problems}
    assert found == {
        (1, "status"),
        (1, "source"),
        (1, "curated_id"),
        (2, "curated_id"),
        (3, "status_as_of"),
    }
    assert "duplicate 'T-1' (first at feature 0)" in str(err.value)


@pytest.mark.parametrize(
    "data, field",
    [
        (b"{nope", "json"),
        (json.dumps({"type": "Feature"}).encode(), "type"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "crs": {"type": "name", "properties": {"name": "EPSG:32642"}},
                    "features": [_feature()],
                }
            ).encode(),
            "crs",
        ),
    ],
)
def test_file_level_problems(data, field):
    with pytest.raises(CuratedLayerError) as err:
        load_curated(data)
    assert [(p.feature, p.field) for p in err.value.problems] == [(None, field)]
    assert f"file, field '{field}'" in str(err.value)
