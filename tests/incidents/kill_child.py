"""Run a Python script in a child process and SIGKILL it once it prints a marker line."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import settings


def kill_at_marker(script: Path, args: list[str], marker: str,
                   env: dict[str, str] | None = None, timeout_s: float = 60) -> int:
    """Run ``script args`` from the repository root, wait until it prints ``marker`` (it
    prints ``DONE`` if it got through), kill it with SIGKILL; returns its pid."""
    full_env = dict(os.environ, PYTHONPATH=str(settings.REPO_ROOT), **(env or {}))
    proc = subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                            text=True, cwd=settings.REPO_ROOT, env=full_env)
    try:
        deadline, line = time.monotonic() + timeout_s, ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip() in {marker, "DONE"} or not line:
                break
        assert line.strip() == marker, f"the child never printed {marker}: {line!r}"
    finally:
        kill(proc)
    return proc.pid


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL ``proc`` (if it still runs) and check it died of it."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
