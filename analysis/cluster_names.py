"""Names of a hotspot: its incidents' own place names, per side (issue 17, part 6).

A hotspot is named by what its sources call the places (``location``: "Kök-Tash", "с.
Арка", "near Dostuk"), the most frequent name of each side's incidents first; an incident
without a name takes its ``nearest_place``, which the border engine chooses on the
incident's own side of the line (:meth:`geo.engine.BorderEngine.enrich`). So a hotspot of
Kyrgyz-side incidents is never named after a Tajik village its sources do not mention.

Each name is followed by its distance from the incidents, " ~3.4 km", where that is known
and more than :data:`SHOW_DIST_M` (the median ``nearest_place_dist_m`` of the incidents the
name stands for, when the name is the gazetteer's nearest place to them).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from geo.compound_names import split_compound
from geo.translit import normalize_name

PLACES_PER_CLUSTER = 3  # names per cluster
SHOW_DIST_M = 2000.0  # a name farther than this from its incidents shows the distance
MAX_NAME_CHARS = 60  # a longer location text is a description, not a name
DIST_RE = re.compile(r"^(?P<name>.*?) ~(?P<km>\d+(?:\.\d)?) km$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def own_name(location: object) -> str | None:
    """The place name an incident's source gives: the first part of a compound or
    descriptive name ("Ak-Sai / Kok-Tash" → "Ak-Sai", "с. Арка" → "Арка"); None when there
    is none or the text is too long to be a name."""
    if not isinstance(location, str):
        return None
    text = _CONTROL.sub(" ", location).strip()
    if not text or len(text) > MAX_NAME_CHARS:
        return None
    part = split_compound(text).parts[0].strip()
    return part if part and normalize_name(part) else None


def with_distance(name: str, dist_m: float) -> str:
    """``name`` and, beyond :data:`SHOW_DIST_M`, " ~x.x km" (one decimal)."""
    if dist_m is None or not np.isfinite(dist_m) or dist_m <= SHOW_DIST_M:
        return name
    return f"{name} ~{dist_m / 1000:.1f} km"


def split_distance(item: str) -> tuple[str, str | None]:
    """("Chorkuh", "3.4") from "Chorkuh ~3.4 km"; (item, None) without a distance."""
    m = DIST_RE.match(item)
    return (m["name"], m["km"]) if m else (item, None)


def _per_distinct(values: pd.Series, func) -> np.ndarray:
    """``func`` of each value (None for a missing one), computed once per distinct value:
    a place's name repeats across its incidents."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    done = np.array([func(u) for u in uniques] + [None], dtype=object)
    return done[codes]  # code -1 (missing) takes the trailing None


def cluster_names(labels: np.ndarray, location: pd.Series, nearest_place: pd.Series,
                  nearest_dist_m: pd.Series, side: pd.Series) -> pd.Series:
    """Per label, up to :data:`PLACES_PER_CLUSTER` names, '; '-joined, most frequent first:
    the most frequent name of each side's incidents (KG, TJ, then others) is always among
    them, then the most frequent overall (ties by name)."""
    own = _per_distinct(location, own_name)
    near = nearest_place.astype(object).where(nearest_place.notna(), None).to_numpy(object)
    dist = pd.to_numeric(nearest_dist_m, errors="coerce").to_numpy(float)
    name = np.where(pd.isna(own), near, own).astype(object)
    own_key = _per_distinct(pd.Series(own, dtype=object), lambda o: normalize_name(str(o)))
    near_key = _per_distinct(pd.Series(near, dtype=object), lambda o: normalize_name(str(o)))
    same = pd.isna(own) | (pd.notna(near) & (own_key == near_key))
    d = pd.DataFrame({"label": labels, "name": name, "side": side.to_numpy(dtype=object),
                      "dist": np.where(same, dist, np.nan)}).dropna(subset=["name"])
    if d.empty:
        return pd.Series(dtype="string")
    d["name"] = d["name"].astype(str)
    d["side_rank"] = d["side"].map({"KG": 0, "TJ": 1}).fillna(2)
    total = d.groupby(["label", "name"]).agg(n=("name", "size"), dist=("dist", "median"))
    total = total.reset_index()
    per_side = d.dropna(subset=["side"]).groupby(["label", "side_rank", "side", "name"]) \
        .size().rename("k").reset_index().sort_values(
            ["label", "side_rank", "k", "name"], ascending=[True, True, False, True])
    first = per_side.groupby(["label", "side"]).head(1)[["label", "name"]].drop_duplicates()
    total = total.merge(first.assign(first=1), how="left", on=["label", "name"]) \
        .fillna({"first": 0})
    total = total.sort_values(["label", "first", "n", "name"],
                              ascending=[True, False, False, True])
    top = total.groupby("label").head(PLACES_PER_CLUSTER)
    top = top.sort_values(["label", "n", "name"], ascending=[True, False, True])
    top["text"] = [with_distance(n, x) for n, x in zip(top["name"], top["dist"], strict=True)]
    return top.groupby("label")["text"].agg("; ".join)
