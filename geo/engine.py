"""The border engine: where is each point relative to the Kyrgyz–Tajik border?

:class:`BorderEngine` builds its spatial indexes once from the shipped boundary layers (and,
when given, the COD admin-2 units, the official-claims overlap, the curated layer and a
gazetteer), then :meth:`BorderEngine.enrich` answers for arrays of lon/lat points at once.
All geometry is projected to :data:`geo.crs.METRIC_CRS`; every distance is in metres.

Conventions of :meth:`BorderEngine.enrich` (columns of ``incidents.schema.ENRICHMENT_COLUMNS``):

- ``country`` is the OSM-derived country layer's verdict (KGZ, TJK, UZB), ``outside`` for a
  point in none of them (another country, or water: the layer is land-only), and ``<NA>``
  when the coordinates are missing.
- ``side_line`` (and ``side``, until :func:`incidents.sides.resolve_sides` resolves it) is
  the reference line's side code; ``side_line_ref`` names the line that answered
  (:mod:`geo.reference_line`: a user's newer line where it covers the point, else the
  shipped OSM line of December 2017).
- ``border_dist_m`` is the distance to the KG–TJ line that answers ``side_line``: positive
  on the Kyrgyz side, negative on the Tajik side, and unsigned (>= 0) for points in UZB or
  outside, whose ``side`` says where they are. NaN for flagged points. Where a user's line
  covers a point it is measured to that line (:mod:`geo.user_border`), elsewhere to the
  nearest shipped segment; ``border_segment_id`` always names the nearest shipped segment.
- Points that fail :func:`geo.location_flags.location_flags` (missing, outside the region,
  lat/lon swapped) keep their flag in ``location_flag`` and get no other enrichment; nothing
  is corrected silently and nothing raises.
- Where layers overlap (e.g. the two countries' COD units), a point takes the unit of its own
  ``country`` when there is one, else the first unit in layer order.
- ``curated_ids``: ids of curated sites/segments within ``curated_radius_m``, sorted, joined
  with ';'. ``nearest_place``: the gazetteer's nearest place by ``name`` on the point's own
  side of the line (a Kyrgyz-side point is never named after a Tajik village; where a user's
  newer line reaches a point or a place, its side is that line's), any distance; a point
  outside the three countries takes the nearest place of any side.
- ``in_study_area``: inside :meth:`BorderEngine.study_area` (``study_buffer_m``), i.e. on
  Kyrgyz or Tajik land within that distance of the KG–TJ line; False for flagged points.
"""
from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

from geo.containment import PolygonIndex, first_per_point
from geo.crs import LONLAT_CRS, METRIC_CRS, to_lonlat_geom, to_metric
from geo.location_flags import FLAG_MISSING, FLAG_OK, coerce_coords, location_flags
from geo.reference_line import SHIPPED
from geo.segments import SegmentIndex
from geo.study import STUDY_BUFFER_M
from geo.user_border import UserBorder
from incidents.schema import COUNTRIES, DTYPES, ENRICHMENT_COLUMNS, SIDE_ISO3

if TYPE_CHECKING:  # only the attributes are used: any object with those frames works
    from layers.boundaries import BoundaryLayers

KGTJ_PAIR = "KGZ-TJK"
OUTSIDE = "outside"


def _require_columns(frame: pd.DataFrame, columns: tuple[str, ...], layer: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{layer} layer is missing column(s) {missing}; it has {list(frame.columns)}"
        )


