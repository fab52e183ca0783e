"""Illustrative demo registry: invented mechanisms placed at REAL gazetteer settlements.

Only the settlement (name, country, coordinates) is real, taken from the gazetteer at run time
(GeoNames via :mod:`geo.gazetteer`); the mechanism, its members and its priorities are
invented for the demo. Every entry has ``illustrative=True``, "(illustrative)" in its name
("(иллюстративно)" in its Russian name, which keeps the settlement in Latin when the gazetteer
has no Russian name for it) and says so in ``notes``. A settlement missing from the
gazetteer is skipped, never placed.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.registry import conform_registry
from geo.gazetteer import settlements

# (settlement name in the gazetteer, iso3, mech_type, status, women, youth, authorities,
#  invented priorities, cross-border contact)
DEMO_ENTRIES: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("Ak-Say", "KGZ", "cswg", "active", "yes", "yes", "yes",
     "youth_clash;road_crash;water_dispute", "occasional"),
    ("Vorukh", "TJK", "cswg", "active", "yes", "yes", "no",
     "youth_clash;water_dispute", "occasional"),
    ("Ak-Tatyr", "KGZ", "lcpc", "active", "no", "yes", "yes",
     "road_crash;infrastructure_dispute", "none"),
    ("Shŭrob", "TJK", "jamoat_group", "planned", "yes", "no", "yes",
     "road_crash;land_pasture_dispute", "none"),
    ("Kyzyl-Bel’", "KGZ", "village_committee", "active", "yes", "no", "no",
     "water_dispute;land_pasture_dispute", "unknown"),
    ("Isfara", "TJK", "mahalla_committee", "active", "yes", "yes", "yes",
     "water_dispute;youth_clash", "regular"),
    ("Batken", "KGZ", "lcpc", "suspended", "no", "no", "yes",
     "border_guard_incident;protest", "suspended"),
    ("Kulundu", "KGZ", "cswg", "planned", "yes", "yes", "unknown",
     "land_pasture_dispute;road_crash", "none"),
)
DEMO_NOTE = ("ILLUSTRATIVE DEMO ENTRY: the mechanism, its composition and priorities are "
             "invented; only the settlement and its location are real (gazetteer).")
# the entries' source, "illustrative demo; settlement <place_id> (<gazetteer source>)"
DEMO_SOURCE = re.compile(r"^illustrative demo; settlement (?P<id>\S+) \((?P<src>[^)]*)\)$")
_TYPE_LABEL = {"cswg": "CSWG", "lcpc": "LCPC", "mahalla_committee": "Mahalla committee",
               "jamoat_group": "Jamoat group", "village_committee": "Village committee"}
_TYPE_LABEL_RU = {"cswg": "CSWG", "lcpc": "LCPC", "mahalla_committee": "Комитет махалли",
                  "jamoat_group": "Группа джамоата", "village_committee": "Сельский комитет"}


def _ru(place) -> str | None:
    """The settlement's Russian name in the gazetteer (None when it has none)."""
    ru = place.get("name_ru")
    return ru if isinstance(ru, str) and ru.strip() else None


def demo_registry(gazetteer) -> pd.DataFrame:
    """Demo registry rows (``illustrative=True``) for the entries of :data:`DEMO_ENTRIES`
    whose settlement is in ``gazetteer`` (a :class:`geo.gazetteer.Gazetteer` or its
    ``places`` frame). Matching is by exact name and iso3."""
    places = settlements(gazetteer)  # never a name learned from incident rows
    rows = []
    for i, (name, iso3, mech, status, women, youth, auth, prios, contact) in enumerate(
            DEMO_ENTRIES, start=1):
        hit = places[(places["name"] == name) & (places["iso3"] == iso3)]
        if hit.empty:
            continue
        place = hit.iloc[0]
        rows.append({
            "community_id": f"DEMO-{i:02d}",
            "name_en": f"{_TYPE_LABEL[mech]} {name} (illustrative)",
            "name_ru": f"{_TYPE_LABEL_RU[mech]} {_ru(place) or name} (иллюстративно)",
            "name_local": pd.NA,
            "iso3": iso3, "lon": float(place["lon"]), "lat": float(place["lat"]),
            "mech_type": mech, "status": status, "women": women, "youth": youth,
            "authorities": auth, "priorities": prios, "cross_border_contact": contact,
            "illustrative": True,
            "source": f"illustrative demo; settlement {place['place_id']} "
                      f"({place.get('source', 'gazetteer')})",
            "notes": DEMO_NOTE,
        })
    return conform_registry(pd.DataFrame(rows))


def seed_demo_registry(url: str, gazetteer) -> int:
    """Put the demo entries into the store's registry when it is empty: part of a first
    start with the synthetic demo, so that the store is not written again when the first
    hotspots are computed. Returns the number of rows added (0 when there were rows)."""
    from analysis.registry import RegistryStore

    store = RegistryStore(url)
    try:
        if not store.load().empty:
            return 0
        demo = demo_registry(gazetteer)
        from incidents.access import SYSTEM  # the app's first start (or the CLI's demo)
        return len(store.add(demo, SYSTEM)) if len(demo) else 0
    finally:
        store.engine.dispose()


def remove_demo_data(store, principal) -> tuple[int, int]:
    """Remove the synthetic demo incidents of ``store`` and the illustrative registry
    entries, actions and reviews beside them (``principal`` needs the ``demo`` right:
    admin); ``(incidents removed, registry entries removed)``. The store is then empty but
    not new, so no first start loads the demo again."""
    from analysis.registry import RegistryStore
    from incidents.demo_actions import remove_demo_actions
    n = store.remove_demo(principal)  # checks the right before anything is removed
    remove_demo_actions(store.url, principal)
    return n, RegistryStore(store.url).remove_illustrative(principal)


def load_demo_start(store, engine, gazetteer) -> bool:
    """First start: the synthetic demo into the empty incident ``store``
    (``IncidentStore.ensure_demo``) and its illustrative registry (:func:`seed_demo_registry`);
    False, and nothing written, when the store already holds incidents."""
    if store.ensure_demo(engine=engine, gazetteer=gazetteer) is None:
        return False
    seed_demo_registry(store.url, gazetteer)
    from incidents.demo_actions import seed_demo_actions
    seed_demo_actions(store.url, gazetteer)
    return True
