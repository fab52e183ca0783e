"""Regenerate ``static/vendor/`` (Leaflet, plugins, CSS, fonts) from the npm registry.

``python -m maps.web.vendor_assets [--npm-cache DIR]`` runs ``npm pack NAME@VERSION`` for every
package in :data:`maps.web.offline.PACKAGES`, copies the listed dist files, and writes
``static/vendor/MANIFEST.json`` (package, version, licence, tarball sha256, every file's
sha256 and size, the CDN URLs each file replaces, and the links dropped). The one file
folium ships itself (its patched Leaflet.heat) is copied from the installed folium wheel.
Only this script needs the network; the app never does.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import folium

from layers.npm_source import fetch_package, read_member, sha256_file
from maps.web.offline import DROPPED, PACKAGES, VENDOR_DIR, VendoredPackage


def _write(dest: Path, data: bytes) -> dict:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def _vendor_package(pkg: VendoredPackage, cache: Path, out: Path) -> dict:
    if pkg.registry == "npm":
        tgz = fetch_package(pkg.name, pkg.version, cache)
        read = lambda member: read_member(tgz, f"package/{member}")  # noqa: E731
        source = {"registry": "npm", "tarball": tgz.name, "tarball_sha256": sha256_file(tgz)}
    else:
        root = Path(folium.__file__).resolve().parent.parent
        read = lambda member: (root / member).read_bytes()  # noqa: E731
        source = {"registry": "pypi", "wheel": f"folium=={folium.__version__}"}
    files = {}
    for member, dest in sorted(pkg.files.items()):
        files[f"{pkg.folder}/{dest}"] = {"from": member, **_write(out / pkg.folder / dest,
                                                                   read(member))}
    return {"name": pkg.name, "version": pkg.version, "licence": pkg.licence, **source,
            "files": files,
            "replaces": {url: f"{pkg.folder}/{d}" for url, d in sorted(pkg.replaces.items())}}


def vendor(out: Path = VENDOR_DIR, npm_cache: Path | None = None) -> dict:
    """Fetch every package and (re)write ``out``; return the manifest written."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = npm_cache or Path(tmp)
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        manifest = {
            "purpose": "Leaflet and folium plugin assets served locally so the map works "
                       "offline (maps.web.offline.localize points folium's CDN links here).",
            "regenerate": "python -m maps.web.vendor_assets",
            "packages": [_vendor_package(p, cache, out) for p in PACKAGES],
            "dropped_links": DROPPED,
        }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm-cache", type=Path, default=None,
                        help="folder to keep/reuse the npm tarballs in")
    parser.add_argument("--out", type=Path, default=VENDOR_DIR)
    args = parser.parse_args(argv)
    manifest = vendor(args.out, args.npm_cache)
    n = sum(len(p["files"]) for p in manifest["packages"])
    size = sum(f["bytes"] for p in manifest["packages"] for f in p["files"].values())
    print(f"wrote {n} files ({size / 1e6:.2f} MB) from {len(manifest['packages'])} packages "
          f"to {args.out}")


if __name__ == "__main__":
    main()
