"""Which side: three answers per incident, one resolved, all kept (issue 16).

At the Kyrgyz–Tajik border "on whose side did it happen?" is the dispute itself, so no single
answer is taken as the truth. Per incident:

- ``side_reported``: what the source says (ACLED/UCDP ``country``, a country column of a
  table, the reporter's side in a form), read by :func:`reported_sides`; <NA> when it says
  nothing.
- ``side_settlement``: the administering country of the settlement the row names (the
  gazetteer's ``iso3`` of that place: curated border settlements, the user's places files,
  GeoNames — never a name learned from incident rows, whose country came from the line), or,
  for a point whose name is unknown, of the curated/user settlement the point lies in (the
  nearest within :data:`ATTRIBUTION_RADIUS_M`, when no settlement of another country is that
  close). A name shared by places of two countries near the point gives no answer.
- ``side_line``: the reference line's answer (``side_line_ref`` names the line, see
  :mod:`geo.reference_line`), filled by :class:`geo.engine.BorderEngine`.
- ``side_reviewed``: set by a reviewer, with ``side_review_reason`` (to the history).

The resolved ``side`` takes the first answer in :data:`PRECEDENCE` — reviewer > settlement
named by the source > reported country > line — and ``side_basis`` says which one.
``side_contested`` is true when any two answers disagree (KG, TJ and UZ compared; a line's
``outside`` — water, another country — disagrees with nothing) or when the point lies in the
official-claims overlap or a source-disagreement zone (``side_contested_zone`` keeps the
zone ids). A reviewer's decision resolves the side but never clears ``side_contested``: the
sources still disagree, and the maps say so.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("reviewer", "side_reviewed"), ("settlement", "side_settlement"),
    ("reported", "side_reported"), ("line", "side_line"),
)
COMPARED = ("KG", "TJ", "UZ")
ISO3_TO_SIDE = {"KGZ": "KG", "TJK": "TJ", "UZB": "UZ"}
SIDE_TO_ISO3 = {v: k for k, v in ISO3_TO_SIDE.items()}
#: A named place counts as "the settlement the row names" within this distance of the row's
#: point (metres, geo.crs.METRIC_CRS): farther, the name is a namesake, not that place.
NAMED_MATCH_M = 5000.0
#: A point with no usable name is attributed to a curated/user settlement this close (metres).
ATTRIBUTION_RADIUS_M = 1500.0
#: Gazetteer sources trusted for a point's attribution by distance alone.
ATTRIBUTION_SOURCES = ("curated", "user")

# Country words as sources write them (English, Russian, Kyrgyz, Tajik, ISO codes, ACLED's
# numeric iso). Matched on the whole lower-cased cell.
_COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "KG": ("kyrgyzstan", "kyrgyz republic", "kirgizstan", "kirghizia", "kyrgyz", "kg", "kgz",
           "417", "кыргызстан", "киргизия", "кыргызская республика", "киргизстан",
           "кыргыз республикасы", "қирғизистон", "кыргызстон"),
    "TJ": ("tajikistan", "tadjikistan", "tajik", "tj", "tjk", "762", "таджикистан",
           "республика таджикистан", "тоҷикистон", "тожикстан", "таджикистон"),
    "UZ": ("uzbekistan", "uz", "uzb", "860", "узбекистан", "ўзбекистон", "өзбекстан",
           "узбекистон"),
}
_WORD_TO_SIDE = {w: side for side, words in _COUNTRY_WORDS.items() for w in words}


def reported_sides(text: pd.Series) -> pd.Series:
    """Country cells (any of the words above) → KG, TJ, UZ; anything else → <NA>."""
    t = text.astype("string").str.strip().str.lower().str.replace("ё", "е", regex=False)
    return t.map(_WORD_TO_SIDE, na_action="ignore").astype("string")


def _norm_key(name: str) -> str:
    from geo.translit import normalize_name
    return normalize_name(name)


def settlement_sides(frame: pd.DataFrame, gazetteer) -> tuple[pd.Series, pd.Series]:
    """(side_settlement, side_settlement_place) per row; see the module docstring.

    ``frame`` needs ``location``, ``lon``, ``lat`` (EPSG:4326) and ``geocode_match``
    (``"Name (place_id)"`` when geocoded by name). ``gazetteer`` is a
    :class:`geo.gazetteer.Gazetteer` (or None: no answer).
    """
    side = pd.Series(pd.NA, index=frame.index, dtype="string")
    place = pd.Series(pd.NA, index=frame.index, dtype="string")
    if gazetteer is None or frame.empty or not len(gazetteer.places):
        return side, place
    from geo.crs import to_metric

    places = gazetteer.places
    usable = (places["source"] != "learned").to_numpy(dtype=bool) & \
        places["iso3"].isin(list(ISO3_TO_SIDE)).to_numpy(dtype=bool)
    iso3 = places["iso3"].astype(object).to_numpy()
    label = (places["name"].astype(str) + " (" + places["place_id"].astype(str) + ")"
             ).to_numpy(dtype=object)
    pxy = gazetteer.xy_m(np.arange(len(places)))
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float)
    has_pt = np.isfinite(lon) & np.isfinite(lat)
    x_m = np.full(len(frame), np.nan)
    y_m = np.full(len(frame), np.nan)
    if has_pt.any():
        x_m[has_pt], y_m[has_pt] = to_metric(lon[has_pt], lat[has_pt])
    out_side = np.full(len(frame), None, dtype=object)
    out_place = np.full(len(frame), None, dtype=object)

    # 1. a place matched by the geocoder (by id), when it is not a learned name
    by_id = {pid: i for i, pid in enumerate(places["place_id"].astype(str))}
    match = frame["geocode_match"].astype("string").str.extract(r"\(([^()]+)\)\s*$")[0]
    for pos in np.flatnonzero(match.notna().to_numpy(dtype=bool)):
        i = by_id.get(match.iat[pos])
        if i is not None and usable[i]:
            out_side[pos], out_place[pos] = ISO3_TO_SIDE[iso3[i]], label[i]

    # 2. the named place: same-name places (not learned) near the row's point, one country
    names = frame["location"].astype("string").str.strip()
    todo = (pd.isna(out_side) & names.notna().to_numpy(dtype=bool)
            & (names != "").fillna(False).to_numpy(dtype=bool))
    keys = pd.Series([_norm_key(n) if t else "" for n, t in zip(names.fillna(""), todo,
                                                                  strict=True)],
                     index=frame.index)
    for key in keys[todo].unique():
        if not key:
            continue
        rows = [r for r in gazetteer.rows_for_key(key) if usable[r]]
        if not rows:
            continue
        rows_a = np.asarray(rows)
        at = np.flatnonzero(todo & (keys == key).to_numpy())
        for pos in at:
            if has_pt[pos]:
                d = np.hypot(pxy[rows_a, 0] - x_m[pos], pxy[rows_a, 1] - y_m[pos])
                near = rows_a[d <= NAMED_MATCH_M]
                if near.size == 0:
                    continue
                near = near[np.argsort(d[d <= NAMED_MATCH_M])]
            else:
                near = rows_a
            countries = {iso3[r] for r in near}
            if len(countries) == 1:
                out_side[pos], out_place[pos] = ISO3_TO_SIDE[iso3[near[0]]], label[near[0]]

    # 3. a point without a usable name: the curated/user settlement it lies in
    attrib = usable & places["source"].isin(list(ATTRIBUTION_SOURCES)).to_numpy(dtype=bool)
    todo = pd.isna(out_side) & has_pt
    if todo.any() and attrib.any():
        from scipy.spatial import cKDTree
        cand = np.flatnonzero(attrib)
        tree = cKDTree(pxy[cand])
        pts = np.column_stack([x_m[todo], y_m[todo]])
        for pos, hits in zip(np.flatnonzero(todo),
                             tree.query_ball_point(pts, ATTRIBUTION_RADIUS_M), strict=True):
            if not hits:
                continue
            rows = cand[np.asarray(hits)]
            if len({iso3[r] for r in rows}) != 1:
                continue  # settlements of two countries this close: no answer
            d = np.hypot(pxy[rows, 0] - x_m[pos], pxy[rows, 1] - y_m[pos])
            best = rows[int(d.argmin())]
            out_side[pos], out_place[pos] = ISO3_TO_SIDE[iso3[best]], label[best]
    side[:] = pd.array(out_side, dtype="string")
    place[:] = pd.array(out_place, dtype="string")
    return side, place


def _codes(frame: pd.DataFrame, col: str) -> np.ndarray:
    """Object array of a column's values, missing values as None (plain numpy: fast)."""
    if col not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    values = frame[col].to_numpy(dtype=object)
    return np.where(pd.isna(values), None, values).astype(object)


