"""incidents.arrow_bytes: the byte scan may raise a false alarm, never miss a byte."""
from __future__ import annotations

import pyarrow as pa

from incidents.arrow_bytes import surely_without, surely_without_any, text_bytes


def test_a_nul_or_control_byte_is_never_missed():
    for typ in (pa.string(), pa.large_string()):
        clean = pa.array(["Ворух", "Ak-Say", None, ""], type=typ)
        assert surely_without(clean, 1) and surely_without(clean, 0x20)
        assert not surely_without(pa.array(["a", "Ak\x00Say"], type=typ), 1)
        assert not surely_without(pa.array(["line\nbreak"], type=typ), 0x20)
        assert surely_without(pa.array(["line\nbreak"], type=typ), 1)
        chunked = pa.chunked_array([clean, pa.array(["x\x1f"], type=typ)])
        assert not surely_without(chunked, 0x20)


def test_a_slice_may_alarm_but_a_clean_slice_of_clean_data_passes():
    arr = pa.array(["Ak\x00Say", "Isfara", "Batken"])
    assert not surely_without(arr.slice(1), 1)  # the buffer still holds the NUL: "maybe"
    assert surely_without(pa.array(["Isfara", "Batken"]).slice(1), 1)


def test_other_types_and_empty_data_answer_maybe_or_none():
    assert text_bytes(pa.array([1, 2])) is None and not surely_without(pa.array([1]), 1)
    assert text_bytes(pa.array([None, None], type=pa.string())) == []
    assert surely_without(pa.array([], type=pa.string()), 1)


def test_a_listed_byte_is_never_missed_and_multibyte_text_never_alarms():
    chars = b'\\"/\n'
    for typ in (pa.string(), pa.large_string()):
        assert surely_without_any(pa.array(["Ворух", "Исфара", None], type=typ), chars)
        for bad in ('a"b', "a/b", "a\\b", "x\ny"):
            assert not surely_without_any(pa.array(["ok", bad], type=typ), chars), bad
        chunked = pa.chunked_array([pa.array(["ok"], type=typ), pa.array(["1/2"], type=typ)])
        assert not surely_without_any(chunked, chars)
    assert not surely_without_any(pa.array([1, 2]), chars)  # not text: "maybe"
