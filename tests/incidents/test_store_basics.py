"""Incident store: migrations, round trip, accounting, re-import, updates, edits, history."""
from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from i18n.report_text import report_text
from incidents.access import LOCAL_ADMIN as ADMIN  # noqa: F401
from incidents.access import Principal
from incidents.importers.result import RejectedRow
from incidents.report import AccountingError, ImportReport
from incidents.schema import COLUMNS, DTYPES
from incidents.store import IncidentNotFound
from incidents.validation import RecordError
from incidents.wiring import open_store
from tests.incidents.store_fakes import FakeEngine, parsed, record


@pytest.fixture
def store(db_url):
    """A new store on each backend (SQLite, PostgreSQL)."""
    s = open_store(db_url)
    yield s
    s.close()


def _import(store, p, **kw):
    kw.setdefault("principal", ADMIN)
    return store.import_parsed(p, engine=FakeEngine(), gazetteer=kw.pop("gazetteer", None),
                               file_name="f.csv", **kw)


def test_round_trip_preserves_dtypes_and_na(store):
    recs = [record(i) for i in range(6)]
    recs[1]["notes"] = "<b>html</b> & 'quotes' — кириллица"
    recs[2]["lon"], recs[2]["lat"], recs[2]["geo_precision"] = float("nan"), float("nan"), pd.NA
    rep = _import(store, parsed(recs))
    assert rep.inserted == 6
    df = store.load(principal=ADMIN)
    assert list(df.columns) == list(COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(pd.Series(dtype=t).dtype)
                                                          for c, t in DTYPES.items()}
    assert df["event_id"].tolist() == [f"KGTJ-{i:06d}" for i in range(1, 7)]
    assert df.loc[0, "fatalities"] is pd.NA and df.loc[1, "fatalities"] == 1
    assert df.loc[1, "notes"] == recs[1]["notes"]
    assert pd.isna(df.loc[2, "lon"]) and df.loc[2, "geo_precision"] is pd.NA
    assert df.loc[0, "event_date"] == pd.Timestamp("2022-01-01")
    assert bool(df.loc[0, "in_study_area"]) is True and df.loc[0, "side"] == "TJ"
    one = store.get("KGTJ-000002", ADMIN)
    assert one["source_event_id"] == "KGZ0001"
    with pytest.raises(IncidentNotFound):
        store.get("KGTJ-999999", ADMIN)


def test_accounting_identity_and_quarantine(store):
    rej = [RejectedRow(9, "event_date", "cannot read date '31/31/2020'", {"date": "31/31/2020"})]
    bad = record(5, category="not_a_category")
    rep = _import(store, parsed([record(1), record(2), bad], rejected=rej))
    assert rep.rows_read == 4
    assert rep.rows_read == rep.inserted + rep.updated + rep.duplicates + len(rep.rejected)
    assert rep.inserted == 2 and len(rep.rejected) == 2
    q = store.quarantine(ADMIN)
    assert sorted(q["row_number"].tolist()) == [4, 9]
    assert set(q["field"]) == {"event_date", "category"}
    assert "31/31/2020" in q.loc[q["row_number"] == 9, "raw_json"].iloc[0]
    assert (q["batch_id"] == rep.batch_id).all()
    store.resolve_quarantine(int(q["quarantine_id"].iloc[0]), ADMIN)
    assert len(store.quarantine(ADMIN)) == 1 and len(store.quarantine(ADMIN,
                                                                      include_resolved=True)) == 2
    b = store.batches(ADMIN)
    assert b.loc[0, "rows_read"] == 4 and b.loc[0, "rejected"] == 2
    assert '"rows_read": 4' in rep.to_json() and "row 9: event_date" in report_text(rep, "en")


def test_report_refuses_broken_identity():
    with pytest.raises(AccountingError):
        ImportReport(rows_read=3, inserted=1, duplicates=1)


def test_reimport_is_a_noop(store):
    recs = [record(i) for i in range(5)] + [record(9, source_event_id=None, notes="no id")]
    first = _import(store, parsed(recs))
    before = store.load(principal=ADMIN)
    hist_before = store.history("KGTJ-000001", ADMIN)
    again = _import(store, parsed(recs))
    assert (again.inserted, again.updated, again.duplicates) == (0, 0, 6)
    pd.testing.assert_frame_equal(store.load(principal=ADMIN), before)
    pd.testing.assert_frame_equal(store.history("KGTJ-000001", ADMIN), hist_before)
    assert first.inserted == 6 and store.count(principal=ADMIN) == 6


