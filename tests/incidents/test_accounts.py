"""Local accounts (Argon2id), the sign-in rate limit and log, the `users` CLI contract, and
the start-up rule for serving beyond loopback."""
from __future__ import annotations

import io
import logging
import sqlite3
import sys
import tomllib
from pathlib import Path

import pytest
import sqlalchemy as sa

import settings
from incidents import accounts as acc
from incidents import tables
from incidents.access import LOCAL_ADMIN, AccessDenied, Principal, Role
from incidents.accounts import AccountError, AccountStore, SignInError
from incidents.cli import main
from incidents.deployment import (
    accounts_exist,
    anonymous_view,
    is_loopback,
    serving_problem,
    set_anonymous_view,
)
from incidents.store import IncidentStore

PASSWORD = "correct horse battery staple"


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'acc.sqlite'}"


@pytest.fixture
def accounts(db):
    store = IncidentStore(db)
    yield AccountStore(store.engine)
    store.close()


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_cli_users_add_and_list_never_print_hashes(db, monkeypatch, capsys):
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["users", "add", "amina", "--role", "admin", "--password-stdin",
                 "--db", db]) == 0
    _stdin(monkeypatch, "another long password\n")
    assert main(["users", "--db", db, "add", "bek", "--role", "viewer",
                 "--password-stdin"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "amina\tadmin" in out and "bek\tviewer" in out
    assert "argon2" not in out and "$" not in out and PASSWORD not in out
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        hashes = conn.execute(sa.select(tables.accounts.c.password_hash)).scalars().all()
    assert all(h.startswith("$argon2id$") for h in hashes) and PASSWORD not in str(hashes)


def test_cli_set_role_disable_reset_and_as(db, monkeypatch, capsys):
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["users", "add", "amina", "--role", "admin", "--password-stdin",
                 "--db", db]) == 0
    _stdin(monkeypatch, PASSWORD + "\n")
    assert main(["users", "add", "bek", "--role", "viewer", "--password-stdin",
                 "--db", db]) == 0
    assert main(["users", "set-role", "bek", "editor", "--db", db]) == 0
    assert main(["users", "set-role", "amina", "viewer", "--db", db]) == 4  # last admin
    assert "last active admin" in capsys.readouterr().err
    assert main(["users", "list", "--as", "bek", "--db", db]) == 6  # an editor: no
    # an editor may not change the reference line (an admin's, as layer uploads): refused
    # before the file is read, and the shipped line stays
    assert main(["line", "--remove", "--as", "bek", "--db", db]) == 6
    assert main(["line", "--set", "nonexistent.geojson", "--name", "x", "--date", "2025",
                 "--as", "bek", "--db", db]) == 6
    assert "may not upload layers" in capsys.readouterr().err
    # without --as the command looks up no account: it opens (and creates) no store
    unused = Path(db.removeprefix("sqlite:///")).with_name("unused.sqlite")
    assert main(["line", "--remove", "--db", f"sqlite:///{unused}"]) == 0
    assert not unused.exists()
    # nor back up, restore or publish the database (the backup holds every record and the
    # accounts): refused before anything is read or written
    dump = Path(db.removeprefix("sqlite:///")).with_name("dump.jsonl.gz")
    for action in (["dump", str(dump)], ["restore", str(dump)], ["publish-qgis"],
                   ["upgrade"]):
        assert main(["db", *action, "--as", "bek", "--db", db]) == 6, action
    assert not dump.exists()
    assert "may not back up, restore, upgrade or publish" in capsys.readouterr().err
    # the FILE after the options (argparse alone reports it as unrecognised)
    assert main(["db", "dump", "--as", "bek", "--db", db, str(dump)]) == 6
    assert "may not back up" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        main(["db", "dump", "--db", db, str(dump), "extra"])
    assert usage.value.code == 2
    assert "unrecognized arguments: " in (err := capsys.readouterr().err) and "extra" in err
    assert not dump.exists()
    assert main(["db", "check", "--as", "bek", "--db", db]) == 0  # reading the schema's state
    # a store without the accounts table (empty, or made before accounts): a usage error
    # naming the cause, not "an unexpected problem" (exit 5)
    bare = Path(db.removeprefix("sqlite:///")).with_name("bare.sqlite")
    sqlite3.connect(bare).close()
    for command in (["db", "upgrade"], ["db", "dump", str(dump)]):
        assert main([*command, "--as", "bek", "--db", f"sqlite:///{bare}"]) == 2, command
        assert "this store has no accounts" in capsys.readouterr().err
    assert not dump.exists()
    _stdin(monkeypatch, "short\n")
    assert main(["users", "reset-password", "bek", "--password-stdin", "--db", db]) == 4
    _stdin(monkeypatch, "a brand new password\n")
    assert main(["users", "reset-password", "bek", "--password-stdin", "--db", db]) == 0
    assert main(["users", "disable", "bek", "--db", db]) == 0
    assert main(["list", "--as", "bek", "--db", db]) == 2  # a disabled account cannot act
    assert main(["list", "--as", "nobody", "--db", db]) == 2
    capsys.readouterr()
    assert main(["users", "list", "--db", db]) == 0
    assert "bek\teditor\tdisabled" in capsys.readouterr().out


def test_authenticate_and_the_same_answer_for_wrong_name_or_password(accounts):
    accounts.add("amina", "member", LOCAL_ADMIN, password=PASSWORD)
    assert accounts.authenticate("amina", PASSWORD) == Principal("amina", Role.MEMBER)
    with pytest.raises(SignInError) as wrong_pw:
        accounts.authenticate("amina", PASSWORD + "x")
    with pytest.raises(SignInError) as wrong_name:
        accounts.authenticate("nobody", PASSWORD)
    assert str(wrong_pw.value) == str(wrong_name.value) == "wrong account name or password"
    accounts.disable("amina", LOCAL_ADMIN)
    with pytest.raises(SignInError):
        accounts.authenticate("amina", PASSWORD)


def test_failed_sign_ins_are_rate_limited_and_logged_without_secrets(accounts, caplog):
    accounts.add("amina", "editor", LOCAL_ADMIN, password=PASSWORD)
    caplog.set_level(logging.INFO, logger="kgtj.auth")
    for i in range(acc.MAX_FAILURES):
        with pytest.raises(SignInError) as err:
            accounts.authenticate("amina", f"guess number {i}")
        assert err.value.reason == "bad"
    with pytest.raises(SignInError) as err:  # locked, even with the right password
        accounts.authenticate("amina", PASSWORD)
    assert err.value.reason == "locked" and err.value.retry_after_s > 0
    assert "try again in" in str(err.value)
    text = caplog.text
    assert "sign-in refused" in text and "amina" in text
    assert "guess number" not in text and PASSWORD not in text
    with pytest.raises(SignInError):  # a typo'd password in the name box is never logged
        accounts.authenticate("my-secret-typed-here", PASSWORD)
    assert "my-secret-typed-here" not in caplog.text
    log = accounts.sign_ins(LOCAL_ADMIN)
    assert log[0]["account"] is None and log[1]["reason"] == "locked"
    assert not any("guess" in str(v) for row in log for v in row.values())
    accounts.reset_password("amina", "a fresh long password", LOCAL_ADMIN)


def test_account_rules(accounts):
    with pytest.raises(AccessDenied):
        accounts.add("x1", "viewer", Principal("ed", Role.EDITOR), password=PASSWORD)
    for bad in ("", "a b", "<script>", "x" * 65, "../etc"):
        with pytest.raises(AccountError):
            accounts.add(bad, "viewer", LOCAL_ADMIN, password=PASSWORD)
    with pytest.raises(AccountError):
        accounts.add("nopass", "viewer", LOCAL_ADMIN)
    accounts.add("sso", "member", LOCAL_ADMIN, email="Sso@Example.org")
    with pytest.raises(AccountError):  # e-mails are unique, case-insensitively
        accounts.add("sso2", "member", LOCAL_ADMIN, email="sso@example.org")
    assert accounts.principal_for_email("SSO@example.org") == Principal("sso", Role.MEMBER)
    assert accounts.principal_for_email("stranger@example.org") is None
    from types import SimpleNamespace

    from ui.auth import oidc_email  # the app's mapping: a verified address only
    assert oidc_email(SimpleNamespace(email="SSO@example.org", email_verified=True)) \
        == "SSO@example.org"
    assert oidc_email(SimpleNamespace(email="SSO@example.org")) == "SSO@example.org"
    assert oidc_email(SimpleNamespace(email="SSO@example.org", email_verified=False)) is None
    with pytest.raises(SignInError):  # no password: OIDC only
        accounts.authenticate("sso", "")


def test_serving_beyond_loopback_needs_an_admin(db):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("") and not is_loopback(None)
    assert serving_problem("127.0.0.1", db) is None
    problem = serving_problem("0.0.0.0", db)
    assert problem and "\n" not in problem
    assert "python -m incidents users add NAME --role admin --password-stdin" in problem
    store = IncidentStore(db)
    accounts = AccountStore(store.engine)
    accounts.add("viewer1", "viewer", LOCAL_ADMIN, password=PASSWORD)
    assert serving_problem("0.0.0.0", db) is not None  # a viewer is not enough
    assert accounts_exist(db)
    accounts.add("boss", "admin", LOCAL_ADMIN, password=PASSWORD)
    assert serving_problem("0.0.0.0", db) is None
    assert anonymous_view(store.engine) == "signin"
    set_anonymous_view(store.engine, "viewer", LOCAL_ADMIN)
    assert anonymous_view(store.engine) == "viewer"
    store.close()


def test_accounts_check_fails_closed(db, tmp_path, monkeypatch):
    """Only a missing store, or one without the accounts table, runs in local mode: a store
    locked by a long write (or damaged) asks sessions to sign in, never makes every visitor
    the local admin."""
    from incidents import deployment
    monkeypatch.setattr(deployment, "ACCOUNTS_CHECK_WAIT_S", 0.05)
    assert not accounts_exist(f"sqlite:///{tmp_path / 'none.sqlite'}")
    old = tmp_path / "old.sqlite"
    sqlite3.connect(old).execute("CREATE TABLE incidents (event_id TEXT)").connection.close()
    assert not accounts_exist(f"sqlite:///{old}")
    store = IncidentStore(db)
    AccountStore(store.engine).add("boss", "admin", LOCAL_ADMIN, password=PASSWORD)
    store.close()
    path = db.removeprefix("sqlite:///")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # a long import holds the lock
    try:
        assert accounts_exist(db)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert accounts_exist(db)
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    assert accounts_exist(f"sqlite:///{damaged}")


def test_config_binds_loopback_with_upload_limit_and_xsrf():
    cfg = tomllib.loads((settings.REPO_ROOT / ".streamlit" / "config.toml").read_text())
    server = cfg["server"]
    assert server["address"] == "127.0.0.1"
    assert 0 < server["maxUploadSize"] <= 200 and server["enableXsrfProtection"] is True


def test_a_new_data_folder_and_store_are_owner_only(tmp_path, monkeypatch):
    """The folder and the SQLite file hold every record and the password hashes: made 0700
    and 0600 when this program creates them (audit: drwxr-xr-x and -rw-r--r--)."""
    import stat
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data))
    monkeypatch.delenv("KGTJ_DB_URL", raising=False)
    store = IncidentStore(settings.database_url())
    AccountStore(store.engine).add("boss", "admin", LOCAL_ADMIN, password=PASSWORD)
    store.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = list(data.glob("*.sqlite"))
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
