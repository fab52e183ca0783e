"""IncidentFilter: masks, query-parameter and CLI round trips, garbage tolerance, wording."""
from __future__ import annotations

import argparse
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.filters import FilterError, IncidentFilter, severity
from incidents.schema import CATEGORIES, SENSITIVITIES, SIDES, VERIFICATION_STATUSES, conform


@pytest.fixture
def frame() -> pd.DataFrame:
    return conform(pd.DataFrame({
        "event_date": pd.to_datetime(["2024-01-01", "2024-06-30", "2024-12-31", "2025-03-01",
                                      "2025-03-02"]),
        "category": ["water_dispute", "road_crash", "water_dispute", "protest", "youth_clash"],
        "side": ["KG", "TJ", "KG", pd.NA, "outside"],
        "fatalities": [pd.NA, 0, 2, pd.NA, 1],
        "injuries": [3, pd.NA, 0, pd.NA, pd.NA],
        "geo_precision": [1, 2, 3, pd.NA, 1],
        "verification_status": ["verified", "unverified", "verified", "unverified", "duplicate"],
        "sensitivity": ["public", "internal", "restricted", "internal", "public"],
        "deleted": [False, False, False, True, False],
        "location": ["Ак-Сай", "Vorukh", "Kok-Tash", "Batken", "Isfara"],
        "notes": ["canal water", "crash on the road", None, "Canal protest", "fight"],
    }))


def _ids(df):
    return df.index.tolist()


def test_default_keeps_all_but_deleted(frame):
    assert _ids(IncidentFilter().apply(frame)) == [0, 1, 2, 4]
    assert _ids(IncidentFilter(include_deleted=True).apply(frame)) == [0, 1, 2, 3, 4]


def test_severity(frame):
    assert severity(frame).tolist() == [1, 0, 2, 0, 2]
    assert _ids(IncidentFilter(min_severity=1).apply(frame)) == [0, 2, 4]
    assert _ids(IncidentFilter(min_severity=2).apply(frame)) == [2, 4]


def test_each_field(frame):
    assert _ids(IncidentFilter(date_from=date(2024, 6, 30), date_to=date(2024, 12, 31))
                .apply(frame)) == [1, 2]  # both ends inclusive
    assert _ids(IncidentFilter(categories=("water_dispute",)).apply(frame)) == [0, 2]
    assert _ids(IncidentFilter(sides=("KG", "outside")).apply(frame)) == [0, 2, 4]
    assert _ids(IncidentFilter(geo_precisions=(1,)).apply(frame)) == [0, 4]
    assert _ids(IncidentFilter(geo_precisions=(0,), include_deleted=True)
                .apply(frame)) == [3]  # 0 = unresolved
    assert _ids(IncidentFilter(verification=("verified",)).apply(frame)) == [0, 2]
    assert _ids(IncidentFilter(sensitivity=("public",)).apply(frame)) == [0, 4]
    assert _ids(IncidentFilter(text="CANAL", include_deleted=True).apply(frame)) == [0, 3]
    assert _ids(IncidentFilter(text="ак-сай").apply(frame)) == [0]


def test_empty_frame():
    assert IncidentFilter(categories=("protest",), text="x").apply(conform(
        pd.DataFrame())).empty


filters = st.builds(
    IncidentFilter,
    date_from=st.none() | st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    date_to=st.none(),
    categories=st.lists(st.sampled_from(CATEGORIES), unique=True).map(tuple),
    sides=st.lists(st.sampled_from(SIDES), unique=True).map(tuple),
    min_severity=st.sampled_from([0, 1, 2]),
    geo_precisions=st.lists(st.sampled_from([0, 1, 2, 3]), unique=True).map(tuple),
    verification=st.lists(st.sampled_from(VERIFICATION_STATUSES), unique=True).map(tuple),
    sensitivity=st.lists(st.sampled_from(SENSITIVITIES), unique=True).map(tuple),
    include_deleted=st.booleans(),
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
    .map(str.strip),
)


@settings(max_examples=150, deadline=None)
@given(filters)
def test_query_params_round_trip(flt):
    params = flt.to_query_params()
    assert all(isinstance(v, str) for v in params.values())
    back, warnings = IncidentFilter.from_query_params(params)
    assert warnings == [] and back == flt


@settings(max_examples=80, deadline=None)
@given(filters)
def test_cli_round_trip(flt):
    parser = argparse.ArgumentParser()
    IncidentFilter.add_cli_arguments(parser)
    argv = []
    if flt.date_from:
        argv += ["--from", flt.date_from.isoformat()]
    for c in flt.categories:
        argv += ["--category", c]
    if flt.sides:
        argv += ["--side", ",".join(flt.sides)]
    argv += ["--min-severity", str(flt.min_severity)]
    for p in flt.geo_precisions:
        argv += ["--precision", str(p)]
    for v in flt.verification:
        argv += ["--verification", v]
    for s in flt.sensitivity:
        argv += ["--sensitivity", s]
    if flt.include_deleted:
        argv.append("--include-deleted")
    argv.append(f"--text={flt.text}")
    assert IncidentFilter.from_cli_args(parser.parse_args(argv)) == flt


def test_garbage_params_ignored_and_reported():
    flt, warnings = IncidentFilter.from_query_params({
        "date_from": "2024-13-45", "date_to": ["2024-01-01"],
        "categories": ["water_dispute,bogus", "road_crash"], "sides": "KG,XX",
        "min_severity": "9", "geo_precisions": "1,a,7", "verification": "verified",
        "include_deleted": "perhaps", "unrelated_key": "x", "text": "<script>",
    })
    assert flt == IncidentFilter(date_to=date(2024, 1, 1),
                                 categories=("water_dispute", "road_crash"), sides=("KG",),
                                 geo_precisions=(1,), verification=("verified",),
                                 text="<script>")
    joined = " | ".join(warnings)
    for bad in ("2024-13-45", "bogus", "XX", "'9'", "'a'", "'7'", "perhaps"):
        assert bad in joined
    assert len(warnings) == 7


def test_reversed_dates_swapped_with_warning():
    flt, warnings = IncidentFilter.from_query_params({"date_from": "2025-01-01",
                                                      "date_to": "2024-01-01"})
    assert (flt.date_from, flt.date_to) == (date(2024, 1, 1), date(2025, 1, 1))
    assert warnings == ["date_from is after date_to; the two were swapped"]


def test_cli_rejects_bad_values():
    parser = argparse.ArgumentParser()
    IncidentFilter.add_cli_arguments(parser)
    with pytest.raises(FilterError, match="picnic"):
        IncidentFilter.from_cli_args(parser.parse_args(["--category", "picnic"]))


def test_describe():
    assert IncidentFilter().describe() == "All incidents (deleted excluded)."
    text = IncidentFilter(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31),
                          categories=("water_dispute", "land_pasture_dispute"),
                          sides=("KG", "TJ"), min_severity=2, geo_precisions=(1, 2),
                          verification=("verified",), text="canal").describe()
    assert text == ("Incidents from 01 Jan 2024 to 31 Dec 2024; in categories water dispute, "
                    "land pasture dispute; on side KG, TJ; with deaths reported; with location "
                    "precision exact, near a named place; with verification status verified; "
                    "mentioning 'canal' (deleted excluded).")
