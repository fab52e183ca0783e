"""Paper sizes, the print specification, the page layout and OCHA-style file names."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from fileio import product_filename
from geo.translit import transliterate

MM_PER_INCH = 25.4
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
ORIENTATIONS = ("landscape", "portrait")
FORMATS = ("pdf", "png")
LANGUAGES = ("en", "ru", "ky", "tg")


@dataclass(frozen=True)
class PrintSpec:
    """What to print.

    Parameters
    ----------
    title, subtitle : the map's title and its subtitle (what, where, period).
    paper : "A4" or "A3"; orientation : "landscape" or "portrait"; fmt : "pdf" or "png".
    dpi : raster resolution for PNG (PDF stays vector).
    labels : one or two label languages among en, ru, ky, tg (first on top).
    mode : "public" (generalised aggregates; the default) or "internal".
    production_date : date printed in the footer and used in the file name.
    bbox : optional (min_lon, min_lat, max_lon, max_lat) to show; default: the data.
    max_labels : most settlement labels to try (0 = none).
    inset : draw the locator map of the whole border in a corner of the map.
    """

    title: str = "Incidents near the Kyrgyz–Tajik border"
    subtitle: str = ""
    paper: str = "A4"
    orientation: str = "landscape"
    fmt: str = "pdf"
    dpi: int = 150
    labels: tuple[str, ...] = ("en", "ru")
    mode: str = "public"
    production_date: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    max_labels: int = 60
    inset: bool = True

    def __post_init__(self) -> None:
        checks = [(self.paper in PAPER_MM, f"paper must be one of {list(PAPER_MM)}"),
                  (self.orientation in ORIENTATIONS, f"orientation must be one of {ORIENTATIONS}"),
                  (self.fmt in FORMATS, f"fmt must be one of {FORMATS}"),
                  (self.mode in ("public", "internal"), "mode must be 'public' or 'internal'"),
                  (1 <= len(self.labels) <= 2 and set(self.labels) <= set(LANGUAGES),
                   f"labels must be one or two of {LANGUAGES}"),
                  (10 <= self.dpi <= 600, "dpi must be between 10 and 600"),
                  (bool(self.title.strip()), "title must not be empty")]
        for ok, msg in checks:
            if not ok:
                raise ValueError(f"{msg}, got {self!r}")

    @property
    def date(self) -> dt.date:
        return self.production_date or dt.date.today()

    def size_in(self) -> tuple[float, float]:
        """(width, height) of the page in inches."""
        short, long_ = PAPER_MM[self.paper]
        w, h = (long_, short) if self.orientation == "landscape" else (short, long_)
        return w / MM_PER_INCH, h / MM_PER_INCH

    @property
    def scale(self) -> float:
        """Font scale: 1 on A4, larger on A3."""
        return 1.0 if self.paper == "A4" else 1.3


@dataclass(frozen=True)
class Layout:
    """Figure-fraction rectangles (left, bottom, width, height) of the page parts."""

    title: tuple[float, float, float, float]
    map: tuple[float, float, float, float]
    panel: tuple[float, float, float, float]
    footer: tuple[float, float, float, float]


def page_layout(spec: PrintSpec) -> Layout:
    """Landscape: map left, legend panel right. Portrait: map on top, panel below it."""
    if spec.orientation == "landscape":
        return Layout(title=(0.02, 0.905, 0.96, 0.085), map=(0.02, 0.185, 0.70, 0.715),
                      panel=(0.735, 0.185, 0.245, 0.715), footer=(0.02, 0.01, 0.96, 0.165))
    return Layout(title=(0.03, 0.935, 0.94, 0.055), map=(0.03, 0.40, 0.94, 0.53),
                  panel=(0.03, 0.165, 0.94, 0.225), footer=(0.03, 0.01, 0.94, 0.145))


def short_title(title: str, max_len: int = 40) -> str:
    """File-name-safe short title: transliterated, words joined by hyphens."""
    text = transliterate(title) if re.search(r"[^\x00-\x7f]", title) else title
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", text)
    out = "-".join(words)[:max_len].strip("-")
    return out or "map"


def print_filename(title: str, paper: str, date: dt.date, ext: str) -> str:
    """OCHA-style name ``KGZ-TJK_<short-title>_<A4|A3>_<YYYYMMDD>.<ext>``."""
    if paper not in PAPER_MM:
        raise ValueError(f"paper must be one of {list(PAPER_MM)}, got {paper!r}")
    return product_filename(short_title(title), paper, date, ext)
