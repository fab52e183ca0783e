"""What lets a reader orient on the web map before any layer: the opening view that shows
both countries' names, and the pane that keeps hotspot outlines above the incident symbols.

- :func:`opening_bounds`: the box a new map fits on opening (EPSG:4326 degrees): the
  Kyrgyzstan and Tajikistan label points (:mod:`maps.web.country_labels`), the region's focus
  and, for a map drawn once (not the app's live map, whose base must not change with the
  filter), the bulk of the incidents (5th–95th percentile of their coordinates), so the
  map's subject and both country names are in view whatever the screen;
  :class:`FitOpening` applies it with a padding of half a country label's width, so a name
  is never cut at the frame.
- :class:`OutlinePane`: a Leaflet pane above the marker pane (``OUTLINE_PANE_Z`` over
  Leaflet's 600) and below tooltips (650) and popups (700); lines drawn there are not
  interactive, so the symbols under an outline stay clickable.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from maps.web.geojson_layer import compact_json

OUTLINE_PANE = "kgtjOutlines"
OUTLINE_PANE_Z = 620
LABEL_HALF_WIDTH_PX = 110  # maps.legend.CountryLabel's icon is 220 px wide
OPENING_MAX_ZOOM = 10
NAMED_ON_OPENING = ("KGZ", "TJK")


def opening_bounds(country_labels, incidents: pd.DataFrame | None = None,
                   focus: tuple[float, float] | None = None,
                   q: float = 0.05) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` (degrees) around the KGZ and TJK label points, the
    ``focus`` point (lat, lon) and the incidents' central extent (quantiles ``q`` and
    ``1 - q``), or None when there are no labels, no focus and no located incidents."""
    named = [d for d in country_labels or () if d.get("iso3") in NAMED_ON_OPENING]
    lats = [float(d["lat"]) for d in named] + ([float(focus[0])] if focus else [])
    lons = [float(d["lon"]) for d in named] + ([float(focus[1])] if focus else [])
    if incidents is not None and len(incidents) and {"lat", "lon"} <= set(incidents.columns):
        xy = incidents[["lat", "lon"]].apply(pd.to_numeric, errors="coerce").dropna()
        if len(xy):
            lo, hi = np.quantile(xy.to_numpy(float), [q, 1 - q], axis=0)
            lats += [float(lo[0]), float(hi[0])]
            lons += [float(lo[1]), float(hi[1])]
    if not lats:
        return None
    return [[round(min(lats), 5), round(min(lons), 5)], [round(max(lats), 5), round(max(lons), 5)]]


class FitOpening(MacroElement):
    """Fit the map to ``bounds`` (:func:`opening_bounds`) when it opens, leaving room for
    half a country label on the sides and for the controls at the top and bottom."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.fitBounds({{ this.bounds_json }}, {{ this.options_json }});
{% endmacro %}
""")

    def __init__(self, bounds: list[list[float]], max_zoom: int = OPENING_MAX_ZOOM):
        super().__init__()
        self._name = "FitOpening"
        self.bounds_json = compact_json(bounds)
        self.options_json = compact_json({
            "paddingTopLeft": [LABEL_HALF_WIDTH_PX, 40],
            "paddingBottomRight": [LABEL_HALF_WIDTH_PX, 40], "maxZoom": int(max_zoom)})


class MetricScale(MacroElement):
    """The map's scale bar in metric units only (Leaflet's default adds miles and feet),
    its units in the map's language ("20 км"): Leaflet writes "m" and "km" itself, so its
    metric label is written here as Leaflet does, with the units given as data."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map, units) {
  var scale = L.control.scale({imperial: false, metric: true});
  scale._updateMetric = function (maxMeters) {
    var meters = this._getRoundNum(maxMeters);
    var label = meters < 1000 ? meters + " " + units.m : (meters / 1000) + " " + units.km;
    this._updateScale(this._mScale, label, meters / maxMeters);
  };
  scale.addTo(map);
})({{ this._parent.get_name() }}, {{ this.units_json }});
{% endmacro %}
""")

    def __init__(self, m_text: str = "m", km_text: str = "km"):
        super().__init__()
        self._name = "MetricScale"
        self.units_json = compact_json({"m": m_text, "km": km_text})


class OutlinePane(MacroElement):
    """Creates the :data:`OUTLINE_PANE` pane of the parent map (see module docstring)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function(m){ var p = m.getPane({{ this.pane_json }}) || m.createPane({{ this.pane_json }});
  p.style.zIndex = {{ this.z }}; p.style.pointerEvents = "none"; })
({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "OutlinePane"
        self.pane_json = compact_json(OUTLINE_PANE)
        self.z = int(OUTLINE_PANE_Z)


def outline_style(style: dict) -> dict:
    """``style`` as a non-interactive outline in the :data:`OUTLINE_PANE` (no fill)."""
    return {**style, "fill": False, "pane": OUTLINE_PANE, "interactive": False}


def fill_style(style: dict) -> dict:
    """``style``'s fill alone, under the markers (its outline is :func:`outline_style`)."""
    return {**style, "weight": 0, "stroke": False}


PICK_STYLE = {"radius": 9, "color": "#C0392B", "weight": 3, "fill": True,
              "fillColor": "#FFFFFF", "fillOpacity": 0.6}


def pick_marker_group(lat: float, lon: float, text: str, name: str = "pick"):
    """A feature group holding the point the user clicked on a pick map (a ring with a dot,
    ``text`` as its tooltip, escaped): handed to streamlit-folium as a group, so the map
    stays mounted (and keeps its view) when the point moves."""
    import folium

    from maps.web.data_tooltip import with_tooltip

    fg = folium.FeatureGroup(name=name, control=False)
    with_tooltip(folium.CircleMarker([float(lat), float(lon)], **PICK_STYLE), text).add_to(fg)
    folium.CircleMarker([float(lat), float(lon)], radius=2, color="#C0392B", fill=True,
                        fill_opacity=1, interactive=False).add_to(fg)
    return fg
