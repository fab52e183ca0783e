"""analysis.service: the one chain the app, the CLI and the print builder call."""
from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
import pytest

from analysis import cli
from analysis.hotspots import HotspotParams
from analysis.pairing import PairingParams
from analysis.registry import conform_registry
from analysis.service import AnalysisRequest, analyse, registry_for
from tests.analysis.conftest import make_incidents
from tests.analysis.test_pairing_gaps import _community

HP = HotspotParams(mc_sims=0)


def _scene():
    """A cross-border cluster of 30 public rows plus 6 restricted rows at its centre, and two
    communities either side."""
    rng = np.random.default_rng(5)
    public = make_incidents(rng.normal(0, 400, 30), rng.normal(0, 400, 30),
                            dates=pd.Timestamp("2024-03-01"))
    hidden = make_incidents(rng.normal(0, 100, 6), rng.normal(0, 100, 6), start_id=500,
                            sensitivity="restricted", location="Safe House",
                            dates=pd.Timestamp("2024-03-01"))
    registry = conform_registry(pd.DataFrame([
        _community("KG-1", "Ak-Sai", "KGZ", -1500, 0),
        _community("TJ-1", "Chorkuh", "TJK", 1500, 0)]))
    return pd.concat([public, hidden], ignore_index=True), registry


def test_a_public_request_analyses_public_rows_only(area_m):
    incidents, registry = _scene()
    out = analyse(incidents, area_m, AnalysisRequest(hotspot=HP),
                  registry=registry_for(registry, None, area_m, AnalysisRequest()))
    assert out.left_out == 6 and len(out.incidents) == 30
    ids = ";".join(out.hotspots.clusters["event_ids"].astype(str))
    assert "KGTJ-000500" not in ids and ids  # a hotspot, without the restricted rows
    assert not out.pairs.empty and out.gaps is not None
    internal = analyse(incidents, area_m, AnalysisRequest(hotspot=HP, public=False),
                       registry=registry)
    assert internal.left_out == 0 and "KGTJ-000500" in ";".join(
        internal.hotspots.clusters["event_ids"].astype(str))


def test_requests_are_checked():
    with pytest.raises(ValueError, match="steps"):
        AnalysisRequest(steps=("pairs",))
    with pytest.raises(ValueError, match="registry"):
        analyse(make_incidents([0.0], [0.0]), None, AnalysisRequest(), registry=None)
    with pytest.raises(AttributeError):  # typed and frozen
        AnalysisRequest().public = False  # type: ignore[misc]


def test_the_cli_gives_what_the_service_gives(area_m, tmp_path):
    """`python -m analysis pairs` goes through analyse: the same pairs, public rows only."""
    incidents, registry = _scene()
    csv = tmp_path / "reg.csv"
    registry.to_csv(csv, index=False)
    argv = ["pairs", "--out", str(tmp_path / "p.csv"), "--mc-sims", "0",
            "--registry-csv", str(csv), "--no-candidates"]
    args = cli.build_parser().parse_args(argv)
    table, messages = cli.run(args, load=lambda a: (incidents, area_m, None))
    request = AnalysisRequest(hotspot=cli.hotspot_params(args),
                              pairing=cli.pairing_params(args), steps=("hotspots", "pairs"))
    direct = analyse(incidents, area_m, request, registry=registry).pairs
    assert isinstance(args, argparse.Namespace) and len(table) == len(direct) > 0
    assert list(table["kg_community_id"]) == list(direct["kg_community_id"])
    assert any("30 public record(s) of 36" in m for m in messages)
    # argparse defaults come from the dataclasses
    assert (args.radius_m, args.armed_days) == (PairingParams().radius_m,
                                                PairingParams().armed_window_days)
    assert (args.eps_m, args.min_samples) == (HotspotParams().eps_m, HotspotParams().min_samples)