def _zones(frame: pd.DataFrame) -> np.ndarray:
    claims = _codes(frame, "claims_overlap_id")
    zones = _codes(frame, "disagreement_zone_id")
    return np.array([";".join(str(v) for v in pair if v is not None) or None
                     for pair in zip(claims, zones, strict=True)], dtype=object)


def resolve_sides(frame: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """Fill side_settlement(_place), side, side_basis, side_contested(_zone) of ``frame``.

    ``frame`` holds the schema columns with ``side_line`` already set (the engine's answer);
    returns a copy. ``gazetteer=None`` keeps the stored ``side_settlement``.
    """
    out = frame.copy()
    if out.empty:
        return out
    if gazetteer is not None:
        out["side_settlement"], out["side_settlement_place"] = settlement_sides(out, gazetteer)
    n = len(out)
    side = np.full(n, None, dtype=object)
    basis = np.full(n, None, dtype=object)
    compared = []
    for name, col in PRECEDENCE:
        values = _codes(out, col)
        valid = np.isin(values, COMPARED)
        usable = valid | ((col == "side_line") & np.not_equal(values, None))
        take = np.equal(side, None) & usable
        side[take], basis[take] = values[take], name
        compared.append(np.where(valid, values, None))
    stacked = np.column_stack(compared)
    disagree = np.array([len({v for v in row if v is not None}) > 1 for row in stacked],
                        dtype=bool)
    zones = _zones(out)
    out["side"] = pd.array(side, dtype="string")
    out["side_basis"] = pd.array(basis, dtype="string")
    out["side_contested"] = pd.array(disagree | np.not_equal(zones, None), dtype="boolean")
    out["side_contested_zone"] = pd.array(zones, dtype="string")
    return out


def line_short(df: pd.DataFrame) -> str:
    """"the December 2017 line" for the rows' reference line (the most frequent one)."""
    from geo.reference_line import ref_by_id
    refs = df["side_line_ref"].dropna() if "side_line_ref" in df.columns else pd.Series([])
    return ref_by_id(refs.mode().iloc[0] if len(refs) else None).short


def contested_summary(df: pd.DataFrame, line_label: str | None = None) -> str:
    """"7 of 30 incidents: side contested — the source says KG, the line says TJ (5); …"

    Counts the contested rows of ``df`` and names the most frequent disagreements (reported,
    settlement vs line), in English; '' when ``df`` is empty.
    """
    n = len(df)
    if not n or "side_contested" not in df:
        return ""
    contested = df[df["side_contested"].fillna(False).astype(bool)]
    line_label = (line_label or line_short(df)).removeprefix("the ")
    head = f"{len(contested)} of {n} incidents: side contested"
    if contested.empty:
        return head.replace("side contested", "no side contested")
    parts = []
    for _, row in contested.iterrows():
        said = []
        if pd.notna(row.get("side_settlement")):
            said.append(f"the settlement is {row['side_settlement']}")
        if pd.notna(row.get("side_reported")):
            said.append(f"the source says {row['side_reported']}")
        if pd.notna(row.get("side_line")) and row["side_line"] in COMPARED:
            said.append(f"the {line_label} says {row['side_line']}")
        if pd.notna(row.get("side_contested_zone")) and len(said) < 2:
            said.append("in a zone both sides claim")
        parts.append(", ".join(said))
    counts = pd.Series(parts).value_counts()
    detail = "; ".join(f"{k} ({v})" if len(counts) > 1 else k for k, v in counts.head(3).items())
    return f"{head} — {detail}"


def iso3_of(side: pd.Series) -> pd.Series:
    """KG/TJ/UZ → KGZ/TJK/UZB (<NA> otherwise), e.g. for the geocoder's country evidence."""
    return side.astype("string").map(SIDE_TO_ISO3, na_action="ignore").astype("string")

