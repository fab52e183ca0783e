"""The quarantine keeps each rejection reason's key and params beside its English (revision
0010_quarantine_keys): read back, a reason is the keyed message again and renders in Russian
from them; a row stored before the revision (English only) is shown as stored; the user's
text inside the params is inserted as written, never formatted as a template."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

import i18n
from incidents import migrations, tables
from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.importers import read_any
from incidents.messages import Msg
from incidents.store import IncidentStore
from tests.incidents.store_fakes import FakeEngine

USER_TEXT = "{n} </script> $x$"
CSV = ("date,village,type,lat,lon\n"
       "16.05.2025,Ak-Sai,protest,0,0\n"           # coordinates 0, 0: a warning
       f"{USER_TEXT},Vorukh,protest,39.9,70.6\n"   # not a date: rejected, the cell kept
       "16.05.2025,Vorukh,protest,39.9,70.6\n").encode()
RU_REASON = (f"«{USER_TEXT}» – дата не распознана; запишите её как дд.мм.гггг, дд/мм/гггг, "
             "гггг-мм-дд или «16 мая 2025»")


def _import(url: str):
    store = IncidentStore(url)
    report = store.import_parsed(read_any(CSV, filename="rows.csv"), principal=ADMIN,
                                 engine=FakeEngine(), gazetteer=None, file_name="rows.csv")
    return store, report


def test_a_rejected_row_read_back_renders_russian_from_its_key_and_params(db_url):
    store, report = _import(db_url)
    try:
        assert [w.key for w in report.warnings] == ["warn.zero_point"]
        assert i18n.reason_text(report.warnings[0], "ru") == \
            "координаты 0, 0 прочитаны как «нет точки» в строках 2"
        q = store.quarantine(ADMIN)
        assert list(q.columns) == ["quarantine_id", "batch_id", "row_number", "field",
                                   "reason", "raw_json", "resolved"]
        [reason] = q["reason"].tolist()
        assert isinstance(reason, Msg) and reason.key == "date.unrecognised"
        assert dict(reason.params) == {"value": USER_TEXT}
        assert reason == report.rejected[0].reason  # the English as the importer wrote it
        assert i18n.reason_text(reason, "ru") == RU_REASON
        assert i18n.reason_text(reason, "en").startswith(f"'{USER_TEXT}' is not a recognised")
        rows = store.quarantine_rows(ADMIN)
        assert i18n.reason_text(rows["quarantine_reason"].iloc[0], "ru") == RU_REASON
        t = tables.quarantine
        with store.engine.connect() as conn:
            key, params = conn.execute(sa.select(t.c.reason_key, t.c.reason_params)).one()
        assert key == "date.unrecognised" and json.loads(params) == {"value": USER_TEXT}
    finally:
        store.close()


def _insert_plain(conn: sa.Connection, reason: str) -> None:
    """A quarantine row as the store wrote it before 0010: English only."""
    conn.execute(sa.text(
        "INSERT INTO quarantine (batch_id, row_number, field, reason, raw_json, resolved) "
        "VALUES ('old', 3, 'event_date', :reason, '{}', :no)"), {"reason": reason, "no": False})


def test_a_row_stored_before_the_keys_is_shown_in_english_as_stored(db_url):
    store = IncidentStore(db_url)
    try:
        stored = f"'{USER_TEXT}' is in the future"  # reads like a keyed reason: not parsed
        with store.engine.begin() as conn:
            _insert_plain(conn, stored)
            _insert_plain(conn, "the date is empty")
        reasons = store.quarantine(ADMIN)["reason"].tolist()
        assert reasons == [stored, "the date is empty"]
        assert not any(isinstance(r, Msg) for r in reasons)
        assert [i18n.reason_text(r, "ru") for r in reasons] == reasons
    finally:
        store.close()


def test_a_key_or_params_that_no_longer_fit_show_the_english_as_stored(db_url):
    store = IncidentStore(db_url)
    try:
        with store.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO quarantine (batch_id, row_number, field, reason, reason_key, "
                "reason_params, resolved) VALUES ('x', 2, 'f', 'gone', 'no.such.key', '{}', "
                ":no), ('x', 3, 'f', 'bad params', 'date.future', 'not json', :no), "
                "('x', 4, 'f', 'no params', 'date.future', NULL, :no)"), {"no": False})
        assert store.quarantine(ADMIN)["reason"].tolist() == ["gone", "bad params",
                                                              "no params"]
    finally:
        store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """An empty database on each backend (no revision run yet)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    from tests import pg_server
    server = request.getfixturevalue("pg_server_url")
    url = pg_server.create_database(server)
    yield url
    pg_server.drop_database(server, url)


def test_a_store_at_0009_upgrades_and_keeps_its_english_reasons(empty_url):
    """Revision 0010 on a store holding quarantine rows: the rows kept, shown as stored;
    new rejections get their keys."""
    from alembic import command
    engine = sa.create_engine(empty_url)
    with engine.begin() as conn:
        command.upgrade(migrations._config(conn), "0009_accounts")
        conn.execute(sa.text("INSERT INTO import_batches (batch_id, started_at, rows_read, "
                             "inserted, updated, duplicates, rejected) VALUES "
                             "('old', '2024-01-01', 1, 0, 0, 0, 1)"))
        _insert_plain(conn, "the date is empty")
    engine.dispose()
    assert migrations.pending(sa.create_engine(empty_url)) == ["0010_quarantine_keys"]
    store, _ = _import(empty_url)
    try:
        old, new = store.quarantine(ADMIN)["reason"].tolist()
        assert type(old) is str and i18n.reason_text(old, "ru") == "the date is empty"
        assert isinstance(new, Msg) and i18n.reason_text(new, "ru") == RU_REASON
        with store.engine.connect() as conn:
            assert migrations.current(conn) == migrations.head() == "0010_quarantine_keys"
    finally:
        store.close()
