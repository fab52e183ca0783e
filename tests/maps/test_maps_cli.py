"""``python -m maps print|brief|html``: wiring on the synthetic scene, and one end-to-end
run on the synthetic demo store."""
from __future__ import annotations

import subprocess
import sys

import pytest

import maps.print.print_scene as print_scene
from cli_common import EXIT_DATA, EXIT_OK
from maps.cli import main
from maps.print.print_scene import Scene
from tests import pdf_check

DATE = "2026-11-25"


@pytest.fixture
def fake_scene(monkeypatch, scene_public, scene_internal):
    calls = []

    def load(db=None, flt=None, mode="public", options=None, **kw):
        calls.append((mode, options))
        data, inc = scene_public if mode == "public" else scene_internal
        return Scene(data=data, hotspots=None, incidents=inc)

    monkeypatch.setattr(print_scene, "load_scene", load)
    return calls


def test_print_brief_html_commands(tmp_path, fake_scene, capsys):
    assert main(["print", "--paper", "A3", "--orientation", "portrait", "--format", "png",
                 "--dpi", "30", "--title", "Vorukh area", "--date", DATE,
                 "--out", str(tmp_path)]) == EXIT_OK
    assert (tmp_path / "KGZ-TJK_Vorukh-area_A3_20261125.png").stat().st_size > 10000
    assert fake_scene[-1][0] == "public" and fake_scene[-1][1].location == "hex"
    assert main(["brief", "--hotspot", "HS-001", "--date", DATE, "--out",
                 str(tmp_path)]) == EXIT_OK
    assert (tmp_path / "KGZ-TJK_Hotspot-brief-HS-001_A4_20261125.pdf").read_bytes()[:4] == \
        b"%PDF"
    out = tmp_path / "map.html"
    assert main(["html", "--out", str(out), "--date", DATE]) == EXIT_OK
    assert fake_scene[-1][1].location == "settlement"
    assert b"do not imply official endorsement" in out.read_bytes()
    assert "Protection: PUBLIC" in capsys.readouterr().out


def test_errors_are_named(tmp_path, fake_scene, capsys):
    assert main(["brief", "--hotspot", "HS-404", "--out", str(tmp_path)]) == EXIT_DATA
    assert "HS-404" in capsys.readouterr().err
    assert main(["print", "--hex-m", "500", "--out", str(tmp_path)]) == 2
    assert "hex_m" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["print", "--labels", "en,ru,tg", "--out", str(tmp_path)])


def test_end_to_end_print_from_demo_store(tmp_path):
    """The real chain: demo store → analysis → protected A4 PDF (runs two processes)."""
    env_cmd = [sys.executable, "-m"]
    r = subprocess.run(env_cmd + ["incidents", "demo"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(env_cmd + ["maps", "print", "--title", "Demo map", "--date", DATE,
                                  "--demo-registry", "--out", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "KGZ-TJK_Demo-map_A4_20261125.pdf"
    assert pdf.read_bytes()[:4] == b"%PDF"
    text = pdf_check.text(pdf)
    assert "SYNTHETIC DEMO" in text and "HS-001" in text and "PUBLIC" in text
