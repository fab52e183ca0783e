"""The map's analysis layers kept for every session (ui.shared_analysis)."""
from __future__ import annotations

import threading
import time

import pytest

from ui import shared_analysis


@pytest.fixture(autouse=True)
def _empty():
    shared_analysis.forget()
    yield
    shared_analysis.forget()


def test_sessions_asking_at_once_wait_for_one_computation():
    calls: list[int] = []

    def compute():
        calls.append(1)
        time.sleep(0.3)  # long enough for every thread to arrive while it runs
        return {"clusters": "layers"}

    got: list[dict] = []
    threads = [threading.Thread(target=lambda: got.append(
        shared_analysis.get_or_compute(("k",), compute))) for _ in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1 and len(got) == 6
    assert all(g is got[0] for g in got)  # the same kept object, not a copy each
    assert shared_analysis.get(("k",)) is got[0]


def test_a_failed_computation_is_not_kept_and_the_next_call_computes_again():
    def fail():
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError):
        shared_analysis.get_or_compute(("k",), fail)
    assert shared_analysis.get(("k",)) is None
    assert shared_analysis.get_or_compute(("k",), lambda: {"pairs": 1}) == {"pairs": 1}


def test_only_the_last_filters_are_kept():
    for i in range(shared_analysis.MAX_KEPT + 2):
        shared_analysis.keep((i,), {"n": i})
    assert shared_analysis.get((0,)) is None and shared_analysis.get((1,)) is None
    last = shared_analysis.MAX_KEPT + 1
    assert shared_analysis.get((last,)) == {"n": last}
