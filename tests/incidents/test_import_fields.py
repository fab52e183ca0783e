"""Low-level cell parsers: dates, coordinates, counts, actor types."""
from __future__ import annotations

import pandas as pd
import pytest

from incidents.importers.coords import parse_degrees, parse_pair
from incidents.importers.dates import parse_dates
from incidents.importers.fields import normalise_actor_type, parse_count


@pytest.mark.parametrize("cell,expected,precision", [
    ("16/05/2025", "2025-05-16", 1), ("2025-05-16", "2025-05-16", 1),
    ("16-05-2025", "2025-05-16", 1), ("16.05.2025", "2025-05-16", 1),
    ("16 May 2025", "2025-05-16", 1), ("16 September 2025", "2025-09-16", 1),
    ("16-May-2025", "2025-05-16", 1), ("May 16, 2025", "2025-05-16", 1),
    ("16 мая 2025 г.", "2025-05-16", 1), ("1 марта 2024", "2024-03-01", 1),
    ("45000", "2023-03-15", 1), ("45000.75", "2023-03-15", 1),
    ("2024-05-16T10:15:00.000+05:00", "2024-05-16", 1), ("16.05.2025 14:30", "2025-05-16", 1),
    ("2025-05", "2025-05-15", 3), ("05.2025", "2025-05-15", 3), ("May 2025", "2025-05-15", 3),
])
def test_date_forms(cell, expected, precision):
    r = parse_dates(pd.Series([cell]))
    assert r.values.iloc[0] == pd.Timestamp(expected) and r.precision.iloc[0] == precision
    assert pd.isna(r.reason.iloc[0])


@pytest.mark.parametrize("cell,reason", [
    ("31/02/2024", "not a valid"), ("yesterday", "not a recognised"), ("2024", "year-only"),
    ("12345", "Excel date range"), ("1899-12-31", "before 1900"), ("32.13.2024", "not a valid"),
])
def test_bad_dates(cell, reason):
    r = parse_dates(pd.Series([cell]))
    assert pd.isna(r.values.iloc[0]) and reason in r.reason.iloc[0]


def test_empty_date_is_not_an_error_here():
    r = parse_dates(pd.Series(["", None]))
    assert r.values.isna().all() and r.reason.isna().all()


@pytest.mark.parametrize("cell,axis,value", [
    ("40.0532", "lat", 40.0532), ("40,0532", "lat", 40.0532),
    ("40°03'12\"N", "lat", 40 + 3 / 60 + 12 / 3600), ("40 03 12 N", "lat", 40 + 3 / 60 + 12 / 3600),
    ("N 40°03.5'", "lat", 40 + 3.5 / 60), ("40°03′ с.ш.", "lat", 40.05),
    ("70°49'E", "lon", 70 + 49 / 60), ("70°49′ в.д.", "lon", 70 + 49 / 60),
    ("33°S", "lat", -33.0), ("-70.5", "lon", -70.5), ("NaN", "lat", None), ("", "lat", None),
])
def test_degrees(cell, axis, value):
    values, reason = parse_degrees(pd.Series([cell]), axis)
    if value is None:
        assert pd.isna(values.iloc[0]) and pd.isna(reason.iloc[0])
    else:
        assert values.iloc[0] == pytest.approx(value) and pd.isna(reason.iloc[0])


@pytest.mark.parametrize("cell,reason", [
    ("400", "out of range"), ("abc", "not a latitude"), ("40°75'N", "below 60"),
    ("70°E", "longitude but stands in the latitude"), ("inf", "finite"),
])
def test_bad_degrees(cell, reason):
    values, why = parse_degrees(pd.Series([cell]), "lat")
    assert pd.isna(values.iloc[0]) and reason in why.iloc[0]


def test_pairs():
    lat, lon, why = parse_pair(pd.Series(["40.05 70.8 850 5", "40.05, 70.81",
                                          "70°49'E 40°03'N", "x y", "95 70"]))
    assert lat.iloc[:3].round(4).tolist() == [40.05, 40.05, 40.05]
    assert lon.iloc[:3].round(4).tolist() == [70.8, 70.81, 70.8167]
    assert why.iloc[:3].isna().all() and why.iloc[3:].notna().all()


def test_counts_unknown_is_not_zero():
    values, why = parse_count(pd.Series(["3", "0", "", "3.0", "many", "-1", "2.5"]))
    assert values.iloc[0] == 3 and values.iloc[1] == 0 and pd.isna(values.iloc[2])
    assert values.iloc[3] == 3
    assert why.iloc[:4].isna().all() and why.iloc[4:].notna().all()


def test_actor_types_numeric_and_text():
    got = normalise_actor_type(pd.Series(["1", "8", "State Forces", "Protestors", "0", "", "x"]))
    assert got.tolist()[:4] == ["State forces", "External/Other forces", "State forces",
                                "Protesters"]
    assert got.isna().tolist()[4:6] == [True, True] and got.iloc[6] == "x"
