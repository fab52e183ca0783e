"""A throwaway PostgreSQL (with PostGIS when installed) for the tests that run on both
backends.

``KGTJ_TEST_PG_URL`` names a running server (``.ci/run`` starts one on 127.0.0.1 in a temp
folder with ``.ci/pg_start``); otherwise :func:`start` makes a cluster in a temp folder with
the distribution's ``initdb``/``pg_ctl`` (as the ``postgres`` user when run as root) on a
free loopback port, and stops it at the end of the session. When neither works the tests
skip with a one-line reason, except under ``KGTJ_REQUIRE_PG=1`` (CI), where they fail.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa


class NoServer(RuntimeError):
    """No PostgreSQL server could be found or started (the message says why)."""


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A cluster this process started (``url`` points at its ``postgres`` database)."""

    def __init__(self) -> None:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise NoServer("PostgreSQL not installed (apt-get install postgresql postgis) "
                           "and KGTJ_TEST_PG_URL not set")
        self.dir = Path(tempfile.mkdtemp(prefix="kgtj-pg-"))
        self.port = _free_port()
        self._prefix: list[str] = []
        if os.geteuid() == 0:  # the server refuses to run as root
            if shutil.which("runuser") is None:
                raise NoServer("running as root without runuser to start PostgreSQL")
            shutil.chown(self.dir, "postgres")
            self._prefix = ["runuser", "-u", "postgres", "--"]
        data = self.dir / "data"
        self._pg_ctl = [*self._prefix, pg_ctl, "-D", str(data), "-w", "-s"]
        try:
            subprocess.run([*self._prefix, initdb, "-D", str(data), "-U", "postgres",
                            "--auth=trust", "-E", "UTF8", "--no-sync"],
                           check=True, capture_output=True, timeout=120)
            opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                    f"-c unix_socket_directories={self.dir} -c fsync=off "
                    "-c max_connections=200")
            subprocess.run([*self._pg_ctl, "-o", opts, "-l", str(self.dir / "log"), "start"],
                           check=True, capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as exc:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise NoServer(f"could not start PostgreSQL: {exc}") from exc
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run([*self._pg_ctl, "-m", "immediate", "stop"], capture_output=True,
                       timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_ready(url: str, seconds: float = 15.0) -> None:
    """Connect to ``url`` until it answers (raises :class:`NoServer` after ``seconds``)."""
    engine = sa.create_engine(url)
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                with engine.connect() as conn:
                    conn.execute(sa.text("SELECT 1"))
                return
            except sa.exc.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise NoServer(f"PostgreSQL at {url} does not answer: "
                                   f"{str(exc).splitlines()[0]}") from exc
                time.sleep(0.2)
    finally:
        engine.dispose()


def _admin(server_url: str) -> sa.Engine:
    return sa.create_engine(server_url, isolation_level="AUTOCOMMIT")


def _url_of(server_url: str, name: str) -> str:
    return sa.engine.make_url(server_url).set(database=name).render_as_string(
        hide_password=False)


def create_database(server_url: str, template: str | None = None) -> str:
    """A new database on the server; its URL. Without ``template``: empty, with PostGIS
    enabled when available; with one: a copy of that database (see :func:`make_template`)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin(server_url)
    try:
        with admin.connect() as conn:
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    finally:
        admin.dispose()
    url = _url_of(server_url, name)
    if template:
        return url
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            available = conn.execute(sa.text(
                "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")).scalar()
            if available:
                conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    finally:
        engine.dispose()
    return url


def make_template(server_url: str) -> str:
    """A database holding PostGIS and the store's schema at the newest revision, to copy for
    each test (a copy takes a fraction of a second; creating PostGIS and running every
    revision takes seconds). Returns its name."""
    from incidents import migrations
    from incidents.database import open_engine
    url = create_database(server_url)
    engine = open_engine(url)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    return sa.engine.make_url(url).database


def drop_database(server_url: str, url: str) -> None:
    name = sa.engine.make_url(url).database
    admin = _admin(server_url)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
