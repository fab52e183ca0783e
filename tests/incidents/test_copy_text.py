"""PostgreSQL's COPY text built by column: every escape the format needs (the round trip
through a real server runs in test_store_roundtrip_property on both backends)."""
from __future__ import annotations

import datetime as dt

import pytest

from incidents.tables import copy_columns


def test_copy_columns_escapes_and_types():
    rows = [("a\tb\\c\nd\re ${x} </script>", 1, 2.5, True, dt.date(2024, 5, 1), None),
            (None, None, 5e-7, False, None, "Ворух")]
    assert copy_columns(list(zip(*rows, strict=True))) == (
        "a\\tb\\\\c\\nd\\re ${x} </script>\t1\t2.5\ttrue\t2024-05-01\t\\N\n"
        "\\N\t\\N\t5e-7\tfalse\t\\N\tВорух\n").encode()
    assert copy_columns([[], [], []]) == b"" and copy_columns([]) == b""


def test_a_copy_error_keeps_no_value(pg_server_url):
    """PostgreSQL's COPY error quotes the bad value (message, DETAIL, CONTEXT): the error
    raised keeps only the message with its quoted text masked, as the SQLite path keeps
    no parameters."""
    import sqlalchemy as sa

    from incidents import tables
    from tests import pg_server
    url = pg_server.create_database(pg_server_url)
    engine = sa.create_engine(url, hide_parameters=True)
    try:
        tables.metadata.create_all(engine, tables=[tables.import_batches])
        with pytest.raises(sa.exc.DBAPIError) as err, engine.begin() as conn:
            tables.bulk_insert(conn, tables.import_batches, ("batch_id", "started_at",
                               "rows_read", "inserted", "updated", "duplicates", "rejected"),
                               [("B1", "2026-01-01", "SECRET-NOTE-abc", 0, 0, 0, 0)])
        text = f"{err.value}\n{err.value.orig!r}"
        assert "SECRET-NOTE-abc" not in text
        assert "invalid input syntax" in text  # the reason stays
    finally:
        engine.dispose()
        pg_server.drop_database(pg_server_url, url)
