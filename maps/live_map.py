"""The app's border map in two parts, so that a filter change redraws only the incidents.

streamlit-folium mounts a new map (a new frame: Leaflet loaded, every boundary drawn again)
whenever the map's script changes, but swaps *feature groups* and the layer control inside
the map it already has. :func:`build_live_map` therefore puts everything that does not
depend on the filter into the base map: boundaries, settlements, an empty density layer fed
by the incident layer, the legend with every category, the disclaimer and the sources of
all incidents in the store. The incidents of the current filter go into a feature group.
The Map page passes them as ``st_folium(live.base, feature_group_to_add=live.groups,
layer_control=live.control)``; month playback and filter changes then keep the map, its
view and its open popups' context, and send only the incident rows.

The content equals :func:`maps.webmap.build_map` without analysis layers (the page uses that
when hotspots and pairs are shown).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template

from i18n import t
from incidents.schema import CATEGORIES
from maps.incident_layer import LiveDensity
from maps.offline import STATIC_URL, localize
from maps.webmap import (
    MapContent,
    _add_boundaries,
    _add_places,
    add_chrome,
    attribution_texts,
    default_shown,
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
    """Loads the marker-cluster plugin with the base map: the frame loads scripts only once,
    and a later filter may have enough incidents to be clustered."""

    _template = Template("")
    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css


def build_live_map(c: MapContent, *, lang: str = "en", basemap: str = "none",
                   location: tuple[float, float], zoom: int,
                   incident_sources: Sequence[str] = (),
                   asset_base_url: str = STATIC_URL) -> LiveMap:
    """The app's map for ``c`` (its incidents already filtered).

    Parameters
    ----------
    incident_sources : the source datasets of every incident in the store, for the
        attribution of the base map (it must not change with the filter).
    location, zoom : the view a newly mounted base map opens with (lat, lon; zoom).
    """
    show = default_shown()
    m = new_map(location, zoom, basemap)
    entries = new_entries()
    _add_boundaries(m, c.base, lang, show, entries["boundaries"])
    _add_places(m, c, lang, show, entries)
    LiveDensity(t("layer.density", lang), show=show["density"]).add_to(m)
    _PluginAssets().add_to(m)
    incident_legend(CATEGORIES, lang, entries)
    attributions = attribution_texts(replace(c, incidents=None), lang, basemap,
                                     incident_sources=tuple(incident_sources))
    add_chrome(m, entries, lang, attributions, c.demo, legend_open=True)
    localize(m, asset_base_url, drop_unused=True)

    group = folium.FeatureGroup(name=t("layer.incidents", lang), show=show["incidents"])
    if c.incidents is not None:
        incident_layer(c.incidents, lang, show=True, control=False,
                       feed_density=True).add_to(group)
    localize(group, asset_base_url)
    return LiveMap(base=m, groups=[group],
                   control=folium.LayerControl(collapsed=True, position="topright"))
