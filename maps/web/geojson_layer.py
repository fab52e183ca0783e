"""A lean GeoJSON layer: compact JSON, styles looked up by one property, sticky tooltips.

folium's ``GeoJson`` serialises with spaces, keeps every property and a per-feature style
table; for the border layers that is most of the page's bytes. This layer writes the data
once with compact separators and 4-5 decimals, keeps only a ``_tip`` text per feature
(escaped by the caller) and the property the style depends on, and styles in JS.
"""
from __future__ import annotations

import json
import re

import numpy as np
from folium.map import Layer
from folium.template import Template
from markupsafe import Markup

_TEMPLATE_OPENER = re.compile(r"\{(?=[{%#])")  # a "{" that would open a Jinja tag


def compact_json(obj) -> Markup:
    """JSON with no spaces, safe to embed in a <script> (``<``, ``>``, ``&`` escaped) and
    inert as template text: ``{{``, ``{%`` and ``{#`` (which JSON only produces inside
    strings) are written with ``{`` as ``\\u007b``, the same string to JavaScript."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = _TEMPLATE_OPENER.sub(r"\\u007b", text)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


SCALE = 100000  # coordinates travel as integer 1e-5 degree steps (~1 m), delta-encoded


def _encode_seq(coords) -> list[int]:
    a = np.rint(np.asarray(coords, dtype=float)[:, :2] * SCALE).astype(np.int64)
    return np.diff(a, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def encode_geometry(g: dict) -> dict:
    """GeoJSON geometry with each coordinate sequence as flat delta-encoded integers
    (x0, y0, dx1, dy1, …) in 1e-5 degrees; decoded by :class:`StyledGeoJson`'s JS."""
    kind = g["type"]
    if kind == "Point":
        return g
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [encode_geometry(x) for x in g["geometries"]]}
    c = g["coordinates"]
    if kind in ("LineString", "MultiPoint"):
        enc = _encode_seq(c)
    elif kind in ("Polygon", "MultiLineString"):
        enc = [_encode_seq(r) for r in c]
    elif kind == "MultiPolygon":
        enc = [[_encode_seq(r) for r in poly] for poly in c]
    else:
        raise ValueError(f"unsupported geometry type {kind}")
    return {"type": kind, "coordinates": enc}


_ENCODED: dict[int, tuple[dict, dict]] = {}  # id(geometry) → (the geometry, its encoding)
ENCODED_MAX = 20_000  # geometries whose encoding is kept (the base layers hold ~800)


def encode_kept(g: dict) -> dict:
    """:func:`encode_geometry`, kept for the same geometry object: the base layers' geometries
    (built once, never changed) are encoded once instead of on every run of the map (0.1 s
    a run). Only for geometries nobody changes after they are made."""
    if g["type"] == "Point":  # not encoded
        return g
    hit = _ENCODED.get(id(g))
    if hit is not None and hit[0] is g:
        return hit[1]
    out = encode_geometry(g)
    if len(_ENCODED) >= ENCODED_MAX:
        _ENCODED.clear()
    _ENCODED[id(g)] = (g, out)  # the geometry is held, so its id is not reused
    return out


DECODE_JS = """
function kgtjDecode(fc){
  var S = SCALE;
  function dl(a){ var o = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2){ x += a[i]; y += a[i+1]; o.push([x / S, y / S]); }
    return o; }
  function dg(g){ var t = g.type, c = g.coordinates;
    if (t === "LineString" || t === "MultiPoint") g.coordinates = dl(c);
    else if (t === "Polygon" || t === "MultiLineString") g.coordinates = c.map(dl);
    else if (t === "MultiPolygon") g.coordinates = c.map(function(p){ return p.map(dl); });
    else if (t === "GeometryCollection") g.geometries.forEach(dg);
    return g; }
  fc.features.forEach(function(f){ if (f.geometry) dg(f.geometry); });
  return fc;
}""".replace("SCALE", str(SCALE))


class StyledGeoJson(Layer):
    """GeoJSON FeatureCollection drawn with a base style, optionally varied by a property.

    Parameters
    ----------
    data : FeatureCollection dict; features may carry ``_tip`` (escaped HTML text).
    name : layer-control name.
    style : Leaflet path options for every feature.
    style_by : property name whose value picks an entry of ``styles`` (merged over ``style``).
    styles : ``{value: path options}``.
    point_radius : draw Point features as circle markers of this radius (px).
    control : listed in the layer control (False inside a named feature group).
    keep_encoding : the geometries are never changed (e.g. prepared base layers): their
        encoding is kept for the next map (:func:`encode_kept`).
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function(){
  var base = {{ this.style_json }};
  var by = {{ this.styles_json }};
  var key = {{ this.style_by_json }};
  function style(f){
    var s = key ? by[String(f.properties[key])] : null;
    return s ? Object.assign({}, base, s) : base;
  }
  {{ this.decode_js }}
  return L.geoJson(kgtjDecode({{ this.data_json }}), {
    style: style,
    pointToLayer: function(f, latlng){
      return L.circleMarker(latlng, Object.assign({radius: {{ this.point_radius }}}, style(f)));
    },
    onEachFeature: function(f, layer){
      if (f.properties && f.properties._tip) {
        layer.bindTooltip(f.properties._tip, {sticky: true});
      }
    }
  });
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
""")

    def __init__(self, data: dict, name: str, style: dict, style_by: str | None = None,
                 styles: dict | None = None, show: bool = True, point_radius: float = 5,
                 control: bool = True, keep_encoding: bool = False):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self._name = "StyledGeoJson"
        self.data = data
        self.decode_js = Markup(DECODE_JS)
        encode = encode_kept if keep_encoding else encode_geometry
        self.data_json = compact_json({"type": "FeatureCollection", "features": [
            {**f, "geometry": encode(f["geometry"]) if f.get("geometry") else None}
            for f in data.get("features", [])]})
        self.style_json = compact_json(style)
        self.styles_json = compact_json({str(k): v for k, v in (styles or {}).items()})
        self.style_by_json = compact_json(style_by)
        self.point_radius = float(point_radius)

    @property
    def n_features(self) -> int:
        return len(self.data.get("features", []))
