"""``python -m incidents users add|list|set-role|disable|enable|reset-password|set-email``
and the acting principal of every command (``--as ACCOUNT``).

The command line is run by someone who can open the store's database, so it acts as
:data:`incidents.access.LOCAL_ADMIN` (history entries say ``local``). ``--as ACCOUNT``
acts as that (active) account instead — its name goes into the history and its role
limits what the command may read, write and export (e.g. ``--as guest`` with a viewer
account exports only what a viewer may see). No password is asked: the CLI is not a
security boundary, the database file or server credentials are.

Passwords are read from standard input with ``--password-stdin`` (first line, no echo,
nothing on the command line or in the shell history) or asked at a terminal prompt; they
are never printed. ``list`` prints names, roles, e-mails and state, never hashes.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from cli_common import EXIT_OK, EXIT_USAGE, CliError
from incidents.access import LOCAL_ADMIN, ROLE_NAMES, Principal


def add_as_argument(parser) -> None:
    """The ``--as ACCOUNT`` option of every command (see :func:`acting_principal`)."""
    parser.add_argument("--as", dest="as_account", default=None, metavar="ACCOUNT",
                        help="act as this account (its role applies; default: the local "
                             "admin)")


def acting_principal(args, engine) -> Principal:
    """:data:`LOCAL_ADMIN`, or the account named by ``--as`` (must exist and be active) in
    the database of ``engine`` (a SQLAlchemy engine)."""
    name = getattr(args, "as_account", None)
    if not name:
        return LOCAL_ADMIN
    import sqlalchemy as sa

    from incidents.accounts import AccountError, AccountStore
    from incidents.tables import accounts
    if not sa.inspect(engine).has_table(accounts.name):  # an empty or pre-accounts store
        raise CliError(f"--as {name[:70]}: this store has no accounts (run: python -m "
                       "incidents db upgrade, then users add)", EXIT_USAGE)
    try:
        account = AccountStore(engine).get(name)
    except AccountError as exc:
        raise CliError(f"--as {name}: {exc}", EXIT_USAGE) from None
    if account.disabled:
        raise CliError(f"--as {name}: the account is disabled", EXIT_USAGE)
    return Principal(account.name, account.role)


def acting_without_store(args) -> Principal:
    """:func:`acting_principal` for a command that keeps no store open: the store at
    ``args.db`` is opened (and closed) only to look up the account ``--as`` names."""
    if not getattr(args, "as_account", None):
        return LOCAL_ADMIN
    from incidents.wiring import open_store
    store = open_store(args.db)
    try:
        return acting_principal(args, store.engine)
    finally:
        store.close()


def _password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("give the password on standard input with --password-stdin",
                       EXIT_USAGE)
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise CliError("the two passwords differ", EXIT_USAGE)
    return first


def cmd_users(args) -> int:
    from incidents.accounts import AccountStore
    from incidents.store import IncidentStore
    store = IncidentStore(args.db)
    accounts = AccountStore(store.engine)
    me = acting_principal(args, store.engine)
    action = args.users_action
    if action == "list":
        rows = accounts.list(me)
        if not rows:
            print("no accounts: the app runs in local single-user mode (loopback only)")
        for a in rows:
            state = "disabled" if a.disabled else "active"
            how = ", ".join(x for x in ("password" if a.has_password else "",
                                        f"sso {a.email}" if a.email else "") if x)
            print(f"{a.name}\t{a.role.label}\t{state}\t{how}")
        return EXIT_OK
    if action == "add":
        password = _password(args) if (args.password_stdin or not args.email) else None
        a = accounts.add(args.name, args.role, me, password=password, email=args.email)
        print(f"account {a.name} added ({a.role.label})")
    elif action == "set-role":
        a = accounts.set_role(args.name, args.role, me)
        print(f"account {a.name} is now {a.role.label}")
    elif action in ("disable", "enable"):
        a = accounts.disable(args.name, me, disabled=action == "disable")
        print(f"account {a.name} {'disabled' if a.disabled else 'enabled'}")
    elif action == "reset-password":
        a = accounts.reset_password(args.name, _password(args), me)
        print(f"password of {a.name} changed")
    elif action == "set-email":
        a = accounts.set_email(args.name, args.email or None, me)
        print(f"account {a.name}: e-mail {a.email or '(none)'}")
    return EXIT_OK


def add_users_parser(sub, common) -> None:
    """The ``users`` sub-command and its actions (``--db`` and ``--as`` before or after
    the action)."""
    p = sub.add_parser("users", parents=[common], help="manage accounts and roles")
    common = argparse.ArgumentParser(add_help=False)  # no defaults: keep the outer value
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="URL")
    common.add_argument("--as", dest="as_account", default=argparse.SUPPRESS,
                        metavar="ACCOUNT")
    acts = p.add_subparsers(dest="users_action", required=True)
    acts.add_parser("list", parents=[common], help="names, roles and state (no hashes)")
    a = acts.add_parser("add", parents=[common], help="create an account")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=ROLE_NAMES)
    a.add_argument("--email", default=None,
                   help="e-mail of the organisation's single sign-on (OIDC) for this "
                        "account; without --password-stdin the account has no password")
    a.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    r = acts.add_parser("set-role", parents=[common], help="change an account's role")
    r.add_argument("name")
    r.add_argument("role", choices=ROLE_NAMES)
    for action, text in (("disable", "stop an account signing in"),
                         ("enable", "let a disabled account sign in again")):
        d = acts.add_parser(action, parents=[common], help=text)
        d.add_argument("name")
    w = acts.add_parser("reset-password", parents=[common], help="set a new password")
    w.add_argument("name")
    w.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")
    e = acts.add_parser("set-email", parents=[common],
                        help="map a single sign-on e-mail to the account ('' clears it)")
    e.add_argument("name")
    e.add_argument("email")
    p.set_defaults(func=cmd_users)
