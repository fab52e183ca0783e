"""Illustrative demo actions and reviews: INVENTED, beside the synthetic demo incidents.

Each action sits at a REAL gazetteer settlement (name, country, coordinates from the
gazetteer at run time; a settlement missing there is skipped, never placed); what was done,
by whom and when is invented. Every action has ``illustrative=True``, "(illustrative)" in
its title and says so in ``notes``; the canal "segment" is a straight line between two
settlements, not a surveyed canal. The communities are the illustrative demo registry's
ids (``DEMO-01`` … in :mod:`analysis.demo_registry`; a test keeps the two lists in step).
Loaded by ``python -m incidents demo`` and by the app's first start; removed with the demo.
"""
from __future__ import annotations

import pandas as pd

from geo.gazetteer import settlements
from incidents.access import Principal, Role
from incidents.action_store import ActionStore
from incidents.review_store import ReviewStore, pair_subject

#: the app itself recording the illustrative actions and reviews (their history says "demo")
DEMO = Principal("demo", Role.ADMIN)
NOTE = ("ILLUSTRATIVE DEMO ACTION: invented to show the before/after evaluation; only the "
        "settlement and its location are real (gazetteer).")
# (id, scope, community, partner, title, title_ru, category, place kind, settlements,
#  radius_m, start, end, type, partners, status, women, youth)
DEMO_ACTIONS = (
    ("DEMO-A1", "community", "DEMO-01", "", "Speed bumps and street lights at the Ak-Say "
     "road crossing (illustrative)", "Лежачие полицейские и освещение на переезде в Ак-Сае "
     "(иллюстрация)", "road_crash", "point", ("Ak-Say",), None, "2022-06-01", "2022-08-31",
     "infrastructure", "district_administration;police", "done", 4, 10),
    ("DEMO-A2", "joint", "DEMO-01", "DEMO-02", "Joint youth football tournament Ak-Say – "
     "Vorukh (illustrative)", "Совместный молодёжный турнир по футболу Ак-Сай – Ворух "
     "(иллюстрация)", "youth_clash", "settlement", ("Vorukh",), 3000.0, "2023-05-01",
     "2023-05-31", "joint_youth_women", "lcpc;mahalla_committee", "done", 12, 60),
    ("DEMO-A3", "parallel", "DEMO-05", "DEMO-06", "Water-sharing schedule for the canal "
     "between Kyzyl-Bel' and Isfara (illustrative)", "График водораспределения на канале "
     "между Кызыл-Белем и Исфарой (иллюстрация)", "water_dispute", "line",
     ("Kyzyl-Bel’", "Isfara"), None, "2023-03-01", "2023-10-31", "agreement_schedule",
     "water_users_association;district_administration", "done", 6, 0),
    ("DEMO-A4", "joint", "DEMO-03", "DEMO-04", "Joint patrols with district police and "
     "border services (illustrative)", "Совместное патрулирование с милицией и "
     "пограничниками (иллюстрация)", "youth_clash;land_pasture_dispute;infrastructure_dispute",
     "settlement", ("Ak-Tatyr",), 3000.0, "2023-01-01", "2023-06-30", "joint_patrol_police",
     "police;border_service", "done", 2, 8),
    ("DEMO-A5", "community", "DEMO-07", "", "Information meeting on border rules "
     "(illustrative)", "Информационная встреча о правилах на границе (иллюстрация)",
     "land_pasture_dispute;protest", "settlement", ("Batken",), 5000.0, "2026-03-01", "",
     "information_campaign", "district_administration;border_service", "planned", None,
     None),
)


def demo_actions(gazetteer) -> pd.DataFrame:
    """The demo actions whose settlements the gazetteer has (exact names)."""
    places = settlements(gazetteer).drop_duplicates("name").set_index("name")
    rows = []
    for (aid, scope, cid, partner, title, title_ru, cat, kind, names, radius, start, end,
         atype, partners, status, women, youth) in DEMO_ACTIONS:
        if not all(n in places.index for n in names):
            continue
        pts = places.loc[list(names)]
        row = {"action_id": aid, "scope": scope, "community_id": cid,
               "partner_community_id": partner, "title_en": title, "title_ru": title_ru,
               "category": cat, "place_kind": kind, "lon": float(pts["lon"].iloc[0]),
               "lat": float(pts["lat"].iloc[0]), "settlement": names[0],
               "place_radius_m": radius, "start_date": start, "end_date": end,
               "action_type": atype, "partners": partners, "status": status,
               "women": women, "youth": youth, "notes": NOTE, "illustrative": "true",
               "source": "illustrative demo; settlements " + ", ".join(
                   str(p) for p in pts["place_id"])}
        if kind == "line":
            row["line_wkt"] = "LINESTRING (" + ", ".join(
                f"{lo:.6f} {la:.6f}" for lo, la in zip(pts["lon"], pts["lat"], strict=True)) + ")"
            row["settlement"] = ""
        elif kind == "point":
            row["settlement"] = ""
        rows.append(row)
    return pd.DataFrame(rows)


DEMO_REVIEWS = (
    {"subject_kind": "pair", "subject_id": pair_subject("DEMO-01", "DEMO-02"),
     "hotspot_id": None, "reviewed_on": "2025-03-01", "decision": "pair_now",
     "why": "Illustrative demo review: both groups met in February and agreed to work "
            "together.", "mode_at_review": "joint", "illustrative": True},
)


def seed_demo_actions(url: str, gazetteer) -> int:
    """Add the demo actions and reviews to the store when it holds none of them yet; the
    number of actions added (0 when they were there)."""
    store = ActionStore(url)
    reviews = ReviewStore(url)
    try:
        present = store.load(include_deleted=True)
        if present["illustrative"].any():
            return 0
        frame = demo_actions(gazetteer)
        taken = set(present["action_id"].astype(str))
        frame = frame[~frame["action_id"].isin(taken)]
        ids = store.add(frame, DEMO) if len(frame) else []
        if not reviews.load()["illustrative"].astype(bool).any():
            for rec in DEMO_REVIEWS:
                reviews.add(rec, DEMO)
        return len(ids)
    finally:
        store.close()
        reviews.close()


def remove_demo_actions(url: str, principal: Principal) -> tuple[int, int]:
    """Purge the illustrative actions and reviews; ``(actions, reviews)`` removed
    (``principal`` needs the ``demo`` right: admin; each store checks it before it removes
    anything)."""
    store, reviews = ActionStore(url), ReviewStore(url)
    try:
        return store.remove_illustrative(principal), reviews.remove_illustrative(principal)
    finally:
        store.close()
        reviews.close()

