"""Text boxes of a rendered matplotlib figure, to check that no two texts overprint."""
from __future__ import annotations

from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox


def texts(container, renderer=None) -> list[Text]:
    """Visible, non-empty texts of an Axes or Figure that are drawn (halos, leader-line
    annotations without text, and annotations clipped away with their point excluded)."""
    fig = container if hasattr(container, "canvas") else container.figure
    renderer = renderer or fig.canvas.get_renderer()
    found = container.findobj(Text)
    out = []
    for t in found:
        if not (t.get_visible() and t.get_text().strip() and t.get_gid() != "halo"):
            continue
        if isinstance(t, Annotation) and not t._check_xy(renderer):  # not drawn
            continue
        out.append(t)
    return out


def boxes(items: list[Text], renderer, shrink_px: float = 0.5) -> list[tuple[str, Bbox]]:
    """``(text, display box)`` pairs, each box shrunk by ``shrink_px`` (anti-aliasing)."""
    out = []
    for t in items:
        b = t.get_window_extent(renderer)
        out.append((t.get_text(), Bbox.from_extents(b.x0 + shrink_px, b.y0 + shrink_px,
                                                    b.x1 - shrink_px, b.y1 - shrink_px)))
    return out


def overlaps(pairs: list[tuple[str, Bbox]]) -> list[tuple[str, str]]:
    """The pairs of texts whose boxes intersect."""
    bad = []
    for i, (ta, a) in enumerate(pairs):
        for tb, b in pairs[i + 1:]:
            if a.overlaps(b):
                bad.append((ta[:40], tb[:40]))
    return bad
