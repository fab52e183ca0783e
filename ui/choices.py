"""Choice widgets (select box, multiselect, radio, select slider) whose shown texts are
translated, and the repair of a choice the browser sent back in the other language.

Streamlit (1.67) sends a choice back as its *shown* text and maps it to its option with the
labels of the last run that drew the widget. After a language switch the browser can send
its widget states once more before it has drawn the switched labels (the map, remounted in
the new language, reports its view while the sidebar's new labels are still on their way):
the English text read with the Russian labels is no option, and the page got the text
itself ("any" as the minimum severity, a crash). Each widget that shows translated texts
gets its ``format_func`` from :func:`labelled`, which keeps its options and its labelling
for the session; :func:`repair`, at the start of every run (ui.shell), sets a choice that is
no option back to the option whose text it is in any language (or drops it).
:func:`keep_choices`, the language switch's callback, does it for the switch's own run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from i18n import LANGS, t, vocab

Label = Callable[[Any, str], str]  # (option, language) -> the text shown for it
_SPECS = "_choice_specs"  # session_state: widget key -> (options, label, drop)


def labelled(key: str, options: Sequence, label: Label, lang: str,
             drop: bool = False) -> Callable[[Any], str]:
    """The ``format_func`` of the choice widget ``key`` in ``lang``; keeps its options and
    ``label`` for :func:`repair`. ``drop``: a widget given its value by ``index`` or
    ``default`` (a form prefilled from a record): a choice sent back in the other language is
    dropped, and the widget shows that value again (Streamlit warns on screen when a widget
    with a default also has its value set)."""
    st.session_state.setdefault(_SPECS, {})[key] = (tuple(options), label, drop)
    return lambda v: label(v, lang)


def option_index(options: Sequence, value, default: Any = None) -> int:
    """Index of ``value`` in ``options`` (a select's ``index``): of ``default`` when
    ``value`` is not one of them, else 0."""
    options = list(options)
    return options.index(value) if value in options else \
        options.index(default) if default in options else 0


def _plain(value) -> bool:
    """A widget value that any widget accepts back through session_state: a number, text or
    date, or a list of them (not a button's bool, an upload, a table's or a map's dict)."""
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, (int, float, str, date)) and not isinstance(value, bool)


def keep_choices(switch_key: str) -> None:
    """The language switch's ``on_change`` (``switch_key``: its own key, left alone): every
    choice widget made with :func:`labelled` keeps its value. Read now, still with the
    labels of the run that drew them, and set again, each value stays its option (read in
    the next run with the other language's labels it would not: "any" became the severity,
    a crash). A state the browser sends once more before it has drawn the new labels is set
    back by :func:`repair` at the start of the run after.

    Only choices: a text, number or date widget keeps its value through the switch by its
    key alone, and setting it here would overwrite what the browser still holds unsent (the
    text typed in a form not yet saved was emptied by the switch)."""
    ss = st.session_state
    for key in list(ss.get(_SPECS, {})):
        if key == switch_key or key not in ss:
            continue
        try:
            value = ss[key]
        except (KeyError, AttributeError):
            continue
        if _plain(value):
            ss[key] = value


def _is_option(value: Any, options: tuple) -> bool:
    try:
        return value in options
    except (TypeError, ValueError):  # an unhashable or array-like value
        return False


def _option_of(text: Any, options: tuple, label: Label) -> tuple[bool, Any]:
    """(found, the option whose shown text in some language is ``text``)."""
    if _is_option(text, options):
        return True, text
    if not isinstance(text, str):
        return False, None
    for lang in LANGS:
        for option in options:
            try:
                if label(option, lang) == text:
                    return True, option
            except Exception:  # noqa: BLE001 - a labelling that fails for an option: no match
                continue
    return False, None


def fixed(value: Any, options: tuple, label: Label) -> tuple[bool, Any]:
    """``(keep, value)``: a valid choice as it is; a shown text mapped to its option (texts
    of a list one by one, unknown ones dropped); ``keep`` False when a single choice is no
    option in any language."""
    if isinstance(value, (list, tuple)):
        if all(_is_option(v, options) for v in value):
            return True, value
        mapped = [_option_of(v, options, label) for v in value]
        return True, [option for found, option in mapped if found]
    return _option_of(value, options, label)


def repair() -> list[str]:
    """Set every kept choice widget whose value is no option back to its option (a single
    choice that matches none is dropped: the widget shows its default). Returns the keys
    changed."""
    ss = st.session_state
    changed = []
    for key, (options, label, drop) in list(ss.get(_SPECS, {}).items()):
        if key not in ss:
            continue
        try:
            value = ss[key]
        except (KeyError, AttributeError):
            continue
        if value is None:  # nothing chosen (a select box with index=None)
            continue
        keep, new = fixed(value, options, label)
        if keep and (new is value or new == value):
            continue
        if keep and not drop:
            ss[key] = new
        else:
            del ss[key]
        changed.append(key)
    return changed


def vocab_label(kind: str) -> Label:
    """The labelling of a vocabulary's codes (:func:`i18n.vocab`)."""
    return lambda v, lang: vocab(kind, v, lang)


def key_label(prefix: str) -> Label:
    """The labelling ``t(f"{prefix}.{option}", lang)``."""
    return lambda v, lang: t(f"{prefix}.{v}", lang)
