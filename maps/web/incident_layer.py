"""The incident point layer: one Leaflet layer, symbols coloured AND shaped by category.

Incidents travel to the browser as compact rows (not one folium object per point, which
costs ~0.7 ms and ~0.8 KB each), and a few lines of JS make one DivIcon marker per row with
a popup built on click. Above :data:`CLUSTER_THRESHOLD` points they are clustered
(:data:`CLUSTER_JS`): only the clusters and points in view become markers. Every
user-supplied text is HTML-escaped in Python before it is serialised, so nothing a user
typed can become markup or script in the page.
"""
from __future__ import annotations

import hashlib
import html
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.plugins import HeatMap
from folium.template import Template

from incidents.schema import CATEGORIES
from maps.legend import shape_svg
from maps.web.geojson_layer import compact_json

CLUSTER_THRESHOLD = 2000
CLUSTER_RADIUS_PX = 45  # points closer than this on screen are drawn as one cluster
SUPERCLUSTER_JS = ("supercluster", "https://unpkg.com/supercluster@8.0.1/dist/"
                   "supercluster.min.js")

# Above the threshold, incidents are clustered by supercluster (a static k-d tree index of
# the points per zoom, built once in a few tens of milliseconds for 10,000 points), and only
# the clusters and points in view are markers, redrawn after every move. Leaflet.markercluster,
# used before, made a marker for every point and ~600 ms of work at 10,000. A cluster click
# zooms in to where it splits; where it does not split by the map's last zoom (incidents at
# the same place), it opens a popup listing its incidents instead (up to LIST_MAX). Defined
# once per frame; the layer's clicks reach streamlit-folium through the group, whose click
# events every marker added later propagates to.
LIST_MAX = 8
# The incidents' markers are placed by left/top instead of Leaflet's translate3d: a 3D
# transform makes each marker a compositing layer of its own, and with ~1,000 of them
# Chromium produced no frame for 1.5–2.4 s after a redraw (2 cores, software compositing;
# the page's animation frames stopped while its main thread was idle). Markers then jump
# to place at the end of a zoom instead of gliding with it.
MARKER_JS = """if (!window.KgtjMarker) {
window.KgtjMarker = L.Marker.extend({
  _setPos: function(pos) {
    var el = this._icon;
    if (el) { el._leaflet_pos = pos; el.style.left = pos.x + "px"; el.style.top = pos.y + "px"; }
    this._zIndex = pos.y + this.options.zIndexOffset;
    this._resetZIndex();
  }
});
}"""
CLUSTER_JS = """if (!window.KgtjCluster) {
window.KgtjCluster = L.FeatureGroup.extend({
  initialize: function(rows, marker, popup, maxZoom) {
    L.FeatureGroup.prototype.initialize.call(this, []);
    this._rows = rows; this._marker = marker; this._popup = popup; this._maxZoom = maxZoom;
    this._index = new Supercluster({radius: RADIUS_PX, extent: 256, maxZoom: maxZoom});
    var pts = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      pts[i] = {type: "Feature", properties: {i: i},
                geometry: {type: "Point", coordinates: [rows[i][1], rows[i][0]]}};
    }
    this._index.load(pts);
  },
  onAdd: function(map) {
    L.FeatureGroup.prototype.onAdd.call(this, map);
    map.on("moveend", this._draw, this);
    this._draw();
  },
  onRemove: function(map) {
    map.off("moveend", this._draw, this);
    L.FeatureGroup.prototype.onRemove.call(this, map);
  },
  _draw: function() {
    var map = this._map;
    if (!map) { return; }
    var b = map.getBounds().pad(0.2);
    var items = this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(),
                                         b.getNorth()], Math.round(map.getZoom()));
    this.clearLayers();
    for (var k = 0; k < items.length; k++) {
      var f = items[k], p = f.properties, c = f.geometry.coordinates;
      if (!p.cluster) { this.addLayer(this._marker(this._rows[p.i])); continue; }
      var size = p.point_count < 100 ? "small" : (p.point_count < 1000 ? "medium" : "large");
      var mk = new window.KgtjMarker([c[1], c[0]], {keyboard: false, icon: L.divIcon({
        html: "<div><span>" + p.point_count_abbreviated + "</span></div>",
        className: "kgtj-cluster kgtj-cluster-" + size, iconSize: [40, 40]})});
      mk._kgtjCluster = p.cluster_id; mk._kgtjCount = p.point_count;
      mk.on("click", this._open, this);
      this.addLayer(mk);
    }
  },
  _open: function(e) {
    var mk = e.target, map = this._map, id = mk._kgtjCluster;
    var z = this._index.getClusterExpansionZoom(id);
    if (z <= Math.min(map.getMaxZoom(), this._maxZoom)) {
      map.setView(mk.getLatLng(), z); return; }
    var rows = this._rows, popup = this._popup;
    var leaves = this._index.getLeaves(id, LIST_MAX);
    var n = mk._kgtjCount;
    var body = leaves.map(function(l){ return popup(rows[l.properties.i]); }).join("<hr>");
    if (n > leaves.length) { body += "<div class='kgtj-pop-more'>+" + (n - leaves.length) +
                                     "</div>"; }
    mk.bindPopup("<div class='kgtj-pop-list'>" + body + "</div>", {maxWidth: 340}).openPopup();
  }
});
}""".replace("RADIUS_PX", str(CLUSTER_RADIUS_PX)).replace("LIST_MAX", str(LIST_MAX))
HEAT_OPTIONS = "{radius: 16, blur: 20, minOpacity: 0.25}"  # both density layers (JS)
NOTE_CHARS = 160  # notes are cut to this length in popups


