"""Tables on the pages in the chosen language: headers from ``i18n.column_label``, coded values
as labels (``i18n.tables.display_values``). The frame shown is a display copy under the
original column names (the labels go into ``column_config``), so the data are unchanged.
Dates, times and gaps are written for the language (``i18n.fmt.screen_frame``: no ISO
date-time, no ``None``) unless the page gives the column a type of its own."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import column_label
from i18n.fmt import screen_frame
from i18n.tables import display_values

_KEEP = object()


def show_table(frame: pd.DataFrame, lang: str, columns: list[str] | None = None,
               config: dict | None = None, **kwargs):
    """``st.dataframe`` of ``frame[columns]`` (those present; all when None) in ``lang``.

    ``config``: ``column_config`` entries of their own (a label, a column type, or None to
    hide); a column type without a label gets the column's translated header.
    """
    cols = [c for c in (columns if columns is not None else frame.columns) if c in frame]
    extra = ["why_params"] if "why" in cols and "why_params" in frame and \
        "why_params" not in cols else []
    config = config or {}
    typed = tuple(c for c, given in config.items() if isinstance(given, dict) or (
        given is not None and not isinstance(given, str) and given is not _KEEP))
    view = screen_frame(display_values(frame[cols + extra], lang)[cols], lang, keep=typed)
    column_config = {}
    for col in cols:
        given = config.get(col, _KEEP)
        label = column_label(col, lang)
        if given is _KEEP:
            column_config[col] = label
        elif given is None or isinstance(given, str):
            column_config[col] = given
        else:
            column_config[col] = {**given, "label": given.get("label") or label}
    kwargs.setdefault("hide_index", True)
    return st.dataframe(view, column_config=column_config, **kwargs)
