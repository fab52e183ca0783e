"""Tables on the pages in the chosen language: headers from ``i18n.column_label``, coded values
as labels (``i18n.display_tables.display_values``). The frame shown is a display copy under the
original column names (the labels go into ``column_config``), so the data are unchanged.
Dates, times and gaps are written for the language (``i18n.frames.screen_frame``: no ISO
date-time, no ``None``) unless the page gives the column a type of its own."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import column_label, reason_text, t
from i18n.display_tables import display_values
from i18n.fmt import MISSING, date_text, number_text
from i18n.frames import screen_frame

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
    config = dict(config or {})  # a gap-holding typed column is replaced below
    typed = tuple(c for c, given in config.items() if isinstance(given, dict) or (
        given is not None and not isinstance(given, str) and given is not _KEEP))
    view = display_values(frame[cols + extra], lang)[cols]
    typed = _gaps_as_text(view, config, typed, lang)
    view = screen_frame(view, lang, keep=typed)
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
    return st.dataframe(_numbers_written(view, column_config, lang),
                        column_config=column_config, **kwargs)


STYLED_MAX_CELLS = 20_000  # a larger table keeps Streamlit's own number format (speed)


def _printf_parts(fmt) -> tuple[int | None, str]:
    """(decimals, unit after the number) of a printf format such as '%.2f' or '%.0f m'."""
    fmt = str(fmt or "")
    digits = int(fmt[2]) if fmt.startswith("%.") and fmt[2:3].isdigit() else None
    return digits, fmt.split("f", 1)[1] if digits is not None and "f" in fmt else ""


def _numbers_written(view: pd.DataFrame, column_config: dict, lang: str):
    """``view``, or in a language other than English a pandas Styler of it whose float
    columns are written by :func:`i18n.fmt.number_text` ('0,60', '1 234 м'): Streamlit
    writes numbers its own way ('0.60') through a printf format, but shows a Styler's text
    (sorting by the numbers) when the column has no format of its own, so a number
    column's format is taken into the Styler. Progress bars keep theirs (Streamlit draws
    their text itself); a table of more than :data:`STYLED_MAX_CELLS` cells is left as it
    is (a Styler writes every cell)."""
    if lang == "en" or view.size > STYLED_MAX_CELLS:
        return view
    formats = {}
    for col in view.columns:
        given = column_config.get(col)
        tc = (given.get("type_config") or {}) if isinstance(given, dict) else {}
        if not pd.api.types.is_float_dtype(view[col]) or tc.get("type") not in (None, "number"):
            continue
        digits, unit = _printf_parts(tc.get("format"))
        if "format" in tc:
            column_config[col] = {**given, "type_config": {k: v for k, v in tc.items()
                                                           if k != "format"}}
        # without a format: up to 4 decimals, as Streamlit shows them (coordinates)
        formats[col] = (lambda d, u: lambda v: number_text(v, lang, d, max_digits=4) + u)(
            digits, unit)
    return view.style.format(formats) if formats else view


def _day_format(fmt) -> str | None:
    """A date column's moment.js format ('DD.MM.YYYY', 'YYYY-MM-DD':
    :func:`i18n.fmt.date_column_format`) as a strftime format, so a column with gaps,
    written as text, reads as its neighbours do; None for any other format."""
    fmt = str(fmt or "")
    if not fmt or set(fmt) - set("YMD.-/ "):
        return None
    return fmt.replace("YYYY", "%Y").replace("MM", "%m").replace("DD", "%d")


def _gaps_as_text(view: pd.DataFrame, config: dict, typed: tuple[str, ...],
                  lang: str) -> tuple[str, ...]:
    """The typed columns left as typed: a number or date column with gaps is shown as text
    instead (Streamlit writes a gap as ``None`` whatever the type), written for ``lang`` with
    the decimals its format asked for; its config becomes a text column with its label."""
    keep = []
    for col in typed:
        given = config[col]
        kind = (given.get("type_config") or {}).get("type") if isinstance(given, dict) else None
        if col not in view or kind not in ("number", "date", "datetime", "progress") or \
                not view[col].isna().any():
            keep.append(col)
            continue
        fmt = (given.get("type_config") or {}).get("format")
        digits, unit = _printf_parts(fmt)
        day = _day_format(fmt) if kind == "date" else None
        view[col] = [MISSING if pd.isna(v) else
                     (pd.Timestamp(v).strftime(day) if day else date_text(v, lang))
                     if kind in ("date", "datetime") else
                     number_text(v, lang, digits) + unit for v in view[col]]
        config[col] = st.column_config.TextColumn(given.get("label"), help=given.get("help"))
    return tuple(keep)


def show_rejections(result, lang: str, file_name: str, key: str) -> None:
    """The rows a CSV import refused (``result.issues``: row, field, keyed reason) as a
    table in ``lang``, and the rejected rows as a CSV to fix and import again."""
    if not result.issues:
        return
    show_table(pd.DataFrame([{"row_number": i.row, "field": column_label(i.field, lang),
                              "reason": reason_text(i.reason, lang)}
                             for i in result.issues]), lang, config={
        c: t(f"rej.{c}", lang) for c in ("row_number", "field", "reason")})
    st.download_button(t("inc.rejected_dl", lang), result.rejected_csv(), file_name,
                       "text/csv", key=key)
