"""Offline geocoding of place names against a :class:`geo.gazetteer.Gazetteer`.

Matching, in order (the first level that finds anything wins):

1. **exact** — :func:`geo.translit.simple_key` equality: case, spaces, hyphens,
   apostrophes, Latin diacritics and generic words ("село", "village") ignored.
2. **transliteration** — :func:`geo.translit.normalize_name` equality: Cyrillic
   transliterated (Russian, Kyrgyz, Tajik letters) and spelling variants folded
   (kh/h/x, dzh/zh/j, y/i/j, q/k, gh/g, w/v, doubled letters). Levels 1 and 2 are pooled.
3. **fuzzy** — rapidfuzz ``fuzz.ratio`` (normalised Indel similarity, 0–100) between the
   ``normalize_name`` key of the query and every key of the gazetteer; every key scoring at
   least ``threshold`` is a candidate. ``ratio`` rather than ``WRatio``: keys have no spaces,
   so token-based scorers add nothing, and WRatio's partial matching scores a short name
   inside a longer one ("sai" in "aksai") at 90. A fuzzy hit must also be within 1 edit
   (Levenshtein) of the query key, or 2 edits for keys of :data:`LONG_KEY` letters or more,
   and keys shorter than 5 letters are not fuzzy-matched at all. Without these bounds,
   ratio ≥ 85 matched "Kayragach" (missing from GeoNames) to Kara-Dzhygach and "Kara-Bulak"
   to Kara-Bak: different villages. A typo ("Isfra", "Sulukta", "Vorukhs") is one edit.

Candidates within :data:`SAME_PLACE_M` (2 km) of each other are one place (e.g. a GeoNames
village and the same village learned from ACLED). Several distinct places are **ambiguous**:
the row's own evidence (country, admin-1/admin-2 names) may narrow them to one, which is then
``matched`` with the evidence recorded in :attr:`GeocodeResult.evidence`; otherwise the
result stays ``ambiguous`` with every candidate listed. Nothing is ever guessed.

Evidence rules. Country: a place whose ``iso3`` is known and differs is excluded; when the
only place found is in another country than the row says, the result is ``ambiguous``
("conflict: ...") so a person decides (it may be a same-named village the gazetteer lacks).
Admin: a given name that matches the place's admin1 or admin2 fits. Otherwise a place is
excluded only on a known contradiction at a known level: the given name is a region name
(:data:`geo.geonames.ADMIN1_NAMES`) and the place's admin1 is another region, or the given
name is not a region name (so taken as a district) and the place's admin2 is known and
different. GeoNames places have no admin2, so a district name never excludes them. Admin
evidence that contradicts the only place found is noted but does not block the match.
"""
from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from geo.gazetteer import FUZZY_MIN_LEN, SAME_SPOT_M, Gazetteer
from geo.geonames import ADMIN1_NAMES
from geo.places_file import normalize_country
from geo.translit import normalize_admin, normalize_name, simple_key

SAME_PLACE_M = SAME_SPOT_M  # candidates closer than this are one place
LONG_KEY = 10  # keys this long may differ by 2 edits in a fuzzy match, shorter ones by 1
DEFAULT_THRESHOLD = 85.0
MATCH_EXACT, MATCH_TRANSLIT, MATCH_FUZZY = "exact", "transliteration", "fuzzy"
METHOD_BY_SOURCE = {"geonames": "gazetteer", "user": "user_places", "learned": "learned"}
UNRESOLVED = "unresolved"
_SOURCE_RANK = {"user": 0, "geonames": 1, "learned": 2}  # representative of one place
_ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {en: (en, ru) for en, ru in ADMIN1_NAMES.values()}
RESULT_COLUMNS: tuple[str, ...] = (
    "status", "lon", "lat", "place_id", "place_name", "method", "score", "candidates_json",
    "match", "evidence",
)