def test_acled_update_by_source_event_id_records_history(store):
    _import(store, parsed([record(1), record(2)]))
    store.update("KGTJ-000001", {"verification_status": "verified"}, principal=Principal("ana",
                                                                                         "admin"))
    changed = [record(1, fatalities=7, notes="revised"), record(2), record(3)]
    rep = _import(store, parsed(changed), principal=Principal("importer", "admin"))
    assert (rep.inserted, rep.updated, rep.duplicates) == (1, 1, 1)
    row = store.get("KGTJ-000001", ADMIN)
    assert row["fatalities"] == 7 and row["notes"] == "revised"
    assert row["verification_status"] == "verified"  # a reviewer's decision survives
    h = store.history("KGTJ-000001", ADMIN)
    upd = h[h["action"] == "import_update"].set_index("field")
    assert upd.loc["fatalities", "new_value"] == "7" and upd.loc["notes", "old_value"] == "note 1"
    assert (upd["user"] == "importer").all() and (upd["batch_id"] == rep.batch_id).all()


def test_same_key_twice_in_one_file_with_other_content_is_rejected(store):
    rep = _import(store, parsed([record(1), record(1, fatalities=5), record(1)]))
    assert (rep.inserted, rep.duplicates, len(rep.rejected)) == (1, 1, 1)
    assert rep.rejected[0].field == "source_event_id" and rep.rejected[0].row_number == 3


def test_cross_source_duplicate_flagged_not_merged(store):
    _import(store, parsed([record(1)]))
    near = record(1, source_dataset="kobo", source_event_id="k-1", lon=70.505, lat=39.905,
                  review_flags="formula_like_text")  # a flag the importer set is kept
    far = record(1, source_dataset="kobo", source_event_id="k-2", lon=70.6, lat=39.9)
    # same source as the stored row, > 1 km from the new kobo row: not flagged
    same_src = record(1, source_event_id="other", lon=70.4965, lat=39.8975)
    rep = _import(store, parsed([near, far, same_src]))
    assert rep.inserted == 3 and rep.flagged_possible_duplicates == 1
    df = store.load(principal=ADMIN).set_index("source_event_id")
    assert df.loc["k-1", "review_flags"] == "formula_like_text;possible_duplicate:KGTJ-000001"
    assert pd.isna(df.loc["k-2", "review_flags"]) and pd.isna(df.loc["other", "review_flags"])
    assert store.count(principal=ADMIN) == 4


def test_outside_study_area_kept_and_flagged(store):
    rep = _import(store, parsed([record(1), record(2, lon=74.0, lat=42.0)]))
    assert rep.inserted == 2 and rep.outside_study_area == 1
    df = store.load(principal=ADMIN)
    assert df["in_study_area"].tolist() == [True, False]


def test_learned_places_persist_and_feed_gazetteer(store):
    from geo.gazetteer import Gazetteer
    from geo.geocode import geocode

    gaz = Gazetteer.build()
    assert geocode("Kok-Tash-Test", gaz).status == "not_found"
    # test data: a fictitious name at three points of one village (lon >= 70.6: the fake
    # engine's Kyrgyz side), one row without exact coordinates, one at a known place, and
    # a name of GeoNames' Kyrgyz Ak-Say ~3.5 km away on the fake engine's Tajik side
    pub = {"sensitivity": "public"}  # only public rows teach names (issue 15)
    recs = [record(1, location="Kok-Tash-Test", lon=70.60, lat=39.90, **pub),
            record(2, location="kok-tash-test", lon=70.601, lat=39.901, **pub),
            record(5, location="Kok-Tash-Test", lon=70.602, lat=39.902, **pub),
            record(3, location="Far-Test", geo_precision=2, **pub),         # not exact
            record(4, location="Ak-Say", lon=70.5222, lat=39.8744, **pub),  # known place
            record(6, location="Ак-Сай", lon=70.561, lat=39.870, **pub)]    # across the line
    rep = _import(store, parsed(recs), gazetteer=gaz)
    learned = store.learned_places()
    assert learned["location"].tolist() == ["Kok-Tash-Test", "kok-tash-test", "Kok-Tash-Test"]
    assert learned.loc[0, "source_event_id"] == "KGZ0001"
    assert [p["name"] for p in rep.learned_places] == ["Kok-Tash-Test"]
    assert "3 points merged into one place" in rep.learned_places[0]["why"]
    assert [(r["name"], r["status"]) for r in rep.learn_refused] == [
        ("Ак-Сай", "refused_across_line")]
    text = report_text(rep, "en")
    assert "places learned: 1" in text and "refused" in text
    # why: keyed messages from geo.learning to the report, so its text reads in Russian
    assert {p["why"].key for p in rep.learned_places + rep.learn_refused} == {
        "learn.rows_merged", "learn.across_line"}
    ru = report_text(rep, "ru")
    assert "3 согласующиеся строки; 3 точки объединены в одно место" in ru
    assert "выученное название никогда не спорит с географией" in ru
    rebuilt = Gazetteer.build(learned=learned)  # survives a restart
    res = geocode("Kok-Tash-Test", rebuilt)
    assert res.status == "matched" and res.method == "learned"
    assert (rebuilt.places["source"] == "learned").sum() == 1  # one village, one place
    _import(store, parsed(recs), gazetteer=rebuilt)  # re-import learns nothing new
    assert len(store.learned_places()) == 3


