"""Idle expiry of a signed-in session (ui.auth, ui.shell): idle time counts from the end of
the user's last run, so a page slower than the limit does not end the session of a user
who waited for it; a session left alone longer than the limit ends at its next run.

The session's clock is a fake one that moves only when a test says, so the checks do not
depend on how fast a loaded machine runs the app."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import settings
from i18n import t

APP = str(settings.REPO_ROOT / "app.py")
IDLE_S = 60.0
PASSWORD = "a long pass phrase 42"


class Clock:
    """A stand-in for the ``time`` module in :mod:`ui.auth`: ``monotonic()`` returns
    ``now`` (s), which only :meth:`wait` moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    from ui import auth
    fake = Clock()
    monkeypatch.setattr(auth, "time", fake)
    return fake


@pytest.fixture
def signed_in(tmp_path, monkeypatch, clock):
    """The app with one member account, signed in as it (AppTest, English)."""
    from incidents.access import LOCAL_ADMIN
    from incidents.accounts import AccountStore
    from incidents.store import IncidentStore
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KGTJ_SESSION_IDLE_S", str(IDLE_S))
    store = IncidentStore(settings.database_url())
    AccountStore(store.engine).add("member1", "member", LOCAL_ADMIN, password=PASSWORD)
    store.close()
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.text_input(key="auth_name").set_value("member1")
    at.text_input(key="auth_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == t("auth.sign_in", "en")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert _signed_in(at), "the sign-in did not take"
    return at


def _signed_in(at) -> bool:
    return any("Signed in as member1" in c.value for c in at.sidebar.caption)


def _expired(at) -> bool:
    return any(t("auth.expired", "en") in i.value for i in at.info)


def test_a_page_slower_than_the_limit_does_not_end_the_session(signed_in, clock,
                                                                monkeypatch):
    from ui import frame
    drawn = frame.disclaimer

    def slow(lang: str) -> None:  # the user's run takes longer than the idle limit
        clock.wait(IDLE_S + 10)
        drawn(lang)

    monkeypatch.setattr(frame, "disclaimer", slow)
    signed_in.run()
    monkeypatch.setattr(frame, "disclaimer", drawn)
    clock.wait(1)
    signed_in.run()  # the user waited for the last run, was not idle
    assert not signed_in.exception, [e.message for e in signed_in.exception]
    assert _signed_in(signed_in) and not _expired(signed_in)


def test_a_session_left_alone_ends(signed_in, clock):
    clock.wait(IDLE_S - 1)
    signed_in.run()
    assert _signed_in(signed_in)  # within the limit: the run is activity
    clock.wait(IDLE_S + 1)
    signed_in.run()
    assert _expired(signed_in)
    assert not _signed_in(signed_in)


def test_a_rerun_after_a_pause_is_not_activity(signed_in, clock):
    """Playback's next month reruns the page after a pause: watching is not activity."""
    from ui import auth
    clock.wait(IDLE_S * 0.6)
    signed_in.session_state[auth.AUTO_RERUN] = True  # as ui.shell marks a paused rerun
    signed_in.run()
    assert _signed_in(signed_in)  # not idle long enough yet
    clock.wait(IDLE_S * 0.6)
    signed_in.run()  # idle since the sign-in: the automatic run in between did not count
    assert _expired(signed_in)


def _accounts():
    from incidents.accounts import AccountStore
    from incidents.store import IncidentStore
    store = IncidentStore(settings.database_url())
    return store, AccountStore(store.engine)


def test_a_lowered_role_applies_at_the_next_run(signed_in):
    """An admin lowers the role of a signed-in account: its open session acts with the new
    role from its next run, not from its next sign-in."""
    from incidents.access import LOCAL_ADMIN
    from ui import auth
    store, accounts = _accounts()
    accounts.set_role("member1", "viewer", LOCAL_ADMIN)
    store.close()
    signed_in.run()
    assert not signed_in.exception, [e.message for e in signed_in.exception]
    assert any("Signed in as member1 (viewer)" in c.value for c in signed_in.sidebar.caption)
    assert signed_in.session_state[auth.PRINCIPAL].role.label == "viewer"


def test_a_disabled_account_is_signed_out_at_the_next_run(signed_in):
    from incidents.access import LOCAL_ADMIN
    store, accounts = _accounts()
    accounts.disable("member1", LOCAL_ADMIN)
    store.close()
    signed_in.run()
    assert not _signed_in(signed_in)
    assert any(t("auth.account_ended", "en") in i.value for i in signed_in.info)
    assert signed_in.title[0].value == t("auth.title", "en")  # the sign-in page
