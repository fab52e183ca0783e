"""Issue 16 in the analysis: a visible analysis date, whys that name it, contested incidents
in the cross-border test."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.dates import analysis_date
from analysis.pairing import is_cross_border
from analysis.why import PairWhy, why_from_json
from i18n import why_text


def test_analysis_date_defaults_to_today_or_the_filter_end():
    today = dt.date(2026, 12, 3)
    assert analysis_date(today=today) == pd.Timestamp("2026-12-03")
    assert analysis_date(date_to=dt.date(2021, 5, 14), today=today) == pd.Timestamp("2021-05-14")
    assert analysis_date(date_to=dt.date(2030, 1, 1), today=today) == pd.Timestamp("2026-12-03")
    assert analysis_date("2025-04-30", dt.date(2021, 5, 14), today) == pd.Timestamp("2025-04-30")


def _why(triggers=()):
    return PairWhy(hotspot_id="HS-001", top=(("border_guard_incident", 7),), n_incidents=7,
                   extent_km=2.0, since="2021-04", kg_name="Arka", kg_name_ru="Арка",
                   tj_name="Khoja Alo", tj_name_ru=None, shared=(), triggers=tuple(triggers),
                   armed_km=15.0, window_days=90, as_of="2025-04-30")


def test_why_names_the_window_and_its_date():
    text = str(_why())
    assert "no exchange of fire within 15 km in the 90 days before 30 April 2025 → joint" \
        in text
    par = str(_why([("KGTJ-000001", "2025-04-29")]))
    assert "in the 90 days before 30 April 2025: KGTJ-000001 (2025-04-29) → parallel" in par
    ru = why_text(why_from_json(_why().to_json()), "ru")
    assert "до 30 апреля 2025 г." in ru


def test_contested_incident_makes_a_hotspot_cross_border():
    h = pd.DataFrame({"n_kg_side": [5, 5], "n_tj_side": [0, 0], "n_contested": [0, 2],
                      "min_border_dist_m": [9000.0, 9000.0]})
    assert is_cross_border(h, 5000.0).tolist() == [False, True]
