"""Uploaded layer files (Data & sources): the client's file name never becomes a path, and
content is validated in memory before anything is written (issue 15)."""
from __future__ import annotations

from pathlib import Path

import pytest

from geo.places_file import PlacesFileError, read_places_bytes
from incidents.access import LOCAL_ADMIN as ADMIN
from incidents.access import AccessDenied, Principal, Role
from layers.uploads import display_name, original_names, save_upload

GOOD_PLACES = b"name,lat,lon,country\nAk-Say,39.87,70.52,KGZ\n"
CRAFTED = ("../../../../../tmp/kgtj_x.csv", "/tmp/kgtj_x.csv", "..\\..\\kgtj_x.csv",
           "places/../../kgtj_x.csv", "kgtj\x00x.csv", "\u202ecsv.exe")


@pytest.mark.parametrize("name", CRAFTED)
def test_a_crafted_name_is_metadata_only(tmp_path, name):
    data_dir = tmp_path / "data"
    path = save_upload("places", GOOD_PLACES, name, read_places_bytes, principal=ADMIN,
                       data_dir=data_dir)
    assert path.parent == data_dir / "places"
    assert path.name.startswith("places-") and path.suffix == ".csv"
    assert path.read_bytes() == GOOD_PLACES
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                     if p.is_file())
    assert written == ["data/places/" + path.name, "data/uploads.json"]
    assert not Path("/tmp/kgtj_x.csv").exists()
    label = original_names(data_dir)[f"places/{path.name}"]
    assert "/" not in label and "\\" not in label and "\x00" not in label
    assert label == display_name(name)


def test_invalid_content_writes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    with pytest.raises(PlacesFileError):
        save_upload("places", b"name,lat\nAk-Say,400\n", "../../../x.csv", read_places_bytes,
                    principal=ADMIN, data_dir=data_dir)
    assert not data_dir.exists() or not any(data_dir.rglob("*"))


def test_places_are_validated_in_memory(tmp_path, monkeypatch):
    """No temporary file is written to check a places upload (it was <tmp>/<name>)."""
    import tempfile
    monkeypatch.setattr(tempfile, "TemporaryDirectory", None)  # any use would fail
    assert len(read_places_bytes(GOOD_PLACES, "x.csv")) == 1


def test_the_data_page_never_uses_the_upload_name_as_a_path():
    """The page hands uploads to save_upload; ``up.name`` only reaches messages/metadata."""
    import settings
    src = (settings.REPO_ROOT / "ui" / "pages" / "data_page.py").read_text(encoding="utf-8")
    uses = [line.strip() for line in src.splitlines() if "up.name" in line]
    assert uses and all("save_upload(" in u or "display_name(" in u for u in uses), uses
    assert "write_bytes" not in src and "tempfile" not in src


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MEMBER, Role.EDITOR])
def test_only_an_admin_saves_a_layer_or_changes_the_line(tmp_path, monkeypatch, role):
    """The core refuses, whatever a page or command checked before (defence in depth):
    layers and the reference line decide every side the product shows."""
    from geo import reference_line as rl
    monkeypatch.setenv("KGTJ_DATA_DIR", str(tmp_path / "data"))
    who = Principal("mira", role)
    line = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
            b'{"left_side":"KG"},"geometry":{"type":"LineString","coordinates":'
            b'[[70.5,39.9],[70.7,39.95]]}}]}')
    with pytest.raises(AccessDenied):
        save_upload("places", GOOD_PLACES, "p.csv", read_places_bytes, principal=who,
                    data_dir=tmp_path / "data")
    with pytest.raises(AccessDenied):
        rl.save_user_line(line, "Fictitious", "2025-03-13", principal=who)
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*"))
    rl.save_user_line(line, "Fictitious", "2025-03-13", principal=ADMIN)
    with pytest.raises(AccessDenied):
        rl.remove_user_line(principal=who)
    assert rl.current_ref().name == "Fictitious"  # still there
    assert rl.remove_user_line(principal=ADMIN)
    with pytest.raises(TypeError):  # a typed name is not an account
        rl.remove_user_line(principal="admin")
