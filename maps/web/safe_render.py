"""Rendering folium maps without evaluating user text as a template.

branca (folium's base) renders each map element with its Jinja template and then wraps the
*output* in ``Element(output)``, which compiles that output as a new Jinja template and
renders it again. Any ``{{ … }}`` or ``{% … %}`` in the output is then executed. Output
holds user text (incident notes and places, community and curated-feature names), so a note
such as ``{{ 7*7 }}`` showed as ``49`` and a crafted one ran Python on the server when the
map was drawn; an unbalanced ``{%`` made the map fail for everyone.

:func:`install` makes ``Element(text)`` hold ``text`` as literal output: it is written as
it is, never compiled. Element classes keep their own (class-level) templates, so folium's
and this project's elements render as before. Installed when :mod:`maps.web.webmap` is
imported, before any map is built; it also spares each map ~70 template compilations.
"""
from __future__ import annotations

from types import SimpleNamespace

from branca.element import Element

_ORIGINAL_INIT = Element.__init__


class LiteralText:
    """A stand-in for a compiled template whose output is the given text, verbatim."""

    module = SimpleNamespace()  # no header/html/script macros

    def __init__(self, text: str):
        self.text = text

    def render(self, *args, **kwargs) -> str:  # noqa: ARG002 - the Template signature
        return self.text


def _init(self, template: str | None = None, template_name: str | None = None) -> None:
    _ORIGINAL_INIT(self, None, template_name)
    if template is not None:
        self._template_str = template
        self._template = LiteralText(template)


def _setstate(self, state: dict) -> None:
    if state.get("_template_str") is not None:
        state["_template"] = LiteralText(state["_template_str"])
    elif state.get("_template_name") is not None:
        from branca.element import ENV
        state["_template"] = ENV.get_template(state["_template_name"])
    self.__dict__.update(state)


def install() -> None:
    """Make ``branca.element.Element(text)`` literal (idempotent)."""
    if Element.__init__ is not _init:
        Element.__init__ = _init
        Element.__setstate__ = _setstate


def installed() -> bool:
    return Element.__init__ is _init