@dataclass
class GeocodeResult:
    """Outcome of geocoding one name.

    ``status`` is matched | ambiguous | not_found. ``place`` is the matched place (a
    candidate dict) or None. ``candidates`` lists one dict per distinct place considered
    (``name, place_id, lon, lat`` (EPSG:4326), ``iso3, admin1, admin2, score, source,
    match, name_ru, name_ky, name_tg, same_place_ids``). ``method`` is gazetteer |
    user_places | learned (the matched place's source) or unresolved. ``score`` is 0–100.
    ``match`` is exact | transliteration | fuzzy; ``evidence`` says how the row's country /
    admin narrowed the candidates, or where it contradicts the match.
    """

    status: str
    place: dict | None
    candidates: list[dict]
    method: str
    score: float
    match: str = ""
    evidence: str = ""
    query: str = ""
    notes: list[str] = field(default_factory=list)


def _find_rows(name: str, gazetteer: Gazetteer, threshold: float) -> dict[int, tuple]:
    """Row position → (score, match level) for the first level that finds anything."""
    found: dict[int, tuple[float, str]] = {}
    for row in gazetteer.rows_for_simple_key(simple_key(name)):
        found[row] = (100.0, MATCH_EXACT)
    key = normalize_name(name)
    for row in gazetteer.rows_for_key(key):
        found.setdefault(row, (100.0, MATCH_TRANSLIT))
    if found or len(key) < FUZZY_MIN_LEN:
        return found
    hits = process.extract(key, gazetteer.fuzzy_keys, scorer=fuzz.ratio,
                           score_cutoff=threshold, limit=None)
    for hit_key, score, _ in hits:
        max_edits = 1 if max(len(key), len(hit_key)) < LONG_KEY else 2
        if Levenshtein.distance(key, hit_key) > max_edits:
            continue
        for row in gazetteer.rows_for_key(hit_key):
            if row not in found or score > found[row][0]:
                found[row] = (float(score), MATCH_FUZZY)
    return found


def _value(v: object) -> object:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, (np.integer, np.floating)):
        return v.item()
    return v


def _candidate(gazetteer: Gazetteer, row: int, score: float, match: str) -> dict:
    place = gazetteer.places.iloc[row]
    return {
        "name": place["name"], "place_id": place["place_id"],
        "lon": float(place["lon"]), "lat": float(place["lat"]),
        "iso3": _value(place["iso3"]), "admin1": _value(place["admin1"]),
        "admin2": _value(place["admin2"]), "score": round(score, 1),
        "source": place["source"], "match": match, "name_ru": _value(place["name_ru"]),
        "name_ky": _value(place["name_ky"]), "name_tg": _value(place["name_tg"]),
        "source_detail": _value(place["source_detail"]),
    }


def _group_places(gazetteer: Gazetteer, found: dict[int, tuple]) -> list[list[dict]]:
    """Cluster candidate rows into distinct places (≤ SAME_PLACE_M apart); best first."""
    places = gazetteer.places

    def rank(row: int) -> tuple:
        pop = places["population"].iat[row]
        return (-found[row][0], _SOURCE_RANK[places["source"].iat[row]],
                -(int(pop) if pd.notna(pop) else 0), row)

    order = sorted(found, key=rank)
    xy_m = gazetteer.xy_m(order)
    groups: list[list[int]] = []
    for i in range(len(order)):
        for members in groups:
            if np.hypot(*(xy_m[members[0]] - xy_m[i])) <= SAME_PLACE_M:
                members.append(i)
                break
        else:
            groups.append([i])
    return [[_candidate(gazetteer, order[i], *found[order[i]]) for i in members]
            for members in groups]


def _admin_match(given: str, names: Sequence[str]) -> bool:
    for name in names:
        key = normalize_admin(name)
        if not key or not given:
            continue
        short, long_ = sorted((key, given), key=len)
        common = len(os.path.commonprefix([short, long_]))
        # equal; a prefix ("osh" / "oshskaia"); or a shared stem ("fergana" / "ferganskaia")
        if key == given or common == len(short) >= 3 or common >= max(4, len(short) - 1):
            return True
    return False


def _admin_names(cand: dict) -> list[str]:
    names = list(_ADMIN1_ALIASES.get(cand["admin1"], (cand["admin1"],)))
    return [n for n in names + [cand["admin2"]] if n]


