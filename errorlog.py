"""Unexpected errors: a short message with a reference for the user, the details in a log.

An exception's text can hold what only some may see: SQLAlchemy puts the SQL statement (and,
unless the engine hides them, its parameters: notes, places) into its message, a traceback
shows local values. So the CLI and the app show only :func:`public_message` (a one-line
message and a reference such as ``E-20261203-4F2A9C``) and :func:`record` writes the full
traceback to ``<data dir>/logs/errors.log``, owner-only (0600, folder 0700), never to stderr
or the page (issue 15). Standard library only.
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import traceback
from pathlib import Path

import settings

LOG_NAME = "errors.log"


def log_path() -> Path:
    """``<data dir>/logs/errors.log``."""
    return settings.data_dir() / "logs" / LOG_NAME


def new_reference() -> str:
    """A reference the user can quote: ``E-<UTC date>-<6 hex digits>``."""
    return f"E-{dt.datetime.now(dt.UTC):%Y%m%d}-{secrets.token_hex(3).upper()}"


def record(exc: BaseException, where: str = "") -> str:
    """Write ``exc`` with its traceback to the owner-only log; return its reference.
    A log that cannot be written loses only the details (the reference is still given)."""
    ref = new_reference()
    path = log_path()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    entry = (f"--- {ref} {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} "
             f"{where}\n{text}\n")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.chmod(0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, entry.encode("utf-8", "replace"))
        finally:
            os.close(fd)
    except OSError:
        pass
    return ref


def public_message(ref: str) -> str:
    """The English one-line message for an unexpected error (the app translates its own)."""
    return (f"an unexpected problem stopped this command (reference {ref}); the details "
            f"are in {log_path()} for the administrator")
