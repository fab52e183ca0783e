"""Incident writes from the app (add, review) through the store."""
from __future__ import annotations

from ui import resources


def add_incident(record: dict, user: str) -> str:
    """``IncidentStore.add`` the record; returns the new event id.

    ADAPTER: ``incidents.validation.validate_record`` raises "boolean value of NA is
    ambiguous" when a new record carries ``sensitivity`` (``x in (None, pd.NA)``), so the
    record is added without it and the chosen sensitivity is set by an update (history
    records both steps). Drop this once the core accepts ``sensitivity`` on add.
    """
    record = dict(record)
    sensitivity = record.pop("sensitivity", None)
    store = resources.store()
    new_id = store.add(record, user, engine=resources.core().engine)
    if sensitivity and store.get(new_id).get("sensitivity") != sensitivity:
        store.update(new_id, {"sensitivity": sensitivity}, user)
    resources.bump_version()
    return new_id