def _narrow(groups: list[list[dict]], iso3: object, admin: Sequence[str]) -> tuple:
    """Apply the row's evidence; returns (groups left, evidence used, notes)."""
    notes: list[str] = []
    used: list[str] = []
    iso = normalize_country(iso3)
    if _value(iso3) is not None and iso is None:
        notes.append(f"country '{iso3}' not recognised; ignored")
    if iso:
        kept = [g for g in groups if any(c["iso3"] in (iso, None) for c in g)]
        if kept and len(kept) < len(groups):
            used.append(f"country {iso}")
            groups = kept
        elif not kept:
            notes.append(f"country {iso} matches none of the {len(groups)} places")
    given = [(a, normalize_admin(a)) for a in admin if a]
    for text, key in given:
        region_level = any(_admin_match(key, names) for names in _ADMIN1_ALIASES.values())

        def fits(g: list[dict], key: str = key, region_level: bool = region_level) -> bool:
            for c in g:
                if _admin_match(key, _admin_names(c)):
                    return True
                if not (c["admin1"] if region_level else c["admin2"]):
                    return True  # the level of the evidence is unknown for this place
            return False

        kept = [g for g in groups if fits(g)]
        if kept and len(kept) < len(groups):
            used.append(f"admin '{text}'")
            groups = kept
        elif not kept:
            notes.append(f"admin '{text}' matches none of the {len(groups)} places")
    return groups, used, notes


def _admin_list(admin: object) -> list[str]:
    if admin is None:
        return []
    if isinstance(admin, str):
        return [admin.strip()] if admin.strip() else []
    return [str(a).strip() for a in admin if _value(a) is not None and str(a).strip()]


def geocode(name: str, gazetteer: Gazetteer, iso3: str | None = None,
            admin: str | Sequence[str] | None = None,
            threshold: float = DEFAULT_THRESHOLD) -> GeocodeResult:
    """Find a place by name; never guesses between distinct places.

    Parameters
    ----------
    name : the place name as written (any script, any of the spellings handled).
    iso3 : country evidence from the row (KGZ/TJK/UZB, KG/TJ/UZ or a country name).
    admin : admin-1 and/or admin-2 names from the row (a string or several).
    threshold : minimum rapidfuzz ``ratio`` (0–100) for a fuzzy match.
    """
    query = "" if _value(name) is None else str(name).strip()
    found = _find_rows(query, gazetteer, threshold) if query else {}
    if not found:
        return GeocodeResult("not_found", None, [], UNRESOLVED, 0.0, query=query)
    groups = _group_places(gazetteer, found)
    all_candidates = [g[0] | {"same_place_ids": [c["place_id"] for c in g[1:]]}
                      for g in groups]
    kept, used, notes = _narrow(groups, iso3, _admin_list(admin))
    if len(kept) > 1:
        return GeocodeResult("ambiguous", None, all_candidates, UNRESOLVED,
                             max(c["score"] for c in all_candidates), query=query,
                             evidence="; ".join(used), notes=notes)
    best = next(c for c in all_candidates if c["place_id"] == kept[0][0]["place_id"])
    iso = normalize_country(iso3)
    if len(groups) == 1 and iso and best["iso3"] not in (iso, None):
        return GeocodeResult(
            "ambiguous", None, all_candidates, UNRESOLVED, best["score"], best["match"],
            f"conflict: the row says {iso}, the only place found is in {best['iso3']}",
            query, notes)
    evidence = ""
    if used:
        evidence = f"{' and '.join(used)} left 1 of {len(groups)} places"
    elif len(groups) == 1 and notes:
        evidence = "conflict: " + "; ".join(notes)
    return GeocodeResult("matched", best, all_candidates if len(groups) > 1 else [best],
                         METHOD_BY_SOURCE[best["source"]], best["score"], best["match"],
                         evidence, query, notes)


def _evidence_frame(index: pd.Index, admin: pd.Series | pd.DataFrame | None) -> list[tuple]:
    if admin is None:
        return [()] * len(index)
    frame = admin.to_frame() if isinstance(admin, pd.Series) else admin
    values = frame.reindex(index).astype(object).to_numpy()
    return [tuple(_admin_list(row)) for row in values]


