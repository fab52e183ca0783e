"""Print extents: the shipped named areas (derived from the gazetteer, never typed), a
hotspot with a margin, a typed box; ``python -m maps areas`` and ``print --area/--hotspot``
on the synthetic scene and, end to end, on the synthetic demo store."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import shapely

import maps.print.print_scene as print_scene
import maps.print.printmap as printmap
from cli_common import EXIT_DATA, EXIT_OK, EXIT_USAGE
from geo.crs import to_metric
from maps.cli import main
from maps.print import areas
from maps.print.print_layers import hotspot_shapes, metric
from maps.print.print_scene import Scene
from tests import pdf_check

DATE = "2026-11-25"
COUNTRY_NAMES = ("KYRGYZSTAN", "КЫРГЫЗСТАН", "TAJIKISTAN", "ТАДЖИКИСТАН")


def test_shipped_areas_equal_their_derivation_from_the_gazetteer():
    shipped = areas.load_areas()
    derived = areas.derive_areas()
    pd.testing.assert_frame_equal(shipped.reset_index(drop=True), derived, check_dtype=False)
    assert {"Isfara valley", "Leilek"} <= set(shipped["name"])
    assert shipped["how_derived"].str.contains("gazetteer settlements").all()


def test_each_box_holds_its_settlements_with_the_margin():
    gaz = areas._gazetteer().set_index("id")
    for r in areas.load_areas().to_dict("records"):
        ids = r["settlements"].split(";")
        x, y = to_metric(gaz.loc[ids, "lon"].astype(float), gaz.loc[ids, "lat"].astype(float))
        bx, by = to_metric(np.array([r["min_lon"], r["max_lon"]]),
                           np.array([r["min_lat"], r["max_lat"]]))
        assert (x - bx[0]).min() >= areas.PAD_M - 100 and (bx[1] - x).min() >= areas.PAD_M - 100
        assert (y - by[0]).min() >= areas.PAD_M - 100 and (by[1] - y).min() >= areas.PAD_M - 100


def test_find_area_by_name_russian_name_or_id_any_case():
    assert areas.find_area("isfara VALLEY")["area_id"] == "isfara-valley"
    assert areas.find_area("Лейлек")["area_id"] == "leilek"
    assert areas.find_area("leilek")["name"] == "Leilek"
    with pytest.raises(ValueError, match='"Isfara valley".*"Leilek"'):
        areas.find_area("<script>alert(1)</script>")


def test_a_derivation_without_matches_fails_loudly():
    gaz = areas._gazetteer()
    with pytest.raises(ValueError, match="leilek"):
        areas.derive_areas(gaz[gaz["admin2"] != "Leilek"])


def test_hotspot_bbox_is_the_hotspot_with_a_margin(scene_public):
    data = scene_public[0]
    hull = metric(data.clusters).geometry.iloc[0]
    for public, shape in ((False, hull), (True, hotspot_shapes(data.clusters, True)[0])):
        b = areas.hotspot_bbox(data.clusters, "hs-1", margin_m=3000.0, public=public)
        x, y = to_metric(np.array([b[0], b[2]]), np.array([b[1], b[3]]))
        hb = shapely.bounds(shape)
        assert x[0] == pytest.approx(hb[0] - 3000, abs=1)
        assert y[1] == pytest.approx(hb[3] + 3000, abs=1)
    # public: the frame follows the approximate circle, not the hull's incident points
    assert areas.hotspot_bbox(data.clusters, "HS-001") != \
        areas.hotspot_bbox(data.clusters, "HS-001", public=False)
    with pytest.raises(ValueError, match="'HS-404' not found; known: HS-001"):
        areas.hotspot_bbox(data.clusters, "HS-404")


def test_extent_choice_is_checked():
    with pytest.raises(ValueError):
        areas.ExtentChoice("bbox", bbox=(71.0, 40.0, 70.0, 41.0))
    with pytest.raises(ValueError):
        areas.ExtentChoice("area", "  ")
    with pytest.raises(ValueError):
        areas.ExtentChoice("region")
    assert areas.print_bbox(areas.ExtentChoice(), None) is None
    assert areas.print_bbox(areas.ExtentChoice("area", "Leilek"), None) == \
        areas.area_bbox("leilek")


@pytest.fixture
def spy(monkeypatch, scene_public):
    specs = []
    real = printmap.print_map_file

    def load(db=None, flt=None, mode="public", options=None, **kw):
        data, inc = scene_public
        return Scene(data=data, hotspots=None, incidents=inc)

    def record(spec, data):
        specs.append(spec)
        return real(spec, data)

    monkeypatch.setattr(print_scene, "load_scene", load)
    monkeypatch.setattr(printmap, "print_map_file", record)
    return specs


def test_cli_areas_and_print_extents(tmp_path, spy, scene_public, capsys):
    assert main(["areas"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Isfara valley / Исфаринская долина" in out and "Leilek / Лейлек" in out
    args = ["print", "--format", "png", "--dpi", "20", "--date", DATE, "--out", str(tmp_path)]
    assert main(args + ["--area", "Isfara valley"]) == EXIT_OK
    assert spy[-1].bbox == areas.area_bbox("Isfara valley")
    assert main(args + ["--hotspot", "HS-001"]) == EXIT_OK
    assert spy[-1].bbox == areas.hotspot_bbox(scene_public[0].clusters, "HS-001")
    assert main(args + ["--bbox", "70.6,39.9,71.2,40.2"]) == EXIT_OK
    assert spy[-1].bbox == (70.6, 39.9, 71.2, 40.2)
    capsys.readouterr()
    assert main(args + ["--area", "Atlantis"]) == EXIT_USAGE
    assert "known areas" in capsys.readouterr().err
    assert main(args + ["--hotspot", "HS-009"]) == EXIT_DATA
    with pytest.raises(SystemExit):
        main(args + ["--area", "Leilek", "--bbox", "70,39,71,40"])


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    """A data folder holding the synthetic demo store (one subprocess)."""
    env = dict(os.environ, KGTJ_DATA_DIR=str(tmp_path_factory.mktemp("demo")),
               KGTJ_GAZETTEER_FILES="")
    r = subprocess.run([sys.executable, "-m", "incidents", "demo"], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr
    return env


@pytest.mark.parametrize("where", [["--area", "Isfara valley"], ["--area", "Leilek"],
                                   ["--hotspot", "HS-001"]])
def test_contract_print_of_an_area_or_hotspot_names_both_countries_in_both_languages(
        tmp_path, demo_env, where):
    r = subprocess.run([sys.executable, "-m", "maps", "print", *where, "--paper", "A4",
                        "--format", "pdf", "--date", DATE, "--demo-registry",
                        "--out", str(tmp_path)], capture_output=True, text=True, env=demo_env)
    assert r.returncode == 0, r.stderr
    (pdf,) = tmp_path.glob("*.pdf")
    text = pdf_check.text(pdf)
    for name in COUNTRY_NAMES:
        assert name in text, name
    assert "Спор из-за воды" in text or "Спор о земле / пастбищах" in text  # en,ru legend
    assert "Water dispute" in text or "Land / pasture dispute" in text
