"""The app's border map in two parts, so that a filter change redraws only the incidents.

streamlit-folium mounts a new map (a new frame: Leaflet loaded, every boundary drawn again)
whenever the map's script changes, but swaps *feature groups* and the layer control inside
the map it already has. :func:`build_live_map` therefore puts everything that does not
depend on the filter into the base map: boundaries, settlements, an empty density layer fed
by the incident layer, the legend with every category, the disclaimer and the sources of
all incidents in the store. The incidents of the current filter go into a feature group.
The Map page passes them as ``st_folium(live.base, feature_group_to_add=live.groups,
layer_control=live.control)``; month playback and filter changes then keep the map, its
view and its open popups' context, and send only the incident rows. streamlit-folium takes
every group off and adds them again when any changes, which closes an open popup:
:class:`_KeepPopupOpen` opens it again on the same incident.

The analysis layers (Gi* cells, hotspot clusters, communities, pairs) depend on the filter
too: they are feature groups as well, after the incidents' group. With ``show_analysis`` the
base legend lists their symbols even before their groups arrive (the app computes them after
the first map is drawn). streamlit-folium adds every group to the map; a group meant to be
hidden on opening (Gi* cells) takes itself off again (:class:`_HiddenOnOpen`), leaving its
box unticked in the layer control.

Apart from that split the content equals :func:`maps.web.webmap.build_map`'s.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import folium
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from i18n import t
from incidents.schema import CATEGORIES
from maps.web.analysis_layers import ANALYSIS_KEYS, analysis_groups, analysis_legend
from maps.web.cell_layer import CellLayer
from maps.web.incident_layer import SUPERCLUSTER_JS, LiveDensity
from maps.web.offline import STATIC_URL, localize
from maps.web.webmap import (
    MapContent,
    _add_boundaries,
    _add_places,
    add_chrome,
    attribution_texts,
    default_shown,
    demo_notice,
    incident_layer,
    incident_legend,
    new_entries,
    new_map,
)


@dataclass
class LiveMap:
    """The base map (stays while filters change), the feature groups of the current filter
    and the layer control that lists both."""

    base: folium.Map
    groups: list[folium.FeatureGroup]
    control: folium.LayerControl


class _PluginAssets(JSCSSMixin, MacroElement):
    """Loads the clustering library with the base map: the frame loads scripts only once,
    and a later filter may have enough incidents to be clustered."""

    _template = Template("")
    default_js = [SUPERCLUSTER_JS]


class _HiddenOnOpen(MacroElement):
    """Inside a feature group: takes the group off the map right after streamlit-folium has
    added it (it adds every group it is given), so it opens hidden and unticked."""

    _template = Template("""
{% macro script(this, kwargs) %}
setTimeout(function(){ var g = {{ this._parent.get_name() }};
  if (g._map) { g._map.removeLayer(g); } }, 0);
{% endmacro %}
""")


class _KeepPopupOpen(MacroElement):
    """On the base map: an incident's popup that a redraw closed (streamlit-folium swaps
    every feature group when any changes, e.g. when the hotspots arrive; the clustered
    layer redraws its markers on a pan) opens again on the same incident once the redraw
    has drawn it, without moving the view. A popup the reader closes (its marker still on
    the map) stays closed."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function(map){
  map.on("popupclose", function(e){
    var src = e.popup && e.popup._source;
    if (!src || !src._kgtj || map.hasLayer(src)) { return; }
    var key = JSON.stringify(src._kgtj);
    setTimeout(function(){
      var again = null;
      map.eachLayer(function(l){
        if (!again && l._kgtj && JSON.stringify(l._kgtj) === key) { again = l; } });
      if (again && !again.isPopupOpen()) {
        again.getPopup().options.autoPan = false;
        again.openPopup();
        again.getPopup().options.autoPan = true;
      }
    }, 0);
  });
})({{ this._parent.get_name() }});
{% endmacro %}
""")


def build_live_map(c: MapContent, *, lang: str = "en", basemap: str = "none",
                   location: tuple[float, float] | None, zoom: int,
                   incident_sources: Sequence[str] = (), show_analysis: bool = False,
                   clustered: bool = False, cells: pd.DataFrame | None = None,
                   cells_beyond: int | None = None, cell_km: float = 2.0,
                   asset_base_url: str = STATIC_URL) -> LiveMap:
    """The app's map for ``c`` (its incidents already filtered; its analysis items, when
    present, computed for the same filter).

    Parameters
    ----------
    show_analysis : the base legend lists the analysis layers' symbols.
    incident_sources : the source datasets of every incident in the store, for the
        attribution of the base map (it must not change with the filter).
    clustered : the store holds more incidents than are drawn one by one, so a filter may
        show clusters: the base legend explains them.
    cells : counts per cell piece (``sharing.map_cells.cell_counts``) drawn instead of the
        incidents of ``c`` (too many to draw one by one).
    cells_beyond : the store holds more incidents than this, the number above which the
        map shows counts per cell (cells ``cell_km`` wide): the base legend explains them.
    location, zoom : the view a newly mounted base map opens with (lat, lon; zoom); with
        ``location`` None, both country names and the incidents (:mod:`maps.web.map_frame`).
    """
    show = default_shown()
    m = new_map(location, zoom, basemap, c, fit_incidents=False, lang=lang)  # every filter
    entries = new_entries()
    _add_boundaries(m, c.base, lang, show, entries["boundaries"], basemap != "none")
    _add_places(m, c, lang, show, entries)
    LiveDensity(t("layer.density", lang), show=show["density"]).add_to(m)
    _PluginAssets().add_to(m)
    _KeepPopupOpen().add_to(m)
    incident_legend(CATEGORIES, lang, entries, clustered=clustered, contested=True,
                    cells_beyond=cells_beyond, cell_km=cell_km)
    if show_analysis:
        analysis_legend(lang, entries, ANALYSIS_KEYS)
    attributions = attribution_texts(replace(c, incidents=None), lang, basemap,
                                     incident_sources=tuple(incident_sources))
    add_chrome(m, entries, lang, attributions, demo_notice(c, lang), legend_open=False)
    localize(m, asset_base_url, drop_unused=True)

    group = folium.FeatureGroup(name=t("layer.incidents", lang), show=show["incidents"])
    if cells is not None:
        CellLayer(cells, lang, t("layer.incidents", lang), feed_density=True).add_to(group)
    elif c.incidents is not None:
        incident_layer(c.incidents, lang, show=True, control=False, feed_density=True,
                       places=c.places).add_to(group)
    groups = [group, *analysis_groups(c, lang, show)]
    for g in groups:
        if not g.show:
            g.add_child(_HiddenOnOpen())
        localize(g, asset_base_url)
    return LiveMap(base=m, groups=groups,
                   control=folium.LayerControl(collapsed=True, position="topright"))
