"""The server refuses to serve beyond loopback without an admin account (issue 18)."""
from __future__ import annotations

import os
import subprocess
import sys

import settings
from tests.browser.conftest import free_port


def test_server_on_every_interface_without_an_admin_refuses_to_start(tmp_path):
    env = {**os.environ, "KGTJ_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0",
         "--server.port", str(free_port()), "--server.headless", "true"],
        cwd=settings.REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    line = [ln for ln in (done.stdout + done.stderr).splitlines() if "Refusing" in ln]
    assert len(line) == 1
    assert "python -m incidents users add NAME --role admin --password-stdin" in line[0]
