"""The registry the pairing and gap functions read: the store's mechanisms, the illustrative
demo ones when asked, and gazetteer candidate settlements where no mechanism exists."""
from __future__ import annotations

import pandas as pd

from analysis.demo_registry import demo_registry
from analysis.registry import candidates_from_gazetteer, conform_registry


def with_candidates(registry: pd.DataFrame, places: pd.DataFrame | None, study_area_m,
                    demo: bool = False, candidates: bool = True) -> pd.DataFrame:
    """The registry the pairing and gap functions need: ``registry`` (e.g. the store's rows),
    plus the illustrative demo mechanisms when ``demo`` (those ``registry`` lacks), plus
    gazetteer candidate settlements where no mechanism exists when ``candidates``.
    ``places`` may be None (no gazetteer)."""
    reg = conform_registry(registry)
    if demo and places is not None:  # once: a demo store may hold them already (seeded)
        demo_rows = demo_registry(places)
        demo_rows = demo_rows[~demo_rows["community_id"].isin(reg["community_id"])]
        reg = pd.concat([reg, demo_rows], ignore_index=True)
    if candidates and places is not None:
        reg = pd.concat([reg, candidates_from_gazetteer(places, study_area_m, existing=reg)],
                        ignore_index=True)
    return conform_registry(reg)
