"""PostgreSQL's COPY text built by column: every escape the format needs (the round trip
through a real server runs in test_store_roundtrip_property on both backends)."""
from __future__ import annotations

import datetime as dt

from incidents.tables import copy_columns


def test_copy_columns_escapes_and_types():
    rows = [("a\tb\\c\nd\re ${x} </script>", 1, 2.5, True, dt.date(2024, 5, 1), None),
            (None, None, 5e-7, False, None, "Ворух")]
    assert copy_columns(list(zip(*rows, strict=True))) == (
        "a\\tb\\\\c\\nd\\re ${x} </script>\t1\t2.5\ttrue\t2024-05-01\t\\N\n"
        "\\N\t\\N\t5e-7\tfalse\t\\N\tВорух\n").encode()
    assert copy_columns([[], [], []]) == b"" and copy_columns([]) == b""
