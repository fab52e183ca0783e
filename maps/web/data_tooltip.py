"""A tooltip whose text reaches JavaScript as a JSON string, never as code.

folium's ``Tooltip`` (and ``tooltip=`` of its markers and lines) writes the text inside a
JavaScript template literal: ``html.escape`` leaves `` ` `` and ``${`` alone, so a community
or place name ``${alert(1)}`` ran script in every map that showed it, and `` `;x;// `` was a
syntax error that stopped the map drawing. :class:`DataTooltip` writes the (HTML-escaped)
text with :func:`maps.web.geojson_layer.compact_json`: a JSON string, safe inside ``<script>``
and inert as template text.
"""
from __future__ import annotations

import html

from branca.element import MacroElement
from folium.template import Template

from maps.web.geojson_layer import compact_json


class DataTooltip(MacroElement):
    """Sticky tooltip on the parent layer showing ``text`` (plain text; escaped here)."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.bindTooltip({{ this.text_json }}, {{ this.options_json }});
{% endmacro %}
""")

    def __init__(self, text: str, sticky: bool = True):
        super().__init__()
        self._name = "DataTooltip"
        self.text_json = compact_json(html.escape(str(text)))
        self.options_json = compact_json({"sticky": bool(sticky)})


def with_tooltip(layer, text: str):
    """``layer`` with a :class:`DataTooltip` of ``text`` added (returns ``layer``)."""
    layer.add_child(DataTooltip(text))
    return layer
