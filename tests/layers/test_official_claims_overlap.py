"""Official-claims overlap (KG COD ∩ TJ COD) on the real files."""

from __future__ import annotations

import numpy as np

from geo.crs import METRIC_CRS
from layers.claims import COLUMNS, MIN_OVERLAP_KM2, official_claims_overlap


def test_overlap_numbers_on_real_files(cod):
    ov = official_claims_overlap(cod)
    assert list(ov.columns) == list(COLUMNS) + ["geometry"]
    assert ov.crs.to_epsg() == 4326
    assert 200 < ov.area_km2.sum() < 270
    assert 40 <= len(ov) <= 55
    assert ov.overlap_id.tolist() == [f"OC-{i:03d}" for i in range(1, len(ov) + 1)]
    assert (np.diff(ov.area_km2.to_numpy()) <= 0).all()
    assert ov.area_km2.min() >= MIN_OVERLAP_KM2
    first, second, third = ov.iloc[0], ov.iloc[1], ov.iloc[2]
    assert 90 < first.area_km2 < 120 and first.kgz_admin2 == "Leilek"
    assert "B. Gafurov" in first.tjk_admin2 and "Konibodom" in first.tjk_admin2
    assert (
        40 < second.area_km2 < 60
        and "Batken" in second.kgz_admin2
        and second.tjk_admin2 == "Isfara"
    )
    assert (
        35 < third.area_km2 < 55 and "Batken" in third.kgz_admin2 and third.tjk_admin2 == "Isfara"
    )
    assert ov.kgz_admin2_pcode.str.startswith("KG").all()
    assert ov.derived_note.str.contains("not a verdict").all()
    assert np.allclose(ov.to_crs(METRIC_CRS).area / 1e6, ov.area_km2, atol=0.002)
    assert ov.attrs["dropped_pieces"] > 0 and ov.attrs["dropped_area_km2"] < 10


def test_one_country_missing_gives_empty_layer(cod):
    ov = official_claims_overlap(cod[cod.iso3 == "KGZ"])
    assert ov.empty and list(ov.columns) == list(COLUMNS) + ["geometry"]
    assert "TJK" in ov.attrs["reason"]
