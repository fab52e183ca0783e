"""The study area's reach: one named width for every caller (no geopandas here, so light
modules such as the app's caches can import it)."""
from __future__ import annotations

#: the study area reaches this far either side of the KG–TJ line (metres)
STUDY_BUFFER_M: float = 20_000.0
