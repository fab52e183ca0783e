"""``python -m maps html --basemap``: the user's offline tiles embedded in the standalone
map (the data folder's by default), nothing fetched; a wrong path is a named error."""
from __future__ import annotations

import io
import sqlite3

import pytest
from PIL import Image

import maps.print.print_scene as print_scene
from cli_common import EXIT_DATA, EXIT_OK
from maps.cli import main
from maps.print.print_scene import Scene
from maps.web.local_tiles import tile_range
from maps.web.standalone import external_resources


@pytest.fixture
def fake_scene(monkeypatch, scene_public):
    def load(db=None, flt=None, mode="public", options=None, **kw):
        data, inc = scene_public
        return Scene(data=data, hotspots=None, incidents=inc)
    monkeypatch.setattr(print_scene, "load_scene", load)


def _tiles(path, bbox=(69.0, 39.2, 72.0, 40.8), zooms=(6, 7)):
    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (90, 160, 90)).save(buf, "PNG")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, "
               "tile_row integer, tile_data blob)")
    db.execute("INSERT INTO metadata VALUES ('name', 'Green test'), ('attribution', 'CC0')")
    for z in zooms:
        x0, x1, y0, y1 = tile_range(bbox, z)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                           (z, x, 2 ** z - 1 - y, buf.getvalue()))
    db.commit()
    db.close()
    return path


def test_html_embeds_the_data_folders_basemap(tmp_path, fake_scene, monkeypatch):
    data_dir = tmp_path / "data"
    (data_dir / "basemap").mkdir(parents=True)
    _tiles(data_dir / "basemap" / "green.mbtiles")
    monkeypatch.setenv("KGTJ_DATA_DIR", str(data_dir))
    out = tmp_path / "map.html"
    assert main(["html", "--out", str(out), "--date", "2026-11-25"]) == EXIT_OK
    doc = out.read_text(encoding="utf-8")
    assert "L.GridLayer.extend" in doc and "data:image/png;base64," in doc
    assert "Green test" in doc and external_resources(doc) == []
    plain = tmp_path / "plain.html"
    assert main(["html", "--out", str(plain), "--basemap", "none"]) == EXIT_OK
    assert "L.GridLayer.extend" not in plain.read_text(encoding="utf-8")


def test_a_wrong_or_empty_basemap_is_a_named_error(tmp_path, fake_scene, capsys):
    out = tmp_path / "map.html"
    assert main(["html", "--out", str(out), "--basemap", str(tmp_path / "nope")]) == EXIT_DATA
    assert "does not exist" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["html", "--out", str(out), "--basemap", str(empty)]) == EXIT_DATA
    assert "no image tiles" in capsys.readouterr().err
    assert not out.exists()
