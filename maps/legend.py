"""Map symbology (colours, shapes, line styles) and the HTML legend / notice controls.

One place for how things look, so the web map, its legend and the print maps agree.
Colours are a colour-blind-safe, neutral palette: no national colours, and disputed or
derived areas are hatched grey/violet rather than coloured by a country.
Every label put into HTML is escaped here.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

from branca.element import MacroElement
from folium.template import Template

# --- incident categories: colour AND shape (readable in greyscale and by colour-blind users)


def _polygon(n: int, r: float = 6.8, rot_deg: float = -90.0, inner: float | None = None) -> str:
    pts = []
    k = 2 * n if inner else n
    for i in range(k):
        rr = (inner if (inner and i % 2) else r)
        a = math.radians(rot_deg + 360.0 * i / k)
        pts.append(f"{8 + rr * math.cos(a):.2f} {8 + rr * math.sin(a):.2f}")
    return "M" + " L".join(pts) + "Z"


SHAPE_PATHS: dict[str, str] = {
    "circle": "M2 8a6 6 0 1 0 12 0a6 6 0 1 0 -12 0Z",
    "square": "M2.5 2.5H13.5V13.5H2.5Z",
    "triangle": "M8 1.2L14.8 13.8H1.2Z",
    "triangle_down": "M1.2 2.2H14.8L8 14.8Z",
    "diamond": "M8 0.8L15.2 8L8 15.2L0.8 8Z",
    "star": _polygon(5, 7.4, inner=3.2),
    "pentagon": _polygon(5, 7.0),
    "hexagon": _polygon(6, 7.0, rot_deg=0),
    "cross": "M5.8 1.2H10.2V5.8H14.8V10.2H10.2V14.8H5.8V10.2H1.2V5.8H5.8Z",
}

CATEGORY_STYLE: dict[str, tuple[str, str]] = {  # category -> (fill colour, shape)
    "road_crash": ("#E69F00", "triangle"),
    "border_guard_incident": ("#0B4F8A", "hexagon"),
    "youth_clash": ("#D55E00", "circle"),
    "water_dispute": ("#56B4E9", "diamond"),
    "land_pasture_dispute": ("#009E73", "triangle_down"),
    "infrastructure_dispute": ("#8C6D31", "square"),
    "protest": ("#CC79A7", "star"),
    "domestic_violence": ("#6A3D9A", "pentagon"),
    "other": ("#6E6E6E", "cross"),
}


def shape_svg(category: str, size_px: int = 14) -> str:
    """Inline SVG of a category's symbol (fill colour, white outline)."""
    colour, shape = CATEGORY_STYLE.get(category, CATEGORY_STYLE["other"])
    return (f'<svg width="{size_px}" height="{size_px}" viewBox="0 0 16 16">'
            f'<path d="{SHAPE_PATHS[shape]}" fill="{colour}" stroke="#fff" '
            f'stroke-width="1.3"/></svg>')


# --- lines and areas --------------------------------------------------------------------
COUNTRY_FILL = "#F3F0EA"
COUNTRY_EDGE = "#A3A3A3"
COUNTRY_LABEL_CSS = ("font: 600 12px/1.2 sans-serif; letter-spacing: .08em; color: #6b6b6b; "
                     "text-transform: uppercase; text-align: center; white-space: nowrap; "
                     "text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none;")
KGTJ_LINE = {"color": "#3B3B3B", "weight": 2.6, "opacity": 0.95}
USER_LINE = {"color": "#B0136B", "weight": 3, "dashArray": "10 5", "opacity": 0.95}
OTHER_BORDER_LINE = {"color": "#8C8C8C", "weight": 1.6, "dashArray": "6 4", "opacity": 0.9}
ENCLAVE_STYLE = {"color": "#5E5E5E", "weight": 1.4, "dashArray": "3 3",
                 "fillColor": "#DDD5C4", "fillOpacity": 0.55}
DISAGREEMENT_STYLE = {"color": "#6E6E6E", "weight": 1, "fillColor": "url(#kgtj-hatch-grey)",
                      "fillOpacity": 1}
CLAIMS_STYLE = {"color": "#6A4C93", "weight": 1, "fillColor": "url(#kgtj-hatch-violet)",
                "fillOpacity": 1}
DISTRICT_STYLE = {"color": "#9B9B9B", "weight": 0.8, "fill": False}
CURATED_STATUS_STYLE: dict[str, dict] = {
    "disputed": {"color": "#7B3294", "weight": 4, "dashArray": "8 5"},
    "undemarcated": {"color": "#E08214", "weight": 4, "dashArray": "2 6", "lineCap": "round"},
    "agreed": {"color": "#252525", "weight": 3},
    "unknown": {"color": "#9E9E9E", "weight": 3, "dashArray": "4 4"},
}
SETTLEMENT_STYLE = {"radius": 2.5, "color": "#505050", "weight": 1, "fillColor": "#FFFFFF",
                    "fillOpacity": 1}