def geocode_many(names: pd.Series, gazetteer: Gazetteer, iso3: pd.Series | None = None,
                 admin: pd.Series | pd.DataFrame | None = None,
                 threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """:func:`geocode` for every row, each distinct (name, country, admin) computed once.

    ``admin`` may be a Series or a DataFrame of several admin columns (admin1, admin2).
    Returns a DataFrame indexed like ``names`` with :data:`RESULT_COLUMNS`: ``lon``/``lat``
    (EPSG:4326, NaN unless matched), ``place_id``, ``place_name``, ``method``, ``score``,
    ``candidates_json`` (JSON list of candidates when ambiguous or when more than one place
    was considered),
    ``match`` and ``evidence``.
    """
    iso_values = (iso3.reindex(names.index).astype(object).to_numpy() if iso3 is not None
                  else [None] * len(names))
    keys = [(None if _value(n) is None else str(n), None if _value(c) is None else str(c), a)
            for n, c, a in zip(names.astype(object).to_numpy(), iso_values,
                               _evidence_frame(names.index, admin), strict=True)]
    codes: dict[tuple, int] = {}
    positions = np.array([codes.setdefault(k, len(codes)) for k in keys], dtype=int)
    rows = []
    for name, country, adm in codes:
        res = geocode(name, gazetteer, iso3=country, admin=adm, threshold=threshold)
        place = res.place or {}
        rows.append((res.status, place.get("lon", math.nan), place.get("lat", math.nan),
                     place.get("place_id"), place.get("name"), res.method, res.score,
                     json.dumps(res.candidates, ensure_ascii=False)
                     if len(res.candidates) > 1 or res.status == "ambiguous" else None,
                     res.match, res.evidence))
    uniq = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    out = uniq.iloc[positions].set_axis(names.index)
    for col in RESULT_COLUMNS:
        out[col] = out[col].astype("float64" if col in ("lon", "lat", "score") else "string")
    return out


def format_result(result: GeocodeResult) -> str:
    """Plain-text report of a result for the CLI (``python -m incidents geocode NAME``)."""
    def line(c: dict) -> str:
        names = ", ".join(f"{lang} {c[f'name_{lang}']}" for lang in ("ru", "ky", "tg")
                          if c.get(f"name_{lang}"))
        admin = ", ".join(a for a in (c.get("admin1"), c.get("admin2")) if a) or "admin unknown"
        return (f"{c['name']}{f' ({names})' if names else ''} [{c['place_id']}] "
                f"lat {c['lat']:.5f}, lon {c['lon']:.5f} · {c.get('iso3') or 'country unknown'}"
                f" · {admin} · {METHOD_BY_SOURCE.get(c['source'], c['source'])}, "
                f"{c['match']} match, score {c['score']:.0f}")

    head = f"'{result.query}': {result.status}"
    lines = []
    if result.status == "matched":
        lines.append(f"{head} ({result.method}, {result.match}, score {result.score:.0f})")
        lines.append("  " + line(result.place))
        if result.evidence:
            lines.append(f"  evidence: {result.evidence}")
        others = [c for c in result.candidates if c["place_id"] != result.place["place_id"]]
        lines += ["  other candidate: " + line(c) for c in others]
    elif result.status == "ambiguous":
        if len(result.candidates) > 1:
            lines.append(f"{head}: {len(result.candidates)} distinct places share this name;"
                         " not resolved (give the district or country, or choose by hand)")
        else:
            lines.append(f"{head}: the row's evidence contradicts the only place found; "
                         "needs a person to decide")
        if result.evidence:
            lines.append(f"  evidence: {result.evidence}")
        lines += ["  candidate: " + line(c) for c in result.candidates]
    else:
        lines.append(f"{head}: no place in the gazetteer; add it to a places file "
                     "(docs/places-file.md)")
    lines += [f"  note: {n}" for n in result.notes]
    if any(c["source"] == "geonames" for c in result.candidates):
        lines.append(f"  source: {Gazetteer.ATTRIBUTION}")
    return "\n".join(lines)
