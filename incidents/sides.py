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

from geo.reference_line import ref_by_id
from incidents.messages import Keyed
from incidents.schema import COUNTRIES, SIDE_ISO3

PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("reviewer", "side_reviewed"), ("settlement", "side_settlement"),
    ("reported", "side_reported"), ("line", "side_line"),
)
COMPARED = ("KG", "TJ", "UZ")
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
        places["iso3"].isin(list(COUNTRIES)).to_numpy(dtype=bool)
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
    given = frame["geocode_match"].astype("string")
    given_at = np.flatnonzero(given.notna().to_numpy(dtype=bool))
    match = given.iloc[given_at].str.extract(r"\(([^()]+)\)\s*$")[0]
    hit = match.map(by_id, na_action="ignore").to_numpy(dtype=float, na_value=np.nan)
    found = np.isfinite(hit)
    pos = given_at[found]
    rows = hit[found].astype(int)
    ok = usable[rows]
    _answer(out_side, out_place, pos[ok], rows[ok], iso3, label)

    # 2. the named place: same-name places (not learned) near the row's point, one country
    names = frame["location"].astype("string").str.strip()
    todo = (pd.isna(out_side) & names.notna().to_numpy(dtype=bool)
            & (names != "").fillna(False).to_numpy(dtype=bool))
    todo_pos = np.flatnonzero(todo)
    codes, uniq = pd.factorize(names.to_numpy(dtype=object, na_value=None)[todo_pos])
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])[:order.size]
    by_key: dict[str, list[np.ndarray]] = {}
    for start, end in zip(starts, np.r_[starts[1:], order.size][:starts.size], strict=True):
        key = _norm_key(uniq[codes[order[start]]])  # once per distinct name
        if key:
            by_key.setdefault(key, []).append(todo_pos[order[start:end]])
    for key, parts in by_key.items():
        cand = np.asarray([r for r in gazetteer.rows_for_key(key) if usable[r]], dtype=int)
        if cand.size:
            _named(out_side, out_place, np.sort(np.concatenate(parts)), cand, has_pt, x_m,
                   y_m, pxy, iso3, label)

    # 3. a point without a usable name: the curated/user settlement it lies in
    attrib = usable & places["source"].isin(list(ATTRIBUTION_SOURCES)).to_numpy(dtype=bool)
    todo = pd.isna(out_side) & has_pt
    if todo.any() and attrib.any():
        _attribute(out_side, out_place, np.flatnonzero(todo), np.flatnonzero(attrib),
                   x_m, y_m, pxy, iso3, label)
    side[:] = pd.array(out_side, dtype="string")
    place[:] = pd.array(out_place, dtype="string")
    return side, place


def _answer(out_side, out_place, pos, rows, iso3, label) -> None:
    """Rows at positions ``pos`` take the side and label of gazetteer rows ``rows``."""
    if len(pos):
        out_side[pos] = [COUNTRIES[c] for c in iso3[rows]]
        out_place[pos] = label[rows]


