"""Text shown as written by Streamlit's Markdown elements (``st.error``, ``st.warning``,
``st.caption``, ``st.markdown``), for messages that carry a file's or a user's values: a
value such as ``$\\alpha$``, ``**x**`` or ``[x](https://…)`` would otherwise be typeset,
emphasised or made a link under other text. (A bare address such as ``https://…`` is still
made a link, by GitHub's autolinks, with itself as its text. Where a text needs no box,
``st.text`` shows it plainly.)"""
from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# Streamlit's Markdown gives a meaning to ($ starts LaTeX, : an emoji shortcode)
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~&:=^])")


def literal(text: object) -> str:
    """``text`` as Markdown that shows every character as it is; line breaks kept (as
    Markdown hard breaks)."""
    return _MARKUP.sub(r"\\\1", str(text)).replace("\n", "  \n")
