"""Offline web-map assets: which CDN link folium uses is served from which vendored file.

folium and its plugins link Leaflet, jQuery, Bootstrap, Font Awesome and plugin code from
CDNs (``default_js`` / ``default_css`` on each element). A field office without internet
then gets a grey, empty map. :func:`localize` rewrites those links, per element and without
touching folium's class attributes, to the copies in ``static/vendor/`` (fetched from the npm
registry by ``python -m maps.web.vendor_assets``), served by Streamlit's static serving under
``/app/static/vendor``. :func:`asset_files` lists the local files a map needs, in load order,
for tools that inline them into a standalone HTML file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from settings import REPO_ROOT

VENDOR_DIR = REPO_ROOT / "static" / "vendor"
STATIC_URL = "/app/static/vendor"  # Streamlit serves REPO_ROOT/static at /app/static


class OfflineAssetError(RuntimeError):
    """A map element links a CDN resource that has no vendored copy."""


@dataclass(frozen=True)
class VendoredPackage:
    """One registry package and the files taken from it.

    ``files`` maps a member path inside the tarball (without ``package/``) to a path under
    ``static/vendor/<folder>/``; ``replaces`` maps CDN URLs folium uses to one of those paths.
    """

    name: str
    version: str
    licence: str
    registry: str  # "npm" or "pypi"
    files: dict[str, str]
    replaces: dict[str, str]

    @property
    def folder(self) -> str:
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}"


_JSD = "https://cdn.jsdelivr.net/npm"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"

PACKAGES: tuple[VendoredPackage, ...] = (
    VendoredPackage(
        "leaflet", "1.9.3", "BSD-2-Clause", "npm",
        files={"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css",
               "dist/images/layers.png": "images/layers.png",
               "dist/images/layers-2x.png": "images/layers-2x.png",
               "dist/images/marker-icon.png": "images/marker-icon.png",
               "dist/images/marker-icon-2x.png": "images/marker-icon-2x.png",
               "dist/images/marker-shadow.png": "images/marker-shadow.png",
               "LICENSE": "LICENSE"},
        replaces={f"{_JSD}/leaflet@1.9.3/dist/leaflet.js": "leaflet.js",
                  f"{_JSD}/leaflet@1.9.3/dist/leaflet.css": "leaflet.css"},
    ),
    VendoredPackage(
        "jquery", "3.7.1", "MIT", "npm",
        files={"dist/jquery.min.js": "jquery.min.js", "LICENSE.txt": "LICENSE.txt"},
        replaces={"https://code.jquery.com/jquery-3.7.1.min.js": "jquery.min.js"},
    ),
    VendoredPackage(
        "bootstrap", "5.2.2", "MIT", "npm",
        files={"dist/js/bootstrap.bundle.min.js": "bootstrap.bundle.min.js",
               "dist/css/bootstrap.min.css": "bootstrap.min.css", "LICENSE": "LICENSE"},
        replaces={f"{_JSD}/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js":
                  "bootstrap.bundle.min.js",
                  f"{_JSD}/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap.min.css"},
    ),
    VendoredPackage(
        "@fortawesome/fontawesome-free", "6.2.0", "CC-BY-4.0 (icons), OFL-1.1 (fonts), MIT "
        "(code)", "npm",
        files={"css/all.min.css": "css/all.min.css", "LICENSE.txt": "LICENSE.txt",
               **{f"webfonts/{f}.{ext}": f"webfonts/{f}.{ext}"
                  for f in ("fa-brands-400", "fa-regular-400", "fa-solid-900",
                            "fa-v4compatibility") for ext in ("woff2", "ttf")}},
        replaces={f"{_JSD}/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
                  "css/all.min.css"},
    ),
    VendoredPackage(
        "leaflet.awesome-markers", "2.0.5", "MIT", "npm",
        files={"dist/leaflet.awesome-markers.min.js": "leaflet.awesome-markers.min.js",
               "dist/leaflet.awesome-markers.css": "leaflet.awesome-markers.css",
               "dist/images/markers-soft.png": "images/markers-soft.png",
               "dist/images/markers-soft@2x.png": "images/markers-soft@2x.png",
               "dist/images/markers-shadow.png": "images/markers-shadow.png",
               "dist/images/markers-shadow@2x.png": "images/markers-shadow@2x.png",
               "LICENSE": "LICENSE"},
        replaces={f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
                  "leaflet.awesome-markers.min.js",
                  f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
                  "leaflet.awesome-markers.css"},
    ),
    VendoredPackage(  # the incident layer's clustering above 2,000 points (its k-d tree,
        # kdbush 4, ISC, same author, is bundled in this UMD build)
        "supercluster", "8.0.1", "ISC", "npm",
        files={"dist/supercluster.min.js": "supercluster.min.js", "LICENSE": "LICENSE"},
        replaces={"https://unpkg.com/supercluster@8.0.1/dist/supercluster.min.js":
                  "supercluster.min.js"},
    ),
    VendoredPackage(
        "leaflet.fullscreen", "3.0.0", "MIT", "npm",
        files={"Control.FullScreen.js": "Control.FullScreen.js",
               "Control.FullScreen.css": "Control.FullScreen.css",
               "icon-fullscreen.svg": "icon-fullscreen.svg", "LICENSE": "LICENSE"},
        replaces={f"{_JSD}/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js":
                  "Control.FullScreen.js",
                  f"{_JSD}/leaflet.fullscreen@3.0.0/Control.FullScreen.css":
                  "Control.FullScreen.css"},
    ),
    VendoredPackage(  # folium's own patched copy of Leaflet.heat, from the installed wheel
        "folium", folium.__version__, "MIT", "pypi",
        files={"folium/templates/leaflet_heat.min.js": "leaflet_heat.min.js"},
        replaces={"https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/"
                  "templates/leaflet_heat.min.js": "leaflet_heat.min.js"},
    ),
)

# Links folium's Map adds that no layer of this project uses and that no registry ships in
# the linked form: dropped from the page instead of fetched.
DROPPED: dict[str, str] = {
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css":
        "Bootstrap 3 glyphicons: not used by any layer; not on npm in this form",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css":
        "awesome-marker rotation CSS: no rotated markers are drawn",
}

# Links folium's Map always adds but that no layer drawn by maps.web.webmap needs (no Bootstrap
# widgets, no awesome-marker icons): left out of the page when ``drop_unused`` is set, which
# makes every map load and redraw faster. The files stay vendored for other folium use.
UNUSED_BY_WEBMAP: frozenset[str] = frozenset({
    "jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
    "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css",
})

LOCAL_PATHS: dict[str, str] = {
    url: f"{pkg.folder}/{dest}" for pkg in PACKAGES for url, dest in pkg.replaces.items()
}

_URL_RE = re.compile(r"""(?:src|href)\s*=\s*["'](https?://[^"']+)["']""", re.IGNORECASE)


def _local(url: str, base_url: str) -> str | None:
    if url in DROPPED:
        return None
    if url.startswith(base_url):
        return url
    try:
        return f"{base_url.rstrip('/')}/{LOCAL_PATHS[url]}"
    except KeyError:
        raise OfflineAssetError(
            f"{url} has no vendored copy: add its package to maps.web.offline.PACKAGES and run "
            "`python -m maps.web.vendor_assets`"
        ) from None


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


class _IconPath(MacroElement):
    """Sets Leaflet's default-icon folder: Leaflet guesses it from leaflet.css, which
    streamlit-folium adds only after the map script ran, and the guess then lacks
    ``/images/`` (requests for ``leaflet-1.9.3marker-icon.png`` came back 404)."""

    _template = Template("""
{% macro script(this, kwargs) %}
L.Icon.Default.imagePath = {{ this.path|tojson }};
{% endmacro %}
""")

    def __init__(self, path: str):
        super().__init__()
        self._name = "IconPath"
        self.path = path


def localize(m: folium.Map, base_url: str = STATIC_URL, drop_unused: bool = False
             ) -> folium.Map:
    """Point every JS/CSS link of ``m`` and its children at the vendored copies.

    Sets instance-level ``default_js``/``default_css`` (folium's class attributes are left
    alone). With ``drop_unused``, the Map's links in :data:`UNUSED_BY_WEBMAP` are removed.
    Raises :class:`OfflineAssetError` when an element links an unknown CDN file.
    """
    for el in _walk(m):
        if not isinstance(el, JSCSSMixin):
            continue
        for attr in ("default_js", "default_css"):
            pairs = []
            for name, url in getattr(el, attr):
                if drop_unused and isinstance(el, folium.Map) and name in UNUSED_BY_WEBMAP:
                    continue
                local = _local(url, base_url)
                if local is not None:
                    pairs.append((name, local))
            setattr(el, attr, pairs)
    if isinstance(m, folium.Map) and not any(isinstance(c, _IconPath)
                                             for c in m._children.values()):
        leaflet = next(p for p in PACKAGES if p.name == "leaflet")
        m.add_child(_IconPath(f"{base_url.rstrip('/')}/{leaflet.folder}/images/"),
                    index=0)  # first child: set before any marker is made
    return m


def asset_files(m: folium.Map) -> list[tuple[str, Path]]:
    """Local files a localized map links, in load order: ``[("js"|"css", path), ...]``.

    For tools that inline the assets into one offline HTML file. CSS files may reference
    fonts/images by relative URL next to them (Font Awesome webfonts, Leaflet images).
    """
    out: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for el in _walk(m):
        if not isinstance(el, JSCSSMixin):
            continue
        for kind, attr in (("js", "default_js"), ("css", "default_css")):
            for _, url in getattr(el, attr):
                local = _local(url, STATIC_URL)
                if local is None or local in seen:
                    continue
                seen.add(local)
                out.append((kind, VENDOR_DIR / local[len(STATIC_URL) + 1:]))
    return out


def remote_urls(html: str) -> list[str]:
    """The http(s) URLs ``html`` would load as a script or stylesheet (should be none)."""
    return sorted(set(_URL_RE.findall(html)))
