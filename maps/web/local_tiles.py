"""A basemap the user supplies, shown with no network: an MBTiles file or a folder of XYZ
tiles dropped into ``<data dir>/basemap/``.

How it is served: the tiles are *embedded in the map page* as ``data:`` URIs and drawn by
a small Leaflet grid layer (:class:`LocalTileLayer`) that looks each tile up by its
``z/x/y`` key. Streamlit serves only its own ``static/`` folder, and streamlit-folium draws
the map in a frame that cannot reach a tile server of ours without a second web server, so
no tile URL exists at all: the app, the offline HTML download and the standalone HTML
export carry the same data and fetch nothing. The price is size: only the tiles that cover
the border region (``bbox``) are embedded, zoom level by zoom level from the lowest, while
their bytes stay under ``budget_bytes`` (default 6 MB); above the last zoom embedded whole,
Leaflet enlarges its tiles (``maxNativeZoom``).

Nothing the browser sends becomes a path: the page holds the tiles, and the files are
chosen here, by listing the folder. Folder names and file names must be plain integers
(``z/x/y.png``), z/x/y are checked as ints in range (MBTiles rows too, whose ``tile_row`` is
TMS, flipped to XYZ), symbolic links leaving the folder are skipped, and a tile's bytes must
be a PNG, JPEG or WebP image (read from its first bytes, never from its name).
"""
from __future__ import annotations

import base64
import math
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from folium.map import Layer
from folium.template import Template

from maps.web.geojson_layer import compact_json

BASEMAP_DIR = "basemap"
BUDGET_BYTES = 6_000_000
MAX_ZOOM = 22
_INT = re.compile(r"^[0-9]{1,8}$")
_TILE_FILE = re.compile(r"^([0-9]{1,8})\.(png|jpg|jpeg|webp)$", re.IGNORECASE)


@dataclass
class LocalBasemap:
    """Tiles chosen for a page: ``{"z/x/y": data URI}``, their native zoom range, the
    source's name and attribution (plain text, escaped where shown)."""

    name: str
    tiles: dict[str, str] = field(default_factory=dict)
    min_zoom: int = 0
    max_native_zoom: int = 0
    attribution: str = ""
    n_bytes: int = 0
    skipped: int = 0  # tiles left out: not an image, out of range, or over the budget

    def __bool__(self) -> bool:
        return bool(self.tiles)


def image_mime(data: bytes) -> str | None:
    """The image type of ``data`` from its first bytes (PNG, JPEG, WebP), else None."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def valid_tile(z, x, y) -> bool:
    """z, x, y are ints (not bools or strings) and inside the tile grid of zoom z."""
    if not all(type(v) is int for v in (z, x, y)):
        return False
    return 0 <= z <= MAX_ZOOM and 0 <= x < 2 ** z and 0 <= y < 2 ** z


def tile_range(bbox: tuple[float, float, float, float], z: int) -> tuple[int, int, int, int]:
    """``(x0, x1, y0, y1)`` inclusive XYZ tile indices of zoom ``z`` covering ``bbox``
    (west, south, east, north; degrees, EPSG:4326 shown in Web Mercator)."""
    def tx(lon: float) -> int:
        return int((lon + 180.0) / 360.0 * 2 ** z)

    def ty(lat: float) -> int:
        r = math.radians(max(min(lat, 85.0511), -85.0511))
        return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * 2 ** z)
    w, s, e, n = bbox
    hi = 2 ** z - 1
    return (max(tx(w), 0), min(tx(e), hi), max(ty(n), 0), min(ty(s), hi))


# --- reading the user's files -----------------------------------------------------------
def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _folder_tiles(root: Path, z: int, rng: tuple[int, int, int, int]):
    """``(z, x, y, reader)`` of the tiles of zoom ``z`` inside ``rng`` in an XYZ folder
    (names checked as integers; links leaving ``root`` skipped)."""
    x0, x1, y0, y1 = rng
    zdir = root / str(z)
    if not (zdir.is_dir() and _inside(zdir, root)):
        return
    for xdir in sorted(zdir.iterdir()):
        if not (_INT.match(xdir.name) and x0 <= int(xdir.name) <= x1 and xdir.is_dir()
                and _inside(xdir, root)):
            continue
        for f in sorted(xdir.iterdir()):
            m = _TILE_FILE.match(f.name)
            if m and y0 <= int(m.group(1)) <= y1 and f.is_file() and _inside(f, root):
                yield z, int(xdir.name), int(m.group(1)), f.read_bytes


def _folder_zooms(root: Path) -> list[int]:
    return sorted(int(p.name) for p in root.iterdir()
                  if _INT.match(p.name) and int(p.name) <= MAX_ZOOM and p.is_dir())


def _mbtiles_meta(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in db.execute("SELECT name, value FROM metadata")}
    except sqlite3.DatabaseError:
        return {}


def _mbtiles_tiles(db: sqlite3.Connection, z: int, rng: tuple[int, int, int, int]):
    x0, x1, y0, y1 = rng
    n = 2 ** z  # MBTiles rows are TMS: row = 2^z - 1 - y
    rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
                      "WHERE zoom_level = ? AND tile_column BETWEEN ? AND ? "
                      "AND tile_row BETWEEN ? AND ?", (z, x0, x1, n - 1 - y1, n - 1 - y0))
    for zz, x, row, data in rows:
        y = n - 1 - row if type(row) is int else None
        yield zz, x, y, (lambda d=data: bytes(d) if isinstance(d, (bytes, memoryview)) else b"")


def _choose(zooms: list[int], tiles_of, bbox, budget_bytes: int, name: str,
            attribution: str) -> LocalBasemap:
    """Embed whole zoom levels (``tiles_of(z, tile range)``) from the lowest while the
    budget lasts; a level that does not fit whole is left out, and every one above it."""
    out = LocalBasemap(name=name, attribution=attribution)
    for z in sorted(zooms):
        rng = tile_range(bbox, z)
        x0, x1, y0, y1 = rng
        level: dict[str, str] = {}
        size = 0
        for zz, x, y, read in tiles_of(z, rng):
            if not valid_tile(zz, x, y) or zz != z or not (x0 <= x <= x1 and y0 <= y <= y1):
                out.skipped += 1
                continue
            data = read()
            mime = image_mime(data)
            if mime is None:
                out.skipped += 1
                continue
            size += len(data)
            if out.n_bytes + size > budget_bytes:
                return out  # this level does not fit whole: stop at the one below
            level[f"{z}/{x}/{y}"] = f"data:{mime};base64,{base64.b64encode(data).decode()}"
        if not level:
            continue
        if not out.tiles:
            out.min_zoom = z
        out.tiles.update(level)
        out.n_bytes += size
        out.max_native_zoom = z
    return out


def load_basemap(path: Path, bbox: tuple[float, float, float, float],
                 budget_bytes: int = BUDGET_BYTES) -> LocalBasemap | None:
    """The tiles of ``path`` (an ``.mbtiles`` file or an XYZ folder) that cover ``bbox``
    (west, south, east, north; degrees), within ``budget_bytes``; None when it has none."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() == ".mbtiles":
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            meta = _mbtiles_meta(db)
            zooms = [z for (z,) in db.execute("SELECT DISTINCT zoom_level FROM tiles")
                     if type(z) is int and 0 <= z <= MAX_ZOOM]
            found = _choose(zooms, lambda z, rng: _mbtiles_tiles(db, z, rng), bbox,
                            budget_bytes, meta.get("name") or path.stem,
                            meta.get("attribution", ""))
        except sqlite3.DatabaseError:
            return None
        finally:
            db.close()
    elif path.is_dir():
        note = path / "ATTRIBUTION.txt"
        attribution = note.read_text(encoding="utf-8", errors="replace")[:500].strip() \
            if note.is_file() and _inside(note, path) else ""
        found = _choose(_folder_zooms(path), lambda z, rng: _folder_tiles(path, z, rng), bbox,
                        budget_bytes, path.name, attribution)
    else:
        return None
    return found or None


