"""Conventions shared by the command lines (``python -m incidents | analysis | maps``):
exit codes, the user-facing error, and one way of turning exceptions into messages."""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

EXIT_OK, EXIT_USAGE, EXIT_FILE, EXIT_DATA, EXIT_OTHER = 0, 2, 3, 4, 5


class CliError(Exception):
    """A user-facing error with an exit code."""

    def __init__(self, message: str, code: int = EXIT_DATA):
        super().__init__(message)
        self.code = code


def run_guarded(call: Callable[[], int],
                errors: Mapping[type[BaseException], int] | None = None) -> int:
    """Run ``call``; print any error as one line on stderr and return its exit code.

    ``errors`` maps further exception types to exit codes (checked in order, before
    ``ValueError`` → :data:`EXIT_DATA`; anything else → :data:`EXIT_OTHER`).
    """
    table = {**(errors or {}), ValueError: EXIT_DATA}
    try:
        return call()
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except Exception as exc:  # noqa: BLE001 - a message, not a traceback
        for kind, code in table.items():
            if isinstance(exc, kind):
                print(f"error: {exc}", file=sys.stderr)
                return code
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_OTHER
