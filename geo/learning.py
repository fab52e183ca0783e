"""Which imported rows may teach the gazetteer a place, and which may not (and why).

Rules (issue 17, part 4), applied to every observation at once — the store's earlier
observations and a new import's rows together, so evidence accumulates across imports:

1. Only rows with exact coordinates (``geo_precision == 1``), a name, and a point in the
   region are considered (``not_exact``, ``no_name``, ``bad_coordinates``,
   ``outside_region``).
2. A row within :data:`SAME_SPOT_M` of a curated, user or GeoNames place of the same name
   key is that place (``known``).
3. **Geography first**: a row whose name is that of a curated, user or GeoNames place of
   *another* country within :data:`NAMESAKE_M` is refused (``refused_across_line``): a
   point 1.8 km over the mapped line named "Ак-Сай" is not a Tajik Ak-Say. A row whose side
   is unknown next to such a namesake is refused too (``refused_side_unknown``).
4. The remaining rows of one name key are clustered (single linkage, :data:`SAME_SPOT_M`):
   building-level points of one village become **one** place, at the median of its
   points. A cluster whose rows name different countries is refused
   (``refused_inconsistent``). A cluster becomes a place when it has at least
   :data:`MIN_ROWS` rows or a reviewer confirmed it (a row whose ``source_dataset`` is
   :data:`REVIEWER_SOURCE`, or whose ``reviewed`` is true: a supporting incident was
   verified, :func:`incidents.learned.eligible_learned`): its first row is ``added``,
   the others ``merged``. Otherwise its rows are ``pending`` (kept, so later imports can
   complete the evidence).

Every row gets a ``why``: a keyed message (:class:`incidents.messages.Msg`, equal to
its English; :func:`i18n.reason_text` renders it in Russian). Distances are metres in METRIC_CRS.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from geo.crs import in_region, to_metric
from geo.translit import is_latin, normalize_name, transliterate
from incidents.messages import Msg

SAME_SPOT_M = 2000.0  # same-named points closer than this are one place
NAMESAKE_M = 30_000.0  # a namesake of another country this close forbids learning
MIN_ROWS = 3  # rows a new learned place needs without a reviewer's confirmation
REVIEWER_SOURCE = "reviewer"
LEARN_REQUIRED = ("location", "lon", "lat", "geo_precision", "source_dataset")
LEARN_STATUSES: tuple[str, ...] = (
    "added", "merged", "pending", "known", "refused_across_line", "refused_side_unknown",
    "refused_inconsistent", "not_exact", "no_name", "bad_coordinates", "outside_region",
)
KEPT_STATUSES = ("added", "merged", "pending")  # observations worth storing
_ISO3 = ("KGZ", "TJK", "UZB")


def _text(rows: pd.DataFrame, name: str) -> pd.Series:
    if name in rows.columns:
        return rows[name].astype("string").str.strip().replace("", pd.NA)
    return pd.Series(pd.NA, index=rows.index, dtype="string")


def _clusters(x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
    """Single-linkage cluster labels of points at :data:`SAME_SPOT_M`."""
    if len(x_m) == 1:
        return np.zeros(1, dtype=int)
    pairs = cKDTree(np.column_stack([x_m, y_m])).query_pairs(SAME_SPOT_M, output_type="ndarray")
    from scipy.sparse import coo_matrix

    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])),
                       shape=(len(x_m), len(x_m)))
    return connected_components(graph, directed=False)[1]


def plan(gazetteer, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the rules to ``rows`` against ``gazetteer``'s curated, user and GeoNames places.

    Returns
    -------
    report : DataFrame indexed like ``rows``: ``learn_status`` (:data:`LEARN_STATUSES`),
        ``place_id`` (the learned or known place; NA otherwise), ``key``, ``why``.
    places : the learned places (gazetteer place columns), ``place_id`` ``learned:<n>``
        where n is the position (1-based) of the place's first row in ``rows``.
    """
    missing = [c for c in LEARN_REQUIRED if c not in rows.columns]
    if missing:
        raise ValueError(f"learn(): rows lack column(s) {missing}; need {LEARN_REQUIRED}")
    n = len(rows)
    precision = pd.to_numeric(rows["geo_precision"], errors="coerce")
    lon = pd.to_numeric(rows["lon"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(rows["lat"], errors="coerce").to_numpy(dtype=float)
    keys = rows["location"].map(lambda v: normalize_name(str(v)) if isinstance(v, str) else "")
    keys = keys.to_numpy(dtype=object)
    country = _text(rows, "country").fillna("").to_numpy(dtype=object)
    country = np.array([c if c in _ISO3 else None for c in country], dtype=object)
    status = np.full(n, "", dtype=object)
    why = np.full(n, "", dtype=object)
    status[~np.isfinite(lon) | ~np.isfinite(lat)] = "bad_coordinates"
    status[(status == "") & ~in_region(lon, lat)] = "outside_region"
    status[keys == ""] = "no_name"
    status[(precision != 1).fillna(True).to_numpy()] = "not_exact"
    for s in ("bad_coordinates", "outside_region", "no_name", "not_exact"):
        why[status == s] = Msg(f"learn.{s}")
    place_ids = np.full(n, None, dtype=object)
    todo = np.flatnonzero(status == "")
    x_m = np.full(n, np.nan)
    y_m = np.full(n, np.nan)
    if len(todo):
        x_m[todo], y_m[todo] = to_metric(lon[todo], lat[todo])
    fixed = gazetteer.places["source"].to_numpy() != "learned"
    places = gazetteer.places
    for pos in todo:
        known = [r for r in gazetteer.rows_for_key(keys[pos]) if fixed[r]]
        if not known:
            continue
        d = np.hypot(*(gazetteer.xy_m(known) - [x_m[pos], y_m[pos]]).T)
        best = known[int(d.argmin())]
        if d.min() <= SAME_SPOT_M:
            status[pos], place_ids[pos] = "known", places["place_id"].iat[best]
            why[pos] = Msg("learn.known", name=places["name"].iat[best],
                           source=places["source"].iat[best])
            continue
        other = [(d_m, r) for d_m, r in zip(d, known, strict=True) if d_m <= NAMESAKE_M
                 and places["iso3"].iat[r] in _ISO3 and places["iso3"].iat[r] != country[pos]]
        if other:
            d_m, r = min(other)
            there = {"name": places["name"].iat[r], "iso3": places["iso3"].iat[r],
                     "source": places["source"].iat[r], "km": float(d_m / 1000)}
            if country[pos] is None:
                status[pos] = "refused_side_unknown"
                why[pos] = Msg("learn.side_unknown", **there)
            else:
                status[pos] = "refused_across_line"
                why[pos] = Msg("learn.across_line", country=country[pos], **there)
    learned = _clusters_to_places(rows, keys, country, status, why, place_ids, x_m, y_m)
    report = pd.DataFrame({"learn_status": status, "place_id": pd.array(place_ids,
                                                                         dtype="string"),
                           "key": pd.array(keys, dtype="string"),
                           "why": pd.Series(why, index=rows.index, dtype=object)},
                          index=rows.index)
    return report, learned


def _clusters_to_places(rows, keys, country, status, why, place_ids, x_m, y_m
                        ) -> pd.DataFrame:
    """Cluster the undecided rows per name key; fill status/why/place_ids in place."""
    todo = np.flatnonzero(status == "")
    source = _text(rows, "source_dataset").fillna("")
    reviewer = (source == REVIEWER_SOURCE).to_numpy()
    if "reviewed" in rows.columns:  # incidents.learned: a supporting incident is verified
        reviewer = reviewer | rows["reviewed"].astype("boolean").fillna(False).to_numpy(bool)
    event = _text(rows, "source_event_id")
    # one row counts once, however often it was imported: its source event, else its point
    identity = (source + "#" + event).where(event.notna(), pd.Series(
        [f"{k}@{x:.6f},{y:.6f}" for k, x, y in zip(
            keys, pd.to_numeric(rows["lon"], errors="coerce"),
            pd.to_numeric(rows["lat"], errors="coerce"), strict=True)],
        index=rows.index)).to_numpy(dtype=object)
    groups: list[np.ndarray] = []
    for key in dict.fromkeys(keys[todo]):
        members = todo[keys[todo] == key]
        labels = _clusters(x_m[members], y_m[members])
        groups += [members[labels == lab] for lab in dict.fromkeys(labels)]
    groups.sort(key=lambda g: int(g.min()))
    out = []
    for members in groups:
        sides = {c for c in country[members] if c is not None}
        if len(sides) > 1:
            status[members] = "refused_inconsistent"
            why[members] = Msg("learn.inconsistent", n=len(members),
                               km=float(SAME_SPOT_M / 1000), sides=", ".join(sorted(sides)))
            continue
        confirmed = bool(reviewer[members].any())
        n_rows = len(set(identity[members[~reviewer[members]]]))
        if n_rows < MIN_ROWS and not confirmed:
            status[members] = "pending"
            why[members] = Msg("learn.pending", n=n_rows, min=MIN_ROWS)
            continue
        first = int(members.min())
        place_id = f"learned:{first + 1}"  # stable while observations are only appended
        status[members] = "merged"
        status[first] = "added"
        place_ids[members] = place_id
        merged = "_merged" if len(members) > 1 else ""
        why[members] = (Msg(f"learn.reviewer{merged}", m=len(members)) if confirmed else
                        Msg(f"learn.rows{merged}", n=n_rows, m=len(members)))
        out.append(_place_row(rows, members, first, place_id,
                              next(iter(sides)) if sides else None))
    columns = ["place_id", "name", "alt_names", "lon", "lat", "iso3", "admin1", "admin2",
               "source", "source_detail"]
    return pd.DataFrame(out, columns=columns)


def _place_row(rows: pd.DataFrame, members: np.ndarray, first: int, place_id: str,
               iso3: str | None) -> dict:
    sub = rows.iloc[members]
    location = str(rows["location"].iloc[first]).strip()
    latin = is_latin(location)
    detail = _text(sub, "source_dataset").fillna("unknown source")
    events = [e for e in _text(sub, "source_event_id").dropna().tolist()][:5]
    batches = sorted(set(_text(sub, "import_batch_id").dropna().tolist()))[:5]
    text = "learned from " + ", ".join(sorted(set(detail.tolist())))
    if events:
        text += " event " + ", ".join(events) + (" …" if len(members) > 5 else "")
    if batches:
        text += " batch " + ", ".join(batches)

    def first_of(col: str) -> object:
        values = _text(sub, col).dropna()
        return values.iat[0] if len(values) else pd.NA

    return {
        "place_id": place_id, "name": location if latin else transliterate(location),
        "alt_names": "" if latin else location,
        "lon": float(np.median(pd.to_numeric(sub["lon"]))),
        "lat": float(np.median(pd.to_numeric(sub["lat"]))),
        "iso3": iso3 if iso3 else pd.NA, "admin1": first_of("admin1_given"),
        "admin2": first_of("admin2_given"), "source": "learned", "source_detail": text,
    }
