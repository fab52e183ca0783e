"""Counts of incidents per cell piece (:mod:`sharing.map_cells`) as one Leaflet layer: the
app's map beyond ``sharing.map_cells.AGGREGATE_THRESHOLD`` incidents, where one symbol per
incident would send megabytes to the browser (11.85 MB at 1e5).

Each cell is a labelled box at a point inside its piece, with a popup of its count; the
cells also feed the live map's density layer (``window.kgtjDensity``), weighted by their
counts (a small cell weighs 1). Every text is made in Python, HTML-escaped, and travels as
JSON data.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
from folium.map import Layer
from folium.template import Template

from i18n import t
from maps.web.geojson_layer import compact_json
from maps.web.incident_layer import MARKER_JS


def cell_rows(cells: pd.DataFrame, lang: str) -> list[list]:
    """``[lat, lon, label, count or None, popup HTML]`` per cell (coordinates to 5
    decimals; label and popup escaped)."""
    km = f"{float(cells.attrs.get('hex_m', 2000.0)) / 1000:g}"
    counts = cells["n_incidents"].astype("Int64")
    rows = []
    for lat, lon, label, n, contested in zip(
            np.round(cells["lat"].to_numpy(float), 5).tolist(),
            np.round(cells["lon"].to_numpy(float), 5).tolist(),
            cells["n_label"].astype(str).tolist(),
            [None if pd.isna(v) else int(v) for v in counts.tolist()],
            cells["contested_label"].astype(str).tolist(), strict=True):
        popup = html.escape(t("tip.cell", lang, label=label, km=km))
        if contested:
            popup += "<br>" + html.escape(t("tip.cell_contested", lang, label=contested))
        rows.append([lat, lon, html.escape(label), n, popup])
    return rows


class CellLayer(Layer):
    """Incident counts per cell piece (``sharing.map_cells.cell_counts`` rows).

    Parameters
    ----------
    cells : cell counts (columns ``lon``, ``lat``, ``n_incidents``, ``n_label``,
        ``contested_label``; ``attrs["hex_m"]`` the cell width in metres).
    lang : language of the popups.
    name : layer-control name.
    feed_density : give the cells to the live map's density layer.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.marker_js }}
var {{ this.get_name() }} = (function(){
  var rows = {{ this.rows_json }};
  var group = L.featureGroup();
  var top = 1;
  rows.forEach(function(r){
    var n = r[3];
    if (n !== null && n > top) { top = n; }
    var size = (n === null || n < 100) ? "small" : (n < 1000 ? "medium" : "large");
    var mk = new window.KgtjMarker([r[0], r[1]], {keyboard: false, icon: L.divIcon({
      html: "<div>" + r[2] + "</div>", className: "kgtj-cell kgtj-cell-" + size,
      iconSize: [44, 22], iconAnchor: [22, 11], popupAnchor: [0, -8]})});
    mk.bindPopup("<div class='kgtj-pop'>" + r[4] + "</div>", {maxWidth: 300});
    group.addLayer(mk);
  });
  {% if this.feed_density %}if (window.kgtjDensity) {
    window.kgtjDensity.setLatLngs(rows.map(function(r){
      return [r[0], r[1], (r[3] === null ? 1 : r[3]) / top]; }));
  }{% endif %}
  return group;
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")

    marker_js = MARKER_JS

    def __init__(self, cells: pd.DataFrame, lang: str, name: str, show: bool = True,
                 control: bool = False, feed_density: bool = False):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "CellLayer"
        self.feed_density = bool(feed_density)
        self.rows = cell_rows(cells, lang)
        self.rows_json = compact_json(self.rows)

    @property
    def n_cells(self) -> int:
        return len(self.rows)
