"""Geocoding results for people and programs: the CLI's text and its ``--json`` object.

``python -m incidents geocode NAME --json`` prints :func:`result_json`: one object
``{"query", "status", "candidates": [{"name", "name_ru", "lat", "lon", "country",
"district", "source"}]}``, candidates best first (the contract of issue 17).
"""
from __future__ import annotations

import json

from geo.gazetteer import Gazetteer
from geo.geocode import METHOD_BY_SOURCE, GeocodeResult

JSON_CANDIDATE_KEYS: tuple[str, ...] = ("name", "name_ru", "lat", "lon", "country", "district",
                                        "source")


def result_dict(result: GeocodeResult) -> dict:
    """The ``--json`` object of a result (see module docstring)."""
    cands = [{"name": c["name"], "name_ru": c.get("name_ru"), "lat": c["lat"],
              "lon": c["lon"], "country": c.get("iso3"), "district": c.get("admin2"),
              "source": c["source"]} for c in result.candidates]
    return {"query": result.query, "status": result.status, "candidates": cands}


def result_json(result: GeocodeResult) -> str:
    """:func:`result_dict` as JSON text (UTF-8 names kept readable)."""
    return json.dumps(result_dict(result), ensure_ascii=False)


def _line(c: dict) -> str:
    names = ", ".join(f"{lang} {c[f'name_{lang}']}" for lang in ("ru", "ky", "tg")
                      if c.get(f"name_{lang}"))
    admin = ", ".join(a for a in (c.get("admin1"), c.get("admin2"), c.get("community"))
                      if a) or "admin unknown"
    dist = c.get("border_dist_m")
    where = f" · {dist / 1000:.0f} km from the KG–TJ line" if dist is not None else ""
    return (f"{c['name']}{f' ({names})' if names else ''} [{c['place_id']}] "
            f"lat {c['lat']:.5f}, lon {c['lon']:.5f} · {c.get('iso3') or 'country unknown'}"
            f" · {admin}{where} · {METHOD_BY_SOURCE.get(c['source'], c['source'])}, "
            f"{c['match']} match, score {c['score']:.0f}"
            + (f"\n      source: {c['source_detail']}" if c.get("source") in ("curated", "user")
               and c.get("source_detail") else ""))


def format_result(result: GeocodeResult) -> str:
    """Plain-text report of a result for the CLI (``python -m incidents geocode NAME``)."""
    head = f"'{result.query}': {result.status}"
    lines = []
    if result.status == "matched":
        lines.append(f"{head} ({result.method}, {result.match}, score {result.score:.0f})")
        lines.append("  " + _line(result.place))
        if result.evidence:
            lines.append(f"  evidence: {result.evidence}")
        if result.match == "compound":
            lines += ["  part: " + _line(c) for c in result.candidates]
    elif result.status == "ambiguous":
        if len(result.candidates) > 1:
            lines.append(f"{head}: {len(result.candidates)} distinct places share this name;"
                         " not resolved (give the district or country, or choose by hand)")
        else:
            lines.append(f"{head}: the row's evidence contradicts the only place found; "
                         "needs a person to decide")
        if result.evidence:
            lines.append(f"  evidence: {result.evidence}")
        lines += ["  candidate: " + _line(c) for c in result.candidates]
    elif result.status == "far":
        lines.append(f"{head}: far from the border — check ({result.evidence})")
        lines += ["  candidate: " + _line(c) for c in result.candidates]
    else:
        lines.append(f"{head}: no place in the gazetteer; add it to a places file "
                     "(docs/places-file.md)")
    lines += ["  set aside: " + _line(c) for c in result.set_aside]
    lines += [f"  note: {n}" for n in result.notes]
    if any(c["source"] == "geonames" for c in result.candidates + result.set_aside):
        lines.append(f"  source: {Gazetteer.ATTRIBUTION}")
    return "\n".join(lines)