def _named(out_side, out_place, at, cand, has_pt, x_m, y_m, pxy, iso3, label) -> None:
    """Step 2 of :func:`settlement_sides` for the rows ``at`` naming the places ``cand``:
    with a point, the places within :data:`NAMED_MATCH_M`, else all of them; an answer
    when they are of one country (the nearest place)."""
    countries, code = np.unique(iso3[cand], return_inverse=True)
    no_pt = at[~has_pt[at]]
    if no_pt.size and countries.size == 1:
        _answer(out_side, out_place, no_pt, np.full(no_pt.size, cand[0]), iso3, label)
    with_pt = at[has_pt[at]]
    step = max(1, 2_000_000 // cand.size)  # distance matrices of bounded size
    for k in range(0, with_pt.size, step):
        part = with_pt[k:k + step]
        d = np.hypot(pxy[cand, 0][None, :] - x_m[part, None],
                     pxy[cand, 1][None, :] - y_m[part, None])
        near = d <= NAMED_MATCH_M
        n_countries = sum(near[:, code == c].any(axis=1) for c in range(countries.size))
        one = n_countries == 1
        best = cand[np.where(near, d, np.inf).argmin(axis=1)]
        _answer(out_side, out_place, part[one], best[one], iso3, label)


def _attribute(out_side, out_place, todo, attrib, x_m, y_m, pxy, iso3, label) -> None:
    """Step 3 of :func:`settlement_sides`: points ``todo`` within
    :data:`ATTRIBUTION_RADIUS_M` of settlements ``attrib`` of one country only take the
    nearest of them (the nearest of each country, one k-d tree per country)."""
    from scipy.spatial import cKDTree

    pts = np.column_stack([x_m[todo], y_m[todo]])
    nearest, within = [], []
    for country in np.unique(iso3[attrib]):
        rows = attrib[iso3[attrib] == country]
        dist, idx = cKDTree(pxy[rows]).query(pts, k=1)
        within.append(dist <= ATTRIBUTION_RADIUS_M)
        nearest.append(rows[idx])
    within_a = np.vstack(within)
    one = within_a.sum(axis=0) == 1
    which = within_a.argmax(axis=0)
    best = np.vstack(nearest)[which, np.arange(todo.size)]
    _answer(out_side, out_place, todo[one], best[one], iso3, label)


def _factorized(frame: pd.DataFrame, col: str) -> tuple[np.ndarray, list]:
    """(codes, values) of a column: its distinct values and each row's code in them
    (-1: missing, or no such column)."""
    if col not in frame.columns:
        return np.full(len(frame), -1, dtype=np.intp), []
    codes, uniques = pd.factorize(frame[col], use_na_sentinel=True)
    return codes, list(uniques)


def _text_column(frame: pd.DataFrame, col: str) -> pd.Series:
    if col in frame.columns:
        return frame[col].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _zones(frame: pd.DataFrame) -> pd.Series:
    """The zone ids of each row: claims overlap and disagreement zone, ';'-joined."""
    claims = _text_column(frame, "claims_overlap_id")
    zones = _text_column(frame, "disagreement_zone_id")
    both = claims.str.cat(zones, sep=";")  # <NA> unless both are given
    return both.fillna(claims).fillna(zones)


def resolve_sides(frame: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """Fill side_settlement(_place), side, side_basis, side_contested(_zone) of ``frame``.

    ``frame`` holds the schema columns with ``side_line`` already set (the engine's answer);
    returns a copy. ``gazetteer=None`` keeps the stored ``side_settlement``.
    """
    out = frame.copy(deep=False)  # copy-on-write: ``frame`` keeps its columns
    if out.empty:
        return out
    if gazetteer is not None:
        out["side_settlement"], out["side_settlement_place"] = settlement_sides(out, gazetteer)
    n = len(out)
    # per row: the side's code (0: none; value ``v`` has code ``at[v]``), the PRECEDENCE
    # step that answered (-1: none) and the compared sides some answer names (bit k:
    # COMPARED[k]), in integer arrays rather than row by row
    at: dict = {}
    side = np.zeros(n, dtype=np.intp)
    basis = np.full(n, -1, dtype=np.intp)
    said = np.zeros(n, dtype=np.int8)
    bit = np.array([0] + [1 << k for k in range(len(COMPARED))], dtype=np.int8)
    for step, (_, col) in enumerate(PRECEDENCE):
        codes, values = _factorized(out, col)
        to_vocab = np.array([at.setdefault(v, len(at) + 1) for v in values] + [0],
                            dtype=np.intp)
        compared = np.array([COMPARED.index(v) + 1 if v in COMPARED else 0 for v in values]
                            + [0], dtype=np.int8)[codes]  # codes -1: the last entry
        usable = compared > 0 if col != "side_line" else codes >= 0
        take = (side == 0) & usable
        side[take] = to_vocab[codes[take]]
        basis[take] = step
        said |= bit[compared]
    vocab = np.array([None, *at], dtype=object)
    disagree = (said & (said - 1)) != 0  # two different sides among the answers
    zones = _zones(out)
    names = np.array([name for name, _ in PRECEDENCE] + [None], dtype=object)
    out["side"] = pd.array(vocab[side], dtype="string")
    out["side_basis"] = pd.array(names[basis], dtype="string")
    out["side_contested"] = pd.array(disagree | zones.notna().to_numpy(dtype=bool),
                                     dtype="boolean")
    out["side_contested_zone"] = zones.array
    return out


#: English templates of :class:`SideSummary` (the Russian twin: ``i18n.strings_sides``).
SUMMARY_EN: dict[str, str] = {
    "head": "{n} of {total} {incidents}: side contested",
    "none": "{n} of {total} {incidents}: no side contested",
    "settlement": "the settlement is on the {side}",
    "source": "the source puts it on the {side}",
    "line": "{line} puts it on the {side}",
    # a side as the sentence names it (a code not listed stays as it is)
    "KG": "Kyrgyz side",
    "TJ": "Tajik side",
    "UZ": "Uzbek side",
    "claims": "inside both countries' official claims",
    "lines_differ": "where the OSM and Natural Earth lines disagree",
}


class SideSummary(Keyed):
    """Why the side of some incidents is contested: "7 of 30 incidents: side contested —
    the settlement is on the Kyrgyz side, the December 2017 line puts it on the Tajik side
    (5); …", a str equal to its English
    (:class:`incidents.messages.Keyed`), rendered in Russian by ``i18n.side_summary_text``.

    Params: ``n`` contested of ``total``; ``line`` the reference line's id; ``reasons``:
    up to three ``(parts, count)``, most frequent first, each part a ``(what, side)`` pair:
    what the settlement, the source and the line say, or, when they do not disagree, the zone
    that makes the side contested (``claims``: inside both countries' official claims;
    ``lines_differ``: where two published lines disagree).
    """

    @classmethod
    def english(cls, key: str, params: dict) -> str:
        return cls.compose(params, SUMMARY_EN, ref_by_id(params.get("line")).short,
                           lambda template, **values: template.format(**values))

    @staticmethod
    def compose(params: dict, templates: dict[str, str], line_text: str, fill) -> str:
        """The summary with ``templates`` (:data:`SUMMARY_EN` or a translation), the
        reference line as ``line_text``, formatted by ``fill(template, **values)``."""
        n, total, reasons = params["n"], params["total"], params.get("reasons", ())
        head = fill(templates["head" if n else "none"], n=n, total=total,
                    incidents="incident" if total == 1 else "incidents")  # (English only)
        if not n or not reasons:
            return head
        texts = [", ".join(fill(templates[what], line=line_text,
                                side=templates[side] if side in COMPARED else side)
                           for what, side in parts) for parts, _ in reasons]
        if len(reasons) > 1:
            texts = [f"{text} ({count})" for text, (_, count) in zip(texts, reasons,
                                                                        strict=True)]
        return f"{head} — " + "; ".join(texts)


def _reason(row: dict) -> tuple[tuple[str, str], ...]:
    """What the settlement, the source and the line say of one contested row, and its zone
    when those answers do not disagree (then the zone is why it is contested)."""
    parts = [(what, row.get(col)) for what, col in (
        ("settlement", "side_settlement"), ("source", "side_reported"), ("line", "side_line"))]
    parts = [(what, str(side)) for what, side in parts
             if not pd.isna(side) and (what != "line" or side in COMPARED)]
    zone = row.get("side_contested_zone")
    if len({side for _, side in parts}) < 2 and isinstance(zone, str) and zone:
        parts.append(("claims" if "OC-" in zone else "lines_differ", ""))
    return tuple(parts)


def contested_summary(df: pd.DataFrame, line_id: str | None = None) -> SideSummary | str:
    """:class:`SideSummary` of the rows of ``df`` (their reference line's id when
    ``line_id`` is None); '' when ``df`` is empty."""
    n = len(df)
    if not n or "side_contested" not in df:
        return ""
    contested = df[df["side_contested"].fillna(False).astype(bool).to_numpy(dtype=bool)]
    if line_id is None and "side_line_ref" in df.columns:
        refs = df["side_line_ref"].dropna()
        line_id = str(refs.mode().iloc[0]) if len(refs) else None
    counts = pd.Series([_reason(r) for r in contested.to_dict("records")],
                       dtype=object).value_counts()
    reasons = tuple((parts, int(k)) for parts, k in counts.head(3).items())
    return SideSummary("contested", n=len(contested), total=n, line=line_id,
                       reasons=reasons)


def iso3_of(side: pd.Series) -> pd.Series:
    """KG/TJ/UZ → KGZ/TJK/UZB (<NA> otherwise), e.g. for the geocoder's country evidence."""
    return side.astype("string").map(SIDE_ISO3, na_action="ignore").astype("string")

