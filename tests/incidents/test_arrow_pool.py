"""The process's Arrow memory pool: the C allocator once resources are built, unless the
user's ARROW_DEFAULT_MEMORY_POOL names one (incidents.wiring.use_system_arrow_pool)."""
from __future__ import annotations

import pyarrow as pa
import pytest

from incidents import wiring


@pytest.fixture
def mimalloc_pool():
    """mimalloc as the default pool for the test; the previous pool restored after."""
    before = pa.default_memory_pool()
    try:
        pa.set_memory_pool(pa.mimalloc_memory_pool())
    except NotImplementedError:  # a pyarrow built without mimalloc
        pytest.skip("this pyarrow has no mimalloc pool")
    yield
    pa.set_memory_pool(before)


def test_resources_switch_to_the_system_pool(mimalloc_pool, monkeypatch, tmp_path):
    monkeypatch.delenv(wiring.ARROW_POOL_ENV, raising=False)
    wiring.load_resources(f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert pa.default_memory_pool().backend_name == "system"


def test_a_pool_the_user_names_is_kept(mimalloc_pool, monkeypatch):
    monkeypatch.setenv(wiring.ARROW_POOL_ENV, "mimalloc")
    assert wiring.use_system_arrow_pool() == "mimalloc"
    assert pa.default_memory_pool().backend_name == "mimalloc"
