"""The row's evidence (country, region, district) that narrows a name's candidate places.

Used by :mod:`geo.geocode`; see its docstring for the rules. Admin evidence from a row's
admin-1 column is passed as ``"region:<name>"`` (:data:`REGION_PREFIX`), so that "Batken"
the region is not taken for Batken the district; a bare name is tried as a district first.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from geo.geonames import ADMIN1_NAMES
from geo.places_file import normalize_country
from geo.translit import normalize_admin

_ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {en: (en, ru) for en, ru in ADMIN1_NAMES.values()}
# Admin evidence from a row's admin-1 column is passed as "region:<name>" (geocode_many).
REGION_PREFIX = "region:"
_REGION_WORDS = frozenset({"oblast", "region", "province", "viloyat", "viloyati", "область",
                           "обл", "облусу", "вилоят", "вилояти"})


def value(v: object) -> object:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, (np.integer, np.floating)):
        return v.item()
    return v


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


def _says_region(text: str) -> bool:
    """True for evidence marked as admin-1 or naming a region ("Batken oblast")."""
    words = set(text.casefold().replace(".", " ").split())
    return text.startswith(REGION_PREFIX) or bool(words & _REGION_WORDS)


def narrow(groups: list[list[dict]], iso3: object, admin: Sequence[str]) -> tuple:
    """Apply the row's evidence; returns (groups left, evidence used, notes).

    A bare admin name is tried as a district first; when that leaves a later name of the
    row matching none of the places ("Batken", "Leilek": region, then district), every
    bare name is read at its own level instead."""
    first = _narrow(groups, iso3, admin, district_first=True)
    if len(admin) > 1 and any("matches none" in n for n in first[2]):
        plain = _narrow(groups, iso3, admin, district_first=False)
        if sum("matches none" in n for n in plain[2]) < sum("matches none" in n
                                                            for n in first[2]):
            return plain
    return first


def _narrow(groups: list[list[dict]], iso3: object, admin: Sequence[str],
            district_first: bool) -> tuple:
    notes: list[str] = []
    used: list[str] = []
    iso = normalize_country(iso3)
    if value(iso3) is not None and iso is None:
        notes.append(f"country '{iso3}' not recognised; ignored")
    if iso:
        kept = [g for g in groups if any(c["iso3"] in (iso, None) for c in g)]
        if kept and len(kept) < len(groups):
            used.append(f"country {iso}")
            groups = kept
        elif not kept:
            notes.append(f"country {iso} matches none of the {len(groups)} places")
    given = [(a, normalize_admin(a.removeprefix(REGION_PREFIX))) for a in admin if a]
    for text, key in given:
        # a bare name is tried as a district first: "Batken" is a district and a region,
        # and both Kek-Tash (Batken district) and Kök-Tash (Leilek district) are in Batken
        # region; "Batken oblast" or a row's admin-1 column is a region
        district = [] if _says_region(text) or not district_first else [
            g for g in groups if any(c["admin2"] and _admin_match(key, [c["admin2"]])
                                     for c in g)]
        text = text.removeprefix(REGION_PREFIX)
        if district and len(district) < len(groups):
            used.append(f"district '{text}'")
            groups = district
            continue
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


def admin_list(admin: object) -> list[str]:
    if admin is None:
        return []
    if isinstance(admin, str):
        return [admin.strip()] if admin.strip() else []
    return [str(a).strip() for a in admin if value(a) is not None and str(a).strip()]


