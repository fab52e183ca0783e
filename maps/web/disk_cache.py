"""Files kept between starts, named by a fingerprint of what they were made from.

Standard library only: :mod:`ui.first_paint` uses it before pandas or folium are imported.
The prepared map layers (:mod:`maps.web.base_cache`) and the Map page's first paint
(:mod:`ui.first_paint`) are both stored this way: a changed input gives a new name, so a
file is never read for inputs it was not made from.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import settings


def fingerprint(inputs: Iterable[Path], extra: str = "") -> str:
    """sha256 (hex) over the inputs and ``extra``. An input inside the repository counts by
    its relative path and content, any other by its resolved path, size and mtime (ns); a
    missing input counts as such."""
    h = hashlib.sha256()
    root = settings.REPO_ROOT.resolve()
    for path in sorted(Path(p).resolve() for p in inputs):
        try:
            if path.is_relative_to(root):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                h.update(f"{path.relative_to(root).as_posix()}|{digest}\n".encode())
            else:
                st = path.stat()
                h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{path}|missing\n".encode())
    h.update(extra.encode())
    return h.hexdigest()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and its parents) and make it owner-only (0700): a cache of the app
    may hold what only the app's users may see (issue 15), never other accounts."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        path.chmod(0o700)
    except OSError:  # not ours: leave it (the files themselves are still 0600)
        pass
    return path


def write_json(path: Path, data: Any) -> None:
    """Write atomically (temporary file, then rename), so a reader never sees half a file.
    The file is owner-only (0600)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
