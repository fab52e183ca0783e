"""PDF checks in pure Python (pypdf): page count and size, text, metadata, fonts.

The tests read PDFs through these helpers, so the README's test command needs no poppler.
Rasterising a page still needs ``pdftoppm``: :func:`rasterise` skips with a one-line reason
when it is absent (CI installs poppler-utils and sets ``KGTJ_REQUIRE_POPPLER=1``).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def _reader(pdf: bytes | Path) -> PdfReader:
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    return PdfReader(io.BytesIO(data))


def page_count(pdf: bytes | Path) -> int:
    return len(_reader(pdf).pages)


def page_size_pt(pdf: bytes | Path, page: int = 0) -> tuple[float, float]:
    """Width and height of a page in points (1/72 inch)."""
    box = _reader(pdf).pages[page].mediabox
    return float(box.width), float(box.height)


def text(pdf: bytes | Path) -> str:
    """All pages' text, whitespace collapsed to single spaces."""
    pages = [p.extract_text() or "" for p in _reader(pdf).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def metadata(pdf: bytes | Path) -> dict[str, str]:
    """The document information dictionary, keys without the leading slash."""
    meta = _reader(pdf).metadata or {}
    return {str(k).lstrip("/"): str(v) for k, v in meta.items()}


def font_names(pdf: bytes | Path) -> set[str]:
    """Base names of every font the pages use (subset prefixes kept as written)."""
    names: set[str] = set()
    for page in _reader(pdf).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont", "")))
    return names


def rasterise(pdf: Path, out_stem: Path, dpi: int = 30) -> Path:
    """The first page as PNG through poppler's pdftoppm (skips when poppler is absent)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        if os.environ.get("KGTJ_REQUIRE_POPPLER") == "1":
            pytest.fail("pdftoppm not found but KGTJ_REQUIRE_POPPLER=1")
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    subprocess.run([tool, "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out_stem)],
                   check=True)
    return out_stem.with_suffix(".png")
