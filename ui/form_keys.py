"""Widget keys of a form that adds or edits one record (an action, a community).

Streamlit (1.67) knows a keyed widget by its key alone: a form whose keys were the same for
every record kept the first record's values when another was chosen (and saving wrote
them to it), and a widget without a key was a new one after a language switch (its label
changed), so what had been typed was lost. Every widget of such a form is keyed by the
record it edits, and by nothing that depends on the language.
"""
from __future__ import annotations

from collections.abc import Callable

NEW = "new"  # the record part of the keys of a form that adds a record


def record_keys(form: str, record_id: str | None) -> Callable[[str], str]:
    """``key(name)`` → ``"{form}@{record_id}_{name}"`` (``"{form}@new_{name}"`` without a
    record); ``key("")`` is the prefix of all of them (for ``ui.state.forget``)."""
    prefix = f"{form}@{record_id or NEW}_"
    return lambda name: prefix + name
