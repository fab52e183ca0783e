"""Accounts kept in the store: names, roles, Argon2id password hashes, OIDC e-mails.

Passwords are hashed with argon2-cffi's :class:`argon2.PasswordHasher` (Argon2id, its
RFC 9106 low-memory profile); the hash never leaves this module (``list`` returns
:class:`Account` records without it). Sign-ins are written to ``sign_ins`` (time,
account if one has that name, outcome, reason — never a password or a name that matched
no account, which may be a mistyped password) and to the ``kgtj.auth`` log; after
:data:`MAX_FAILURES` failures within :data:`WINDOW_S` an account is refused, even with the
right password, until the window has passed (names that match no account share one bucket
of :data:`MAX_UNKNOWN_FAILURES`).

Managing accounts needs the ``accounts`` right (admin); the CLI acts as
:data:`incidents.access.LOCAL_ADMIN`.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from incidents import tables
from incidents.access import Principal, Role, as_principal
from incidents.messages import Msg

log = logging.getLogger("kgtj.auth")
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD_LEN = 10
MAX_PASSWORD_LEN = 1024
MAX_FAILURES = 5
MAX_UNKNOWN_FAILURES = 20
WINDOW_S = 15 * 60
_HASHER = PasswordHasher()


class AccountError(ValueError):
    """An account cannot be created or changed; ``reason`` (also the error's text) says why,
    as a keyed message (:class:`incidents.messages.Msg`) the app shows in the user's
    language."""

    @property
    def reason(self) -> Msg:
        return self.args[0]


class SignInError(Exception):
    """A sign-in was refused; ``reason`` is ``bad``, ``disabled`` or ``locked`` (the
    message is the same for a wrong name and a wrong password)."""

    def __init__(self, reason: str, retry_after_s: int = 0):
        super().__init__(reason)
        self.reason, self.retry_after_s = reason, retry_after_s

    def __str__(self) -> str:
        if self.reason == "locked":
            return (f"too many failed sign-ins: try again in "
                    f"{max(1, round(self.retry_after_s / 60))} minute(s)")
        return "wrong account name or password"


@dataclass(frozen=True)
class Account:
    """An account as listed (no hash)."""

    name: str
    role: Role
    email: str | None
    disabled: bool
    has_password: bool
    created_at: str
    updated_at: str


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("not the password of anyone")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME_RE.fullmatch(name):
        raise AccountError(Msg("account.bad_name", value=name[:70]))
    return name


def _check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LEN:
        raise AccountError(Msg("account.short_password", n=MIN_PASSWORD_LEN))
    if len(password) > MAX_PASSWORD_LEN or "\x00" in password:
        raise AccountError(Msg("account.long_password", n=MAX_PASSWORD_LEN))
    return password


def _check_email(email: str | None) -> str | None:
    if email is None or not str(email).strip():
        return None
    email = str(email).strip().lower()
    if len(email) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise AccountError(Msg("account.bad_email", value=email[:70]))
    return email


class AccountStore:
    """Accounts in the incident database (``engine`` of an opened
    :class:`incidents.store.IncidentStore`, whose migrations created the tables)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    # --- management (admin) ----------------------------------------------------------
    def add(self, name: str, role: str | Role, principal: Principal, *,
            password: str | None = None, email: str | None = None) -> Account:
        """Create an account; it needs a password or an e-mail (for OIDC sign-in)."""
        as_principal(principal).require("accounts")
        name, role, email = _check_name(name), Role.parse(role), _check_email(email)
        if password is None and email is None:
            raise AccountError(Msg("account.no_secret", name=name))
        hashed = _HASHER.hash(_check_password(password)) if password is not None else None
        now = _now().isoformat()
        t = tables.accounts
        with self.engine.begin() as conn:
            taken = conn.execute(sa.select(t.c.name).where(
                sa.or_(sa.func.lower(t.c.name) == name.lower(),
                       sa.and_(t.c.email.is_not(None), t.c.email == email)))).first()
            if taken:
                raise AccountError(Msg("account.taken", name=name))
            conn.execute(t.insert().values(name=name, role=role.label, password_hash=hashed,
                                           email=email, disabled=False, created_at=now,
                                           updated_at=now))
        log.info("account %s created (%s) by %s", name, role.label, principal.account)
        return self.get(name)

    def get(self, name: str) -> Account:
        """One account (no hash); ``AccountError`` when there is none of that name."""
        t = tables.accounts
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t).where(t.c.name == name)).mappings().first()
        if row is None:
            raise AccountError(Msg("account.unknown", value=name[:70]))
        return _account(row)

    def list(self, principal: Principal) -> list[Account]:
        """Every account, by name (admin)."""
        as_principal(principal).require("accounts")
        t = tables.accounts
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).order_by(t.c.name)).mappings().all()
        return [_account(r) for r in rows]

    def _change(self, name: str, principal: Principal, what: str, **values) -> Account:
        as_principal(principal).require("accounts")
        t = tables.accounts
        with self.engine.begin() as conn:
            n = conn.execute(t.update().where(t.c.name == name).values(
                **values, updated_at=_now().isoformat())).rowcount
        if not n:
            raise AccountError(Msg("account.unknown", value=name[:70]))
        log.info("account %s: %s by %s", name, what, principal.account)
        return self.get(name)

    def set_role(self, name: str, role: str | Role, principal: Principal) -> Account:
        """Change an account's role (the last active admin cannot be demoted)."""
        role = Role.parse(role)
        if role < Role.ADMIN:
            self._keep_an_admin(name)
        return self._change(name, principal, f"role {role.label}", role=role.label)

    def disable(self, name: str, principal: Principal, disabled: bool = True) -> Account:
        """Disable (or enable again) an account: it can no longer sign in."""
        if disabled:
            self._keep_an_admin(name)
        return self._change(name, principal, "disabled" if disabled else "enabled",
                            disabled=disabled)

    def reset_password(self, name: str, password: str, principal: Principal) -> Account:
        """Set a new password (and so end its lock-out)."""
        hashed = _HASHER.hash(_check_password(password))
        return self._change(name, principal, "password reset", password_hash=hashed)

    def set_email(self, name: str, email: str | None, principal: Principal) -> Account:
        """Set (or clear) the e-mail an OIDC sign-in maps to this account."""
        return self._change(name, principal, "e-mail set", email=_check_email(email))

    def _keep_an_admin(self, name: str) -> None:
        admins = [a.name for a in self._active_admins()]
        if admins == [name]:
            raise AccountError(Msg("account.last_admin", name=name))

    def _active_admins(self) -> list[Account]:
        t = tables.accounts
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).where(
                t.c.role == Role.ADMIN.label, t.c.disabled == sa.false())).mappings().all()
        return [_account(r) for r in rows]

    def admin_count(self) -> int:
        """Active admin accounts (serving to other machines needs at least one)."""
        return len(self._active_admins())

    def has_accounts(self) -> bool:
        """True when any account exists (the app then asks who is signing in)."""
        with self.engine.connect() as conn:
            return bool(conn.execute(sa.select(sa.func.count()).select_from(
                tables.accounts)).scalar())

    # --- sign-in -----------------------------------------------------------------------
    def authenticate(self, name: str, password: str) -> Principal:
        """The principal of a local account whose password matches; else
        :class:`SignInError` (logged, and counted for the rate limit)."""
        t = tables.accounts
        name = (name or "").strip()[:64]
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t).where(t.c.name == name)).mappings().first()
        account = row["name"] if row is not None else None
        wait_s = self._locked_for_s(account)
        if wait_s:
            self._record(account, False, "password", "locked")
            raise SignInError("locked", wait_s)
        ok = False
        if row is not None and row["password_hash"]:
            try:
                ok = _HASHER.verify(row["password_hash"], password or "")
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
        else:  # spend the same time as a real check, so timing does not tell names
            try:
                _HASHER.verify(_dummy_hash(), password or "")
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                pass
        if not ok:
            self._record(account, False, "password", "bad")
            raise SignInError("bad")
        if row["disabled"]:
            self._record(account, False, "password", "disabled")
            raise SignInError("disabled")
        self._record(account, True, "password", None)
        if _HASHER.check_needs_rehash(row["password_hash"]):
            with self.engine.begin() as conn:
                conn.execute(t.update().where(t.c.name == account).values(
                    password_hash=_HASHER.hash(password)))
        return Principal(account, Role.parse(row["role"]))

    def principal_for_email(self, email: str | None) -> Principal | None:
        """The principal of the active account with that e-mail (an OIDC sign-in), or None
        (logged as a refused sign-in: the organisation's admin maps e-mails to roles)."""
        try:
            email = _check_email(email)
        except AccountError:
            email = None
        t = tables.accounts
        row = None
        if email:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(t).where(t.c.email == email)).mappings().first()
        if row is None or row["disabled"]:
            self._record(row["name"] if row is not None else None, False, "oidc",
                         "disabled" if row is not None else "unmapped")
            return None
        self._record(row["name"], True, "oidc", None)
        return Principal(row["name"], Role.parse(row["role"]))

    def _locked_for_s(self, account: str | None) -> int:
        """Seconds until ``account`` (None: the unknown-name bucket) may try again."""
        s = tables.sign_ins
        since = (_now() - dt.timedelta(seconds=WINDOW_S)).isoformat()
        who = s.c.account == account if account is not None else s.c.account.is_(None)
        limit = MAX_FAILURES if account is not None else MAX_UNKNOWN_FAILURES
        with self.engine.connect() as conn:
            last_ok = conn.execute(sa.select(sa.func.max(s.c.at)).where(
                who, s.c.ok == sa.true())).scalar()
            start = max(since, last_ok or "")
            fails = conn.execute(sa.select(s.c.at).where(
                who, s.c.ok == sa.false(), s.c.at >= start, s.c.reason != "locked")
                .order_by(s.c.at.desc()).limit(limit)).scalars().all()
        if len(fails) < limit:
            return 0
        oldest = dt.datetime.fromisoformat(fails[-1])
        return max(1, int((oldest + dt.timedelta(seconds=WINDOW_S) - _now()).total_seconds()))

    def _record(self, account: str | None, ok: bool, method: str, reason: str | None
                ) -> None:
        with self.engine.begin() as conn:
            conn.execute(tables.sign_ins.insert().values(
                at=_now().isoformat(), account=account, ok=ok, method=method, reason=reason))
        if not ok:
            log.warning("sign-in refused (%s, %s) for %s", method, reason,
                        account or "a name that matches no account")

    def sign_ins(self, principal: Principal, limit: int = 200) -> list[dict]:
        """The latest sign-in attempts, newest first (admin)."""
        as_principal(principal).require("accounts")
        s = tables.sign_ins
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(s).order_by(s.c.sign_in_id.desc()).limit(limit)
                                ).mappings().all()
        return [dict(r) for r in rows]


def _account(row) -> Account:
    return Account(name=row["name"], role=Role.parse(row["role"]), email=row["email"],
                   disabled=bool(row["disabled"]), has_password=bool(row["password_hash"]),
                   created_at=row["created_at"], updated_at=row["updated_at"])
