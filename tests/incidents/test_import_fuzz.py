"""Hypothesis fuzzing of the table importer: random text tables never crash the importer
and every row is accounted for."""
from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from incidents.importers import ImportFileError, read_any

HEADERS = ["date", "village", "type", "lat", "lon", "deaths", "injured", "notes", "Дата",
           "Широта", "coordinates", "geo_precision", "id", "", "notes"]
CELL_POOL = ["16.05.2025", "2025-05-16", "31/02/2024", "45000", "yesterday", "39,9", "70.6",
             "40°03'N", "400", "-1", "many", "ДТП", "вода", "protest", "=cmd|' /C calc'!A0",
             "<b>x</b>", "NaN", "", " ", "0", "40.05 70.8 850 5", "Ак-Сай", '"', ";", "\n"]
cells = st.one_of(st.sampled_from(CELL_POOL), st.text(max_size=12))


@st.composite
def tables(draw):
    prefix = draw(st.sampled_from([["date", "village"], ["Дата", "Село"], []]))
    header = prefix + draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    n_rows = draw(st.integers(0, 8))
    good_date = st.sampled_from(["16.05.2025", "2025-05-16", "45000", "16 May 2025"])
    rows = [[draw(good_date), draw(st.sampled_from(["Ак-Сай", "Test-Village A"]))][:len(prefix)]
            + draw(st.lists(cells, min_size=max(0, len(header) - len(prefix) - 1),
                            max_size=len(header) - len(prefix) + 1))
            for _ in range(n_rows)]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode(encoding, errors="replace"), n_rows


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_tables_never_crash_and_account_for_rows(table):
    data, _ = table
    try:
        parsed = read_any(data, filename="fuzz.csv", fmt="table")
    except ImportFileError as exc:
        assert "fuzz.csv" in str(exc)
        event("file-level error")
        return
    event("rows accepted" if len(parsed.frame) else "all rows rejected")
    assert parsed.rows_read == len(parsed.frame) + len(parsed.rejected)
    numbers = list(parsed.row_numbers) + [r.row_number for r in parsed.rejected]
    assert len(numbers) == len(set(numbers)) and min(numbers) >= 2
    for rej in parsed.rejected:
        assert rej.field and rej.reason and isinstance(rej.raw, dict)
    assert parsed.frame["event_date"].notna().all()
    has_point = parsed.frame["lat"].notna()
    assert (parsed.frame.loc[has_point, "geocode_method"] == "coordinates").all()