def _metric_geoms(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Geometries of ``frame`` in METRIC_CRS (a frame without CRS is taken as EPSG:4326)."""
    geo = frame.geometry if frame.crs is not None else frame.geometry.set_crs(LONLAT_CRS)
    return np.asarray(geo.to_crs(METRIC_CRS).array, dtype=object)


def _with_na(values: ArrayLike) -> np.ndarray:
    """Object array of ``values`` plus a trailing None, so that index -1 gives None."""
    return np.append(np.asarray(values, dtype=object), None)


def _line_country(line_sides: np.ndarray, country: np.ndarray) -> np.ndarray:
    """ISO3 of the side a user's line gives (KG → KGZ ...) where it answers, else
    ``country``."""
    out = np.array(country, dtype=object)  # a copy
    for side, iso3 in SIDE_ISO3.items():
        out[np.asarray(line_sides == side, dtype=bool)] = iso3
    return out


class BorderEngine:
    """Enrich lon/lat points with country, enclave, KG–TJ border distance and layers.

    Parameters
    ----------
    layers : BoundaryLayers from :func:`layers.boundaries.load_boundaries` (EPSG:4326 frames
        ``countries``, ``enclaves``, ``segments``, ``disagreement_zones``).
    cod : optional COD admin-2 frame (``layers.cod_ab.load_cod_ab``): ``iso3``,
        ``admin1_pcode``, ``admin1_name_en``, ``admin2_pcode``, ``admin2_name_en``.
    claims : optional official-claims overlap frame with ``overlap_id``.
    curated : optional curated segments/sites frame with ``curated_id``.
    gazetteer : optional object with a ``.places`` frame holding ``name``, ``lon``, ``lat``.
    reference_line : optional :class:`geo.reference_line.UserLine`, a newer line that
        answers ``side_line`` where it covers a point (the shipped OSM line elsewhere).
    """

    def __init__(self, layers: BoundaryLayers, cod: gpd.GeoDataFrame | None = None,
                 claims: gpd.GeoDataFrame | None = None,
                 curated: gpd.GeoDataFrame | None = None, gazetteer: Any = None,
                 reference_line: Any = None) -> None:
        #: The inputs, kept for consumers that need the same layers (public exports).
        self.layers, self.cod, self.claims, self.curated, self.gazetteer = (
            layers, cod, claims, curated, gazetteer)
        self.reference_line = reference_line
        _require_columns(layers.countries, ("iso3",), "countries")
        _require_columns(layers.enclaves, ("name_en",), "enclaves")
        _require_columns(layers.segments, ("segment_id", "pair"), "segments")
        _require_columns(layers.disagreement_zones, ("zone_id",), "disagreement_zones")

        self._country_geoms = _metric_geoms(layers.countries)
        self._country_iso3 = layers.countries["iso3"].astype(str).to_numpy(dtype=object)
        self._countries = PolygonIndex(self._country_geoms)
        self._country_side = np.array(  # side code per country row, then OUTSIDE for -1
            [COUNTRIES.get(c, OUTSIDE) for c in self._country_iso3] + [OUTSIDE], dtype=object
        )
        self._enclaves = PolygonIndex(_metric_geoms(layers.enclaves))
        self._enclave_names = _with_na(layers.enclaves["name_en"])
        self._zones = PolygonIndex(_metric_geoms(layers.disagreement_zones))
        self._zone_ids = _with_na(layers.disagreement_zones["zone_id"])

        kgtj = layers.segments[layers.segments["pair"] == KGTJ_PAIR]
        if kgtj.empty:
            raise ValueError(f"segments layer has no rows with pair == {KGTJ_PAIR!r}")
        #: The shipped KG–TJ segments (EPSG:4326); ``segment_idx`` values index its rows.
        self.border_segments: gpd.GeoDataFrame = kgtj.reset_index(drop=True)
        self._border_lines = _metric_geoms(self.border_segments)
        self._border = SegmentIndex(self._border_lines)
        self._segment_ids = _with_na(self.border_segments["segment_id"])
        self._user_border = (UserBorder(reference_line, self._border_lines)
                             if reference_line is not None else None)

        self._claims = self._claim_ids = None
        if claims is not None:
            _require_columns(claims, ("overlap_id",), "claims overlap")
            self._claims = PolygonIndex(_metric_geoms(claims))
            self._claim_ids = _with_na(claims["overlap_id"])

        self._cod = self._cod_cols = None
        if cod is not None:
            cols = ("iso3", "admin1_pcode", "admin1_name_en", "admin2_pcode", "admin2_name_en")
            _require_columns(cod, cols, "COD admin-2")
            self._cod = PolygonIndex(_metric_geoms(cod))
            self._cod_cols = {c: _with_na(cod[c]) for c in cols}

        self._curated_tree = self._curated_ids = None
        if curated is not None and len(curated):
            _require_columns(curated, ("curated_id",), "curated")
            geoms = _metric_geoms(curated)
            keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
            self._curated_tree = shapely.STRtree(geoms[keep])
            self._curated_ids = curated["curated_id"].astype(str).to_numpy(dtype=object)[keep]

        self._places_tree = self._place_names = None
        self._side_places: dict[str, tuple] = {}
        if gazetteer is not None:
            places = gazetteer.places
            _require_columns(places, ("name", "lon", "lat"), "gazetteer places")
            lon_p, lat_p = coerce_coords(places["lon"], places["lat"])
            keep = np.isfinite(lon_p) & np.isfinite(lat_p)
            if keep.any():
                px, py = to_metric(lon_p[keep], lat_p[keep])
                self._places_tree = cKDTree(np.column_stack([px, py]))
                self._place_names = places["name"].to_numpy(dtype=object)[keep]
                # per side of the line: a point is named after a place on its own side
                # (of a user's newer line where it reaches the place)
                place_country = _with_na(self._country_iso3)[self._countries.first(px, py)]
                if reference_line is not None:
                    place_country = _line_country(reference_line.sides(px, py), place_country)
                self._side_places = {
                    c: (cKDTree(np.column_stack([px[m], py[m]])), self._place_names[m])
                    for c in ("KGZ", "TJK", "UZB")
                    if (m := place_country == c).any()}

        self._study_areas: dict[float, shapely.Geometry] = {}  # prepared, by buffer_m
        self._study_lock = threading.Lock()  # one computation per buffer, whichever thread

    # --- distances ---------------------------------------------------------------------

    def border_distance_m(self, x_m: ArrayLike,
                          y_m: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Unsigned distance to the nearest KG–TJ border segment.

        Parameters
        ----------
        x_m, y_m : arrays of METRIC_CRS coordinates in metres.

        Returns
        -------
        dist_m : float ndarray, metres (NaN where x or y is not finite).
        segment_idx : int ndarray, row of :attr:`border_segments` (-1 where not finite).
        """
        x = np.atleast_1d(np.asarray(x_m, dtype=float))
        y = np.atleast_1d(np.asarray(y_m, dtype=float))
        finite = np.isfinite(x) & np.isfinite(y)
        if finite.all():
            return self._border.nearest_xy(x, y)
        dist_m = np.full(x.size, np.nan)
        seg = np.full(x.size, -1, dtype=np.intp)
        dist_m[finite], seg[finite] = self._border.nearest_xy(x[finite], y[finite])
        return dist_m, seg

    # --- study area --------------------------------------------------------------------

    def study_area(self, buffer_m: float = STUDY_BUFFER_M) -> shapely.Geometry:
        """Land of KGZ and TJK (enclaves included) within ``buffer_m`` of the KG–TJ line.

        Returns a (Multi)Polygon in METRIC_CRS; computed once per buffer and cached.
        """
        key = float(buffer_m)
        if not key > 0:
            raise ValueError(f"buffer_m must be a positive number of metres, got {buffer_m}")
        with self._study_lock:
            if key not in self._study_areas:
                band = shapely.buffer(shapely.union_all(self._border_lines), key)
                kg_tj = np.isin(self._country_iso3, ("KGZ", "TJK"))
                land = shapely.union_all(self._country_geoms[kg_tj])
                area = shapely.make_valid(shapely.intersection(band, land))
                shapely.prepare(area)
                self._study_areas[key] = area
            return self._study_areas[key]

    def study_area_soon(self) -> None:
        """Start computing the default :meth:`study_area` in a background thread (0.15 s of
        GEOS work, which releases Python's lock): ready by the time a first import, parsed
        meanwhile, enriches its points. An error is left for the caller's own call."""
        def compute() -> None:
            with contextlib.suppress(Exception):
                self.study_area()

        threading.Thread(target=compute, daemon=True, name="kgtj-study-area").start()

    def study_area_lonlat(self, buffer_m: float = STUDY_BUFFER_M) -> shapely.Geometry:
        """:meth:`study_area` in lon/lat degrees (EPSG:4326)."""
        return to_lonlat_geom(self.study_area(buffer_m))

    # --- enrichment ----------------------------------------------------------------------

    def enrich(self, lon: ArrayLike, lat: ArrayLike, curated_radius_m: float = 2000.0,
               study_buffer_m: float = STUDY_BUFFER_M) -> pd.DataFrame:
        """Enrich lon/lat points; one row per input point, in input order.

        Parameters
        ----------
        lon, lat : array-like of equal length, degrees (EPSG:4326); NaN/None/text allowed
            (flagged, not raised).
        curated_radius_m : curated sites/segments within this many metres are listed.
        study_buffer_m : half-width of the study area used for ``in_study_area``, metres.

        Returns
        -------
        DataFrame with exactly the columns of ``incidents.schema.ENRICHMENT_COLUMNS`` and
        their schema dtypes; see the module docstring for the conventions.
        """
        if not curated_radius_m >= 0:
            raise ValueError(f"curated_radius_m must be >= 0 metres, got {curated_radius_m}")
        lon_a, lat_a = coerce_coords(lon, lat)
        n = lon_a.size
        flags = location_flags(lon_a, lat_a)
        ok = np.flatnonzero(flags == FLAG_OK)
        cols: dict[str, np.ndarray] = {
            c: np.full(n, None, dtype=object) for c in ENRICHMENT_COLUMNS
        }
        cols["border_dist_m"] = np.full(n, np.nan)
        cols["nearest_place_dist_m"] = np.full(n, np.nan)
        cols["in_study_area"] = np.zeros(n, dtype=bool)
        cols["location_flag"] = flags
        not_missing = flags != FLAG_MISSING
        cols["country"][not_missing] = OUTSIDE
        cols["side"][not_missing] = OUTSIDE
        cols["side_line"][not_missing] = OUTSIDE
        cols["side_line_ref"][not_missing] = SHIPPED.line_id
        if ok.size:
            x, y = to_metric(lon_a[ok], lat_a[ok])
            for name, values in self._enrich_valid(
                x, y, curated_radius_m, study_buffer_m
            ).items():
                cols[name][ok] = values
        return pd.DataFrame(  # one conversion per column, straight to the schema dtype
            {c: pd.array(cols[c], dtype=DTYPES[c]) for c in ENRICHMENT_COLUMNS}
        )

    def _enrich_valid(self, x: np.ndarray, y: np.ndarray, curated_radius_m: float,
                      study_buffer_m: float) -> dict[str, np.ndarray]:
        """Enrichment columns for points already checked and projected (METRIC_CRS)."""
        out: dict[str, np.ndarray] = {}
        country_i = self._countries.first(x, y)
        country = _with_na(self._country_iso3)[country_i]
        country[country_i < 0] = OUTSIDE
        out["country"] = country
        out["side"] = self._country_side[country_i]
        out["side_line_ref"] = np.full(x.size, SHIPPED.line_id, dtype=object)
        dist_m, seg_i = self._border.nearest_xy(x, y)
        own_country = country  # the side a point is named on: the newer line's, if any
        if self.reference_line is not None:
            user = self.reference_line.sides(x, y)
            own_country = _line_country(user, country)
            covered = ~np.equal(user, None)
            out["side"] = np.where(covered, user, out["side"])
            out["side_line_ref"][covered] = self.reference_line.ref.line_id
            user_dist_m = self._user_border.dist_m(x, y, user)
            dist_m = np.where(np.isnan(user_dist_m), dist_m, user_dist_m)
        out["side_line"] = out["side"]
        out["enclave"] = self._enclave_names[self._enclaves.first(x, y)]

        out["border_dist_m"] = np.where(out["side"] == "TJ", -dist_m, dist_m)
        out["border_segment_id"] = self._segment_ids[seg_i]

        out["disagreement_zone_id"] = self._zone_ids[self._zones.first(x, y)]
        if self._claims is not None:
            out["claims_overlap_id"] = self._claim_ids[self._claims.first(x, y)]
        if self._cod is not None:
            out.update(self._admin_units(x, y, country))
        if self._curated_tree is not None:
            out["curated_ids"] = self._curated_within(shapely.points(x, y), curated_radius_m)
        if self._places_tree is not None:
            out.update(self._nearest_places(x, y, own_country))
        out["in_study_area"] = shapely.intersects_xy(self.study_area(study_buffer_m), x, y)
        return out

    def _nearest_places(self, x: np.ndarray, y: np.ndarray, country: np.ndarray
                        ) -> dict[str, np.ndarray]:
        """Nearest place on the point's own side of the line (any place for a point outside
        the three countries or on a side without places); metres."""
        pts = np.column_stack([x, y])
        dist_m = np.empty(x.size)
        names = np.empty(x.size, dtype=self._place_names.dtype)
        rest = np.ones(x.size, dtype=bool)
        for code, (tree, side_names) in self._side_places.items():
            on = np.flatnonzero(country == code)
            if on.size:
                dist_m[on], i = tree.query(pts[on], workers=-1)  # threads, all cores
                names[on] = side_names[i]
                rest[on] = False
        rest = np.flatnonzero(rest)  # outside the countries, or a side without places
        if rest.size:
            dist_m[rest], i = self._places_tree.query(pts[rest], workers=-1)
            names[rest] = self._place_names[i]
        return {"nearest_place": names, "nearest_place_dist_m": dist_m}

    def _admin_units(self, x: np.ndarray, y: np.ndarray,
                     country: np.ndarray) -> dict[str, np.ndarray]:
        """COD admin-1/2 codes and names; a unit of the point's own country wins."""
        pt_i, unit_i = self._cod.pairs(x, y)
        foreign = self._cod_cols["iso3"][unit_i] != country[pt_i]
        chosen = first_per_point(pt_i, unit_i, x.size, rank=foreign.astype(np.intp))
        return {
            "admin1_pcode": self._cod_cols["admin1_pcode"][chosen],
            "admin1_name": self._cod_cols["admin1_name_en"][chosen],
            "admin2_pcode": self._cod_cols["admin2_pcode"][chosen],
            "admin2_name": self._cod_cols["admin2_name_en"][chosen],
        }

    def _curated_within(self, points: np.ndarray, radius_m: float) -> np.ndarray:
        """';'-joined ids (sorted) of curated features within ``radius_m`` of each point."""
        out = np.full(len(points), None, dtype=object)
        pt_i, cur_i = self._curated_tree.query(points, predicate="dwithin", distance=radius_m)
        if pt_i.size:
            joined = pd.Series(self._curated_ids[cur_i]).groupby(pt_i).agg(
                lambda ids: ";".join(sorted(set(ids)))
            )
            out[joined.index.to_numpy()] = joined.to_numpy(dtype=object)
        return out