def test_one_row_waits_for_more_evidence_across_imports(store):
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer.build()
    pub = {"sensitivity": "public"}
    rep = _import(store, parsed([record(1, location="Waitobod", lon=70.65, lat=39.95, **pub)]),
                  gazetteer=gaz)
    assert rep.learned_places == [] and [w["name"] for w in rep.learn_waiting] == ["Waitobod"]
    gaz = gaz.learn(store.learned_places())
    rep = _import(store, parsed([record(2, location="Waitobod", lon=70.651, lat=39.951, **pub),
                                 record(3, location="Waitobod", lon=70.652, lat=39.952, **pub)]),
                  gazetteer=gaz)
    assert [p["name"] for p in rep.learned_places] == ["Waitobod"]


def test_add_update_delete_with_history(store):
    eid = store.add({"source_dataset": "internal", "event_date": "2024-05-01",
                     "category": "water_dispute", "lon": 70.7, "lat": 40.0,
                     "geo_precision": 1, "notes": "canal"},
                    principal=Principal("ana", "admin"), engine=FakeEngine())
    assert eid == "KGTJ-000001"
    row = store.get(eid, ADMIN)
    assert row["verification_status"] == "unverified" and row["side"] == "KG"
    assert row["sensitivity"] == "internal" and row["geocode_method"] == "coordinates"
    with pytest.raises(RecordError) as err:
        store.update(eid, {"category": "riot"}, principal=Principal("ana", "admin"))
    assert err.value.field == "category"
    with pytest.raises(RecordError, match="fatalities"):
        store.update(eid, {"fatalities": "many"}, principal=Principal("ana", "admin"))
    with pytest.raises(RecordError, match="event_id"):
        store.update(eid, {"event_id": "X"}, principal=Principal("ana", "admin"))
    with pytest.raises(RecordError, match="event_date_end"):
        store.update(eid, {"event_date_end": "2024-04-01"}, principal=Principal("ana", "admin"))
    store.update(eid, {"lon": 70.5, "fatalities": "0", "notes_shareable": "true",
                       "event_date": "2024-05-03"},
                    principal=Principal("bob", "admin"), engine=FakeEngine())
    row = store.get(eid, ADMIN)
    assert row["side"] == "TJ" and row["fatalities"] == 0 and row["notes_shareable"] is True
    assert row["event_date"] == pd.Timestamp("2024-05-03")
    h = store.history(eid, ADMIN)
    fields = set(h.loc[h["action"] == "update", "field"])
    assert {"lon", "fatalities", "side", "country"} <= fields
    assert (h.loc[h["action"] == "update", "user"] == "bob").all()
    store.delete(eid, principal=Principal("bob", "admin"))
    assert store.count(principal=ADMIN) == 0 and store.is_empty()
    assert len(store.load(principal=ADMIN, include_deleted=True)) == 1
    assert store.history(eid, ADMIN)["action"].iloc[-1] == "delete"
    store.restore(eid, principal=Principal("ana", "admin"))
    assert store.count(principal=ADMIN) == 1
    assert store.history(eid, ADMIN)["action"].iloc[-1] == "restore"
    store.delete(eid, principal=Principal("bob", "admin"))
    with pytest.raises(RecordError, match="required"):
        store.add({"source_dataset": "internal", "category": "other"},
                  principal=Principal("x", "admin"), engine=FakeEngine())


