"""Hotspot names follow the incidents' own place names, per side (issue 17, part 6)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.cluster_names import cluster_names, own_name, split_distance, with_distance
from i18n.display_tables import localise_places


def _names(rows: list[tuple]) -> pd.Series:
    """rows: (label, location, nearest_place, nearest_dist_m, side)."""
    d = pd.DataFrame(rows, columns=["label", "location", "near", "dist", "side"])
    return cluster_names(d["label"].to_numpy(), d["location"], d["near"], d["dist"],
                         d["side"])


def test_source_names_name_the_hotspot_not_the_nearest_town():
    # the Kök-Tash cluster: 30 rows whose source says Kök-Tash, nearest town Samarkandyk
    rows = [(0, "Kök-Tash", "Samarkandyk", 5200.0, "KG")] * 30
    assert _names(rows).to_dict() == {0: "Kök-Tash"}


def test_each_side_is_named_by_its_own_incidents():
    rows = ([(0, "Kök-Tash", "Samarkandyk", 5200.0, "KG")] * 20
            + [(0, "Чоркух", "Chorkuh", 400.0, "TJ")] * 2
            + [(0, "Ak-Sai / Kok-Tash", "Ak-Say", 300.0, "KG")] * 5)
    assert _names(rows)[0] == "Kök-Tash; Ak-Sai; Чоркух"


def test_without_source_names_the_own_side_settlement_and_its_distance():
    rows = [(1, None, "Maksat", 3400.0, "KG"), (1, "", "Maksat", 3600.0, "KG"),
            (1, None, "Maksat", 3500.0, "KG"), (2, None, "Arka", 900.0, "KG")]
    out = _names(rows)
    assert out[1] == "Maksat ~3.5 km" and out[2] == "Arka"  # ≤ 2 km: no distance shown
    # a source name that is the nearest settlement shows its distance too
    assert _names([(3, "с. Максат", "Максат", 4100.0, "KG")])[3] == "Максат ~4.1 km"


def test_descriptions_and_hostile_text_are_not_names():
    assert own_name("x" * 200) is None
    assert own_name("near с. «Арка»") == "Арка"
    assert own_name("Arka\x00\n") == "Arka"
    assert own_name("   ") is None and own_name(None) is None


def test_distance_round_trip_and_localised():
    assert with_distance("Chorkuh", 3449.0) == "Chorkuh ~3.4 km"
    assert split_distance("Chorkuh ~3.4 km") == ("Chorkuh", "3.4")
    text = "Kek-Tash; Chorkuh ~3.4 km"
    en = localise_places(text, {"Chorkuh": "Чоркух"}, "en", {"Chorkuh": "TJK"})
    ru = localise_places(text, {"Chorkuh": "Чоркух"}, "ru", {"Chorkuh": "TJK"})
    assert en.endswith("Chorkuh (Tajikistan), ~3.4 km")
    assert "Чоркух" in ru and ru.endswith("~3,4 км")


def test_empty_and_unnamed_clusters():
    assert _names([]).empty
    assert _names([(0, None, None, np.nan, "KG")]).empty


def test_a_kyrgyz_side_hotspot_is_never_named_after_the_tajik_village_nearby():
    from pathlib import Path

    from geo.engine import BorderEngine
    from geo.gazetteer import Gazetteer
    from layers.boundaries import load_boundaries

    fixture = Path(__file__).parents[1] / "geo" / "fixtures" / "border_settlements_test.csv"
    engine = BorderEngine(load_boundaries(),
                          gazetteer=Gazetteer.build(curated_files=[fixture]))
    # points on the Kek-Tash–Chorkuh road, Kyrgyz side of the shipped line; the last one
    # is 2.3 km from Kek-Tash and under 1 km from Chorkuh (TJK)
    lon = np.array([70.54905, 70.55345, 70.55786])
    lat = np.array([39.95698, 39.95940, 39.96182])
    out = engine.enrich(lon, lat)
    assert out["country"].tolist() == ["KGZ"] * 3
    assert out["nearest_place"].tolist() == ["Kek-Tash"] * 3
    names = cluster_names(np.zeros(3, dtype=int), pd.Series([None] * 3),
                          out["nearest_place"], out["nearest_place_dist_m"],
                          out["side"].astype(object))
    assert names[0] == "Kek-Tash"  # median distance 1.85 km: not shown
    assert "Chorkuh" not in names[0]
