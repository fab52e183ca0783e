"""The fast CSV reader (pyarrow) reads exactly the cells, row numbers and warnings the
``csv`` module reads, and hands every irregular file back to it."""
from __future__ import annotations

import random

import pytest

from incidents.importers import source
from incidents.importers.fast_csv import read_regular


def _both(text: str):
    """(fast RawTable or None, csv-module RawTable) of ``text`` as a UTF-8 file."""
    data = text.encode("utf-8")
    decoded, _enc, _conf = source.decode(data, "t.csv")
    delim = source.sniff_delimiter(decoded)
    fast = read_regular(decoded, data, delim, "t.csv")
    slow = source._read_records(decoded, delim, "t.csv")
    return (None if fast is None else source._named_table(*fast, "t.csv")), slow


def _same(fast, slow) -> None:
    assert fast.frame.astype(object).values.tolist() == slow.frame.astype(object).values.tolist()
    assert list(fast.frame.columns) == list(slow.frame.columns)
    assert fast.row_numbers.tolist() == slow.row_numbers.tolist()
    assert fast.warnings == slow.warnings
    assert not slow.rejected


HOSTILE = (
    'date,village,notes,extra\r\n'
    '2024-05-01,Ворух,"a ""quoted"" word, and a comma",${alert(1)}\r\n'
    '\r\n'  # a blank record: skipped, still counted
    '2024-05-02,"Ak-Say","two\r\nlines </script>",`;alert(106);//\r\n'
    ',,,\r\n'  # only delimiters: blank too
    '2024-05-03,x\x00y,"$\\undefinedmacro{x}$",\u202eRTL\x07\r\n'
    '2024-05-04,"""",' + "z" * 10_000 + ',=1+1\r\n'
)


def test_a_hostile_but_regular_file_reads_the_same_as_the_csv_module():
    fast, slow = _both(HOSTILE)
    assert fast is not None, "a regular file takes the fast reader"
    _same(fast, slow)
    assert fast.row_numbers.tolist() == [2, 4, 6, 7]  # records, as a spreadsheet counts
    assert "2 cell(s) held NUL or other control characters" in fast.warnings[0]


@pytest.mark.parametrize("text", [
    'a,b\n"x"y,1\n',          # csv's strict mode refuses text after a closing quote
    'a,b\n1,"open\n2,3\n',    # a quote that never closes
    'a,b\n1,2,3\n4,5\n',      # a ragged row: rejected with its number by the csv reader
    'a,b\nab"c,1\n',          # a quote inside an unquoted cell
    'a,b,\n1,2,\n',           # an empty trailing header cell
    '\na,b\n1,2\n',           # a blank record before the header
    'a,b\n1,' + "x" * 140_000 + '\n',  # a cell over csv's field size limit
])
def test_irregular_files_go_to_the_csv_module(text):
    data = text.encode()
    assert read_regular(text, data, ",", "t.csv") is None


def test_random_files_read_the_same_either_way():
    rnd = random.Random(20)
    atoms = ["a", " ", '""', ",", "\n", "\r\n", "\x00", "Ворух", "\u00a0", "\t", "=1",
             "</script>", "\ufeff", "x" * 7]
    fast_used = 0
    for _ in range(400):
        width = rnd.randint(1, 4)
        rows = []
        for _r in range(rnd.randint(1, 5)):
            cells = ["".join(rnd.choice(atoms) for _ in range(rnd.randint(0, 3)))
                     for _c in range(width)]
            rows.append(",".join('"' + c.replace('"', '""') + '"'
                                 if any(ch in c for ch in ',"\r\n') or rnd.random() < 0.2
                                 else c for c in cells))
        text = rnd.choice(["\n", "\r\n"]).join(rows) + "\n"
        try:
            fast, slow = _both(text)
        except source.ImportFileError:
            continue  # empty, header only: the csv reader's errors (its own tests)
        if fast is not None:
            fast_used += 1
            _same(fast, slow)
    assert fast_used > 100


def test_the_control_byte_check_finds_what_the_cleaning_regex_finds():
    """read_regular skips the per-column regex when the bytes hold no control character:
    the byte check must answer as the regex does for every character."""
    import re

    from incidents.importers.fast_csv import _has_control
    pattern = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # CONTROL_RE2
    points = [*range(0x3000), *range(0xFFF0, 0x10000), 0x1F600, 0x10FFFF]
    for cp in points:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        assert _has_control(f"a,{chr(cp)}\n".encode()) == bool(pattern.search(chr(cp))), hex(cp)
    fast, slow = _both("a,b\n1,x\ufffey\n2,z\n")
    _same(fast, slow)
    assert fast.frame.iloc[0, 1] == "xy"
