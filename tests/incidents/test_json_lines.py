"""``extra`` JSON built in Arrow is the text pandas' JSON writer gives, character for
character (the stored ``extra`` and the content hashes of re-imports depend on it)."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.importers.fast_csv import STR_DTYPE
from incidents.importers.json_lines import json_records

# every character pandas escapes, its own control characters, and text that is not ASCII
TEXT = st.text(st.sampled_from(list('\\"/\n\r\t\b\f\x01\x1f\x7f <>&\'{}[]:,aZ09$ Ворух'
                                    '\u0085\u2028\u2029\ufeff😀')), max_size=12)


def _pandas(frame: pd.DataFrame) -> list[str]:
    return frame.to_json(orient="records", lines=True, force_ascii=False).split("\n")[:-1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=6),
       st.lists(TEXT, min_size=1, max_size=3, unique=True))
def test_same_text_as_pandas(rows, names):
    cells = {n: [r[i % 2] for r in rows] for i, n in enumerate(names)}
    for dtype in (STR_DTYPE, object):
        frame = pd.DataFrame({n: pd.array(v, dtype=dtype) for n, v in cells.items()},
                             index=range(10, 10 + len(rows)))
        out = json_records(frame)
        assert out.tolist() == _pandas(frame)
        assert list(out.index) == list(frame.index)
        assert out.dtype == "string"


@pytest.mark.parametrize("value", [None, "</script><img src=x onerror=alert(1)>{{7*7}}",
                                   "$\\alpha$", "a\x00b", "x" * 10_000])
def test_missing_and_hostile_cells(value):
    frame = pd.DataFrame({"tags": pd.array([value, "ok/1"], dtype=STR_DTYPE),
                          "k\"/ey": pd.array(["\t", "\n"], dtype=STR_DTYPE)})
    assert json_records(frame).tolist() == _pandas(frame)
