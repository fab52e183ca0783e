"""Text that flows down a brief's pages: measured, never estimated, so no section can
overprint another or the footer at any length; what does not fit continues on a new page
(with the brief's heading and footer again).

Positions are figure fractions (0 at the bottom); heights are measured from the rendered
text (Agg renderer) of the figure they are drawn on.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from matplotlib.figure import Figure

from maps.print.print_text import bi
from maps.print.printmap import _wrap

GAP = 0.006      # between a heading and its text, and after a section
MARGIN = 0.008   # kept free above the footer
CONT = " (continued / продолжение)"


def text_height(fig: Figure, text: str, **kw) -> float:
    """Height (figure fraction) of ``text`` drawn with ``kw`` (measured, then removed)."""
    t = fig.text(0, 0.5, text, va="top", **kw)
    h = t.get_window_extent(fig.canvas.get_renderer()).height / fig.bbox.height
    t.remove()
    return h


def bottom_of(fig: Figure, artist) -> float:
    """Lowest point (figure fraction) of a drawn artist."""
    return artist.get_window_extent(fig.canvas.get_renderer()).y0 / fig.bbox.height


def top_of(fig: Figure, artist) -> float:
    """Highest point (figure fraction) of a drawn artist."""
    return artist.get_window_extent(fig.canvas.get_renderer()).y1 / fig.bbox.height


def item_cut(lines: Sequence[str], n: int) -> int:
    """Where to end a page that has room for ``lines[:n]``: before the item that line ``n``
    would split (an item: a line that starts without a space and the indented lines
    after it), else at ``n``; 0 when the first item does not fit."""
    if n >= len(lines) or not lines[n].startswith(" "):
        return n
    while n > 0 and lines[n].startswith(" "):
        n -= 1
    return n


@dataclass
class Flow:
    """Where the next text goes: the current page, ``y`` (top of the free space) and the
    page's ``floor`` (top of its footer plus a margin). ``new_page()`` makes a page and
    returns ``(figure, top, floor)``."""

    new_page: Callable[[], tuple[Figure, float, float]]
    pages: list[Figure] = field(default_factory=list)
    y: float = 0.0
    floor: float = 0.0
    fresh: bool = False  # nothing drawn yet on the current page

    @property
    def fig(self) -> Figure:
        return self.pages[-1]

    def turn(self) -> None:
        fig, self.y, self.floor = self.new_page()
        self.pages.append(fig)
        self.fresh = True

    def _fit(self, lines: Sequence[str], room: float, kw: dict) -> int:
        """Most of ``lines`` (from the first) whose text fits ``room``."""
        lo, hi = 0, len(lines)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text_height(self.fig, "\n".join(lines[:mid]), **kw) <= room:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def section(self, key: str, lines: list[str], head_kw: dict, body_kw: dict,
                x: float = 0.05, continued: bool = False) -> None:
        """A heading (``print_text`` key, both languages) and its lines; a heading is never
        left alone at a page's foot, and a section cut by the page goes on under the same
        heading marked as continued (from the start when ``continued``). An item (a line
        and the indented lines after it) is not split across pages unless it is longer
        than a fresh page holds."""
        first = True
        while first or lines:
            head = bi(key) + ("" if first and not continued else CONT)
            head_h = text_height(self.fig, head, **head_kw)
            room = self.y - self.floor - head_h - GAP
            n = self._fit(lines, room, body_kw) if room > 0 else 0
            whole = item_cut(lines, n)  # an item that does not fit goes on whole
            if whole or not self.fresh:
                n = whole
            if n == 0 and lines:
                if not self.fresh:
                    self.turn()
                    continue
                n = 1  # a fresh page always takes a (wrapped, one-line) line
            self.fig.text(x, self.y, head, va="top", **head_kw)
            body = self.fig.text(x, self.y - head_h - GAP, "\n".join(lines[:n]), va="top",
                                 **body_kw)
            self.y = bottom_of(self.fig, body) - GAP * 2
            self.fresh = False
            lines = lines[n:]
            first = False
            if lines:
                self.turn()

    def start(self, fig: Figure, y: float, floor: float) -> None:
        """Begin on ``fig`` at ``y`` above ``floor``."""
        self.pages.append(fig)
        self.y, self.floor = y, floor


def fit_text(fig, x: float, y: float, text: str, width_in: float, floor: float
              ) -> list[str]:
    """``text`` from ``y`` down, never below ``floor``: smaller type first (6.8 to 5.6 pt),
    then the lines that still do not fit are returned (to go on below, under the
    section's heading marked continued)."""
    for size in (6.8, 6.4, 6.0, 5.6):
        lines = _wrap(fig, text, width_in, size).split("\n")
        t = fig.text(x, y, "\n".join(lines), fontsize=size, va="top", linespacing=1.3)
        if bottom_of(fig, t) >= floor:
            return []
        t.remove()
    rest: list[str] = []
    while len(lines) > 1:
        rest.insert(0, lines.pop())
        t = fig.text(x, y, "\n".join([*lines, f"… {CONT.strip()} ↓"]), fontsize=size,
                     va="top", linespacing=1.3)
        if bottom_of(fig, t) >= floor:
            return [ln.strip() for ln in rest]
        t.remove()
    return [ln.strip() for ln in rest]