CLUSTER_STYLE = {"color": "#B35806", "weight": 2, "fillColor": "#FDB863", "fillOpacity": 0.18}
GI_BIN_COLOURS: dict[int, str] = {
    3: "#D62F27", 2: "#ED7551", 1: "#FAB984", -1: "#C0CCBE", -2: "#849EBA", -3: "#4575B5",
}
COMMUNITY_STATUS_STYLE: dict[str, dict] = {
    "active": {"color": "#1F6E6E", "fillColor": "#FFFFFF", "weight": 3, "radius": 7},
    "planned": {"color": "#1F6E6E", "fillColor": "#FFFFFF", "weight": 2, "radius": 7,
                "dashArray": "3 3"},
    "suspended": {"color": "#8C8C8C", "fillColor": "#EEEEEE", "weight": 2, "radius": 7},
    "candidate": {"color": "#1F6E6E", "fillColor": "#FFFFFF", "weight": 1, "radius": 4},
}
PAIR_STYLE: dict[str, dict] = {
    "joint": {"color": "#1F6E6E", "weight": 3.5, "opacity": 0.9},
    "parallel": {"color": "#1F6E6E", "weight": 3, "opacity": 0.9, "dashArray": "9 7"},
}

HATCH_DEFS = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="kgtj-hatch-grey" width="7" height="7" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="7" height="7" fill="#BDBDBD" '
    'fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="7" stroke="#6E6E6E" '
    'stroke-width="2"/></pattern>'
    '<pattern id="kgtj-hatch-violet" width="7" height="7" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(-45)"><rect width="7" height="7" fill="#B7A6D1" '
    'fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="7" stroke="#6A4C93" '
    'stroke-width="2"/></pattern></defs></svg>'
)


# --- legend ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LegendEntry:
    """One legend row: ``symbol`` is trusted SVG/HTML built here; ``label`` is escaped."""

    label: str
    symbol: str


def line_symbol(style: dict) -> str:
    dash = style.get("dashArray", "")
    return (f'<svg width="26" height="12"><line x1="1" y1="6" x2="25" y2="6" '
            f'stroke="{style["color"]}" stroke-width="{min(style.get("weight", 2), 4)}" '
            f'stroke-dasharray="{dash}"/></svg>')


def area_symbol(fill: str, edge: str, dash: str = "", width: float = 1) -> str:
    return (f'<svg width="26" height="14"><rect x="1" y="1" width="24" height="12" '
            f'fill="{fill}" stroke="{edge}" stroke-width="{width}" '
            f'stroke-dasharray="{dash}"/></svg>')


def point_symbol(style: dict) -> str:
    return (f'<svg width="16" height="16"><circle cx="8" cy="8" r="{min(style["radius"], 6)}" '
            f'fill="{style["fillColor"]}" stroke="{style["color"]}" '
            f'stroke-width="{min(style["weight"], 2.5)}" '
            f'stroke-dasharray="{style.get("dashArray", "")}"/></svg>')


def cluster_symbol() -> str:
    """The look of a cluster of incidents (maps.web.incident_layer's ``kgtj-cluster``)."""
    return ('<svg width="22" height="22"><circle cx="11" cy="11" r="10.5" '
            'fill="rgba(181,226,140,.6)"/><circle cx="11" cy="11" r="7.5" '
            'fill="rgba(110,204,57,.6)"/><text x="11" y="14" font-size="8.5" '
            'font-weight="600" text-anchor="middle" fill="#222">n</text></svg>')


def cell_symbol() -> str:
    """The look of a count of incidents in a cell (maps.web.cell_layer's ``kgtj-cell``)."""
    return ('<svg width="26" height="16"><rect x="0.5" y="0.5" width="25" height="15" rx="3" '
            'fill="#4A628C" stroke="#fff"/><text x="13" y="11.5" font-size="8.5" '
            'font-weight="600" text-anchor="middle" fill="#fff">n</text></svg>')


CONTESTED_OUTLINE = {"color": "#111111", "dashArray": "6 4"}  # areas holding contested sides


def contested_area_symbol() -> str:
    """A hotspot holding incidents whose side is contested: the hotspot's fill in
    :data:`CONTESTED_OUTLINE`'s dashed black edge (maps.web.analysis_layers draws it)."""
    return area_symbol(CLUSTER_STYLE["fillColor"], CONTESTED_OUTLINE["color"],
                       CONTESTED_OUTLINE["dashArray"], width=CLUSTER_STYLE["weight"])


