"""Spatial engine: projections, the border engine, gazetteer and geocoding."""
