"""The analysis date of prints and briefs (load_scene, python -m maps): today, or the
filter's last day when earlier, or --as-of; the pairs' armed-incident window ends on the
same day as the hotspots' recency (as on the app's map), not on the day the print is made."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from incidents.filters import IncidentFilter
from tests import pdf_check
from tests.maps.demo_scene import make_demo_store

PAST = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scene_dates")
    make_demo_store(folder)
    return folder


def _scene(demo_dir, monkeypatch, flt):
    monkeypatch.setenv("KGTJ_DATA_DIR", str(demo_dir))
    from incidents.access import LOCAL_ADMIN
    from maps.print.print_scene import load_scene
    return load_scene(flt=flt, demo_registry=True, principal=LOCAL_ADMIN, with_actions=False)


def _pair_dates(scene) -> set[str]:
    return {json.loads(w)["as_of"] for w in scene.data.pairs["why_params"].dropna()}


def test_a_filter_ending_in_the_past_dates_hotspots_and_pairs_on_its_last_day(demo_dir,
                                                                             monkeypatch):
    scene = _scene(demo_dir, monkeypatch, IncidentFilter(date_to=PAST))
    assert scene.hotspots.as_of == pd.Timestamp(PAST)
    assert len(scene.data.pairs) and _pair_dates(scene) == {PAST.isoformat()}


def test_without_an_end_both_are_dated_today(demo_dir, monkeypatch):
    scene = _scene(demo_dir, monkeypatch, IncidentFilter())
    today = dt.date.today().isoformat()
    assert scene.hotspots.as_of == pd.Timestamp(today) and _pair_dates(scene) == {today}


def test_brief_as_of_sets_the_pairs_window(demo_dir, tmp_path):
    env = dict(os.environ, KGTJ_DATA_DIR=str(demo_dir), KGTJ_GAZETTEER_FILES="")
    r = subprocess.run([sys.executable, "-m", "maps", "brief", "--hotspot", "HS-001",
                        "--demo-registry", "--date", "2026-11-25", "--as-of", "2025-06-30",
                        "--out", str(tmp_path)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    text = pdf_check.text(next(tmp_path.glob("*.pdf")))
    assert "before 30 June 2025" in text and "до 30 июня 2025" in text, text[-3000:]
    # the disclaimer's status date (the 2017 line's) in each language's words
    assert "as of December 2017" in text and "на декабрь 2017" in text


def test_a_brief_pairs_with_the_parameters_it_is_given(demo_dir, monkeypatch):
    """The Hotspots page's brief used the default pairing radius whatever the page's own
    parameters were: the pairs on paper were not the ones on screen. With a pairing radius
    of 5 km (default 10 km), fewer communities are near enough to pair, on the page and in
    the brief alike; the window still ends on the hotspots' analysis date."""
    from dataclasses import replace

    from analysis.pairing import PairingParams
    from incidents.access import LOCAL_ADMIN
    from maps.print.print_scene import load_scene
    monkeypatch.setenv("KGTJ_DATA_DIR", str(demo_dir))
    flt = IncidentFilter(date_to=PAST)
    wide = load_scene(flt=flt, demo_registry=True, principal=LOCAL_ADMIN, with_actions=False)
    near = load_scene(flt=flt, demo_registry=True, principal=LOCAL_ADMIN, with_actions=False,
                      pairing=replace(PairingParams(), radius_m=5000.0, as_of=None))
    assert 0 < len(near.data.pairs) < len(wide.data.pairs)
    assert (near.data.pairs[["kg_dist_m", "tj_dist_m"]] <= 5000.0 + 1e-6).all().all()
    assert _pair_dates(near) == {PAST.isoformat()}


def test_brief_takes_the_analysis_options_of_python_m_analysis(demo_dir, tmp_path):
    """``python -m maps brief`` takes the hotspot and pairing options of ``python -m
    analysis`` (one definition, analysis.cli_options), as the app's Hotspots page sets them
    for its brief: a 30-day window is the one the brief words."""
    env = dict(os.environ, KGTJ_DATA_DIR=str(demo_dir), KGTJ_GAZETTEER_FILES="")
    r = subprocess.run([sys.executable, "-m", "maps", "brief", "--hotspot", "HS-001",
                        "--demo-registry", "--as-of", "2025-06-30", "--armed-days", "30",
                        "--radius-m", "5000", "--out", str(tmp_path)],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    text = " ".join(pdf_check.text(next(tmp_path.glob("*.pdf"))).split())
    assert "in the 30 days before 30 June 2025" in text and "за 30 дней до 30 июня 2025" in text
    assert "in the 90 days" not in text
