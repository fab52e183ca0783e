"""Schema migrations of the incident store, with Alembic.

The revisions live in ``incidents/schema_migrations/versions/`` (one file each, in order;
they only ever add). :func:`upgrade` brings a database to the newest revision when a store
opens; a store made before Alembic (its ``schema_version`` table says 1 or 2) is first
stamped with the matching revision, then upgraded in place. A database whose revision this
code does not know is newer than the program: :class:`SchemaTooNewError`, nothing written.

The command line: ``python -m incidents db upgrade|current|check``.
"""
from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

SCRIPT_DIR = Path(__file__).with_name("schema_migrations")
# the hand-written list's versions (table schema_version) and the revision each became
LEGACY_REVISIONS = {1: "0001_base", 2: "0002_learned_places"}


class SchemaTooNewError(RuntimeError):
    """The database was upgraded by a newer program than this one."""


def _config(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_DIR))
    cfg.attributes["connection"] = conn
    return cfg


@functools.lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_DIR))
    return ScriptDirectory.from_config(cfg)


def head() -> str:
    """The newest revision this code knows."""
    return _script().get_current_head()


def current(conn: sa.Connection) -> str | None:
    """The database's revision (None: not under Alembic yet)."""
    return MigrationContext.configure(conn).get_current_revision()


def _legacy_revision(conn: sa.Connection) -> str | None:
    """The revision a pre-Alembic store stands at, from its ``schema_version`` table."""
    if not sa.inspect(conn).has_table("schema_version"):
        return None
    version = conn.execute(sa.text("SELECT max(version) FROM schema_version")).scalar()
    if version is None:
        return None
    if int(version) not in LEGACY_REVISIONS:
        raise SchemaTooNewError(
            f"the incident store is at schema version {version}, newer than this program; "
            "update the program")
    return LEGACY_REVISIONS[int(version)]


def _check_known(revision: str | None) -> None:
    if revision is None:
        return
    try:
        _script().get_revision(revision)
    except Exception as exc:  # alembic raises ResolutionError / CommandError
        raise SchemaTooNewError(
            f"the incident store is at schema revision {revision}, which this program does "
            f"not know (newest known: {head()}): it was upgraded by a newer version; update "
            "the program") from exc


def upgrade(engine: sa.Engine) -> list[str]:
    """Bring the database to :func:`head`; return the revisions applied, oldest first.

    Raises
    ------
    SchemaTooNewError
        When the database is newer than this code (a downgrade is never attempted).
    """
    with engine.begin() as conn:
        before = current(conn)
        _check_known(before)
        if before is None:
            legacy = _legacy_revision(conn)
            if legacy is not None:
                command.stamp(_config(conn), legacy)
                before = legacy
        if before == head():
            return []
        command.upgrade(_config(conn), "head")
    script = _script()
    applied = [r.revision for r in script.iterate_revisions(head(), before)]
    return applied[::-1]


def pending(engine: sa.Engine) -> list[str]:
    """Revisions not yet applied to the database, oldest first (empty: up to date)."""
    with engine.connect() as conn:
        rev = current(conn)
        _check_known(rev)
        if rev is None:
            rev = _legacy_revision(conn)
    return [r.revision for r in _script().iterate_revisions(head(), rev)][::-1]