def contested_symbol() -> str:
    """An incident whose side is contested: any category symbol in a dashed black ring
    (maps.web.incident_layer's ``kgtj-contested``; print maps draw the same ring)."""
    return ('<svg width="20" height="20"><circle cx="10" cy="10" r="5" fill="#9E9E9E" '
            'stroke="#fff"/><circle cx="10" cy="10" r="8.5" fill="none" stroke="#111" '
            'stroke-width="1.6" stroke-dasharray="3 2"/></svg>')


def ramp_symbol(colours: list[str]) -> str:
    cells = "".join(f'<rect x="{1 + 6 * i}" y="2" width="6" height="10" fill="{c}"/>'
                    for i, c in enumerate(colours))
    return f'<svg width="{2 + 6 * len(colours)}" height="14">{cells}</svg>'


class Legend(MacroElement):
    """A collapsible legend control (bottom right) listing ``sections`` of entries, closed on
    opening (``open_``) so that it never hides the map's subject until asked for.

    Parameters
    ----------
    title : legend heading (escaped).
    sections : list of (section title, list of :class:`LegendEntry`).
    """

    _template = Template("""
{% macro html(this, kwargs) %}{{ this.hatch_defs }}{% endmacro %}
{% macro script(this, kwargs) %}
(function(){
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "kgtj-legend");
    div.innerHTML = {{ this.inner_html|tojson }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, title: str, sections: list[tuple[str, list[LegendEntry]]],
                 open_: bool = False):
        super().__init__()
        self._name = "Legend"
        self.hatch_defs = HATCH_DEFS
        rows = []
        for head, entries in sections:
            if not entries:
                continue
            rows.append(f'<div class="kgtj-legend-h">{html.escape(head)}</div>')
            rows += [f'<div class="kgtj-legend-row"><span class="kgtj-legend-sym">{e.symbol}'
                     f'</span><span>{html.escape(e.label)}</span></div>' for e in entries]
        self.inner_html = (
            f'<details{" open" if open_ else ""}><summary class="kgtj-legend-title">'
            f'{html.escape(title)}</summary>'
            f'<div class="kgtj-legend-body">{"".join(rows)}</div></details>'
        )


class CountryLabel(MacroElement):
    """A country's name written on the map at ``location`` (lat, lon): a non-interactive
    marker whose DivIcon is given when it is made (a ``folium.Marker`` is first added with
    Leaflet's default image icon, which a standalone HTML file then looks for beside
    itself). ``text`` is escaped here."""

    _template = Template("""
{% macro script(this, kwargs) %}
L.marker({{ this.location|tojson }}, {interactive: false, keyboard: false,
  icon: L.divIcon({className: "kgtj-country-label", iconSize: [220, 18],
                   iconAnchor: [110, 9], html: {{ this.html|tojson }}})})
 .addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, location: tuple[float, float], text: str):
        super().__init__()
        self._name = "CountryLabel"
        self.location = [float(location[0]), float(location[1])]
        self.html = f'<div style="{COUNTRY_LABEL_CSS}">{html.escape(text)}</div>'


class MapNotice(MacroElement):
    """Fixed text boxes on the map: the disclaimer as a compact control (bottom left) that
    shows only its ``title`` until opened, so it never covers a country's name; and an
    optional banner (top).

    The disclaimer reaches the page as JSON data put in with ``textContent``; the banner and
    attribution strings are escaped. The attributions go to Leaflet's attribution control.
    """

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.kgtj-legend{background:rgba(255,255,255,.94);padding:6px 9px;border-radius:5px;
 box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.35 system-ui,-apple-system,"Segoe UI",
 Roboto,sans-serif;color:#222;max-height:46vh;overflow-y:auto;
 max-width:min(270px,75vw)}
.kgtj-legend-title{font-weight:600;cursor:pointer;font-size:13px}
.kgtj-legend-h{font-weight:600;margin-top:6px;color:#444;font-size:11.5px;
 text-transform:uppercase;letter-spacing:.03em}
.kgtj-legend-row{display:flex;align-items:center;gap:6px;margin:1px 0}
.kgtj-legend-sym{display:inline-flex;min-width:26px;justify-content:center}
.kgtj-notice{background:rgba(255,255,255,.88);padding:3px 6px;border-radius:4px;
 font:10px/1.25 system-ui,sans-serif;color:#333;max-width:min(360px,70vw);
 box-shadow:0 1px 3px rgba(0,0,0,.25)}
.kgtj-disclaimer-title{cursor:pointer;font-weight:600;font-size:11px}
.kgtj-disclaimer[open] .kgtj-disclaimer-body{margin-top:3px;max-height:30vh;overflow-y:auto}
.leaflet-container .leaflet-control-attribution{font:10px/1.3 system-ui,sans-serif;
 max-width:70%;background:rgba(255,255,255,.85)}
