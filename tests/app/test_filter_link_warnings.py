"""A filter link (the page address) with values the app ignores: the sidebar says so in the
user's language, from keyed messages (incidents.messages), with the link's values shown as
plain text, never as Markdown or HTML."""
from __future__ import annotations

import pytest

import settings
from tests.app.conftest import open_app
from tests.hostile import SCRIPT_CLOSE

MATH = "$\\alpha$ [x](javascript:alert(1))"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("link_warnings_data")


def _opened(data_dir, monkeypatch, **params):
    from streamlit.testing.v1 import AppTest
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(settings.REPO_ROOT / "app.py"), default_timeout=180)
    for key, value in params.items():
        at.query_params[key] = value
    at = open_app(at)
    assert not at.exception, [e.message for e in at.exception]
    return at


def _markdown_texts(at) -> str:
    return "\n".join(e.value for e in (*at.sidebar.markdown, *at.sidebar.caption))


@pytest.mark.parametrize("lang, words", [
    ("ru", ("min_severity: «", "» — не 0, 1 или 2; не учтено", "date_from позже date_to")),
    ("en", ("min_severity: '", "' is not 0, 1 or 2; ignored", "date_from is after date_to")),
])
def test_ignored_link_values_are_named_in_the_users_language(data_dir, monkeypatch, lang,
                                                             words):
    bad = f"{SCRIPT_CLOSE} {MATH}"
    at = _opened(data_dir, monkeypatch, lang=lang, min_severity=bad,
                 date_from="2025-01-02", date_to="2025-01-01")
    texts = [e.value for e in at.sidebar.text]
    severity = [x for x in texts if x.startswith("min_severity")]
    assert severity == [f"{words[0]}{bad}{words[1]}"], texts
    assert any(words[2] in x for x in texts), texts
    assert SCRIPT_CLOSE not in _markdown_texts(at) and "alpha" not in _markdown_texts(at)
