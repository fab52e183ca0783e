"""``python -m incidents db upgrade|current|check``: the store's schema (Alembic).

- ``upgrade``: apply the missing revisions (a store made before Alembic is adopted first);
- ``current``: print the database's revision and the newest this program knows;
- ``check``: exit 0 when the store is up to date, 4 when revisions are pending (listed),
  and refuse (4) a store newer than this program;
- ``dump FILE`` / ``restore FILE``: the whole store as one portable file, restored into an
  empty store on either backend (:mod:`incidents.backup`);
- ``publish-qgis`` / ``grant-readonly ROLE`` (PostgreSQL with PostGIS): the public view
  ``public_incidents`` for QGIS, readable by ROLE and nothing else
  (:mod:`incidents.qgis_layer`).
"""
from __future__ import annotations

import argparse

import sqlalchemy as sa

import settings
from cli_common import EXIT_DATA, EXIT_FILE, EXIT_OK, EXIT_USAGE, CliError
from incidents import migrations
from incidents.cli_users import acting_principal
from incidents.database import open_engine


def _engine(args) -> sa.Engine:
    return open_engine(args.db or settings.database_url())


def _backup(engine: sa.Engine, args) -> int:
    from incidents import backup
    if not args.path:
        raise CliError(f"db {args.action} needs a FILE", EXIT_USAGE)
    try:
        if args.action == "dump":
            counts = backup.dump(engine, args.path)
        else:
            counts = backup.restore(engine, args.path)
    except backup.DumpError as exc:
        raise CliError(str(exc), EXIT_DATA) from exc
    except FileNotFoundError as exc:
        raise CliError(f"{args.path}: no such file", EXIT_FILE) from exc
    done = "written to" if args.action == "dump" else "restored from"
    print(f"{sum(counts.values())} rows in {len(counts)} tables {done} {args.path}")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    return EXIT_OK


def _qgis(args) -> int:
    from incidents import qgis_layer
    from incidents.wiring import open_store
    if args.action == "grant-readonly" and not args.path:
        raise CliError("db grant-readonly needs a ROLE name", EXIT_USAGE)
    store = open_store(args.db or settings.database_url())
    try:
        if args.action == "grant-readonly":
            qgis_layer.grant_readonly(store, args.path, location=args.location)
            print(f"role {args.path} may read the view {qgis_layer.VIEW} (and nothing else); "
                  f"set its password with ALTER ROLE {args.path} PASSWORD '...'")
        else:
            qgis_layer.enable(store, location=args.location)
            print(f"view {qgis_layer.VIEW} rebuilt")
    except ValueError as exc:
        raise CliError(str(exc), EXIT_DATA) from exc
    finally:
        store.close()
    return EXIT_OK


READ_ONLY_ACTIONS = ("current", "check")  # the others need an admin (``database``)


def cmd_db(args) -> int:
    engine = _engine(args)
    try:
        if args.action not in READ_ONLY_ACTIONS:  # --as ACCOUNT limits these too
            acting_principal(args, engine).require("database")
        if args.action in ("grant-readonly", "publish-qgis"):
            return _qgis(args)
        if args.action in ("dump", "restore"):
            return _backup(engine, args)
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
    p = sub.add_parser("db", parents=[common],
                       help="the store's schema (upgrade|current|check), backups (dump|restore)")
    p.add_argument("action", choices=("upgrade", "current", "check", "dump", "restore",
                                      "publish-qgis", "grant-readonly"))
    p.add_argument("path", nargs="?", metavar="FILE|ROLE",
                   help="dump|restore: the backup file (.jsonl.gz); grant-readonly: the role")
    p.add_argument("--location", choices=("settlement", "hex"), default="settlement",
                   help="publish-qgis|grant-readonly: public records at their nearest "
                        "settlement (default) or only counted in hex cells")
    p.set_defaults(func=cmd_db)
