"""Several writers at once on each backend: imports and edits from separate sessions never
lose a write, never half-write and never fail because another writer holds the store; a
NUL character in a file is stored without it (PostgreSQL refuses NUL in text)."""
from __future__ import annotations

import threading

import pandas as pd

from incidents.access import LOCAL_ADMIN, Principal
from incidents.cli import main
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine, parsed, record

N_IMPORTS, ROWS_PER_IMPORT, N_EDITS = 4, 300, 20


def _run_all(jobs) -> list[BaseException]:
    """Start every job in its own thread at the same moment; the exceptions raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def wrap(job):
        try:
            start.wait(timeout=60)
            job()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "a writer never finished"
    return errors


def test_four_imports_and_twenty_edits_at_once_lose_nothing(db_url):
    seed = IncidentStore(db_url)
    seed.import_parsed(parsed([record(i, source_event_id=f"SEED{i}") for i in range(N_EDITS)]),
                       engine=FakeEngine(), gazetteer=None, file_name="seed.csv",
                       principal=LOCAL_ADMIN)
    seeded = seed.load(principal=LOCAL_ADMIN)["event_id"].tolist()
    seed.close()
    stores = [IncidentStore(db_url) for _ in range(N_IMPORTS + N_EDITS)]  # one per session
    reports = {}

    def importer(k):
        recs = [record(i, source_event_id=f"IMP{k}-{i}", notes=f"import {k}")
                for i in range(ROWS_PER_IMPORT)]
        reports[k] = stores[k].import_parsed(parsed(recs), engine=FakeEngine(),
                                             gazetteer=None, file_name=f"imp{k}.csv",
                                             principal=Principal(f"importer{k}", "admin"))

    def editor(k):
        stores[N_IMPORTS + k].update(seeded[k], {"notes": f"edited by editor {k}",
                                                 "fatalities": 100 + k},
                                     principal=Principal(f"editor{k}", "admin"))

    jobs = [lambda k=k: importer(k) for k in range(N_IMPORTS)]
    jobs += [lambda k=k: editor(k) for k in range(N_EDITS)]
    errors = _run_all(jobs)
    for s in stores:
        s.close()
    assert errors == []

    store = IncidentStore(db_url)
    df = store.load(principal=LOCAL_ADMIN)
    total = N_EDITS + N_IMPORTS * ROWS_PER_IMPORT
    assert len(df) == total and df["event_id"].is_unique
    assert sorted(int(e.split("-")[1]) for e in df["event_id"]) == list(range(1, total + 1))
    by_key = df.set_index("source_event_id")
    for k in range(N_IMPORTS):  # every imported row, whole, in its own batch
        assert reports[k].inserted == ROWS_PER_IMPORT
        rows = by_key.loc[[f"IMP{k}-{i}" for i in range(ROWS_PER_IMPORT)]]
        assert (rows["import_batch_id"] == reports[k].batch_id).all()
        assert (rows["notes"] == f"import {k}").all() and rows["side"].notna().all()
    for k, event_id in enumerate(seeded):  # every edit, in the row and in its history
        row = df.set_index("event_id").loc[event_id]
        assert row["notes"] == f"edited by editor {k}" and row["fatalities"] == 100 + k
        hist = store.history(event_id, LOCAL_ADMIN)
        upd = hist[hist["action"] == "update"].set_index("field")
        assert set(upd.index) == {"notes", "fatalities"}, event_id
        assert (upd["user"] == f"editor{k}").all()
        assert upd.loc["notes", "new_value"] == f"edited by editor {k}"
    batches = store.batches(LOCAL_ADMIN)
    assert len(batches) == N_IMPORTS + 1
    assert sorted(batches["inserted"].tolist()) == [N_EDITS] + [ROWS_PER_IMPORT] * N_IMPORTS
    assert batches["finished_at"].notna().all()
    for k in range(N_IMPORTS):  # one import_insert history entry per imported row
        ids = by_key.loc[[f"IMP{k}-{i}" for i in range(ROWS_PER_IMPORT)], "event_id"]
        hist = pd.concat([store.history(e, LOCAL_ADMIN) for e in ids.iloc[::50]])
        assert (hist["action"] == "import_insert").all()
        assert (hist["batch_id"] == reports[k].batch_id).all()
    with store.engine.connect() as conn:
        n_hist = conn.exec_driver_sql(
            "SELECT count(*) FROM incident_history WHERE action = 'import_insert'").scalar()
    assert n_hist == total
    store.close()


def test_the_same_file_imported_twice_at_once_is_stored_once(db_url):
    """Imports run one after the other: the second sees the first's rows as duplicates."""
    IncidentStore(db_url).close()
    recs = [record(i, source_event_id=f"SAME{i}") for i in range(200)]
    stores = [IncidentStore(db_url) for _ in range(2)]
    reports = []
    errors = _run_all([lambda s=s: reports.append(s.import_parsed(
        parsed(recs), engine=FakeEngine(), gazetteer=None, file_name="same.csv",
        principal=LOCAL_ADMIN))
        for s in stores])
    for s in stores:
        s.close()
    assert errors == []
    assert sorted((r.inserted, r.duplicates) for r in reports) == [(0, 200), (200, 0)]
    store = IncidentStore(db_url)
    assert store.count(principal=LOCAL_ADMIN) == 200
    store.close()


