"""Build ``data/gazetteer/border_settlements_kg.csv``: the cited Kyrgyz-side border settlements.

Facts only (names, coordinates, administrative membership), read on 2026-12-03 from public
encyclopaedia pages and cited per row in :mod:`layers.settlements_kg_rows`. Coordinates are
recorded there exactly as the page prints them (degrees-minutes-seconds or degrees-minutes)
and converted here to decimal degrees (WGS84); nothing is estimated. No network is used.

Run ``python -m layers.build_settlements_kg`` to rewrite the CSV and its entry in
``data/gazetteer/manifest.json`` (other entries, e.g. the Tajik file's, are kept).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path

from layers.settlements_kg_rows import ROWS, Row

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
CSV_NAME = "border_settlements_kg.csv"
COLUMNS = (
    "id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lat", "lon", "country",
    "admin1", "admin2", "rural_community", "kind", "source_title", "source_url",
    "coord_note", "note",
)
COLLECTED = "2026-12-03"
LICENCE = ("facts (names, coordinates, administrative membership) taken from pages under "
           "CC BY-SA 3.0/4.0 (Wikipedia language editions and their mirrors); cited per row, "
           "no prose copied")
LICENCE_RU = ("факты (названия, координаты, административная принадлежность) взяты со страниц "
              "под CC BY-SA 3.0/4.0 (языковые разделы Википедии и их зеркала); источник указан "
              "в каждой строке, текст не копировался")

_DMS = re.compile(
    r"^\s*(?P<d>\d{1,3})\s*°\s*(?:(?P<m>\d{1,2})\s*[′']\s*)?"
    r"(?:(?P<s>\d{1,2}(?:[.,]\d+)?)\s*(?:″|\"|′′)\s*)?(?P<h>[NSEW])\s*$"
)


def dms_to_deg(text: str) -> tuple[float, int]:
    """Convert ``39°56′59″N`` / ``69°31′E`` / ``40°E`` to signed decimal degrees.

    Returns (degrees, decimals to keep): 5 decimals (~1 m) for seconds, 4 for minutes only,
    2 for whole degrees, so the written value never claims more precision than the page.
    Raises ValueError naming the text for anything else (minutes or seconds ≥ 60 too).
    """
    match = _DMS.match(text)
    if match is None:
        raise ValueError(f"not a DMS coordinate: {text!r}")
    deg = int(match["d"])
    minutes = int(match["m"]) if match["m"] is not None else 0
    seconds = float(match["s"].replace(",", ".")) if match["s"] is not None else 0.0
    if minutes >= 60 or seconds >= 60:
        raise ValueError(f"minutes/seconds out of range: {text!r}")
    value = deg + minutes / 60 + seconds / 3600
    if match["h"] in "SW":
        value = -value
    decimals = 5 if match["s"] is not None else 4 if match["m"] is not None else 2
    return value, decimals


def _coord(text: str) -> str:
    value, decimals = dms_to_deg(text)
    return f"{value:.{decimals}f}"


def to_record(row: Row) -> dict[str, str]:
    """One CSV record (all strings) from a :class:`Row`."""
    return {
        "id": row.id, "name": row.name, "name_ru": row.name_ru, "name_ky": row.name_ky,
        "name_tg": row.name_tg, "alt_names": "|".join(row.alt_names),
        "lat": _coord(row.lat_dms), "lon": _coord(row.lon_dms), "country": "KGZ",
        "admin1": row.admin1, "admin2": row.admin2, "rural_community": row.rural_community,
        "kind": row.kind, "source_title": " | ".join(t for t, _ in row.sources),
        "source_url": " | ".join(u for _, u in row.sources),
        "coord_note": row.coord_note, "note": row.note,
    }


def render_csv(rows: tuple[Row, ...] = ROWS) -> str:
    """The whole CSV text (UTF-8, comma-separated, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(to_record(row))
    return buf.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def manifest_entry(data: bytes, rows: int) -> dict[str, object]:
    """This file's entry in ``data/gazetteer/manifest.json``."""
    return {
        "path": CSV_NAME,
        "source": "public encyclopaedia pages (Wikipedia in several languages and mirrors); "
                  "title and address per row in source_title / source_url",
        "licence": LICENCE,
        "collected": COLLECTED,
        "rows": rows,
        "sha256": hashlib.sha256(data).hexdigest(),
        "derived": "coordinates converted from the page's degrees-minutes(-seconds) to "
                   "decimal WGS84 by layers/build_settlements_kg.py; rows outside about 25 km "
                   "of the KG-TJ line not collected; see SOURCES.md",
        # our words in Russian (Data & sources in Russian); names stay as published
        "source_ru": "открытые страницы энциклопедий (Википедия на нескольких языках и её "
                     "зеркала); название и адрес страницы в каждой строке (source_title / "
                     "source_url)",
        "licence_ru": LICENCE_RU,
        "derived_ru": "координаты переведены из градусов-минут(-секунд) страницы в десятичные "
                      "WGS84 модулем layers/build_settlements_kg.py; строки дальше примерно "
                      "25 км от линии КР–ТДж не собирались; см. SOURCES.md",
    }


def build(out_dir: Path = OUT_DIR) -> Path:
    """Write the CSV and merge its manifest entry (keeping every other file's entry)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = render_csv().encode("utf-8")
    path = out_dir / CSV_NAME
    _atomic_write(path, data)
    manifest_path = out_dir / "manifest.json"
    manifest = {"files": []}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    files = [f for f in manifest.get("files", []) if f.get("path") != CSV_NAME]
    files.append(manifest_entry(data, len(ROWS)))
    manifest["files"] = sorted(files, key=lambda f: str(f.get("path")))
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(manifest_path, text.encode("utf-8"))
    return path


if __name__ == "__main__":
    print(build())
