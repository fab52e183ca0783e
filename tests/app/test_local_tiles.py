"""maps.web.local_tiles: the user's offline basemap (MBTiles or an XYZ folder in the data
folder), embedded in the page: nothing fetched, nothing the client sends becomes a path,
z/x/y checked as ints, only image bytes become tiles."""
from __future__ import annotations

import io
import json
import os
import re
import sqlite3

import pytest
from PIL import Image

from maps.web.local_tiles import (
    LocalTileLayer,
    find_basemap,
    image_mime,
    load_basemap,
    tile_range,
    valid_tile,
)
from tests.hostile import SCRIPT_CLOSE, TEMPLATE

BBOX = (69.5, 39.6, 71.0, 40.4)  # west, south, east, north


def _png(colour=(200, 220, 240)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(buf, "PNG")
    return buf.getvalue()


def _mbtiles(path, zooms=(6, 7, 8), meta=None, extra_rows=()):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, "
               "tile_row integer, tile_data blob)")
    for k, v in (meta or {"name": "Test relief", "format": "png",
                          "attribution": "Test tiles (CC0)"}).items():
        db.execute("INSERT INTO metadata VALUES (?, ?)", (k, v))
    png = _png()
    for z in zooms:
        x0, x1, y0, y1 = tile_range(BBOX, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, 2 ** z - 1 - y, png))
    for row in extra_rows:
        db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", row)
    db.commit()
    db.close()
    return path


