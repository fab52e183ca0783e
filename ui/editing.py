"""Incident writes from the app (add, review) through the store."""
from __future__ import annotations

from ui import resources


def add_incident(record: dict, user: str) -> str:
    """``IncidentStore.add`` the record (enriched by the border engine); returns its event id."""
    new_id = resources.store().add(dict(record), user, engine=resources.core().engine)
    resources.bump_version()
    return new_id
