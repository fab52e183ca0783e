"""Synthetic demo incidents (deterministic): NOT real events, and every record says so.

Incidents 2019–2025 placed around real border settlements of both sides, taken from the
gazetteer (GeoNames) — only the anchors the gazetteer really has are used. Planted
patterns for the analysis to find: a cluster near Ak-Say / Vorukh / Ak-Tatyr that grows
2021–2025; water disputes in spring and summer near the Isfara-valley canals; a flare-up
at the end of April 2021 with border-guard incidents including fatalities; a few
road/land-works disputes after the March 2025 border treaty; a background of road
crashes, youth clashes, protests and restricted domestic-violence records.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo.crs import to_lonlat, to_metric
from incidents.messages import Msg
from incidents.schema import SYNTHETIC_SOURCE, conform

DEFAULT_SEED = 20250313
SOURCE_TEXT = "Synthetic demo data – not real events"
NOTE_PREFIX = "SYNTHETIC DEMO: "
JITTER_M = 1500.0

# Anchor settlements (GeoNames names) and the weight of each in the background mix.
ANCHORS: dict[str, float] = {
    "Ak-Say": 3, "Vorukh": 3, "Ak-Tatyr": 2, "Samarkandyk": 2, "Kyzyl-Bel’": 2,
    "Batken": 3, "Kulundu": 2, "Suluktu": 1, "Razzakov": 2, "Kara-Bak": 1, "Kyzyl-Jol": 1,
    "Chek": 1, "Beshkent": 1, "Isfara": 3, "Shŭrob": 2, "Kim": 1, "Neftobod": 1,
    "Konibodom": 1, "Proletar": 1, "Nov": 1, "Ghafurov": 1,
}
CLUSTER = ("Ak-Say", "Vorukh", "Ak-Tatyr")            # growing 2021–2025
CANALS = ("Isfara", "Shŭrob", "Kulundu", "Samarkandyk", "Kyzyl-Bel’")  # water, Apr–Aug
FLARE = ("Vorukh", "Ak-Say", "Kyzyl-Bel’", "Samarkandyk", "Isfara", "Ak-Tatyr")
BACKGROUND_MIX = {
    "road_crash": 0.26, "youth_clash": 0.18, "land_pasture_dispute": 0.14,
    "water_dispute": 0.06, "border_guard_incident": 0.12, "infrastructure_dispute": 0.07,
    "protest": 0.05, "domestic_violence": 0.04, "other": 0.08,
}
ACTORS = {
    "road_crash": ("Drivers", "Pedestrians"),
    "youth_clash": ("Youths ({a})", "Youths ({b})"),
    "land_pasture_dispute": ("Herders ({a})", "Residents ({b})"),
    "water_dispute": ("Farmers ({a})", "Farmers ({b})"),
    "border_guard_incident": ("Border guards ({a})", "Border guards ({b})"),
    "infrastructure_dispute": ("Residents ({a})", "Road workers ({b})"),
    "protest": ("Protesters ({a})", ""),
    "domestic_violence": ("Civilians ({a})", ""),
    "other": ("Residents ({a})", ""),
}
REGION_CENTRES = {"KGZ": "Batken", "TJK": "Isfara"}
COUNTRY_NAME = {"KGZ": "Kyrgyzstan", "TJK": "Tajikistan"}


def _anchors(places) -> pd.DataFrame:
    frame = getattr(places, "places", places)
    found = frame[frame["name"].isin(list(ANCHORS)) & frame["iso3"].isin(["KGZ", "TJK"])]
    found = found.drop_duplicates("name").set_index("name")
    if found.empty:
        raise ValueError("the gazetteer has none of the demo anchor settlements")
    return found.loc[[n for n in ANCHORS if n in found.index]]


def _dates(rng, n, start, end, months=None) -> np.ndarray:
    days = pd.date_range(start, end, freq="D")
    if months is not None:
        days = days[days.month.isin(months)]
    return rng.choice(days.to_numpy(), size=n)


def _block(rng, anchors, names, n, category, start, end, months=None, weights=None):
    names = [a for a in names if a in anchors.index]
    w = np.asarray(weights if weights is not None else [ANCHORS[a] for a in names], float)
    cat = np.asarray(category if not isinstance(category, str) else [category] * n)
    return pd.DataFrame({"anchor": rng.choice(names, size=n, p=w / w.sum()),
                         "event_date": _dates(rng, n, start, end, months), "category": cat})


def generate(places, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The synthetic demo incidents as a conformed frame (``event_id`` empty).

    Parameters
    ----------
    places
        A gazetteer (``.places``) or its places frame (name, lon, lat, iso3, place_id).
    seed
        Random seed; the same seed and places give the identical frame.
    """
    rng = np.random.default_rng(seed)
    anchors = _anchors(places)
    names = list(anchors.index)
    cats = list(BACKGROUND_MIX)
    p = np.array(list(BACKGROUND_MIX.values()))
    growth_years = np.array([2021, 2022, 2023, 2024, 2025])
    cluster = pd.concat([_block(rng, anchors, CLUSTER, int(k), rng.choice(
        ["youth_clash", "land_pasture_dispute", "infrastructure_dispute", "water_dispute"],
        size=int(k), p=[0.4, 0.3, 0.15, 0.15]), f"{y}-01-01", f"{y}-12-31")
        for y, k in zip(growth_years, [8, 14, 22, 32, 44], strict=True)]).assign(
        context="planted cluster growing 2021-2025")
    blocks = [
        _block(rng, anchors, names, 300, rng.choice(cats, size=300, p=p),
               "2019-01-01", "2025-10-31").assign(context="background"),
        cluster,
        pd.concat([_block(rng, anchors, CANALS, 9, "water_dispute", f"{y}-04-01",
                          f"{y}-08-31", months=[4, 5, 6, 7, 8]) for y in range(2019, 2026)]
                  ).assign(context="irrigation season near canals"),
        _block(rng, anchors, FLARE, 24, "border_guard_incident", "2021-04-28",
               "2021-05-01").assign(flare=True, context="flare-up April 2021"),
        _block(rng, anchors, ("Ak-Say", "Vorukh", "Kulundu", "Kyzyl-Bel’"), 12,
               "infrastructure_dispute", "2025-03-20", "2025-10-31").assign(
            context="road/land works after the March 2025 treaty"),
    ]
    df = pd.concat(blocks, ignore_index=True)
    df["flare"] = df["flare"].fillna(False).astype(bool)
    return _finish(rng, anchors, df)


