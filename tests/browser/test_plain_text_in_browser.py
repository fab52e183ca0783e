"""ui.plain.literal in Chromium: messages that carry a file's or a user's values (import
warnings, field and cell errors) are shown as written by Streamlit's Markdown boxes: no
LaTeX, emphasis, link, code or HTML made of the values, and nothing runs."""
from __future__ import annotations

import json

import pytest

import settings
from tests.hostile import ALERT_HOOK, PWNED_JS, SHORT, storable

pytestmark = pytest.mark.browser

VALUES = (*SHORT, "**bold** _it_ `code` [link](https://example.org) :smile: # head",
          "$x^2$ and \\$ and a\\\\b", "- item\n1. first\n> quote", "<b>x</b> &amp; &lt;")

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import streamlit as st
from ui.plain import literal
for i, v in enumerate(json.loads({values!r})):
    (st.warning, st.error, st.caption)[i % 3](literal(v))
st.success("done")
"""


def test_values_in_markdown_boxes_are_shown_as_written(tmp_path, serve_app, browser):
    values = [storable(v) for v in VALUES]
    script = tmp_path / "plain_probe.py"
    script.write_text(SCRIPT.format(root=str(settings.REPO_ROOT),
                                    values=json.dumps(values)), encoding="utf-8")
    url, _ = serve_app(tmp_path, script=str(script), log_name="plain")
    context = browser.new_context()
    context.add_init_script(ALERT_HOOK)
    page = context.new_page()
    try:
        page.goto(url)
        page.get_by_text("done").wait_for(timeout=60000)
        shown = page.eval_on_selector_all(  # in page order: alerts' texts and captions
            '[data-testid="stAlertContainer"] [data-testid="stMarkdownContainer"], '
            '[data-testid="stCaptionContainer"]',
            """els => els.map(e => ({text: e.innerText,
                 markup: [...e.querySelectorAll('a, strong, em, code, h1, h2, li, blockquote, '
                                                + 'img, b, .katex, script')]
                         // a bare address made a link with itself as its text: as written
                         .filter(m => !(m.tagName === 'A' && m.textContent === m.href
                                        .replace(/\\/$/, '')))
                         .map(m => m.tagName + ' ' + m.outerHTML.slice(0, 80))}))""")
        shown = [s for s in shown if s["text"] != "done"]
        assert len(shown) == len(values)
        for value, got in zip(values, shown, strict=True):
            assert got["markup"] == [], (value, got)
            assert " ".join(got["text"].split()) == " ".join(value.split()), (value, got)
        assert page.evaluate(PWNED_JS) == 0
    finally:
        context.close()