def find_basemap(data_dir: Path) -> Path | None:
    """The basemap the user dropped in ``<data_dir>/basemap/``: the first ``.mbtiles`` file
    (by name), else the folder itself when it holds zoom folders."""
    root = Path(data_dir) / BASEMAP_DIR
    if not root.is_dir():
        return None
    files = sorted(p for p in root.glob("*.mbtiles") if p.is_file() and _inside(p, root))
    if files:
        return files[0]
    if any(_INT.match(p.name) and p.is_dir() for p in root.iterdir()):
        return root
    return None


def region_bbox(segments: dict | None, margin_deg: float = 0.5
                ) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the KG–TJ border lines in ``segments`` (a prepared
    GeoJSON FeatureCollection, EPSG:4326) widened by ``margin_deg``: where the map is
    looked at, so the tiles to embed."""
    import shapely
    from shapely.geometry import shape

    feats = [f for f in (segments or {}).get("features", [])
             if f.get("geometry") and f["properties"].get("pair", "KGZ-TJK") == "KGZ-TJK"]
    if not feats:
        return None
    w, s, e, n = shapely.total_bounds([shape(f["geometry"]) for f in feats])
    return (w - margin_deg, s - margin_deg, e + margin_deg, n + margin_deg)


# --- the page ---------------------------------------------------------------------------
class LocalTileLayer(Layer):
    """The embedded tiles as a Leaflet grid layer under every other layer (see module
    docstring); tiles are looked up by key, never fetched."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function(){
  var tiles = {{ this.tiles_json }};
  var Layer = L.GridLayer.extend({
    createTile: function(c){
      var img = document.createElement("img");
      img.alt = ""; img.setAttribute("role", "presentation");
      var src = tiles[c.z + "/" + c.x + "/" + c.y];
      if (typeof src === "string" && src.indexOf("data:image/") === 0) { img.src = src; }
      return img;
    }
  });
  return new Layer({{ this.options_json }});
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, basemap: LocalBasemap, name: str = "Local basemap"):
        super().__init__(name=name, overlay=False, control=False, show=True)
        self._name = "LocalTileLayer"
        self.tiles_json = compact_json(basemap.tiles)
        self.options_json = compact_json({
            "minNativeZoom": basemap.min_zoom, "maxNativeZoom": basemap.max_native_zoom,
            "tileSize": 256, "className": "kgtj-local-tiles"})
