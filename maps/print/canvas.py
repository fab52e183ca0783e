"""A figure for a printed page: matplotlib's Agg canvas without idle redraws.

geopandas asks the canvas for a redraw (``draw_idle``) after every layer it plots; on an Agg
canvas that renders the whole page each time, about 0.2 s for a print map, so a page of
20 layers was rendered 20 times before it was saved. Nothing here is interactive: a page is
rendered when it is saved, or when label placement asks for the renderer.
"""
from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


class PageCanvas(FigureCanvasAgg):
    """Agg canvas whose ``draw_idle`` does nothing (see the module's note)."""

    def draw_idle(self, *args, **kwargs) -> None:
        """No redraw on request: the page is drawn once, when saved or measured."""


def page_figure(size_in: tuple[float, float]) -> Figure:
    """A new figure of ``size_in`` (width, height in inches) on a :class:`PageCanvas`."""
    fig = Figure(figsize=size_in)
    PageCanvas(fig)
    return fig
