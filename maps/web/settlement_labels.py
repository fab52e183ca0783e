"""Names of the border settlements written on the web map, for orientation without a basemap.

The curated border gazetteer's places (``source == "curated"``) are labelled in both
scripts ("Arka / Арка", "Chorkuh / Чоркӯҳ"): towns from zoom :data:`TOWN_MIN_ZOOM`, villages
from :data:`VILLAGE_MIN_ZOOM`, so the map is readable at every zoom and a user finds Arka
or Chorkuh with no internet. A label that would overprint one already placed (towns are
placed first) waits for a closer zoom. The names lie above the incident symbols (a pane of
their own), which would otherwise cover those south of them. Names travel as JSON data and
are put into the page with ``textContent``: never parsed as HTML, never evaluated.
"""
from __future__ import annotations

import pandas as pd
from folium.map import Layer
from folium.template import Template

from geo.translit import LOCAL_NAME_COLUMN
from maps.web.geojson_layer import compact_json

TOWN_MIN_ZOOM = 9
VILLAGE_MIN_ZOOM = 11
TOWN_KINDS = frozenset({"town", "city", "district centre", "district center"})
LABEL_CSS = ("font: 600 11px/1.15 system-ui,sans-serif; color: #2b2b2b; white-space: nowrap; "
             "text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; pointer-events: none")
LABEL_PANE = "kgtjPlaceLabels"
# over Leaflet's marker pane (600) and maps.web.map_frame's hotspot outlines (620), under
# the tooltips (650) and popups (700): a name is written over what it names, with its halo
LABEL_PANE_Z = 630


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def label_text(row: dict, lang: str = "en") -> str:
    """Both scripts of a place: the chosen language's form first, then the other script
    (Russian, else the local Kyrgyz or Tajik form), without repeats."""
    latin = _text(row.get("name"))
    local = LOCAL_NAME_COLUMN.get(row.get("iso3"), "")
    cyr = _text(row.get("name_ru")) or _text(row.get(local, ""))
    first, second = (cyr or latin, latin) if lang == "ru" else (latin or cyr, cyr)
    return first if not second or second == first else f"{first} / {second}"


def curated_labels(places: pd.DataFrame | None, lang: str = "en") -> list[dict]:
    """``[{"lat", "lon", "text", "z"}]`` for the curated places of ``places`` (EPSG:4326;
    ``z`` the zoom from which the label shows), towns first."""
    if places is None or not len(places) or "source" not in places.columns:
        return []
    cur = places[places["source"].astype(str) == "curated"].dropna(subset=["lon", "lat"])
    out = []
    for row in cur.to_dict("records"):
        text = label_text(row, lang)
        if not text:
            continue
        town = _text(row.get("feature_code")).casefold() in TOWN_KINDS
        out.append({"lat": round(float(row["lat"]), 5), "lon": round(float(row["lon"]), 5),
                    "text": text, "z": TOWN_MIN_ZOOM if town else VILLAGE_MIN_ZOOM})
    out.sort(key=lambda d: (d["z"], d["text"]))
    return out


class SettlementLabels(Layer):
    """Text labels shown from a zoom level on (see module docstring)."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function(){
  var group = L.layerGroup(), items = {{ this.items_json }}, css = {{ this.css_json }};
  var map = {{ this._parent.get_name() }};
  // above the incident symbols and hotspot outlines, below tooltips and popups;
  // not clickable, so the symbols under a name stay clickable
  var pane = map.getPane({{ this.pane_json }}) || map.createPane({{ this.pane_json }});
  pane.style.zIndex = {{ this.z }}; pane.style.pointerEvents = "none";
  items.forEach(function(d){
    var el = document.createElement("div");
    el.setAttribute("style", css);
    el.textContent = d.text;
    d.marker = L.marker([d.lat, d.lon], {interactive: false, keyboard: false,
      pane: {{ this.pane_json }},
      icon: L.divIcon({className: "kgtj-place-label", html: el, iconSize: null,
                       iconAnchor: [-4, 7]})});
  });
  function hide(d){ if (group.hasLayer(d.marker)) group.removeLayer(d.marker); }
  function update(){
    // from each label's zoom on, in order (towns first), unless it would overprint a label
    // already placed: boxes in screen pixels, the text's measured width once drawn
    var z = map.getZoom(), placed = [];
    items.forEach(function(d){
      if (z < d.z) { hide(d); return; }
      var p = map.latLngToLayerPoint([d.lat, d.lon]);
      var w = d.w || 6.5 * d.text.length + 4;
      var b = [p.x + 2, p.y - 8, p.x + 6 + w, p.y + 8];
      var hit = placed.some(function(o){
        return !(b[2] < o[0] || o[2] < b[0] || b[3] < o[1] || o[3] < b[1]); });
      if (hit) { hide(d); return; }
      placed.push(b);
      if (!group.hasLayer(d.marker)) group.addLayer(d.marker);
      var el = d.marker.getElement && d.marker.getElement();
      if (!d.w && el && el.firstChild && el.firstChild.offsetWidth) {
        d.w = el.firstChild.offsetWidth; }
    });
  }
  map.on("zoomend", update);
  group.on("add", function(){ setTimeout(update, 0); });
  update();
  return group;
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")

    def __init__(self, items: list[dict], name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "SettlementLabels"
        self.items = items
        self.items_json = compact_json([{k: d[k] for k in ("lat", "lon", "text", "z")}
                                        for d in items])
        self.css_json = compact_json(LABEL_CSS)
        self.pane_json = compact_json(LABEL_PANE)
        self.z = int(LABEL_PANE_Z)
