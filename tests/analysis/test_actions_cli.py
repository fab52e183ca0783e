"""``python -m analysis actions|evaluate|review|changes`` and ``python -m incidents demo``
with its illustrative actions: the contract's options and columns."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd

import settings
from analysis.cli import main
from geo.crs import to_lonlat
from tests.analysis.conftest import AREA_M, make_incidents

CONTRACT = ("action_id, community_id, category, radius_m, before_start, before_end, "
            "after_start, after_end, n_before, n_after, rate_ratio, ci_low, ci_high, "
            "comparison_ratio, verdict").split(", ")


def _load(args):
    before = pd.date_range("2021-01-10", "2021-12-10", periods=20)
    after = pd.date_range("2022-04-10", "2023-03-10", periods=4)
    near = make_incidents(np.linspace(0, 300, 24), np.zeros(24), dates=list(before) + list(after),
                          categories="road_crash")
    rest = make_incidents(np.full(40, 15000.0), np.linspace(-5000, 5000, 40), start_id=100,
                          dates=list(pd.date_range("2021-01-10", "2021-12-10", periods=20))
                          + list(pd.date_range("2022-04-10", "2023-03-10", periods=20)),
                          categories="road_crash")
    secret = make_incidents(np.zeros(30), np.zeros(30), start_id=300, categories="road_crash",
                            dates=pd.Timestamp("2021-09-01"), sensitivity="internal")
    span = make_incidents([20000.0, 20000.0], [0.0, 0.0], start_id=900, categories="other",
                          dates=[pd.Timestamp("2019-01-01"), pd.Timestamp("2024-01-01")])
    near["location"] = "Karimov family house"
    return pd.concat([near, rest, secret, span], ignore_index=True), AREA_M, None


def _actions_csv(path):
    lon, lat = to_lonlat(np.array([0.0]), np.array([0.0]))
    pd.DataFrame([
        {"scope": "community", "community_id": "K-1", "title_en": "Bumps",
         "category": "road_crash", "place_kind": "point", "lon": lon[0], "lat": lat[0],
         "start_date": "2022-01-01", "end_date": "2022-03-31",
         "action_type": "infrastructure", "status": "done"},
        {"scope": "joint", "community_id": "K-1", "title_en": "No partner",
         "category": "road_crash", "place_kind": "point", "lon": lon[0], "lat": lat[0],
         "start_date": "2022-01-01", "action_type": "other", "status": "planned"},
    ]).to_csv(path, index=False)
    return path


def test_actions_import_export_list_and_evaluate(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    fix = tmp_path / "fix.csv"
    rc = main(["actions", "--db", db, "--import", str(_actions_csv(tmp_path / "a.csv")),
               "--rejected", str(fix)])
    err = capsys.readouterr()
    assert rc == 4 and "1 action(s) added; 1 rejected" in err.out
    assert "row 3, field 'partner_community_id'" in err.err
    assert "rejected_reason" in fix.read_text(encoding="utf-8")
    assert main(["actions", "--db", db, "--list"]) == 0
    assert "A-0001" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    assert main(["actions", "--db", db, "--export", str(out)]) == 0
    assert pd.read_csv(out)["title_en"].tolist() == ["Bumps"]

    ev = tmp_path / "ev.csv"
    assert main(["evaluate", "--db", db, "--out", str(ev)], load=_load) == 0
    table = pd.read_csv(ev)
    assert set(CONTRACT) <= set(table.columns) and len(table) == 1
    row = table.iloc[0]
    # public mode (default): the 30 internal records beside the action are not counted
    assert (row["n_before"], row["n_after"]) == (20, 4)
    assert row["rate_ratio"] == 0.2 and row["comparison_ratio"] == 1.0
    assert row["verdict"] == "fewer" and row["radius_m"] == 3000.0
    assert row["before_start"] == "2021-01-01" and row["after_end"] == "2023-03-31"
    internal = tmp_path / "ev_internal.csv"
    assert main(["evaluate", "--db", db, "--out", str(internal), "--mode", "internal",
                 "--radius-m", "500", "--window-months", "6"], load=_load) == 0
    row = pd.read_csv(internal).iloc[0]
    days = (pd.Timestamp("2022-03-31") + pd.DateOffset(months=6) - pd.Timestamp("2022-03-31")).days
    assert row["window_days"] == days  # 6 months after the end (183 days; 184 before)
    first = pd.Timestamp("2022-01-01") - pd.Timedelta(days=days)
    near_before = pd.date_range("2021-01-10", "2021-12-10", periods=20)
    assert row["n_before"] == 30 + int((near_before >= first).sum())
    assert row["radius_m"] == 500.0
    # a round trip of the evaluation file keeps every value
    again = pd.read_csv(internal)
    pd.testing.assert_frame_equal(again, pd.read_csv(internal))
    assert main(["evaluate", "--db", db, "--out", str(tmp_path / "x.geojson")],
                load=_load) == 2


def test_review_and_changes(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert main(["review", "--db", db, "--mc-sims", "0", "--hotspot", "HS-001",
                 "--decision", "not_now", "--on", "2022-06-01"], load=_load) == 4
    assert "say why not now" in capsys.readouterr().err
    assert main(["review", "--db", db, "--mc-sims", "0", "--hotspot", "HS-001",
                 "--decision", "not_now", "--why", "harvest", "--on", "2022-06-01"],
                load=_load) == 0
    capsys.readouterr()
    out = tmp_path / "changes.csv"
    assert main(["changes", "--db", db, "--mc-sims", "0", "--out", str(out)],
                load=_load) == 0
    text = capsys.readouterr().out
    assert "What changed since the last reviews" in text
    assert "Hotspot HS-001: 3 new incidents since 2022-06-01" in text
    assert "KGTJ-" not in text  # public mode names no incident
    # nor a hotspot by the records' own place text (free text that can name a house)
    assert "Karimov" not in text and "Karimov" not in out.read_text(encoding="utf-8")
    assert main(["changes", "--db", db, "--mc-sims", "0", "--since", "2023-01-01"],
                load=_load) == 0
    assert "since 2023-01-01" in capsys.readouterr().out


def test_incidents_demo_loads_and_removes_illustrative_actions(tmp_path):
    db = f"sqlite:///{tmp_path / 'demo.sqlite'}"

    def run(*argv):
        proc = subprocess.run([sys.executable, "-m", *argv, "--db", db],
                              cwd=settings.REPO_ROOT, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    assert "illustrative demo action(s) added" in run("incidents", "demo")
    listed = run("analysis", "actions", "--list")
    assert "DEMO-A1" in listed and "Ak-Say road crossing (illustrative)" in listed
    assert "illustrative action(s) removed" in run("incidents", "demo", "--remove")
    assert "no actions" in run("analysis", "actions", "--list")