def _finish(rng, anchors: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    n = len(df)
    a = anchors.loc[df["anchor"]]
    iso3 = a["iso3"].to_numpy()
    other = np.where(iso3 == "KGZ", "TJK", "KGZ")
    precision = rng.choice([1, 2, 3], size=n, p=[0.6, 0.3, 0.1])
    x, y = to_metric(a["lon"].to_numpy(), a["lat"].to_numpy())
    r = JITTER_M * np.sqrt(rng.uniform(0, 1, n))
    theta = rng.uniform(0, 2 * np.pi, n)
    lon, lat = to_lonlat(x + r * np.cos(theta), y + r * np.sin(theta))
    exact = precision == 1
    lon = np.where(exact, lon, a["lon"].to_numpy())
    lat = np.where(exact, lat, a["lat"].to_numpy())
    for iso, centre in REGION_CENTRES.items():  # precision 3: the district centre
        if centre in anchors.index:
            sel = (precision == 3) & (iso3 == iso)
            lon[sel], lat[sel] = anchors.at[centre, "lon"], anchors.at[centre, "lat"]
    cat = df["category"].to_numpy()
    flare = df["flare"].to_numpy()
    fatal = rng.choice([0, 0, 0, 1, 2], size=n).astype(float)
    fatal[~np.isin(cat, ["border_guard_incident", "road_crash"])] = 0
    fatal[flare] = rng.integers(1, 5, size=int(flare.sum()))
    unknown = rng.uniform(size=n) < 0.2
    fatal[unknown & ~flare] = np.nan
    injured = rng.poisson(1.2, size=n).astype(float)
    injured[rng.uniform(size=n) < 0.25] = np.nan
    a1 = [ACTORS[c][0].format(a=COUNTRY_NAME[i], b=COUNTRY_NAME[o])
          for c, i, o in zip(cat, iso3, other, strict=True)]
    a2 = [ACTORS[c][1].format(a=COUNTRY_NAME[i], b=COUNTRY_NAME[o]) or None
          for c, i, o in zip(cat, iso3, other, strict=True)]
    sensitivity = np.where(cat == "domestic_violence", "restricted",
                           rng.choice(["public", "internal"], size=n, p=[0.7, 0.3]))
    order = np.lexsort((df["anchor"].to_numpy(), df["event_date"].to_numpy()))
    notes = [f"{NOTE_PREFIX}generated {c.replace('_', ' ')} near {an} "
             f"({ctx})." for c, an, ctx in zip(cat, df["anchor"], df["context"], strict=True)]
    out = pd.DataFrame({
        "source_dataset": SYNTHETIC_SOURCE,
        "event_date": pd.to_datetime(df["event_date"]).dt.normalize(),
        "time_precision": rng.choice([1, 2, 3], size=n, p=[0.85, 0.1, 0.05]),
        "category": cat, "actor1": a1, "actor2": a2,
        "fatalities": pd.array(fatal, dtype="Float64").astype("Int64"),
        "injuries": pd.array(injured, dtype="Float64").astype("Int64"),
        "lon": np.round(lon, 6), "lat": np.round(lat, 6), "geo_precision": precision,
        "location": df["anchor"].to_numpy(),
        "admin1_given": a["admin1"].to_numpy(),
        "geocode_method": np.where(exact, "coordinates", "gazetteer"),
        "geocode_match": np.where(exact, None, [f"{an} ({pid})" for an, pid in zip(
            df["anchor"], a["place_id"], strict=True)]),
        "verification_status": rng.choice(
            ["unverified", "under_review", "verified", "unverifiable"], size=n,
            p=[0.4, 0.15, 0.35, 0.1]),
        "sensitivity": sensitivity, "notes": notes, "notes_shareable": False,
        "source": SOURCE_TEXT,
    }).iloc[order].reset_index(drop=True)
    out["source_event_id"] = [f"DEMO-{i:04d}" for i in range(1, len(out) + 1)]
    return conform(out)


def demo_parsed(places, seed: int = DEFAULT_SEED):
    """The demo as an :class:`incidents.importers.result.ParsedImport` for the store."""
    from incidents.importers.result import ParsedImport

    frame = generate(places, seed)
    return ParsedImport(format="synthetic demo", frame=frame,
                        row_numbers=pd.Series(np.arange(1, len(frame) + 1), index=frame.index),
                        rejected=[], rows_read=len(frame), mapping={},
                        warnings=[Msg("warn.demo")])
