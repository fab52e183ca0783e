"""Property test: valid rows come back out of the store unchanged; re-import is a no-op."""
from __future__ import annotations

import tempfile

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.schema import CATEGORIES, SENSITIVITIES, VERIFICATION_STATUSES
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine, parsed

SOURCE_COLUMNS = ["source_dataset", "source_event_id", "event_date", "time_precision",
                  "category", "fatalities", "injuries", "lon", "lat", "geo_precision",
                  "location", "notes", "verification_status", "sensitivity",
                  "notes_shareable"]

# NUL is not storable text: the store drops it (tested in test_concurrent_writers)
# no lone surrogates: no decoded file holds one, and Arrow text cannot encode them
chars = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
text = st.one_of(st.none(), st.text(chars, min_size=1, max_size=30).filter(lambda s: s.strip()))
count = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))
row = st.fixed_dictionaries({
    "source_dataset": st.sampled_from(["acled", "internal", "kobo"]),
    "event_date": st.dates(min_value=pd.Timestamp("1990-01-01").date(),
                           max_value=pd.Timestamp("2030-12-31").date()),
    "time_precision": st.sampled_from([1, 2, 3]),
    "category": st.sampled_from(CATEGORIES),
    "fatalities": count, "injuries": count,
    "lon": st.one_of(st.none(), st.floats(min_value=-180, max_value=180)),
    "lat": st.one_of(st.none(), st.floats(min_value=-90, max_value=90)),
    "geo_precision": st.one_of(st.none(), st.sampled_from([1, 2, 3])),
    "location": text, "notes": text,
    "verification_status": st.sampled_from(VERIFICATION_STATUSES),
    "sensitivity": st.sampled_from(SENSITIVITIES),
    "notes_shareable": st.one_of(st.none(), st.booleans()),
})


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=8))
def test_store_round_trip_property(rows):
    for i, r in enumerate(rows):
        r["source_event_id"] = f"P{i}"
        r["event_date"] = pd.Timestamp(r["event_date"])
    p = parsed(rows)
    with tempfile.TemporaryDirectory() as tmp:
        store = IncidentStore(f"sqlite:///{tmp}/p.sqlite")
        rep = store.import_parsed(p, principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                                  file_name="p")
        assert rep.inserted == len(rows)
        out = store.load(principal=ADMIN)
        again = store.import_parsed(p, principal=ADMIN, engine=FakeEngine(), gazetteer=None,
                                    file_name="p")
        assert again.duplicates == len(rows) and again.inserted == again.updated == 0
        pd.testing.assert_frame_equal(store.load(principal=ADMIN), out)
        store.close()
    pd.testing.assert_frame_equal(out[SOURCE_COLUMNS], p.frame[SOURCE_COLUMNS],
                                  check_exact=True)
