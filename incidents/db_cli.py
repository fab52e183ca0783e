"""``python -m incidents db upgrade|current|check``: the store's schema (Alembic).

- ``upgrade``: apply the missing revisions (a store made before Alembic is adopted first);
- ``current``: print the database's revision and the newest this program knows;
- ``check``: exit 0 when the store is up to date, 4 when revisions are pending (listed),
  and refuse (4) a store newer than this program.
"""
from __future__ import annotations

import argparse

import sqlalchemy as sa

import settings
from cli_common import EXIT_DATA, EXIT_OK, CliError
from incidents import migrations
from incidents.database import open_engine


def _engine(args) -> sa.Engine:
    return open_engine(args.db or settings.database_url())


def cmd_db(args) -> int:
    engine = _engine(args)
    try:
        if args.action == "upgrade":
            applied = migrations.upgrade(engine)
            print(f"applied: {', '.join(applied)}" if applied else "already up to date")
            print(f"revision: {migrations.head()}")
            return EXIT_OK
        pending = migrations.pending(engine)
        with engine.connect() as conn:
            rev = migrations.current(conn)
        if args.action == "current":
            print(f"database: {rev or '(not under Alembic yet)'}")
            print(f"program: {migrations.head()}")
            return EXIT_OK
        if pending:
            raise CliError(f"schema out of date: pending {', '.join(pending)} "
                           "(run: python -m incidents db upgrade)", EXIT_DATA)
        print(f"up to date ({migrations.head()})")
        return EXIT_OK
    except migrations.SchemaTooNewError as exc:
        raise CliError(str(exc), EXIT_DATA) from exc
    finally:
        engine.dispose()


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``db`` command to the incidents CLI."""
    p = sub.add_parser("db", parents=[common], help="the store's schema: upgrade|current|check")
    p.add_argument("action", choices=("upgrade", "current", "check"))
    p.set_defaults(func=cmd_db)
