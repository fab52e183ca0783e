"""Streamlit's own widget texts are English only: a widget option that would put them on a
Russian page is switched off wherever the app makes that widget."""
from __future__ import annotations

import ast
from pathlib import Path

import settings

UI = settings.REPO_ROOT / "ui"


def _multiselect_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in [*UI.rglob("*.py"), settings.REPO_ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "multiselect":
                calls.append((path, node))
    return calls


def test_every_multiselect_leaves_out_streamlits_english_select_all():
    """Streamlit 1.67 adds a "Select all" entry to a multiselect's list, in English on a
    Russian page; no selection already means all in the app's filters."""
    calls = _multiselect_calls()
    assert len(calls) >= 8
    for path, call in calls:
        kw = {k.arg: k.value for k in call.keywords}
        assert "select_all" in kw and isinstance(kw["select_all"], ast.Constant) \
            and kw["select_all"].value is False, f"{path.name}:{call.lineno}"

