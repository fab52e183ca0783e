"""Hotspot ids as people type them: ``HS-001``, ``hs-1``, ``H01`` or ``1`` all name the
same hotspot."""
from __future__ import annotations


def normalise_hotspot_id(value: str) -> str:
    """``"HS-001"`` from ``"HS-001"``, ``"hs-1"``, ``"H01"`` or ``"1"``; ValueError when the
    text holds no digit."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if not digits:
        raise ValueError(f"{value!r} is not a hotspot id (expected e.g. HS-001)")
    return f"HS-{int(digits):03d}"
