"""Spatial engine: projections, the border engine, gazetteer and geocoding.

``geo.BorderEngine`` is imported lazily, so ``import geo.crs`` stays light (no geopandas).
"""
from __future__ import annotations

from typing import Any

__all__ = ["BorderEngine"]


def __getattr__(name: str) -> Any:
    if name == "BorderEngine":
        from geo.engine import BorderEngine

        return BorderEngine
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
