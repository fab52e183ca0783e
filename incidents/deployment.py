"""How the app is deployed: local single-user mode or accounts, and whether serving to
other machines is allowed.

- **Local single-user mode**: the store holds no account. The app must then listen on
  loopback only (``.streamlit/config.toml`` binds ``127.0.0.1``) and the person at the
  machine is :data:`incidents.access.LOCAL_ADMIN`; nothing to set up.
- **Accounts**: once any account exists, every session signs in (local password or the
  organisation's OpenID Connect, see ``docs/deploying-for-a-team.md``); an unsigned visitor
  sees the viewer's public map or only the sign-in page, as the admin chooses
  (:func:`anonymous_view`).
- Serving to other machines (``server.address`` not loopback) needs at least one active
  admin account: :func:`serving_problem` says why the app refuses to start otherwise.
"""
from __future__ import annotations

import ipaddress
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from incidents.access import Principal

if TYPE_CHECKING:  # SQLAlchemy loads lazily: accounts_exist serves the first paint's run
    import sqlalchemy as sa

ADD_ADMIN_COMMAND = "python -m incidents users add NAME --role admin --password-stdin"
ANONYMOUS_CHOICES: tuple[str, ...] = ("signin", "viewer")
_ANON_KEY = "anonymous_view"


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``; False for an empty address (Streamlit
    then listens on every interface) and for any other name or address."""
    address = (address or "").strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def serving_problem(address: str | None, url: str) -> str | None:
    """None when the app may serve on ``address``; else the one-line reason (naming the
    command that creates an admin account) why it must not start."""
    if is_loopback(address):
        return None
    from incidents.accounts import AccountStore
    from incidents.wiring import open_store
    store = open_store(url)
    try:
        if AccountStore(store.engine).admin_count() > 0:
            return None
    finally:
        store.close()
    where = address or "every network interface"
    return (f"Refusing to serve on {where}: other machines could reach the data and no admin "
            f"account exists. Create one first with: {ADD_ADMIN_COMMAND} --db {safe_url(url)} "
            "(or serve on 127.0.0.1 only).")


def safe_url(url: str) -> str:
    """The URL without a password (for messages)."""
    import sqlalchemy as sa
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a message only
        return "URL"


ACCOUNTS_CHECK_WAIT_S = 5.0  # how long the accounts check waits for a locked SQLite store


def accounts_exist(url: str) -> bool:
    """True when the store at ``url`` holds any account (then sessions sign in).

    A SQLite store is read with the standard library (no SQLAlchemy: the first paint's
    run calls this); other databases through SQLAlchemy. Fails closed: only a missing
    store or a store without the accounts table answers False; a store that cannot be
    read (locked by a long write, damaged) answers True, so sessions sign in rather than
    run as the local admin.
    """
    if url.startswith("sqlite:///"):
        path = unquote(url[len("sqlite:///"):])
        if path in ("", ":memory:"):
            return False
        if not Path(path).exists():
            return False  # no store yet: a first start
        try:
            con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True,
                                  timeout=ACCOUNTS_CHECK_WAIT_S)
        except sqlite3.Error:
            return True
        try:
            return bool(con.execute("SELECT count(*) FROM accounts").fetchone()[0])
        except sqlite3.OperationalError as exc:
            return not str(exc).startswith("no such table")  # a store from before accounts
        except sqlite3.Error:
            return True
        finally:
            con.close()
    import sqlalchemy as sa

    from incidents import tables
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table(tables.accounts.name):
                return False
            return bool(conn.execute(sa.select(sa.func.count()).select_from(
                tables.accounts)).scalar())
    finally:
        engine.dispose()


def anonymous_view(engine: sa.Engine) -> str:
    """What an unsigned visitor sees when accounts exist: ``"signin"`` (only the sign-in
    page; the default) or ``"viewer"`` (the viewer's public pages and the sign-in page)."""
    import sqlalchemy as sa

    from incidents import tables
    t = tables.app_settings
    with engine.connect() as conn:
        value = conn.execute(sa.select(t.c.value).where(t.c.key == _ANON_KEY)).scalar()
    return value if value in ANONYMOUS_CHOICES else "signin"


def set_anonymous_view(engine: sa.Engine, choice: str, principal: Principal) -> None:
    """Set :func:`anonymous_view` (admin)."""
    principal.require("accounts")
    if choice not in ANONYMOUS_CHOICES:
        raise ValueError(f"anonymous view must be one of {ANONYMOUS_CHOICES}, got {choice!r}")
    from incidents import tables
    t = tables.app_settings
    with engine.begin() as conn:
        conn.execute(t.delete().where(t.c.key == _ANON_KEY))
        conn.execute(t.insert().values(key=_ANON_KEY, value=choice))
