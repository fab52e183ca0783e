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

Precedence and region (issue 17): of the places the evidence leaves, those of the first
source that has any are kept (curated border gazetteer, user places, GeoNames, learned; the
others are ``set_aside``), then those within :data:`FAR_M` (50 km) of the KG–TJ line if any
are. A single place left farther than that is ``far`` unless the row says UZB. A name that
is not found but is a compound or descriptive one is resolved to its parts
(:func:`geocode`). See ``docs/geocoding.md``.

Evidence rules. Country: a place whose ``iso3`` is known and differs is excluded; when the
only place found is in another country than the row says, the result is ``ambiguous``
("conflict: ...") so a person decides (it may be a same-named village the gazetteer lacks).
Admin: a given name that matches the place's admin1 or admin2 fits. Otherwise a place is
excluded only on a known contradiction at a known level: the given name is a region name
(:data:`geo.geonames.ADMIN1_NAMES`) and the place's admin1 is another region, or the given
name is not a region name (so taken as a district) and the place's admin2 is known and
different. GeoNames places have no admin2, so a district name never excludes them. Admin
evidence that contradicts the only place found is noted but does not block the match. A
bare admin name is tried as a district first (:func:`geo.geocode_evidence.narrow`).
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from geo.compound_names import case_variants, split_compound
from geo.gazetteer import FUZZY_MIN_LEN, SAME_SPOT_M, SOURCE_RANK, Gazetteer
from geo.geocode_evidence import REGION_PREFIX, admin_list, narrow, value
from geo.places_file import normalize_country
from geo.translit import normalize_name, simple_key

SAME_PLACE_M = SAME_SPOT_M  # candidates closer than this are one place
LONG_KEY = 10  # keys this long may differ by 2 edits in a fuzzy match, shorter ones by 1
DEFAULT_THRESHOLD = 85.0
MATCH_EXACT, MATCH_TRANSLIT, MATCH_FUZZY = "exact", "transliteration", "fuzzy"
METHOD_BY_SOURCE = {"curated": "border_gazetteer", "geonames": "gazetteer",
                    "user": "user_places", "learned": "learned"}
UNRESOLVED = "unresolved"
FAR_M = 50_000.0  # a place farther than this from the KG–TJ line is outside the border region
STATUSES: tuple[str, ...] = ("matched", "ambiguous", "not_found", "far")
MATCH_COMPOUND = "compound"
RESULT_COLUMNS: tuple[str, ...] = (
    "status", "lon", "lat", "place_id", "place_name", "method", "score", "candidates_json",
    "match", "evidence",
)


