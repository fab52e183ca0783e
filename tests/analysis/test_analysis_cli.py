"""``python -m analysis``: valid GeoJSON/CSV for hotspots, pairs and gaps."""
from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

import settings
from analysis.cli import build_parser, main
from analysis.registry import write_registry_csv
from geo.crs import to_lonlat
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from tests.analysis.conftest import AREA_M, make_incidents


def _fake_load(args):
    rng = np.random.default_rng(2)
    cross = make_incidents(rng.normal(0, 400, 30), rng.normal(0, 400, 30),
                           categories=["youth_clash"] * 20 + ["road_crash"] * 10,
                           dates=pd.Timestamp("2024-01-01"))
    noise = make_incidents(rng.uniform(-29000, 29000, 30), rng.uniform(-19000, 19000, 30),
                           start_id=100)
    lon, lat = to_lonlat(np.array([-1500.0, 1500.0, 3000.0]), np.array([0.0, 0.0, 500.0]))
    places = pd.DataFrame({"place_id": ["gn:1", "gn:2", "gn:3"], "name": ["A", "B", "C"],
                           "lon": lon, "lat": lat, "iso3": ["KGZ", "TJK", "TJK"],
                           "source": "geonames"})
    return pd.concat([cross, noise], ignore_index=True), AREA_M, places


def _registry_csv(tmp_path):
    lon, lat = to_lonlat(np.array([-1000.0, 1000.0]), np.array([0.0, 0.0]))
    reg = pd.DataFrame({"community_id": ["KG-1", "TJ-1"], "name_en": ["Ak-Sai", "Vorukh"],
                        "iso3": ["KGZ", "TJK"], "lon": lon, "lat": lat, "mech_type": "cswg",
                        "status": ["active", "planned"], "priorities": "youth_clash"})
    return write_registry_csv(reg, tmp_path / "reg.csv")


def test_hotspots_geojson_and_csv(tmp_path, capsys):
    out = tmp_path / "clusters.geojson"
    assert main(["hotspots", "--out", str(out), "--mc-sims", "9"], load=_fake_load) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) >= 1
    feat = doc["features"][0]
    assert feat["geometry"]["type"] == "Polygon"
    assert feat["properties"]["hotspot_id"] == "HS-001"
    assert "row(s) written" in capsys.readouterr().out
    cells = tmp_path / "cells.csv"
    assert main(["hotspots", "--layer", "gistar", "--cell-m", "5000", "--mc-sims", "0",
                 "--out", str(cells)], load=_fake_load) == 0
    table = pd.read_csv(cells)
    assert list(table.columns) == ["cell_id", "count", "z", "p", "p_fdr", "gi_bin"]
    assert table["count"].sum() == 60


def test_pairs_geojson_lines_and_gaps_points(tmp_path):
    reg = _registry_csv(tmp_path)
    pairs = tmp_path / "pairs.geojson"
    assert main(["pairs", "--registry-csv", str(reg), "--mc-sims", "9", "--out", str(pairs)],
                load=_fake_load) == 0
    g = gpd.read_file(pairs)
    assert len(g) >= 1 and (g.geom_type == "LineString").all()
    assert g.iloc[0]["kg_community_id"] == "KG-1" and g.iloc[0]["mode"] == "joint"
    gaps = tmp_path / "gaps.geojson"
    assert main(["gaps", "--registry-csv", str(reg), "--mc-sims", "9", "--out", str(gaps)],
                load=_fake_load) == 0
    gg = gpd.read_file(gaps)
    assert (gg.geom_type == "Point").all()
    # TJ-1 is only planned: the cross-border hotspot is a gap on the TJ side, proposing a
    # gazetteer candidate (B or C; candidates at a registered mechanism are skipped)
    row = gg[gg["missing_side"] == "TJ"].iloc[0]
    assert row["proposed_name"] in {"B", "C"}
    gaps_csv = tmp_path / "gaps.csv"
    assert main(["gaps", "--registry-csv", str(reg), "--mc-sims", "9", "--out",
                 str(gaps_csv)], load=_fake_load) == 0
    assert "why" in pd.read_csv(gaps_csv).columns


def test_bad_output_suffix_and_weights(tmp_path, capsys):
    assert main(["hotspots", "--out", str(tmp_path / "x.txt"), "--mc-sims", "0"],
                load=_fake_load) == 2
    assert ".geojson or .csv" in capsys.readouterr().err
    assert main(["hotspots", "--weights", "loudness=3", "--out", str(tmp_path / "x.csv")],
                load=_fake_load) == 2
    assert main(["hotspots", "--layer", "admin", "--out", str(tmp_path / "a.geojson")],
                load=_fake_load) == 2


def test_end_to_end_on_the_synthetic_demo_store(tmp_path, db_url):
    """Real store, filters and default engine: the same path the app uses (both backends)."""
    from incidents.wiring import open_store
    url = db_url
    store = open_store(url)
    store.load_demo(principal=ADMIN)
    store.close()
    out = tmp_path / "hs.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "hotspots", "--db", url, "--mc-sims", "19",
         "--category", "youth_clash", "--out", str(out)],
        cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    g = gpd.read_file(out)
    assert len(g) >= 3 and g.crs.to_epsg() == 4326
    assert g["hotspot_id"].tolist()[:3] == ["HS-001", "HS-002", "HS-003"]
    assert (g["sources"].str.contains("SYNTHETIC DEMO")).all()
    assert (g["n_youth_clash"] == g["n_incidents"]).all()  # the category filter applied
    assert "Point statistics use" in proc.stdout


@pytest.mark.parametrize("command", ["hotspots", "pairs", "gaps"])
def test_parser_has_filters_and_parameters(command):
    args = build_parser().parse_args([command, "--out", "x.csv", "--from", "2023-01-01",
                                      "--eps-m", "1500", "--cell-m", "2000"])
    assert args.eps_m == 1500 and args.cell_m == 2000
    from incidents.filters import IncidentFilter
    assert str(IncidentFilter.from_cli_args(args).date_from) == "2023-01-01"
