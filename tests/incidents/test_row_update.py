"""Re-imports that revise stored records (incidents.row_update), on both backends: every
changed field is written and has one history row with its old and new text, unchanged
fields have none, review fields stay, and a row whose content hash changed but whose
fields did not keeps its version, batch and time."""
from __future__ import annotations

import pandas as pd
import pytest

from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.row_update import UPDATE_FIELDS
from incidents.row_values import to_text
from incidents.wiring import open_store
from tests.incidents.store_fakes import FakeEngine, parsed, record

HOSTILE = "</script>{{7*7}}\x00$x^2$ <img src=x onerror=alert(1)>"


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def _import(store, recs):
    return store.import_parsed(parsed(recs), engine=FakeEngine(), gazetteer=None,
                               file_name="f.csv", principal=ADMIN)


def _first(i: int) -> dict:
    # whole-number coordinates: their history text is "70.0", never "np.float64(70.0)"
    return record(i, lon=70.0 + i % 3, lat=40.0, fatalities=1 if i % 2 else pd.NA)


def _revised(i: int) -> dict:
    if i < 10:  # one whole-number coordinate moves
        return record(i, lon=71.0 + i % 3, lat=40.0, fatalities=1 if i % 2 else pd.NA)
    if i < 20:  # text and date
        return {**_first(i), "notes": HOSTILE + str(i),
                "event_date": pd.Timestamp("2023-05-01")}
    if i < 30:  # a count appears or goes
        return {**_first(i), "fatalities": pd.NA if i % 2 else 4, "actor2": None}
    return {**_first(i), "sensitivity": "public"}  # a review field only: kept, no change


def _expected(before: dict, after: dict) -> dict[str, tuple]:
    return {f: (to_text(before[f]), to_text(after[f])) for f in UPDATE_FIELDS
            if to_text(before[f]) != to_text(after[f])}


def test_revised_rows_write_each_changed_field_once(store):
    ids = [f"KGTJ-{k:06d}" for k in range(1, 41)]
    _import(store, [_first(i) for i in range(40)])
    before = {e: store.get(e, ADMIN) for e in ids}
    versions = {e: store.row_version(e, ADMIN) for e in ids}
    rep = _import(store, [_revised(i) for i in range(40)])
    assert (rep.inserted, rep.updated, rep.duplicates) == (0, 30, 10)
    for k, e in enumerate(ids):
        after = store.get(e, ADMIN)
        hist = store.history(e, ADMIN)
        upd = hist[hist["action"] == "import_update"]
        got = dict(zip(upd["field"], zip(upd["old_value"], upd["new_value"], strict=True),
                       strict=True))
        expected = _expected(before[e], after)
        assert got == expected, e
        assert len(upd) == len(expected)  # one row per field
        if k < 30:
            assert expected and (upd["batch_id"] == rep.batch_id).all()
            assert store.row_version(e, ADMIN) == versions[e] + 1
            assert after["import_batch_id"] == rep.batch_id
        else:  # sensitivity is a review field: the stored one stays, nothing changed
            assert not expected and after["sensitivity"] == "internal"
            assert store.row_version(e, ADMIN) == versions[e]
            assert after["import_batch_id"] == before[e]["import_batch_id"]
            assert after["updated_at"] == before[e]["updated_at"]
    moved = store.history(ids[0], ADMIN).set_index("field")
    assert (moved.loc["lon", "old_value"], moved.loc["lon", "new_value"]) == ("70.0", "71.0")
    assert "lat" not in moved.index  # 40.0 then 40.0: no change
    text = store.get(ids[12], ADMIN)
    assert text["notes"] == HOSTILE.replace("\x00", "") + "12"
    assert text["event_date"] == pd.Timestamp("2023-05-01")
    counts = store.history(ids[21], ADMIN).set_index("field")
    assert (counts.loc["fatalities", "old_value"], counts.loc["fatalities", "new_value"]) \
        == ("1", None)
    assert store.get(ids[20], ADMIN)["fatalities"] == 4


def test_a_revision_never_overwrites_review_fields(store):
    _import(store, [_first(1)])
    store.update("KGTJ-000001", {"verification_status": "verified", "sensitivity": "public"},
                 principal=ADMIN)
    rep = _import(store, [{**_first(1), "notes": "revised", "sensitivity": "restricted",
                           "verification_status": "unverified"}])
    assert rep.updated == 1
    row = store.get("KGTJ-000001", ADMIN)
    assert (row["notes"], row["verification_status"], row["sensitivity"]) == (
        "revised", "verified", "public")
