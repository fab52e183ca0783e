"""Category assignment: free-text categories from tables, and ACLED types refined by actors.

Tables (English or Russian). A cell is matched, after lower-casing and ``ё``→``е``, against
the vocabulary names themselves (``road_crash``, "road crash") and the synonym table
:data:`CATEGORY_STEMS` (keyword stems: shelling, armed clash, exchange of fire,
stone-throwing, обстрел, перестрелка, стрельба, драка, потасовка, ДТП, авария, вода, арык,
пастбище...; documented in docs/import-formats.md). When the stems of exactly one category
match (after :data:`PRECEDENCE`), that category is used. A value matching no category, or
stems of two ("драка из-за воды": youth_clash and water_dispute), becomes ``other`` with the
review flag ``category_unmapped`` and a warning naming the value; the import report (and
the app, before writing) shows each distinct value with the category it got.
An empty cell (or a file with no category column) gives ``other`` with the review flag
``category_missing``.

ACLED. ``schema.ACLED_SUB_EVENT_TO_CATEGORY`` (then ``ACLED_EVENT_TO_CATEGORY``) gives the
base category; then these refinements by actor types (inter1/inter2 as text), which say more
about everyday border tension than ACLED's political-violence types:

A side is "state forces" when its actor type (inter1/inter2) is State forces or
External/Other forces, or — for files without interaction codes — when its actor name says
military, armed forces, border guards/service, police or security service
(:data:`STATE_NAMES`, English and Russian).

1. Fighting (Battles, armed clash, shelling, air/drone strike, grenade, explosive) with state
   forces on either side → ``border_guard_incident`` (rule ``fighting_state_forces``): at
   this border these are exchanges of fire between the states' military and border
   services, never youth clashes.
2. Battles (Armed clash, Government regains territory) whose actor types are known and show
   no state forces on either side → ``youth_clash`` (``battle_communal_actors``: e.g.
   Identity militia vs Identity militia). Without actor types and without a state-force
   name, a Battle keeps its base category ``border_guard_incident``.
3. Violence against civilians (Attack, Abduction/forced disappearance) by state forces →
   ``border_guard_incident`` (``violence_against_civilians_by_state_forces``); the row keeps
   ``event_type`` "Violence against civilians" and its ``sub_event_type``, so such rows
   stay findable as violence against civilians (filter or export by ``event_type``; see
   docs/import-formats.md). Abduction by anyone else → ``other``.
4. Protests and Riots (and rule 2's communal clashes) whose notes name water (water,
   irrigation, canal, вода, арык...) → ``water_dispute``, or land/pasture (pasture, grazing,
   land, пастбищ, земл...) → ``land_pasture_dispute``; when notes name both, the base stays.
An unknown ACLED type → ``other`` with review flag ``category_unmapped``. The import report
counts the rows of each rule (``category_rules``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from incidents.messages import Msg
from incidents.schema import (
    ACLED_EVENT_TO_CATEGORY,
    ACLED_SUB_EVENT_TO_CATEGORY,
    CATEGORIES,
)

# keyword stems per category (English and Russian); matched as substrings of the lower-cased
# cell. Ordered lists only for readability; the "exactly one category" rule decides.
CATEGORY_STEMS: dict[str, tuple[str, ...]] = {
    "road_crash": ("road crash", "road accident", "traffic", "car crash", "collision", "дтп",
                   "авари", "транспортн", "наезд", "столкновение авто"),
    "border_guard_incident": ("border guard", "border incident", "border shooting",
                              "shooting at the border", "checkpoint", "погранич", "пограничн",
                              "погранзастав", "кпп", "перестрел", "shelling", "armed clash",
                              "exchange of fire", "gunfire", "shooting", "military",
                              "обстрел", "стрельб", "вооруженн", "военн", "battle"),
    "youth_clash": ("youth", "fight", "brawl", "stone-throwing", "stone throwing",
                    "stones", "mass clash", "молодеж", "драк", "потасовк", "камн",
                    "забрасыв"),
    "water_dispute": ("water", "irrigation", "canal", "вода", "водн", "воды", "ирригац",
                      "арык", "канал"),
    "land_pasture_dispute": ("land", "pasture", "grazing", "пастбищ", "земл", "выпас"),
    "infrastructure_dispute": ("infrastructure", "construction", "fence", "road building",
                               "road construction", "инфраструктур", "строительств",
                               "стройк", "забор", "ограждени", "строительство дорог"),
    "protest": ("protest", "demonstration", "rally", "протест", "митинг", "демонстрац",
                "акция протеста"),
    "domestic_violence": ("domestic violence", "family violence", "бытов", "домашн",
                          "семейн"),
    "other": ("other", "misc", "друго", "прочее", "иное"),
}
# When both match, the first wins ("armed clash over water": the armed clash decides;
# "дорожно-транспортное": a crash, not road building).
PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("border_guard_incident", "youth_clash"), ("road_crash", "infrastructure_dispute"),
    ("border_guard_incident", "water_dispute"), ("border_guard_incident",
                                                 "land_pasture_dispute"),
)
WATER_NOTES = r"water|irrigat|canal|вод[аыу]|водн|арык|ирригац|канал"
LAND_NOTES = r"pasture|grazing|\bland\b|пастбищ|выпас|земл"
_STATE = {"State forces", "External/Other forces"}
# Actor names that say state forces (ACLED names them e.g. "Military Forces of Tajikistan
# (1994-)", "Police Forces of Kyrgyzstan (2020-)", "Border Service of ..."): files without
# inter1/inter2 are classified by them.
STATE_NAMES = (r"military|armed forces|army|border (?:guard|service|troop|force)|frontier|"
               r"police|national guard|security (?:service|forces)|"
               r"state committee for national security|gknb|gkns|"
               r"погранич|погранслужб|военн|армия|вооруженн|милици|полици|гкнб|силовик")
# ACLED sub-event types that are fighting: with state forces on either side they are border
# guard incidents, never youth clashes.
FIGHTING_SUB_EVENTS = ("Armed clash", "Government regains territory",
                       "Shelling/artillery/missile attack", "Air/drone strike",
                       "Grenade", "Remote explosive/landmine/IED")


# Python's whitespace (str.isspace) spelled out: pandas runs a pattern with \s through
# Python's re cell by cell, this class through pyarrow (RE2) at once
WHITESPACE_RUN = ("[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f"
                  "\u205f\u3000]+")


def _norm(text: pd.Series) -> pd.Series:
    t = text.fillna("").astype(str).str.lower().str.replace("ё", "е", regex=False)
    return t.str.replace(WHITESPACE_RUN, " ", regex=True).str.strip(" ")


def map_table_categories(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series,
                                                   dict[str, int], list[str]]:
    """Map free-text categories through :data:`CATEGORY_STEMS`.

    Returns (category, unused reasons (all <NA>: nothing is rejected), missing mask,
    "'value' → category": rows, warnings). A value matching no category, or several, becomes
    ``other`` with a warning naming it.
    """
    t = _norm(text)
    missing = t == ""
    out = pd.Series(pd.NA, index=t.index, dtype=object)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    rules: dict[str, int] = {}
    unknown: list[str] = []
    several: list[str] = []
    for value in t[~missing].unique():  # few distinct values: per-value Python is cheap
        key = value.replace("-", "_").replace(" ", "_")
        if key in CATEGORIES:
            hits = [key]
        else:
            hits = [cat for cat, stems in CATEGORY_STEMS.items()
                    if any(stem in value for stem in stems)]
            for strong, weak in PRECEDENCE:
                if strong in hits and weak in hits:
                    hits.remove(weak)
        mask = t == value
        shown = str(text[mask].iloc[0]).strip()[:60]
        if len(hits) == 1:
            out[mask] = hits[0]
        else:
            out[mask] = "other"
            (several if hits else unknown).append(
                f"'{shown}'" + (f" ({' / '.join(hits)})" if hits else ""))
        rules[f"'{shown}' → {out[mask].iloc[0]}"] = int(mask.sum())
    out[missing] = "other"
    warnings = []
    if unknown:
        warnings.append(Msg("warn.categories_unknown", values=", ".join(unknown[:10])))
    if several:
        warnings.append(Msg("warn.categories_several", values=", ".join(several[:10])))
    return out, reason, missing, rules, warnings


def _per_distinct(text: pd.Series, test) -> pd.Series:
    """``test(_norm(values))`` (a boolean Series) for the distinct values of ``text`` only,
    spread back to every row: a file repeats its few actor names on many rows."""
    codes, uniques = pd.factorize(text.fillna("").astype(str))
    answer = test(_norm(pd.Series(uniques, dtype=str))).to_numpy(dtype=bool)
    return pd.Series(answer[codes] if len(codes) else np.zeros(0, dtype=bool),
                     index=text.index)


def state_actor_names(names: pd.Series) -> pd.Series:
    """True where an actor's name says military, border guards, police or security forces."""
    return _per_distinct(names, lambda t: t.str.contains(STATE_NAMES, regex=True))


