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


def hotspot_rows(clusters, hotspot_id: str):
    """The rows of the hotspot table ``clusters`` (a DataFrame with ``hotspot_id``) that are
    the hotspot ``hotspot_id`` (as typed: :func:`normalise_hotspot_id`); ValueError naming the
    known ids when there is none, or saying the analysis has not run when the table is
    empty."""
    hid = normalise_hotspot_id(hotspot_id)
    if clusters is None or len(clusters) == 0:
        raise ValueError("no hotspots in the data: run the hotspot analysis first")
    hit = clusters[clusters["hotspot_id"].astype(str) == hid]
    if hit.empty:
        known = ", ".join(clusters["hotspot_id"].astype(str).head(20))
        raise ValueError(f"hotspot {hid!r} not found; known: {known}")
    return hit
