"""Streamlit's own widget texts are English only: a widget option that would put them on a
Russian page is switched off wherever the app makes that widget."""
from __future__ import annotations

import ast
from pathlib import Path

import settings

UI = settings.REPO_ROOT / "ui"
CHOICE_WIDGETS = {"selectbox", "multiselect", "radio", "select_slider"}
LANG_NAMES = {"lang", "lg"}


def _widget_calls(kinds: set[str]) -> list[tuple[Path, ast.Call]]:
    """Every call of ``st.<kind>`` (or ``column.<kind>``) in ui/ and app.py."""
    calls = []
    for path in [*UI.rglob("*.py"), settings.REPO_ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in kinds:
                calls.append((path, node))
    return calls


def test_every_multiselect_leaves_out_streamlits_english_select_all():
    """Streamlit 1.67 adds a "Select all" entry to a multiselect's list, in English on a
    Russian page; no selection already means all in the app's filters."""
    calls = _widget_calls({"multiselect"})
    assert len(calls) >= 8
    for path, call in calls:
        kw = {k.arg: k.value for k in call.keywords}
        assert "select_all" in kw and isinstance(kw["select_all"], ast.Constant) \
            and kw["select_all"].value is False, f"{path.name}:{call.lineno}"


def test_keyed_choices_with_translated_texts_are_repaired_after_a_language_switch():
    """A keyed select box, multiselect, radio or select slider whose shown texts depend on
    the language takes its ``format_func`` from ``ui.choices.labelled``, so a choice the
    browser sends back in the other language is set back to its option (ui.choices)."""
    seen, bad = 0, []
    for path, node in _widget_calls(CHOICE_WIDGETS):
        kw = {k.arg: k.value for k in node.keywords}
        if "key" not in kw or "format_func" not in kw:
            continue
        fmt = kw["format_func"]
        if isinstance(fmt, ast.Call) and getattr(fmt.func, "id", "") == "labelled":
            seen += 1
        elif {n.id for n in ast.walk(fmt) if isinstance(n, ast.Name)} & LANG_NAMES:
            bad.append(f"{path.name}:{node.lineno}")
    assert not bad, f"translated choices without ui.choices.labelled: {bad}"
    assert seen >= 14