def test_sensitive_category_defaults_to_restricted(store):
    eid = store.add({"source_dataset": "internal", "event_date": "2024-05-01",
                     "category": "domestic_violence"},
                    principal=Principal("ana", "admin"), engine=FakeEngine())
    assert store.get(eid, ADMIN)["sensitivity"] == "restricted"


def test_all_rows_rejected_and_empty_file(store):
    rej = [RejectedRow(2, "lat", "400 is not a latitude", {"lat": "400"}),
           RejectedRow(3, "event_date", "missing", {})]
    rep = _import(store, parsed([], rejected=rej))
    assert (rep.rows_read, rep.inserted, len(rep.rejected)) == (2, 0, 2)
    assert store.is_empty() and len(store.quarantine(ADMIN)) == 2
    empty = _import(store, parsed([]))
    assert empty.rows_read == 0 and empty.inserted == 0
    assert len(store.batches(ADMIN)) == 2


def test_sql_compiles_for_postgresql():
    """The store's SQL is dialect-neutral (only SQLite is run in the tests)."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    from incidents import tables
    dialect = postgresql.dialect()
    for table in tables.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=dialect))
        assert "AUTOINCREMENT" not in ddl
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    hist = str(tables.incident_history.insert().values(
        {c: sa.bindparam(c) for c in ("event_id", "user")}).compile(dialect=dialect))
    assert '"user"' in hist and "%(event_id)s" in hist  # reserved word quoted, pyformat
    assert "date" in str(CreateTable(tables.incidents).compile(dialect=dialect)).lower()


def test_concurrent_imports_are_serialised(tmp_path):
    import threading
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    open_store(url).close()
    errors, reports = [], []

    def run(prefix):
        try:
            s = open_store(url)
            recs = [record(i, source_event_id=f"{prefix}{i}") for i in range(300)]
            reports.append(s.import_parsed(parsed(recs), principal=ADMIN, engine=FakeEngine(),
                                           gazetteer=None,
                                           file_name=prefix))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in ("A", "B", "C")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sum(r.inserted for r in reports) == 900
    df = open_store(url).load(principal=ADMIN)
    assert len(df) == 900 and df["event_id"].is_unique
    assert df["event_id"].iloc[-1] == "KGTJ-000900"


def test_add_with_explicit_sensitivity_keeps_it(store):
    """A new record may carry its sensitivity (regression: NA check raised on add)."""
    new_id = store.add({"event_date": "2024-05-01", "category": "water_dispute",
                        "lon": 70.62, "lat": 40.12, "geo_precision": 1,
                        "sensitivity": "public", "source_dataset": "internal"}, ADMIN)
    assert store.get(new_id, ADMIN)["sensitivity"] == "public"
    default_id = store.add({"event_date": "2024-05-02", "category": "domestic_violence",
                            "lon": 70.62, "lat": 40.12, "geo_precision": 1,
                            "source_dataset": "internal"}, ADMIN)
    assert store.get(default_id, ADMIN)["sensitivity"] == "restricted"


def test_version_changes_with_every_write_from_any_connection(tmp_path):
    """What the app keys its caches on: another process's edit (here another store object on
    the same file) changes it too, not only a change in the number of rows."""
    url = f"sqlite:///{tmp_path / 'v.sqlite'}"
    app, cli = open_store(url), open_store(url)
    seen = [app.version()]
    event_id = cli.add({"source_dataset": "internal", "event_date": "2024-05-01",
                        "category": "water_dispute", "lon": 70.7, "lat": 40.0,
                        "geo_precision": 1},
                    principal=Principal("cli", "admin"), engine=FakeEngine())
    seen.append(app.version())
    cli.update(event_id, {"verification_status": "verified"}, principal=Principal("cli", "admin"))
    seen.append(app.version())  # same number of rows, one more history entry
    cli.delete(event_id, principal=Principal("cli", "admin"))
    seen.append(app.version())
    assert len(set(seen)) == len(seen), seen
    assert app.version() == seen[-1]  # and stays put while nothing is written
    app.close()
    cli.close()


def test_import_tells_its_progress_stage_by_stage(store):
    seen = []
    report = store.import_parsed(parsed([record(i) for i in range(3)]), principal=ADMIN,
                                 engine=FakeEngine(),
                                 gazetteer=None, file_name="f.csv",
                                 progress=lambda f, stage: seen.append((f, stage)))
    assert report.inserted == 3
    assert [s for _f, s in seen] == ["check", "geocode", "border", "write", "done"]
    fractions = [f for f, _s in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