def acled_categories(event_type: pd.Series, sub_event_type: pd.Series, actor1_type: pd.Series,
                     actor2_type: pd.Series, notes: pd.Series,
                     actor1: pd.Series | None = None, actor2: pd.Series | None = None
                     ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """ACLED types + actor types (text) + actor names + notes → (category, unmapped mask,
    rule per row); rules in the module docstring, rule names in :data:`ACLED_RULES`."""
    sub = sub_event_type.fillna("").astype(str).str.strip()
    ev = event_type.fillna("").astype(str).str.strip()
    by_sub = sub.map(ACLED_SUB_EVENT_TO_CATEGORY)
    cat = by_sub.fillna(ev.map(ACLED_EVENT_TO_CATEGORY))
    rule = pd.Series(np.where(by_sub.notna(), "sub_event_type", "event_type"),
                     index=cat.index, dtype=object)
    unmapped = cat.isna()
    rule[unmapped] = "unmapped"
    cat = cat.fillna("other").astype(object)

    a1 = actor1_type.fillna("").astype(str)
    a2 = actor2_type.fillna("").astype(str)
    empty = pd.Series("", index=cat.index)
    named1 = state_actor_names(actor1 if actor1 is not None else empty)
    named2 = state_actor_names(actor2 if actor2 is not None else empty)
    state1 = a1.isin(_STATE) | named1
    state2 = a2.isin(_STATE) | named2
    typed = (a1.str.strip() != "") | (a2.str.strip() != "")
    fighting = ev.eq("Battles") | sub.isin(FIGHTING_SUB_EVENTS)
    armed = fighting & (state1 | state2)
    cat[armed] = "border_guard_incident"
    rule[armed] = "fighting_state_forces"
    battle = ev.eq("Battles") & sub.isin(["Armed clash", "Government regains territory"])
    communal = battle & typed & ~state1 & ~state2
    cat[communal] = "youth_clash"
    rule[communal] = "battle_communal_actors"
    vac = ev.eq("Violence against civilians")
    by_state = vac & sub.isin(["Attack", "Abduction/forced disappearance"]) & state1
    cat[by_state] = "border_guard_incident"
    rule[by_state] = "violence_against_civilians_by_state_forces"
    abduct = vac & sub.eq("Abduction/forced disappearance") & ~state1
    cat[abduct] = "other"
    rule[abduct] = "abduction_other"

    refinable = ev.isin(["Protests", "Riots"]) | communal
    text = _norm(notes[refinable])
    water = text.str.contains(WATER_NOTES, regex=True).reindex(cat.index, fill_value=False)
    land = text.str.contains(LAND_NOTES, regex=True).reindex(cat.index, fill_value=False)
    cat[refinable & water & ~land] = "water_dispute"
    rule[refinable & water & ~land] = "notes_water"
    cat[refinable & land & ~water] = "land_pasture_dispute"
    rule[refinable & land & ~water] = "notes_land"
    return cat, unmapped, rule


GOVERNMENT_NAMES = r"\bgovernment of\b|правительств"  # UCDP names a state "Government of X"


def ucdp_categories(type_of_violence: pd.Series, side_a: pd.Series
                    ) -> tuple[pd.Series, pd.Series]:
    """UCDP ``type_of_violence`` (1 state-based, 2 non-state, 3 one-sided) + ``side_a``
    (the perpetrator of one-sided violence) → (category, rule per row).

    Types map by ``schema.UCDP_TYPE_TO_CATEGORY`` (rule ``type_of_violence``); one-sided
    violence whose ``side_a`` is a government or a state force (``Government of
    Tajikistan``, :data:`STATE_NAMES`) → ``border_guard_incident``, as ACLED's violence
    against civilians by state forces (rule ``one_sided_violence_by_government``; the row
    keeps ``event_type`` "Violence against civilians"); by anyone else it stays ``other``
    (``one_sided_violence_other``)."""
    from incidents.schema import UCDP_TYPE_TO_CATEGORY
    cat = type_of_violence.map(UCDP_TYPE_TO_CATEGORY).fillna("other").astype(object)
    rule = pd.Series("type_of_violence", index=cat.index, dtype=object)
    one_sided = type_of_violence.eq(3).fillna(False).astype(bool)
    names = side_a.fillna("").astype(str)
    state = _norm(names).str.contains(GOVERNMENT_NAMES, regex=True) | state_actor_names(names)
    by_state = one_sided & state
    cat[by_state] = "border_guard_incident"
    rule[by_state] = "one_sided_violence_by_government"
    rule[one_sided & ~state] = "one_sided_violence_other"
    return cat, rule


def rule_counts(rule: pd.Series, category: pd.Series) -> dict[str, int]:
    """"rule → category": row count, for the import report."""
    return {f"{r} → {c}": int(n) for (r, c), n in
            pd.DataFrame({"r": rule, "c": category}).value_counts().sort_index().items()}
