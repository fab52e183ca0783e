"""Streamlit renders Markdown inside ``st.table`` cells and ``st.radio`` option labels, so
other people's text there (a reviewer's reason, a stored value in an edit conflict, a
learned place name) goes through ``ui.plain.literal``: no remote image, link or formula
appears where a value was written (audit: an image fetched from another host and a link
shown in the side-review table)."""
from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

import settings
from tests.incidents.store_fakes import FakeEngine, record

HOSTILE = "see ![x](http://127.0.0.1:9/pixel.png) and [form](https://phish.example/) $x$ **b**"


def _panel(event_id: str) -> None:
    from ui.side_review import side_panel
    side_panel(event_id, "en")


@pytest.fixture
def reviewed(tmp_path, monkeypatch):
    from incidents.access import LOCAL_ADMIN
    from incidents.store import IncidentStore
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    store = IncidentStore(settings.database_url())
    eid = store.add(record(1), LOCAL_ADMIN, engine=FakeEngine())
    store.set_side(eid, "KG", HOSTILE, LOCAL_ADMIN, engine=FakeEngine())
    store.close()
    return eid


def test_a_reviewers_reason_is_shown_as_written(reviewed):
    from ui import identity
    at = AppTest.from_function(_panel, args=(reviewed,), default_timeout=120)
    at.session_state[identity.LOCAL] = True  # the local admin, as ui.auth decides it
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    cells = [str(v) for v in at.table[0].value.to_numpy().ravel()]
    shown = next(c for c in cells if "pixel" in c)
    assert r"\!\[x\]\(http" in shown and r"\$x\$" in shown  # escaped: no image, no formula


def test_every_table_of_ui_is_built_with_literal():
    """Read with ``ast``: each function drawing an ``st.table`` calls ``literal`` (a new
    table of stored text must escape it too)."""
    found = []
    for path in sorted((settings.REPO_ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            calls = [c for c in ast.walk(fn) if isinstance(c, ast.Call)
                     and isinstance(c.func, ast.Attribute) and c.func.attr == "table"]
            names = {getattr(c.func, "id", getattr(c.func, "attr", ""))
                     for c in ast.walk(fn) if isinstance(c, ast.Call)}
            for call in calls:
                found.append((f"{path.name}:{call.lineno}", "literal" in names))
    assert found and all(ok for _, ok in found), found
