"""Category assignment: free-text categories from tables, and ACLED types refined by actors.

Tables (English or Russian). A cell is matched, after lower-casing and ``ё``→``е``, against
the vocabulary names themselves (``road_crash``, "road crash") and the keyword stems below.
When the stems of exactly one category match, that category is used. A value matching no
category, or stems of two categories ("драка из-за воды": youth_clash and water_dispute), is
REJECTED with the allowed values listed: nothing is silently re-labelled as ``other``.
An empty cell (or a file with no category column) gives ``other`` with the review flag
``category_missing``.

ACLED. ``schema.ACLED_SUB_EVENT_TO_CATEGORY`` (then ``ACLED_EVENT_TO_CATEGORY``) gives the
base category; then these refinements by actor types (inter1/inter2 as text), which say more
about everyday border tension than ACLED's political-violence types:

1. Battles (Armed clash, Government regains territory) with no state or external forces on
   either side → ``youth_clash`` (an inter-communal clash, e.g. Identity militia vs Identity
   militia); with state/external forces on both sides it stays ``border_guard_incident``.
2. Violence against civilians (Attack, Abduction/forced disappearance) by State forces or
   External/Other forces (another state's guards) → ``border_guard_incident``; Abduction by
   anyone else → ``other``.
3. Protests and Riots (and rule 1's communal clashes) whose notes name water (water,
   irrigation, canal, вода, арык...) → ``water_dispute``, or land/pasture (pasture, grazing,
   land, пастбищ, земл...) → ``land_pasture_dispute``; when notes name both, the base stays.
An unknown ACLED type → ``other`` with review flag ``category_unmapped``.
"""
from __future__ import annotations

import pandas as pd

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
                              "погранзастав", "кпп", "перестрел"),
    "youth_clash": ("youth", "fight", "brawl", "молодеж", "драк", "потасовк"),
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
WATER_NOTES = r"water|irrigat|canal|вод[аыу]|водн|арык|ирригац|канал"
LAND_NOTES = r"pasture|grazing|\bland\b|пастбищ|выпас|земл"
_STATE = {"State forces", "External/Other forces"}


def _norm(text: pd.Series) -> pd.Series:
    t = text.fillna("").astype(str).str.lower().str.replace("ё", "е", regex=False)
    return t.str.replace(r"\s+", " ", regex=True).str.strip()


def map_table_categories(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Map free-text categories. Returns (category or <NA>, reason for rejected, missing mask)."""
    t = _norm(text)
    missing = t == ""
    out = pd.Series(pd.NA, index=t.index, dtype=object)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    allowed = ", ".join(CATEGORIES)
    for value in t[~missing].unique():  # few distinct values: per-value Python is cheap
        key = value.replace("-", "_").replace(" ", "_")
        if key in CATEGORIES:
            hits = [key]
        else:
            hits = [cat for cat, stems in CATEGORY_STEMS.items()
                    if any(stem in value for stem in stems)]
            if "road_crash" in hits and "infrastructure_dispute" in hits:
                hits.remove("infrastructure_dispute")  # "дорожно-транспортное": a crash
        mask = t == value
        if len(hits) == 1:
            out[mask] = hits[0]
        elif not hits:
            reason[mask] = (f"category '{text[mask].iloc[0]}' is not in the vocabulary; use "
                            f"one of: {allowed} (or a Russian/English synonym)")
        else:
            reason[mask] = (f"category '{text[mask].iloc[0]}' matches several categories "
                            f"({', '.join(hits)}); write one of: {allowed}")
    out[missing] = "other"
    return out, reason, missing


def acled_categories(event_type: pd.Series, sub_event_type: pd.Series, actor1_type: pd.Series,
                     actor2_type: pd.Series, notes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ACLED types + actor types (text) + notes → (category, unmapped mask); rules above."""
    sub = sub_event_type.fillna("").astype(str).str.strip()
    ev = event_type.fillna("").astype(str).str.strip()
    cat = sub.map(ACLED_SUB_EVENT_TO_CATEGORY)
    cat = cat.fillna(ev.map(ACLED_EVENT_TO_CATEGORY))
    unmapped = cat.isna()
    cat = cat.fillna("other").astype(object)

    a1 = actor1_type.fillna("").astype(str)
    a2 = actor2_type.fillna("").astype(str)
    state1, state2 = a1.isin(_STATE), a2.isin(_STATE)
    battle = ev.eq("Battles") & sub.isin(["Armed clash", "Government regains territory"])
    communal = battle & ~state1 & ~state2
    cat[communal] = "youth_clash"
    vac = ev.eq("Violence against civilians")
    cat[vac & sub.isin(["Attack", "Abduction/forced disappearance"]) & state1] = \
        "border_guard_incident"
    cat[vac & sub.eq("Abduction/forced disappearance") & ~state1] = "other"

    refinable = ev.isin(["Protests", "Riots"]) | communal
    text = _norm(notes[refinable])
    water = text.str.contains(WATER_NOTES, regex=True).reindex(cat.index, fill_value=False)
    land = text.str.contains(LAND_NOTES, regex=True).reindex(cat.index, fill_value=False)
    cat[refinable & water & ~land] = "water_dispute"
    cat[refinable & land & ~water] = "land_pasture_dispute"
    return cat, unmapped

