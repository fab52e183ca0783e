"""Official-claims overlap: land that both countries' own COD-AB files draw as theirs (KG ∩ TJ).

Derived from two official datasets; part of it is digitising mismatch. It marks where the
official maps differ, never which side is right.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import METRIC_CRS

MIN_OVERLAP_KM2 = 0.1  # pieces below 0.1 km² are slivers of line-work; counted in attrs, dropped
DERIVED_NOTE = (
    "Derived: land drawn inside both Kyrgyzstan's and Tajikistan's official COD-AB "
    "admin-2 files. Shows where the two official datasets differ; not a verdict on "
    "the border."
)
COLUMNS: tuple[str, ...] = (
    "overlap_id",
    "area_km2",
    "kgz_admin2",
    "tjk_admin2",
    "kgz_admin2_pcode",
    "tjk_admin2_pcode",
    "derived_note",
)
_MIN_DISTRICT_SHARE_M2 = 10_000.0  # a district is named for a piece if it holds ≥ 0.01 km² of it


def _empty(reason: str) -> gpd.GeoDataFrame:
    out = gpd.GeoDataFrame(
        {c: pd.Series(dtype="object") for c in COLUMNS}, geometry=gpd.GeoSeries([], crs=4326)
    )
    out.attrs.update(
        {
            "min_area_km2": MIN_OVERLAP_KM2,
            "dropped_pieces": 0,
            "dropped_area_km2": 0.0,
            "reason": reason,
        }
    )
    return out


def _districts(piece: shapely.Geometry, side: gpd.GeoDataFrame) -> tuple[str, str]:
    """Names and P-codes of the districts holding the piece, largest share first, '; '-joined."""
    idx = side.sindex.query(piece, predicate="intersects")
    shares = shapely.area(shapely.intersection(side.geometry.values[idx], piece))
    order = [
        i
        for i, s in sorted(zip(idx, shares, strict=True), key=lambda t: -t[1])
        if s >= _MIN_DISTRICT_SHARE_M2
    ]
    names = side["admin2_name_en"].iloc[order].fillna("?").tolist()
    codes = side["admin2_pcode"].iloc[order].fillna("?").tolist()
    return "; ".join(names), "; ".join(codes)


def official_claims_overlap(cod: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """KG ∩ TJ of the two countries' official admin-2 files, one row per separate piece.

    Parameters
    ----------
    cod : frame from :func:`layers.cod_ab.load_cod_ab` holding both KGZ and TJK rows.

    Returns
    -------
    GeoDataFrame (EPSG:4326) with :data:`COLUMNS`: ``overlap_id`` ``OC-001``... by descending
    area (then position), ``area_km2`` in METRIC_CRS, the districts on each side (English
    names and P-codes, '; '-joined when a piece spans several). Pieces under
    :data:`MIN_OVERLAP_KM2` are dropped; ``attrs`` report ``dropped_pieces`` and
    ``dropped_area_km2``. Empty (``attrs['reason']``) if either country is missing.
    """
    missing = [iso for iso in ("KGZ", "TJK") if not (cod["iso3"] == iso).any()]
    if missing:
        return _empty(f"no COD-AB districts loaded for {', '.join(missing)}")
    metric = cod.to_crs(METRIC_CRS)
    kg = metric[metric["iso3"] == "KGZ"].reset_index(drop=True)
    tj = metric[metric["iso3"] == "TJK"].reset_index(drop=True)
    both = shapely.intersection(
        shapely.union_all(kg.geometry.values), shapely.union_all(tj.geometry.values)
    )
    parts = np.array([p for p in shapely.get_parts(both) if p.geom_type == "Polygon"], dtype=object)
    areas = shapely.area(parts) / 1e6 if len(parts) else np.array([])
    keep = areas >= MIN_OVERLAP_KM2
    centroids = shapely.centroid(parts[keep]) if keep.any() else np.array([])
    rows = sorted(
        zip(
            -np.round(areas[keep], 3),
            shapely.get_x(centroids),
            shapely.get_y(centroids),
            parts[keep],
            strict=True,
        ),
        key=lambda r: r[:3],
    )
    records = []
    for i, (neg_area, _, _, piece) in enumerate(rows, start=1):
        kg_names, kg_codes = _districts(piece, kg)
        tj_names, tj_codes = _districts(piece, tj)
        records.append(
            {
                "overlap_id": f"OC-{i:03d}",
                "area_km2": float(-neg_area),
                "kgz_admin2": kg_names,
                "tjk_admin2": tj_names,
                "kgz_admin2_pcode": kg_codes,
                "tjk_admin2_pcode": tj_codes,
                "derived_note": DERIVED_NOTE,
                "geometry": piece,
            }
        )
    if not records:
        out = _empty("the two files do not overlap")
    else:
        out = gpd.GeoDataFrame(records, geometry="geometry", crs=METRIC_CRS).to_crs(4326)
    out.attrs.update(
        {
            "min_area_km2": MIN_OVERLAP_KM2,
            "dropped_pieces": int((~keep).sum()),
            "dropped_area_km2": round(float(areas[~keep].sum()), 3) if len(areas) else 0.0,
        }
    )
    return out
