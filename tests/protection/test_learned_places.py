"""Learned place names come only from public, non-sensitive, confirmed rows (issue 15): on the
code before, any precision-1 row taught the gazetteer, restricted ones included, and
``incidents geocode`` / the add form returned the exact point of a safe house."""
from __future__ import annotations

import pandas as pd
import pytest

from geo.gazetteer import Gazetteer, settlements
from geo.geocode import geocode
from incidents.access import LOCAL_ADMIN, Principal
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine, parsed, record


@pytest.fixture
def store(tmp_path):
    s = IncidentStore(f"sqlite:///{tmp_path / 's.sqlite'}")
    yield s
    s.close()


def _import(store, recs):
    gaz = Gazetteer.build()
    return store.import_parsed(parsed(recs), engine=FakeEngine(), gazetteer=gaz,
                               principal=LOCAL_ADMIN)


def _spot(i, name, **kw):
    return record(i, location=name, lon=70.60 + 0.0002 * i, lat=39.90, **kw)


def _learned(store) -> set[str]:
    return set(store.learned_places()["location"])


def test_restricted_and_internal_rows_never_teach_a_name(store):
    _import(store, [_spot(i, "Gulnora Safe House", sensitivity="restricted",
                          verification_status="verified") for i in range(1, 5)]
            + [_spot(i, "Aziz Karimov house", sensitivity="internal",
                     verification_status="verified") for i in range(5, 9)])
    assert _learned(store) == set()
    gaz = Gazetteer.build(learned=store.learned_places())
    assert geocode("Gulnora Safe House", gaz).status == "not_found"
    assert geocode("Aziz Karimov house", gaz).status == "not_found"


def test_public_rows_teach_only_when_repeated_or_verified(store):
    _import(store, [_spot(1, "Once-Seen", sensitivity="public")])
    assert _learned(store) == set()  # one unverified row: not confirmed
    _import(store, [_spot(i, "Thrice-Seen", sensitivity="public") for i in (2, 3, 4)]
            + [_spot(5, "Checked-Spring", sensitivity="public", verification_status="verified")]
            + [_spot(6, "Dv-Place", sensitivity="public", category="domestic_violence")])
    assert _learned(store) == {"Thrice-Seen", "Checked-Spring"}


def test_a_row_made_restricted_later_stops_teaching(store):
    _import(store, [_spot(i, "Thrice-Seen", sensitivity="public") for i in (1, 2, 3)])
    assert _learned(store) == {"Thrice-Seen"}
    before = store.learned_count()
    eid = store.load(principal=LOCAL_ADMIN)["event_id"].iloc[0]
    store.update(eid, {"sensitivity": "restricted"}, principal=Principal("t", "admin"))
    assert store.learned_count() != before  # cached gazetteers are rebuilt
    assert _learned(store) == set()  # two public rows left: no longer confirmed


def test_settlements_never_hold_learned_names():
    gaz = Gazetteer.build().learn(pd.DataFrame({  # three consistent rows: learned
        "location": ["Tash-Bulak Spring"] * 3, "lon": [70.61, 70.6101, 70.6102],
        "lat": [39.91] * 3, "geo_precision": [1] * 3, "source_dataset": ["kobo"] * 3}))
    assert "Tash-Bulak Spring" in set(gaz.places["name"])
    assert "Tash-Bulak Spring" not in set(settlements(gaz)["name"])
    assert (settlements(gaz)["source"] != "learned").all()
