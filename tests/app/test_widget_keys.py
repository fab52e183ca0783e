"""Every input widget of the app has a key (read with the standard library's ``ast``).

Streamlit (1.67) knows a widget without a key by its label and arguments: after a language
switch its label is another text, so it is a new widget and what the user had typed or
chosen in it is gone. A form that edits one record keys its widgets by the record
(``ui.form_keys``), so another record never shows the first one's values.
"""
from __future__ import annotations

import ast

import settings

INPUTS = {"text_input", "text_area", "number_input", "selectbox", "multiselect", "radio",
          "checkbox", "date_input", "slider", "select_slider", "toggle", "file_uploader",
          "time_input", "color_picker", "data_editor", "segmented_control", "pills"}


def keyless_widgets() -> list[str]:
    found = []
    for path in sorted((settings.REPO_ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in INPUTS):
                continue
            names = {k.arg for k in node.keywords}
            if "key" not in names and None not in names:  # None: a **kwargs pass-through
                found.append(f"{path.relative_to(settings.REPO_ROOT)}:{node.lineno} "
                             f"{node.func.attr}")
    return found


def test_every_input_widget_has_a_key():
    assert keyless_widgets() == []


def test_the_check_finds_a_widget_without_a_key(tmp_path, monkeypatch):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "page.py").write_text(
        "import streamlit as st\nst.text_input('Name', key='name')\nst.text_area('Notes')\n",
        encoding="utf-8")
    monkeypatch.setattr(settings, "REPO_ROOT", tmp_path)
    assert keyless_widgets() == ["ui/page.py:3 text_area"]


def test_every_multiple_choice_has_a_placeholder_in_the_users_language():
    """An empty multiselect shows Streamlit's own "Choose options" (English, in the Russian
    app too: the action form's problems and partners) unless given a placeholder."""
    missing = []
    for path in sorted((settings.REPO_ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "multiselect" \
                    and "placeholder" not in {k.arg for k in node.keywords}:
                missing.append(f"{path.relative_to(settings.REPO_ROOT)}:{node.lineno}")
    assert missing == []
