"""Load the shipped boundary layers (``data/boundaries/``) built by :mod:`layers.build_boundaries`.

Pure and cheap: reads six small files, no network, no Streamlit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

import settings

LAYER_FILES = {
    "countries": "countries.geojson",
    "enclaves": "enclaves.geojson",
    "segments": "border_segments.geojson",
    "countries_ne": "countries_ne.geojson",
    "disagreement_zones": "disagreement_zones.geojson",
}
MANIFEST_FILE = "manifest.json"
_GENERIC_ATTRIBUTION = "Boundaries: see data/boundaries/LICENSE-DATA.md"


class BoundaryDataError(RuntimeError):
    """A shipped boundary file is missing or unreadable."""


@dataclass(frozen=True)
class BoundaryLayers:
    """The shipped layers, all GeoDataFrames in EPSG:4326.

    ``countries`` (iso3, name_en, name_ru, source), ``enclaves`` (enclave_id, name_en,
    name_ru, owner_iso3, host_iso3, area_km2), ``segments`` (segment_id, pair, length_m in
    metres of METRIC_CRS, enclave), ``countries_ne`` (as countries), ``disagreement_zones``
    (zone_id, area_km2, osm_iso3, ne_iso3) and the build ``manifest``.
    """

    countries: gpd.GeoDataFrame
    enclaves: gpd.GeoDataFrame
    segments: gpd.GeoDataFrame
    countries_ne: gpd.GeoDataFrame
    disagreement_zones: gpd.GeoDataFrame
    manifest: dict[str, Any] = field(repr=False)


def _read_layer(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise BoundaryDataError(f"{path} is missing: run `python -m layers.build_boundaries`")
    frame = gpd.read_file(path)
    if frame.crs is None:
        frame = frame.set_crs(4326)
    return frame.to_crs(4326)


def read_manifest(path: Path = settings.BOUNDARIES_DIR) -> dict[str, Any]:
    """The manifest (``manifest.json``) of the boundary files in ``path``."""
    manifest_path = Path(path) / MANIFEST_FILE
    if not manifest_path.exists():
        raise BoundaryDataError(
            f"{manifest_path} is missing: run `python -m layers.build_boundaries`"
        )
    return json.loads(manifest_path.read_text(encoding="utf-8"))


def load_boundaries(path: Path = settings.BOUNDARIES_DIR) -> BoundaryLayers:
    """Read every shipped boundary layer and the manifest from ``path``.

    Parameters
    ----------
    path : folder with the files written by the build (default ``data/boundaries``).

    Returns
    -------
    BoundaryLayers with GeoDataFrames in EPSG:4326.
    """
    path = Path(path)
    frames = {attr: _read_layer(path / name) for attr, name in LAYER_FILES.items()}
    return BoundaryLayers(manifest=read_manifest(path), **frames)


def attributions(manifest: dict[str, Any], files: tuple[str, ...] | None = None) -> list[str]:
    """Attribution strings for map and print footers, unique, in first-seen order.

    Parameters
    ----------
    manifest : the dict from ``manifest.json`` (``BoundaryLayers.manifest``).
    files : limit to these file names (e.g. ``("countries.geojson",)``); default all layers.
    """
    entries = manifest.get("files", {})
    names = files if files is not None else tuple(sorted(entries))
    out: list[str] = []
    for name in names:
        for text in entries.get(name, {}).get("attribution", []):
            if text not in out:
                out.append(text)
    return out or [_GENERIC_ATTRIBUTION]