@dataclass
class GeocodeResult:
    """Outcome of geocoding one name.

    ``status`` is matched | ambiguous | not_found | far. ``place`` is the matched place (a
    candidate dict) or None. ``candidates`` lists, best first, the distinct places left
    after the evidence, the source precedence and the border-region preference
    (``name, place_id, lon, lat`` (EPSG:4326), ``iso3, admin1, admin2, community, score,
    source, source_detail`` (the citation), ``match, name_ru, name_ky, name_tg,
    border_dist_m, same_place_ids``); ``set_aside`` the other places of that name.
    ``method`` is border_gazetteer | gazetteer | user_places | learned (the matched place's
    source) or unresolved. ``score`` is 0–100. ``match`` is exact | transliteration |
    fuzzy | compound; ``evidence`` says how the row's country / admin narrowed the
    candidates, or where it contradicts the match; ``parts`` the results of a compound
    name's parts.
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
    set_aside: list[dict] = field(default_factory=list)
    parts: list[GeocodeResult] = field(default_factory=list)


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


def _candidate(gazetteer: Gazetteer, row: int, score: float, match: str) -> dict:
    place = gazetteer.places.iloc[row]
    return {
        "name": place["name"], "place_id": place["place_id"],
        "lon": float(place["lon"]), "lat": float(place["lat"]),
        "iso3": value(place["iso3"]), "admin1": value(place["admin1"]),
        "admin2": value(place["admin2"]), "score": round(score, 1),
        "source": place["source"], "match": match, "name_ru": value(place["name_ru"]),
        "name_ky": value(place["name_ky"]), "name_tg": value(place["name_tg"]),
        "source_detail": value(place["source_detail"]),
        "community": value(place["community"]),
        "border_dist_m": round(float(gazetteer.border_dist_m[row]), 1),
    }


def _group_places(gazetteer: Gazetteer, found: dict[int, tuple]) -> list[list[dict]]:
    """Cluster candidate rows into distinct places (≤ SAME_PLACE_M apart); best first."""
    places = gazetteer.places

    def rank(row: int) -> tuple:
        pop = places["population"].iat[row]
        return (-found[row][0], SOURCE_RANK[places["source"].iat[row]],
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


def _prefer(groups: list[list[dict]]) -> tuple[list[list[dict]], list[str]]:
    """Precedence, then region: keep the groups of the best source (curated, user,
    GeoNames, learned), then those within :data:`FAR_M` of the KG–TJ line if any are."""
    notes = []
    tier = [min(SOURCE_RANK[c["source"]] for c in g) for g in groups]
    best = min(tier)
    kept = [g for g, t in zip(groups, tier, strict=True) if t == best]
    if len(kept) < len(groups):
        source = next(c["source"] for c in kept[0] if SOURCE_RANK[c["source"]] == best)
        notes.append(f"{len(groups) - len(kept)} place(s) of lower-precedence sources set "
                     f"aside ({source} places come first)")
    near = [g for g in kept if min(c["border_dist_m"] for c in g) <= FAR_M]
    if near and len(near) < len(kept):
        notes.append(f"{len(kept) - len(near)} place(s) more than {FAR_M / 1000:.0f} km from "
                     "the border set aside (places in the border region come first)")
        kept = near
    return kept, notes


def _single(query: str, gazetteer: Gazetteer, iso3: object, admin: list[str],
            threshold: float) -> GeocodeResult:
    """Geocode one bare name (no compound splitting)."""
    found = _find_rows(query, gazetteer, threshold) if query else {}
    if not found:
        return GeocodeResult("not_found", None, [], UNRESOLVED, 0.0, query=query)
    groups = _group_places(gazetteer, found)
    reps = [g[0] | {"same_place_ids": [c["place_id"] for c in g[1:]]} for g in groups]
    by_id = {c["place_id"]: c for c in reps}
    narrowed, used, notes = narrow(groups, iso3, admin)
    kept_groups, pref_notes = _prefer(narrowed)
    notes += pref_notes
    kept = [by_id[g[0]["place_id"]] for g in kept_groups]
    aside = [c for c in reps if c["place_id"] not in {k["place_id"] for k in kept}]
    if len(kept) > 1:
        return GeocodeResult("ambiguous", None, kept, UNRESOLVED,
                             max(c["score"] for c in kept), query=query,
                             evidence="; ".join(used), notes=notes, set_aside=aside)
    best = kept[0]
    iso = normalize_country(iso3)
    if len(groups) == 1 and iso and best["iso3"] not in (iso, None):
        return GeocodeResult(
            "ambiguous", None, kept, UNRESOLVED, best["score"], best["match"],
            f"conflict: the row says {iso}, the only place found is in {best['iso3']}",
            query, notes, aside)
    if iso in ("KGZ", "TJK", None) and best["border_dist_m"] > FAR_M:
        return GeocodeResult(
            "far", None, kept, UNRESOLVED, best["score"], best["match"],
            f"far from the border — check: {best['name']} is "
            f"{best['border_dist_m'] / 1000:.0f} km from the KG–TJ line", query, notes, aside)
    evidence = ""
    if used:
        evidence = f"{' and '.join(used)} left 1 of {len(groups)} places"
    elif len(groups) == 1 and notes:
        evidence = "conflict: " + "; ".join(notes)
    return GeocodeResult("matched", best, [best], METHOD_BY_SOURCE[best["source"]],
                         best["score"], best["match"], evidence, query, notes, aside)


def _part(text: str, gazetteer: Gazetteer, iso3: object, admin: list[str],
          threshold: float) -> GeocodeResult:
    """One part of a compound name; a Russian case form ("Аркой") is tried in the
    nominative when the part is not found (exact or transliteration matches only)."""
    result = _single(text, gazetteer, iso3, admin, threshold)
    if result.status != "not_found":
        return result
    for guess in case_variants(text):
        found = _single(guess, gazetteer, iso3, admin, threshold=101.0)  # no fuzzy
        if found.status != "not_found":
            found.notes.append(f"'{text}' read as '{guess}' (Russian case ending)")
            return found
    return result


def _combine(query: str, compound, results: list[GeocodeResult]) -> GeocodeResult:
    """One result for a compound name from the results of its parts (see geocode)."""
    kinds = "/".join(compound.kinds)
    names = ", ".join(r.query for r in results)
    notes = [f"compound name ({kinds}): parts {names}"]
    for r in results:
        notes += [f"{r.query}: {n}" for n in r.notes]
    for status in ("ambiguous", "far"):
        bad = [r for r in results if r.status == status]
        if bad:
            cands = [c | {"part": r.query} for r in bad for c in r.candidates]
            return GeocodeResult(status, None, cands, UNRESOLVED, bad[0].score, bad[0].match,
                                 f"part '{bad[0].query}': {bad[0].evidence or status}",
                                 query, notes, parts=results)
    matched = [r for r in results if r.status == "matched"]
    if not matched:
        return GeocodeResult("not_found", None, [], UNRESOLVED, 0.0, query=query, notes=notes,
                             parts=results)
    notes += [f"part '{r.query}' not found" for r in results if r.status == "not_found"]
    places = [r.place for r in matched]
    place = dict(places[0])
    if "between" in compound.kinds and len(places) > 1:
        place.update(
            name=" – ".join(p["name"] for p in places),
            place_id="+".join(p["place_id"] for p in places),
            lon=float(np.mean([p["lon"] for p in places])),
            lat=float(np.mean([p["lat"] for p in places])))
        notes.append("point: midway between the parts")
    elif len(places) > 1:
        place.update(name=" + ".join(p["name"] for p in places),
                     place_id="+".join(p["place_id"] for p in places))
        notes.append(f"point: {places[0]['name']}, the first part named")
    return GeocodeResult("matched", place, places, matched[0].method,
                         min(r.score for r in matched), MATCH_COMPOUND,
                         "; ".join(r.evidence for r in matched if r.evidence), query, notes,
                         parts=results)


def geocode(name: str, gazetteer: Gazetteer, iso3: str | None = None,
            admin: str | Sequence[str] | None = None,
            threshold: float = DEFAULT_THRESHOLD) -> GeocodeResult:
    """Find a place by name; never guesses between distinct places.

    The first source that knows the name wins (curated, user, GeoNames, learned), places
    in the border region before places farther than :data:`FAR_M` from the KG–TJ line.
    A single place farther than that when the row says KGZ or TJK (or no country) is
    ``far`` ("far from the border — check": "Bulak-Bashy" is not the Uzbek Buloqboshi
    137 km away), not matched; a row that says UZB may match far from the line. A name
    that is not a place but a compound or descriptive one ("A / B", "near A", "с. A",
    "A (district)") is resolved to its parts (:mod:`geo.compound_names`): ``match`` is
    then ``compound`` and ``parts`` holds the result of each part.

    Parameters
    ----------
    name : the place name as written (any script, any of the spellings handled).
    iso3 : country evidence from the row (KGZ/TJK/UZB, KG/TJ/UZ or a country name).
    admin : admin-1 and/or admin-2 names from the row (a string or several).
    threshold : minimum rapidfuzz ``ratio`` (0–100) for a fuzzy match.
    """
    query = "" if value(name) is None else str(name).strip()
    given = admin_list(admin)
    result = _single(query, gazetteer, iso3, given, threshold)
    if result.status in ("matched", "far") or not query:
        return result
    compound = split_compound(query)
    if not compound.is_compound:
        return result
    whole = result
    for extra in compound.admin:  # "Vorukh (TJ)": a country; "Dostuk (Leilek)": a district
        if normalize_country(extra):
            iso3 = iso3 or normalize_country(extra)
        else:
            given = given + [extra]
    parts = [_part(p, gazetteer, iso3, given, threshold) for p in compound.parts]
    result = _combine(query, compound, parts)
    # "Dostuk (Leilek district)" is ambiguous as a whole; its bracket may resolve it
    return result if whole.status == "not_found" or result.status == "matched" else whole


def _evidence_frame(index: pd.Index, admin: pd.Series | pd.DataFrame | None) -> list[tuple]:
    if admin is None:
        return [()] * len(index)
    frame = admin.to_frame() if isinstance(admin, pd.Series) else admin
    frame = frame.reindex(index).astype(object)
    for col in frame.columns:  # a region column: its names are regions, not districts
        if str(col).startswith("admin1"):
            frame[col] = frame[col].map(lambda v: v if value(v) is None or not str(v).strip()
                                        else REGION_PREFIX + str(v).strip())
    return [tuple(admin_list(row)) for row in frame.to_numpy()]


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
    keys = [(None if value(n) is None else str(n), None if value(c) is None else str(c), a)
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
                     if len(res.candidates) > 1 or res.status in ("ambiguous", "far")
                     else None,
                     res.match, res.evidence))
    uniq = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    out = uniq.iloc[positions].set_axis(names.index)
    for col in RESULT_COLUMNS:
        out[col] = out[col].astype("float64" if col in ("lon", "lat", "score") else "string")
    return out