def _text(series: pd.Series, max_chars: int | None = None) -> list[str]:
    """Escaped strings ('' for missing), optionally cut to ``max_chars`` characters."""
    values = series.astype("string").fillna("")
    if max_chars is not None:
        values = values.where(values.str.len() <= max_chars,
                              values.str.slice(0, max_chars) + "…")
    return [html.escape(v) for v in values.tolist()]


def _ints(series: pd.Series) -> list[int | None]:
    values = pd.to_numeric(series, errors="coerce")
    return [None if pd.isna(v) else int(v) for v in values.tolist()]


def _codes(values: list[str]) -> tuple[list[int], list[str]]:
    """Dictionary-encode repeated strings: (index per value, distinct values)."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), sort=False)
    return codes.tolist(), [str(u) for u in uniques]


SIDE_WORDS = {"source": "source says", "settlement": "settlement", "line": "line says",
              "contested": "side contested"}


def _contested(d: pd.DataFrame) -> list[int]:
    if "side_contested" not in d.columns:
        return [0] * len(d)
    return d["side_contested"].astype("boolean").fillna(False).astype(int).tolist()


def _side_texts(d: pd.DataFrame, words: dict[str, str] | None) -> list[str]:
    """'KG · side contested: source says KG, line says TJ' per row (escaped)."""
    w = {**SIDE_WORDS, **(words or {})}
    cols = {c: (d[c].astype("string").fillna("").tolist() if c in d.columns else [""] * len(d))
            for c in ("side", "side_reported", "side_settlement", "side_line")}
    out = []
    for i, flag in enumerate(_contested(d)):
        text = cols["side"][i]
        if flag:
            said = [f"{w[k]} {cols[c][i]}" for k, c in (
                ("source", "side_reported"), ("settlement", "side_settlement"),
                ("line", "side_line")) if cols[c][i]]
            text += f" · {w['contested']}" + (": " + ", ".join(said) if said else "")
        out.append(html.escape(text))
    return out


def incident_rows(df: pd.DataFrame, with_notes: bool = True,
                  place_names: dict[str, str] | None = None,
                  side_words: dict[str, str] | None = None) -> tuple[list[list], dict]:
    """Compact, escaped rows for the layer, one per incident with known coordinates, and
    the lookup tables of the dictionary-encoded columns.

    Row fields: lat, lon, category index, date (YYYY-MM-DD), geo precision, verification
    status (index into ``tables["verif"]``), fatalities, injuries, event id, place
    (index into ``tables["place"]``), source (index into ``tables["source"]``), notes,
    side text (the resolved side and, when contested, what each answer says), contested
    (1/0: drawn with a dashed ring).
    Coordinates rounded to 5 decimals (~1 m). ``place_names``: place → the name shown
    (:func:`i18n.display_tables.location_names`).
    """
    ok = df["lat"].notna() & df["lon"].notna()
    d = df.loc[ok]
    cat_index = {c: i for i, c in enumerate(CATEGORIES)}
    cats = [cat_index.get(c, len(CATEGORIES) - 1) for c in d["category"].astype("string")
            .fillna("other").tolist()]
    dates = pd.to_datetime(d["event_date"], errors="coerce").dt.strftime("%Y-%m-%d")
    place = d["location"].astype("string").fillna(d.get("nearest_place", pd.Series(
        pd.NA, index=d.index)).astype("string"))
    if place_names:
        place = place.map(place_names).fillna(place).astype("string")
    source = d["source_dataset"].astype("string").fillna("")
    if "source" in d:
        extra = d["source"].astype("string").fillna("")
        source = source.where(extra == "", source + ": " + extra)
    verif, verif_table = _codes(_text(d["verification_status"]))
    places, place_table = _codes(_text(place, 80))
    sources, source_table = _codes(_text(source, 80))
    columns = [
        np.round(d["lat"].to_numpy(float), 5).tolist(),
        np.round(d["lon"].to_numpy(float), 5).tolist(),
        cats,
        dates.fillna("").tolist(),
        _ints(d["geo_precision"]),
        verif,
        _ints(d["fatalities"]),
        _ints(d["injuries"]),
        _text(d["event_id"]),
        places,
        sources,
        _text(d["notes"], NOTE_CHARS) if with_notes else [""] * len(d),
        _side_texts(d, side_words),
        _contested(d),
    ]
    rows = [list(r) for r in zip(*columns, strict=True)]
    return rows, {"verif": verif_table, "place": place_table, "source": source_table}


ROW_COLUMNS = ("lat", "lon", "category", "event_date", "location", "nearest_place",
               "source_dataset", "source", "verification_status", "geo_precision",
               "fatalities", "injuries", "event_id", "notes", "side", "side_reported",
               "side_settlement", "side_line", "side_contested")
LAYER_DATA_ENTRIES = 8  # layer data kept for reuse (a filter and language each)
_layer_data: OrderedDict[tuple, tuple[list, str, str]] = OrderedDict()
_layer_data_lock = threading.Lock()


def _content_key(df: pd.DataFrame, with_notes: bool, place_names: dict | None,
                 side_words: dict | None = None) -> tuple:
    """What :func:`incident_rows` reads, as a key: a hash of those columns' values, the
    notes choice and the place names."""
    cols = [c for c in ROW_COLUMNS if c in df.columns]
    values = pd.util.hash_pandas_object(df[cols], index=False).to_numpy()
    names = hash((tuple(sorted((place_names or {}).items())),
                  tuple(sorted((side_words or {}).items()))))
    return (len(df), tuple(cols), hashlib.blake2b(values.tobytes(), digest_size=16).digest(),
            bool(with_notes), names)


def layer_data(df: pd.DataFrame, with_notes: bool = True,
               place_names: dict[str, str] | None = None,
               side_words: dict[str, str] | None = None) -> tuple[list, str, str]:
    """``(rows, rows JSON, tables JSON)`` of :func:`incident_rows`, built once for the same
    incidents, notes choice and place names and reused by every map drawing them (in the app:
    every session showing the same data, filter and language). Callers must not change
    the rows."""
    key = _content_key(df, with_notes, place_names, side_words)
    with _layer_data_lock:
        if key in _layer_data:
            _layer_data.move_to_end(key)
            return _layer_data[key]
    rows, tables = incident_rows(df, with_notes=with_notes, place_names=place_names,
                                 side_words=side_words)
    data = (rows, compact_json(rows), compact_json(tables))
    with _layer_data_lock:
        _layer_data[key] = data
        while len(_layer_data) > LAYER_DATA_ENTRIES:
            _layer_data.popitem(last=False)
    return data


class IncidentLayer(JSCSSMixin, Layer):
    """Incidents as category symbols with click popups; clustered above the threshold.

    Parameters
    ----------
    df : incident frame (schema columns).
    labels : translated, *unescaped* UI words: keys date, category, place, precision,
        source, verification, fatalities, injuries, unknown, id, notes, side.
    side_words : translated words of the side text (:data:`SIDE_WORDS` keys).
    category_labels, precision_labels, verification_labels : translated vocabularies.
    name : layer name in the layer control.
    place_names : place → the name shown in the popups (e.g. Russian forms).
    """

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.marker_js }}
{% if this.cluster %}{{ this.cluster_js }}{% endif %}
var {{ this.get_name() }}_rows = {{ this.rows_json }};
var {{ this.get_name() }} = (function(){
  var rows = {{ this.get_name() }}_rows;
  var tab = {{ this.tables_json }};
  var cats = {{ this.cats|tojson }};
  var T = {{ this.labels|tojson }};
  var prec = {{ this.precision_labels|tojson }};
  var verif = {{ this.verification_labels|tojson }};
  function num(v){ return (v === null) ? T.unknown : String(v); }
  function row(k, v){ return v ? "<tr><th>" + k + "</th><td>" + v + "</td></tr>" : ""; }
  function popup(r){
    return "<div class='kgtj-pop'><div class='kgtj-pop-h'>" + cats[r[2]][0] + "</div><table>" +
      row(T.date, r[3]) + row(T.place, tab.place[r[9]]) +
      row(T.precision, r[4] === null ? T.unknown : (prec[r[4]] || r[4])) +
      row(T.source, tab.source[r[10]]) +
      row(T.verification, verif[tab.verif[r[5]]] || tab.verif[r[5]]) +
      row(T.fatalities, num(r[6])) + row(T.injuries, num(r[7])) +
      row(T.side || "Side", r[12]) + row(T.notes, r[11]) + row(T.id, r[8]) +
      "</table></div>";
  }
  function icon(c, cls){ return L.divIcon({html: c[1], className: cls,
      iconSize: [14, 14], iconAnchor: [7, 7], popupAnchor: [0, -6]}); }
  var icons = cats.map(function(c){ return icon(c, "kgtj-inc"); });
  var contested = cats.map(function(c){ return icon(c, "kgtj-inc kgtj-contested"); });
  function marker(r){
    var mk = new window.KgtjMarker([r[0], r[1]],
      {icon: (r[13] ? contested : icons)[r[2]], keyboard: false});
    mk._kgtj = r;
    mk.bindPopup(function(layer){ return popup(layer._kgtj); }, {maxWidth: 320});
    return mk;
  }
  {% if this.cluster %}
  return new window.KgtjCluster(rows, marker, popup, {{ this.max_zoom }});
  {% else %}
  var group = L.featureGroup();
  for (var i = 0; i < rows.length; i++) { group.addLayer(marker(rows[i])); }
  return group;
  {% endif %}
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% if this.feed_density %}/* the live map's density layer (LiveDensity) shows these rows */
if (window.kgtjDensity) {
  window.kgtjDensity.setLatLngs({{ this.get_name() }}_rows.map(function(r){
    return [r[0], r[1]]; }));
}{% endif %}
{% endmacro %}
""")

    marker_js, cluster_js = MARKER_JS, CLUSTER_JS  # the template's shared JS

    def __init__(self, df: pd.DataFrame, labels: dict[str, str],
                 category_labels: dict[str, str], precision_labels: dict[int, str],
                 verification_labels: dict[str, str], name: str, show: bool = True,
                 cluster: bool | None = None, max_zoom: int = 18, control: bool = True,
                 feed_density: bool = False, place_names: dict[str, str] | None = None,
                 side_words: dict[str, str] | None = None):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self.feed_density = bool(feed_density)
        self._name = "IncidentLayer"
        self.max_zoom = int(max_zoom)
        self.cluster = len(df) > CLUSTER_THRESHOLD if cluster is None else cluster
        self.rows, self.rows_json, self.tables_json = layer_data(
            df, with_notes=not self.cluster, place_names=place_names, side_words=side_words)
        self.cats = [[html.escape(category_labels.get(c, c)), shape_svg(c)] for c in CATEGORIES]
        self.labels = {k: html.escape(v) for k, v in labels.items()}
        self.precision_labels = {str(k): html.escape(v) for k, v in precision_labels.items()}
        self.verification_labels = {k: html.escape(v) for k, v in verification_labels.items()}
        # instance-level asset list: supercluster only when clustering
        self.default_js = [SUPERCLUSTER_JS] if self.cluster else []

    @property
    def rows_var(self) -> str:
        """Name of the JS variable holding the rows (for layers drawn from the same data)."""
        return f"{self.get_name()}_rows"

    @property
    def n_points(self) -> int:
        """Number of incidents drawn (rows with coordinates)."""
        return len(self.rows)


class IncidentDensity(JSCSSMixin, Layer):
    """Heatmap ("density") of an :class:`IncidentLayer`'s points, reusing its data in the
    page instead of sending the coordinates twice. Off by default."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.heatLayer({{ this.source.rows_var }}.map(function(r){
  return [r[0], r[1]]; }), {{ this.heat_options }});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")
    default_js = HeatMap.default_js
    heat_options = HEAT_OPTIONS

    def __init__(self, source: IncidentLayer, name: str, show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "IncidentDensity"
        self.source = source


class LiveDensity(JSCSSMixin, Layer):
    """An empty density heatmap for the app's live map (:mod:`maps.web.live_map`): it stays with
    the map while an :class:`IncidentLayer` with ``feed_density`` gives it the rows of the
    current filter (``window.kgtjDensity``). Off by default."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.heatLayer([], {{ this.heat_options }});
window.kgtjDensity = {{ this.get_name() }};
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")
    default_js = HeatMap.default_js
    heat_options = HEAT_OPTIONS

    def __init__(self, name: str, show: bool = False):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "LiveDensity"