def test_nul_character_in_a_file_is_stored_without_it(db_url, tmp_path, capsys):
    """PostgreSQL refuses NUL in text: the import still succeeds (exit 0), the NUL is
    dropped, and no SQL reaches the user."""
    path = tmp_path / "nul.csv"
    path.write_bytes(
        b"event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
        b"sub_event_type,actor1,country,admin1,admin2,location,latitude,longitude,"
        b"geo_precision,source,notes,fatalities\n"
        b"KGZ1,2022-01-03,2022,1,Political violence,Battles,Armed clash,A\x00B,Kyrgyzstan,"
        b"Batken,Batken,Ak-Sai,39.87,70.52,1,src,bad\x00note,0\n")
    code = main(["import", str(path), "--db", db_url])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "INSERT" not in err and "SELECT" not in err
    row = IncidentStore(db_url).load(principal=LOCAL_ADMIN).iloc[0]
    assert "\x00" not in row["notes"] and row["notes"].replace("\x00", "") == "badnote"
    assert row["actor1"] == "AB"


def test_nul_character_in_an_edit_is_stored_without_it(db_url):
    store = IncidentStore(db_url)
    store.import_parsed(parsed([record(1)]), engine=FakeEngine(), gazetteer=None,
                        file_name="one.csv", principal=LOCAL_ADMIN)
    store.update("KGTJ-000001", {"notes": "a\x00b"}, principal=Principal("ana", "admin"))
    assert store.get("KGTJ-000001", LOCAL_ADMIN)["notes"] == "ab"
    hist = store.history("KGTJ-000001", LOCAL_ADMIN)
    assert hist["new_value"].dropna().tolist() == ["ab"]
    store.close()



def test_registry_writes_from_several_sessions_at_once(db_url):
    """Communities added at once with blank ids all get their own id; edits of different
    fields of one community at once both stay."""
    from analysis.registry import RegistryStore
    RegistryStore(db_url).add({"community_id": "KG-001", "name_en": "CSWG Test", "iso3": "KGZ",
                               "lon": 70.52, "lat": 39.87, "mech_type": "cswg",
                               "status": "active"}, LOCAL_ADMIN)
    stores = [RegistryStore(db_url) for _ in range(8)]
    jobs = [lambda s=s, k=k: s.add({"community_id": "", "name_en": f"Group {k}",
                                    "iso3": "TJK", "lon": 70.58, "lat": 39.85,
                                    "mech_type": "mahalla_committee", "status": "active"},
                                   LOCAL_ADMIN)
            for k, s in enumerate(stores[:6])]
    jobs += [lambda: stores[6].update("KG-001", {"status": "suspended"}, LOCAL_ADMIN),
             lambda: stores[7].update("KG-001", {"notes": "met on Monday"}, LOCAL_ADMIN)]
    assert _run_all(jobs) == []
    reg = RegistryStore(db_url).load().set_index("community_id")
    assert sorted(reg.index) == ["C-0001", "C-0002", "C-0003", "C-0004", "C-0005", "C-0006",
                                 "KG-001"]
    assert sorted(reg["name_en"].drop("KG-001")) == [f"Group {k}" for k in range(6)]
    assert reg.loc["KG-001", "status"] == "suspended"
    assert reg.loc["KG-001", "notes"] == "met on Monday"
