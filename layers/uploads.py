"""User layer files uploaded in the app (Data & sources): COD-AB, curated, places.

The client's file name is never used as a path: an upload is validated in memory first
(nothing is written when it fails), then saved as ``<data dir>/<kind>/<kind>-<sha256
prefix><ext>``; the name the user gave is kept as metadata only, in
``<data dir>/uploads.json`` (never read as a path). Writes are atomic (:mod:`fileio`).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import settings
from fileio import atomic_write
from incidents.access import Principal, as_principal
from incidents.messages import KeyedError, Msg

KINDS: dict[str, str] = {"cod-ab": ".geojson", "curated": ".geojson", "places": ".csv"}
INDEX_NAME = "uploads.json"
MAX_LABEL_CHARS = 120


class UploadError(KeyedError):
    """The upload was refused (unknown kind, or empty); nothing was written."""


def display_name(client_name: object) -> str:
    """The client's file name for messages and metadata only: its last path part, without
    control or format characters, at most :data:`MAX_LABEL_CHARS` characters."""
    text = str(client_name or "")
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return text[:MAX_LABEL_CHARS].strip() or "upload"


def stored_name(kind: str, data: bytes) -> str:
    """The generated file name of ``data``: ``<kind>-<16 hex of its SHA-256><ext>``."""
    if kind not in KINDS:
        raise UploadError(f"unknown upload kind {kind!r}; one of {', '.join(KINDS)}")
    return f"{kind}-{hashlib.sha256(data).hexdigest()[:16]}{KINDS[kind]}"


def save_upload(kind: str, data: bytes, client_name: object,
                validate: Callable[[bytes, str], object], *, principal: Principal,
                data_dir: Path | None = None) -> Path:
    """Validate ``data`` in memory with ``validate(data, label)`` (raises on bad content:
    nothing is written), then save it under a generated name in the ``kind`` folder of the
    data folder and record ``client_name`` as metadata. Returns the saved path.

    ``principal`` needs the ``layers`` right (an admin): layers decide every side shown."""
    as_principal(principal).require("layers")
    name = stored_name(kind, data)
    if not data:
        raise UploadError(Msg("file.empty"))
    label = display_name(client_name)
    validate(data, label)
    root = Path(data_dir) if data_dir is not None else settings.data_dir()
    path = atomic_write(root / kind / name, data)
    index_path = root / INDEX_NAME
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    index[f"{kind}/{name}"] = {
        "original_name": label, "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    atomic_write(index_path, json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True))
    return path


def original_names(data_dir: Path | None = None) -> dict[str, str]:
    """``{"<kind>/<stored name>": original name}`` of the saved uploads."""
    root = Path(data_dir) if data_dir is not None else settings.data_dir()
    try:
        index = json.loads((root / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(v.get("original_name", "")) for k, v in index.items()}
