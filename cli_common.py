"""Conventions shared by the command lines (``python -m incidents | analysis | maps``):
exit codes, the user-facing error, and one way of turning exceptions into messages.

Expected errors (bad input, a missing file: :class:`CliError` and the types a command maps
to exit codes) print their message. Anything else, and every database error (its text
holds SQL), prints one line with a reference; the traceback goes to the owner-only log of
:mod:`errorlog`, never to the terminal (issue 15)."""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

EXIT_OK, EXIT_USAGE, EXIT_FILE, EXIT_DATA, EXIT_OTHER = 0, 2, 3, 4, 5
EXIT_DENIED = 6  # the acting account's role does not allow it (incidents.access)


class CliError(Exception):
    """A user-facing error with an exit code."""

    def __init__(self, message: str, code: int = EXIT_DATA):
        super().__init__(message)
        self.code = code


def run_guarded(call: Callable[[], int],
                errors: Mapping[type[BaseException], int] | None = None,
                text: Callable[[BaseException], str] = str) -> int:
    """Run ``call``; print any error as one line on stderr and return its exit code.

    ``errors`` maps further exception types to exit codes (checked in order, before
    ``ValueError`` → :data:`EXIT_DATA`; anything else → :data:`EXIT_OTHER`, shown only as
    a reference to the error log). ``text`` words an expected error (default its English;
    ``i18n.error_text`` in a chosen language).
    """
    table = {**(errors or {}), ValueError: EXIT_DATA}
    try:
        return call()
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:  # noqa: BLE001 - a message, not a traceback
        if not _from_database(exc):
            for kind, code in table.items():
                if isinstance(exc, kind):
                    print(f"error: {text(exc)}", file=sys.stderr)
                    return code
        import errorlog
        ref = errorlog.record(exc, "cli " + " ".join(sys.argv[:2]))
        print(f"error: {errorlog.public_message(ref)}", file=sys.stderr)
        return EXIT_OTHER


def _from_database(exc: BaseException) -> bool:
    """True for a database driver or SQLAlchemy error (or one raised from it): their text
    holds SQL statements and may hold values."""
    seen = 0
    while exc is not None and seen < 8:
        module = type(exc).__module__
        if module.startswith(("sqlalchemy", "sqlite3", "psycopg")) or \
                hasattr(exc, "statement"):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