@media (max-width:520px){.leaflet-container .leaflet-control-attribution{max-height:1.35em;
 overflow:hidden;white-space:nowrap;text-overflow:ellipsis;cursor:pointer;
 max-width:calc(100vw - 130px)}
 .leaflet-container .leaflet-control-attribution.kgtj-open{max-height:40vh;overflow-y:auto;
 white-space:normal}}
.kgtj-banner{background:#FFF3CD;border:1px solid #C9A227;color:#5C4400;font-weight:600;
 padding:4px 10px;border-radius:4px;font:12px system-ui,sans-serif;font-weight:600;
 max-width:calc(100vw - 110px)}
@media (max-width:480px){.kgtj-banner{font-size:10.5px;padding:2px 6px}}
.kgtj-inc{background:none;border:none}
.kgtj-inc svg{display:block;filter:drop-shadow(0 0 1px rgba(0,0,0,.55))}
.kgtj-contested{outline:2px dashed #111;outline-offset:1px;border-radius:50%}
.kgtj-cluster{border-radius:20px;background-clip:padding-box}
.kgtj-cluster div{width:30px;height:30px;margin:5px;border-radius:15px;text-align:center;
 font:600 12px/30px system-ui,sans-serif;color:#222}
.kgtj-cluster-small{background:rgba(181,226,140,.6)}
.kgtj-cluster-small div{background:rgba(110,204,57,.6)}
.kgtj-cluster-medium{background:rgba(241,211,87,.6)}
.kgtj-cluster-medium div{background:rgba(240,194,12,.6)}
.kgtj-cluster-large{background:rgba(253,156,115,.6)}
.kgtj-cluster-large div{background:rgba(241,128,23,.6)}
.kgtj-cell{background:none;border:none}
.kgtj-cell div{height:20px;border-radius:4px;border:1px solid #fff;text-align:center;
 font:600 11px/20px system-ui,sans-serif;color:#fff;box-shadow:0 0 2px rgba(0,0,0,.5)}
.kgtj-cell-small div{background:rgba(74,98,140,.8)}
.kgtj-cell-medium div{background:rgba(54,72,120,.88)}
.kgtj-cell-large div{background:rgba(34,44,90,.92)}
.kgtj-pop-list{max-height:300px;overflow-y:auto}
.kgtj-pop-list hr{margin:6px 0;border:0;border-top:1px solid #ccc}
.kgtj-pop-more{color:#555;font-weight:600;margin-top:4px}
.leaflet-container{background:#DCE6EE}
.leaflet-popup-content{font:12.5px/1.4 system-ui,sans-serif;margin:10px 12px}
.kgtj-pop-h{font-weight:700;font-size:13px;margin-bottom:4px;color:#222}
.kgtj-pop th{text-align:left;font-weight:600;color:#555;padding:1px 10px 1px 0;
 vertical-align:top;white-space:nowrap}
.kgtj-pop td{padding:1px 0;color:#222}
.leaflet-tooltip.kgtj-label{background:transparent;border:none;box-shadow:none;
 font:600 11px system-ui,sans-serif;color:#333;text-shadow:0 0 3px #fff,0 0 3px #fff}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function(){
  var m = {{ this._parent.get_name() }};
  var d = L.control({position: "bottomleft"});
  d.onAdd = function(){
    var el = L.DomUtil.create("details", "kgtj-notice kgtj-disclaimer");
    var head = L.DomUtil.create("summary", "kgtj-disclaimer-title", el);
    head.textContent = {{ this.title|tojson }};
    var body = L.DomUtil.create("div", "kgtj-disclaimer-body", el);
    body.textContent = {{ this.disclaimer|tojson }};
    L.DomEvent.disableClickPropagation(el); L.DomEvent.disableScrollPropagation(el);
    return el; };
  d.addTo(m);
  {% if this.banner %}
  var b = L.control({position: "topright"});
  b.onAdd = function(){ var el = L.DomUtil.create("div", "kgtj-banner");
    el.innerHTML = {{ this.banner|tojson }}; return el; };
  b.addTo(m);
  {% endif %}
  if (m.attributionControl) {
    var ac = m.attributionControl.getContainer();  // one line on a phone; a tap opens it
    ac.addEventListener("click", function(){ ac.classList.toggle("kgtj-open"); });
    m.attributionControl.setPrefix({{ this.prefix|tojson }});
    {% for a in this.attributions %}m.attributionControl.addAttribution({{ a|tojson }});
    {% endfor %}
  }
})();
{% endmacro %}
""")

    def __init__(self, disclaimer: str, attributions: list[str], banner: str | None = None,
                 prefix: str = "Leaflet", title: str = "Disclaimer"):
        super().__init__()
        self._name = "MapNotice"
        self.title = title  # put in with textContent: plain text, never markup
        self.disclaimer = disclaimer
        self.banner = html.escape(banner) if banner else ""
        self.attributions = [html.escape(a) for a in attributions if a]
        self.prefix = html.escape(prefix)