def test_checks_of_tile_numbers_and_image_bytes():
    assert valid_tile(8, 180, 97) and not valid_tile(8, 256, 0) and not valid_tile(8, -1, 0)
    assert not valid_tile("8", 1, 1) and not valid_tile(8, 1.0, 1) and not valid_tile(True, 0, 0)
    assert not valid_tile(23, 0, 0)
    assert image_mime(_png()) == "image/png"
    assert image_mime(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_mime(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert image_mime(SCRIPT_CLOSE.encode()) is None and image_mime(b"") is None


def test_mbtiles_rows_are_flipped_to_xyz_and_only_the_region_is_embedded(tmp_path):
    outside = (7, 0, 0, _png())  # a valid tile far from the border region
    path = _mbtiles(tmp_path / "relief.mbtiles", extra_rows=[outside])
    bm = load_basemap(path, BBOX)
    assert bm.name == "Test relief" and bm.attribution == "Test tiles (CC0)"
    assert (bm.min_zoom, bm.max_native_zoom) == (6, 8)
    x0, x1, y0, y1 = tile_range(BBOX, 8)
    want = {f"8/{x}/{y}" for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)}
    assert want <= set(bm.tiles)
    assert "7/0/0" not in bm.tiles and "7/0/127" not in bm.tiles
    assert all(v.startswith("data:image/png;base64,") for v in bm.tiles.values())


def test_hostile_rows_are_skipped_not_embedded(tmp_path):
    x0, _, y0, _ = tile_range(BBOX, 8)
    tms = 2 ** 8 - 1 - y0
    rows = [(8, x0, "1 OR 1", _png()),        # text where an int belongs
            (8, x0, -5, _png()),              # out of the grid
            (8, 10 ** 6, tms, _png()),        # out of the grid
            (8, x0 + 1, tms, SCRIPT_CLOSE.encode()),  # not an image
            ("8", x0, tms, _png())]           # text zoom
    path = _mbtiles(tmp_path / "h.mbtiles", zooms=(8,), extra_rows=rows)
    bm = load_basemap(path, BBOX)
    assert bm is not None
    assert not any("script" in base64_text(v) for v in bm.tiles.values())
    assert all(re.fullmatch(r"\d+/\d+/\d+", k) for k in bm.tiles)


def base64_text(uri: str) -> str:
    import base64
    return base64.b64decode(uri.split(",", 1)[1]).decode("latin-1").lower()


def test_budget_keeps_whole_zoom_levels(tmp_path):
    path = _mbtiles(tmp_path / "r.mbtiles", zooms=(6, 7, 8, 9))
    full = load_basemap(path, BBOX)
    n_low = sum(1 for k in full.tiles if int(k.split("/")[0]) <= 7)
    per_tile = len(_png())
    small = load_basemap(path, BBOX, budget_bytes=per_tile * n_low + per_tile // 2)
    assert small.max_native_zoom == 7 and len(small.tiles) == n_low
    assert load_basemap(path, BBOX, budget_bytes=10) is None


def test_xyz_folder_names_are_checked_and_links_out_are_skipped(tmp_path):
    root = tmp_path / "data" / "basemap"
    z = 8
    x0, _, y0, _ = tile_range(BBOX, z)
    (root / str(z) / str(x0)).mkdir(parents=True)
    (root / str(z) / str(x0) / f"{y0}.png").write_bytes(_png())
    (root / str(z) / str(x0) / f"{y0 + 1}.png").write_text("<script>alert(1)</script>")
    (root / str(z) / str(x0) / "..png").write_bytes(_png())
    (root / str(z) / f"{x0}a").mkdir()
    (root / str(z) / f"{x0}a" / f"{y0}.png").write_bytes(_png())
    secret = tmp_path / "secret"
    (secret / str(y0)).mkdir(parents=True)
    (secret / f"{y0}.png").write_bytes(_png((1, 2, 3)))
    os.symlink(secret, root / str(z) / str(x0 + 1))  # a zoom folder entry leaving the root
    (root / "ATTRIBUTION.txt").write_text(f"Relief {TEMPLATE}")
    assert find_basemap(tmp_path / "data") == root
    bm = load_basemap(root, BBOX)
    assert set(bm.tiles) == {f"{z}/{x0}/{y0}"}
    assert bm.attribution.startswith("Relief ")
    # an MBTiles file in the same folder is preferred
    _mbtiles(root / "b.mbtiles", zooms=(6,))
    assert find_basemap(tmp_path / "data") == root / "b.mbtiles"
    assert find_basemap(tmp_path / "nothing") is None


def test_the_layer_carries_tiles_as_data_and_the_export_loads_nothing(tmp_path,
                                                                       small_boundaries):
    from maps.web.standalone import external_resources, standalone_html
    from maps.web.web_layers import prepare_base
    from maps.web.webmap import MapContent, attribution_texts, build_map

    meta = {"name": SCRIPT_CLOSE, "attribution": f"© {TEMPLATE}"}
    bm = load_basemap(_mbtiles(tmp_path / "r.mbtiles", zooms=(6, 7), meta=meta), BBOX)
    layer = LocalTileLayer(bm)
    opts = json.loads(str(layer.options_json))
    assert opts["maxNativeZoom"] == 7 and opts["minNativeZoom"] == 6
    content = MapContent(base=prepare_base(small_boundaries), local_basemap=bm)
    m = build_map(content, basemap="local")
    html = m.get_root().render()
    assert "L.GridLayer.extend" in html and '"7/' in html
    assert "</script><script>window.__kgtj_pwned" not in html
    # the source's name and attribution reach the page escaped, inside a JSON string
    # (where "${" is inert text, not a template)
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda x: chr(int(x.group(1), 16)), html)
    assert 'addAttribution("Basemap: &lt;/script&gt;&lt;script&gt;window' in decoded
    assert "`" not in decoded.split("L.GridLayer.extend")[1].split("addTo")[0]
    assert "tile.openstreetmap.org" not in html
    assert any(a.startswith("Basemap: </script>") for a in
               attribution_texts(content, "en", "local"))  # escaped where shown
    doc = standalone_html(m, ["note"], "t").decode()
    assert external_resources(doc) == [] and "data:image/png;base64," in doc
    # the countries let the tiles show through; without tiles they stay opaque
    assert '"fillOpacity":0.15' in html
    assert '"fillOpacity":0.15' not in build_map(content).get_root().render()


@pytest.mark.parametrize("bad", [b"", b"not a database at all" * 10])
def test_an_unreadable_mbtiles_is_no_basemap(tmp_path, bad):
    path = tmp_path / "x.mbtiles"
    path.write_bytes(bad)
    assert load_basemap(path, BBOX) is None
