"""Messages that carry a file's or a user's values (keyed reasons, field and cell errors,
read errors) reach Streamlit's Markdown boxes only through ``ui.plain.literal`` (its
rendering in Chromium: tests/browser/test_plain_text_in_browser.py). Read from the ui code
with ``ast``."""
from __future__ import annotations

import ast

import settings
from ui.plain import literal

MARKDOWN_BOXES = {"error", "warning", "info", "success", "caption", "markdown", "write"}
CARRIERS = {"reason_text", "field_error", "column_error"}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in MARKDOWN_BOXES and node.args:
            yield node


def _names(node: ast.AST) -> set[str]:
    return {n.func.id if isinstance(n.func, ast.Name) else getattr(n.func, "attr", "")
            for n in ast.walk(node) if isinstance(n, ast.Call)}


def test_values_reach_markdown_boxes_only_through_literal():
    seen, bare = 0, []
    for path in sorted((settings.REPO_ROOT / "ui").rglob("*.py")):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            arg = call.args[0]
            wrapped = isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "literal"
            inner = arg.args[0] if wrapped and arg.args else arg
            carried = CARRIERS & _names(inner) or (  # t("…", err=err): an error's message
                isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "t"
                and any(k.arg == "err" for k in inner.keywords))
            if not carried:
                continue
            seen += 1
            if not wrapped:
                bare.append(f"{path.relative_to(settings.REPO_ROOT)}:{call.lineno}")
    assert seen >= 9 and not bare, (seen, bare)


def test_literal_escapes_markup_and_keeps_line_breaks():
    assert literal("$x$ **b** [a](u) 1. #") == r"\$x\$ \*\*b\*\* \[a\]\(u\) 1\. \#"
    assert literal("a\nb") == "a  \nb"
    assert literal("Ворух") == "Ворух"
