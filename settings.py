"""Paths and configuration shared by the core, the CLI and the app.

Every setting can be given by an environment variable; nothing here imports Streamlit.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent
BOUNDARIES_DIR = REPO_ROOT / "data" / "boundaries"
EXAMPLES_DIR = REPO_ROOT / "data" / "examples"
GAZETTEER_DIR = REPO_ROOT / "data" / "gazetteer"
PLACE_NAMES_FILE = GAZETTEER_DIR / "names" / "geonames_names.csv"


def data_dir() -> Path:
    """Local data folder (store, uploaded layers). ``KGTJ_DATA_DIR``, default ``./local_data``.

    Made owner-only (0700) when this creates it: it holds every record and the accounts'
    password hashes. A folder that exists already keeps the permissions it has."""
    path = Path(os.environ.get("KGTJ_DATA_DIR", REPO_ROOT / "local_data"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)
    return path


def database_url() -> str:
    """SQLAlchemy URL of the incident store. ``KGTJ_DB_URL``, default SQLite in :func:`data_dir`."""
    url = os.environ.get("KGTJ_DB_URL")
    return url or f"sqlite:///{data_dir() / 'incidents.sqlite'}"


def _paths(var: str) -> list[Path]:
    raw = os.environ.get(var, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def cod_ab_files() -> list[Path]:
    """User-supplied COD-AB admin-2 files (``KGTJ_COD_FILES``, os.pathsep-separated)
    plus any ``*.json``/``*.geojson`` the user put in ``<data_dir>/cod-ab/``."""
    found = _paths("KGTJ_COD_FILES")
    folder = data_dir() / "cod-ab"
    if folder.is_dir():
        found += sorted(p for p in folder.iterdir() if p.suffix in {".json", ".geojson"})
    return found


def curated_files() -> list[Path]:
    """User-curated disputed segments/sites (``KGTJ_CURATED_FILES``, plus
    ``<data_dir>/curated/``)."""
    found = _paths("KGTJ_CURATED_FILES")
    folder = data_dir() / "curated"
    if folder.is_dir():
        found += sorted(p for p in folder.iterdir() if p.suffix in {".json", ".geojson"})
    return found


def gazetteer_files() -> list[Path]:
    """The shipped, cited border-settlement gazetteer (``data/gazetteer/*.csv``), or the files
    in ``KGTJ_GAZETTEER_FILES`` (os.pathsep-separated) when that is set."""
    if os.environ.get("KGTJ_GAZETTEER_FILES") is not None:
        return _paths("KGTJ_GAZETTEER_FILES")
    return shipped_gazetteer_files()


def shipped_gazetteer_files() -> list[Path]:
    """The border-settlement gazetteer shipped in ``data/gazetteer/`` (whatever the
    environment says: the shipped prepared layers are built from it)."""
    return sorted(GAZETTEER_DIR.glob("*.csv")) if GAZETTEER_DIR.is_dir() else []


def place_names_files() -> list[Path]:
    """The cited names of GeoNames places shipped in ``data/gazetteer/names/``
    (:mod:`geo.cited_names`)."""
    return [PLACE_NAMES_FILE] if PLACE_NAMES_FILE.is_file() else []


def places_files() -> list[Path]:
    """User gazetteer places CSVs (``KGTJ_PLACES_FILES``, plus ``<data_dir>/places/*.csv``)."""
    found = _paths("KGTJ_PLACES_FILES")
    folder = data_dir() / "places"
    if folder.is_dir():
        found += sorted(folder.glob("*.csv"))
    return found


def reference_line_dir() -> Path:
    """Where a user's newer reference line is kept (``geo.reference_line``)."""
    return data_dir() / "reference_line"


def reference_line_files() -> list[Path]:
    """The user's newer reference line's files (line and its name/date/source), or []."""
    folder = reference_line_dir()
    return [p for p in (folder / "line.geojson", folder / "meta.json") if p.is_file()]


def reference_line_stamp() -> str:
    """Changes when the user's newer line changes (for caches): its files' sizes and
    modification times, or '' without a line."""
    parts = []
    for path in reference_line_files():
        st = path.stat()
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


COD_AB_DOWNLOAD_HELP = (
    "Official administrative boundaries (COD-AB) are published on the Humanitarian Data "
    "Exchange (data.humdata.org): search 'Kyrgyzstan - Subnational Administrative Boundaries' "
    "and 'Tajikistan - Subnational Administrative Boundaries', download the admin-2 GeoJSON, "
    "then upload it on the 'Data & sources' page or list it in KGTJ_COD_FILES."
)
