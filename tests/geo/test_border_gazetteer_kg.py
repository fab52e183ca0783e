"""The shipped Kyrgyz-side border-settlement gazetteer (data/gazetteer/border_settlements_kg.csv).

Checks the contract with the other engineers (columns, ids, sources), that the CSV is exactly
what layers/build_settlements_kg.py renders from the cited facts, that every place lies near
the KG–TJ line, and (marker ``cod``) that every place lies in its own district's polygon in the
official Kyrgyz COD-AB admin-2 file, with the exceptions found listed with their distance.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely

import settings
from geo.crs import METRIC_CRS, REGION_BOUNDS
from layers.build_settlements_kg import COLUMNS, dms_to_deg, render_csv

GAZ_DIR = settings.REPO_ROOT / "data" / "gazetteer"
CSV_PATH = GAZ_DIR / "border_settlements_kg.csv"
DISTRICT3 = {"Leilek": "LEI", "Batken": "BAT", "Kadamjay": "KAD", "Chong-Alay": "CAL",
             "Sulukta": "SUL", "Alay": "ALA"}
# district (admin2 in the CSV) → its polygon(s) in the COD-AB file (ADM2_EN)
COD_UNITS = {"Leilek": ("Leilek",), "Batken": ("Batken", "Batken (city)"),
             "Kadamjay": ("Kadamjai",), "Chong-Alay": ("Chon-Alai",), "Alay": ("Alai",),
             "Sulukta": ("Sulukta (city)",)}
MAX_LINE_DIST_M = 25_000

# Villages issue 17 names, with the district that tells same-named ones apart. A name
# matches the row's name or one of its alt_names (case-insensitive).
MUST_HAVE = [
    ("Arka", "Leilek"), ("Dostuk", "Leilek"), ("Dostuk", "Batken"), ("Maksat", "Leilek"),
    ("Internatsionalnoye", "Leilek"), ("Borborduk", "Leilek"), ("Jashtyk", "Leilek"),
    ("Bulak-Bashy", "Leilek"), ("Min-Oruk", None), ("Min-Bulak", "Batken"),
    ("Kek-Tash", "Batken"), ("Kök-Tash", "Leilek"), ("Kapchygai", "Batken"),
    ("Tashtyk", None), ("Kayragach", "Leilek"), ("Ak-Sai", "Batken"), ("Isfana", "Leilek"),
    ("Batken", "Batken"), ("Kulundu", "Leilek"), ("Samarkandyk", "Batken"),
    ("Ak-Tatyr", "Batken"), ("Tort-Kocho", None), ("Kara-Bak", "Batken"),
    ("Kyzyl-Bel", "Batken"),
]
# Must-have villages no stored public page gave coordinates for (SOURCES.md, "Missing").
# strict xfail: the test fails as soon as one is added, so this table cannot go stale.
NOT_SOURCED = {
    ("Dostuk", "Leilek"), ("Dostuk", "Batken"),
    ("Internatsionalnoye", "Leilek"), ("Borborduk", "Leilek"), ("Jashtyk", "Leilek"),
    ("Bulak-Bashy", "Leilek"), ("Min-Oruk", None), ("Min-Bulak", "Batken"),
    ("Kök-Tash", "Leilek"), ("Kapchygai", "Batken"), ("Tashtyk", None),
    ("Kayragach", "Leilek"), ("Ak-Sai", "Batken"), ("Kulundu", "Leilek"),
    ("Ak-Tatyr", "Batken"), ("Tort-Kocho", None), ("Kara-Bak", "Batken"),
    ("Kyzyl-Bel", "Batken"),
}

# Places the COD-AB test finds outside their own district's polygon: id → (distance to
# that polygon in metres, reason). Coordinates are never moved to pass.
COD_EXCEPTIONS: dict[str, tuple[float, str]] = {
    "KGZ-SUL-sulukta": (
        246.0,
        "town of regional significance: the en.wikipedia town point (seconds) lies about "
        "0.25 km west of the 2018 COD-AB 'Sulukta (city)' polygon, inside Leilek's",
    ),
}


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _rows()


@pytest.fixture(scope="module")
def points(rows) -> gpd.GeoSeries:
    lon = [float(r["lon"]) for r in rows]
    lat = [float(r["lat"]) for r in rows]
    return gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=4326, index=[r["id"] for r in rows])


def _matches(row: dict[str, str], name: str, district: str | None) -> bool:
    names = {row["name"].casefold(), *(a.casefold() for a in row["alt_names"].split("|") if a)}
    return name.casefold() in names and (district is None or row["admin2"] == district)


# ------------------------------------------------------------------ contract and provenance

def test_header_is_the_contract():
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == list(COLUMNS)
    assert COLUMNS == ("id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lat",
                       "lon", "country", "admin1", "admin2", "rural_community", "kind",
                       "source_title", "source_url", "coord_note", "note")


def test_csv_is_exactly_the_build_output():
    """The shipped CSV and the cited facts in layers/settlements_kg_rows.py cannot drift."""
    assert CSV_PATH.read_text(encoding="utf-8") == render_csv()


def test_manifest_entry_matches_the_file(rows):
    manifest = json.loads((GAZ_DIR / "manifest.json").read_text(encoding="utf-8"))
    entries = [f for f in manifest["files"] if f["path"] == CSV_PATH.name]
    assert len(entries) == 1
    entry = entries[0]
    assert {"path", "source", "licence", "collected", "rows", "sha256", "derived"} <= set(entry)
    assert entry["sha256"] == hashlib.sha256(CSV_PATH.read_bytes()).hexdigest()
    assert entry["rows"] == len(rows)
    assert entry["collected"] == "2026-12-03"


def test_ids_unique_and_well_formed(rows):
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        code = DISTRICT3[r["admin2"]]
        assert re.fullmatch(rf"KGZ-{code}-[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]), r["id"]


def test_no_duplicate_name_in_a_district(rows):
    keys = [(r["name"].casefold(), r["admin2"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_every_row_is_kyrgyz_cited_and_typed(rows):
    for r in rows:
        where = f"row {r['id']}"
        assert r["country"] == "KGZ", where
        assert r["admin1"] in {"Batken", "Osh"}, where
        assert r["kind"] in {"town", "village", "enclave_village"}, where
        assert r["name"] and (r["name_ru"] or r["name_ky"]), where
        titles, urls = r["source_title"].split(" | "), r["source_url"].split(" | ")
        assert all(titles) and len(titles) == len(urls), where
        assert all(re.match(r"https?://\S+$", u) for u in urls), where
        assert r["coord_note"], where
        assert "" not in r["alt_names"].split("|") or r["alt_names"] == "", where


def test_coordinates_inside_region_with_honest_precision(rows):
    minx, miny, maxx, maxy = REGION_BOUNDS
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        assert miny <= lat <= maxy and minx <= lon <= maxx, r["id"]
        for text in (r["lat"], r["lon"]):  # 4–6 decimals: converted, never rounded away
            assert 4 <= len(text.split(".")[1]) <= 6, (r["id"], text)


def test_every_place_is_near_the_kg_tj_line(points):
    """'Border settlement' means within about 25 km of the shipped KG–TJ line."""
    segs = gpd.read_file(settings.REPO_ROOT / "data" / "boundaries" / "border_segments.geojson")
    line = segs[segs["pair"] == "KGZ-TJK"].to_crs(METRIC_CRS).union_all()
    dist = points.to_crs(METRIC_CRS).distance(line)
    far = dist[dist > MAX_LINE_DIST_M]
    assert far.empty, f"more than {MAX_LINE_DIST_M} m from the KG–TJ line: {far.round().to_dict()}"


@pytest.mark.parametrize(("name", "district"), MUST_HAVE,
                         ids=[f"{n}-{d or 'any'}" for n, d in MUST_HAVE])
def test_must_have_village_present(rows, request, name, district):
    if (name, district) in NOT_SOURCED:
        request.applymarker(pytest.mark.xfail(
            strict=True, reason="no stored public page gave its coordinates (SOURCES.md)"))
    hits = [r for r in rows if _matches(r, name, district)]
    assert hits, f"{name} ({district or 'any district'}) missing"
    assert all(r["country"] == "KGZ" for r in hits)


def test_same_named_kok_tash_rows_are_told_apart(rows):
    """Kek-Tash (Batken, Ak-Sai) is not the Kök-Tash of Sumbula (Leilek)."""
    batken = [r for r in rows if _matches(r, "Kök-Tash", "Batken")]
    assert len(batken) == 1 and batken[0]["rural_community"] == "Ak-Sai"
    assert batken[0]["id"] == "KGZ-BAT-kek-tash"


# ------------------------------------------------------------------ DMS converter

@pytest.mark.parametrize(("text", "value", "decimals"), [
    ("39°56′59″N", 39 + 56 / 60 + 59 / 3600, 5),
    ("69°31′E", 69 + 31 / 60, 4),
    ("70°32'09\"E", 70 + 32 / 60 + 9 / 3600, 5),
    ("12°S", -12.0, 2),
])
def test_dms_to_deg(text, value, decimals):
    got, dec = dms_to_deg(text)
    assert got == pytest.approx(value, abs=1e-12) and dec == decimals


@pytest.mark.parametrize("text", ["39.95", "39°61′N", "39°56′60″N", "N 39°56′", "", "<b>"])
def test_dms_to_deg_rejects_with_the_text(text):
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        dms_to_deg(text)


# ------------------------------------------------------------------ official COD-AB polygons

@pytest.mark.cod
def test_every_place_in_its_own_district_polygon(rows, points, cod_files):
    path = cod_files[0]  # found beside the repository or a parent (tests/conftest.py)
    cod = gpd.read_file(path).to_crs(METRIC_CRS)
    pts = points.to_crs(METRIC_CRS)
    found: dict[str, float] = {}
    for r in rows:
        units = cod[cod["ADM2_EN"].isin(COD_UNITS[r["admin2"]])]
        assert len(units) == len(COD_UNITS[r["admin2"]]), r["admin2"]
        own = shapely.union_all(np.asarray(units.geometry.values))
        point = pts[r["id"]]
        if not own.covers(point):
            found[r["id"]] = float(own.distance(point))
    assert set(found) == set(COD_EXCEPTIONS), (
        f"outside their district polygon (m): {found}; expected {set(COD_EXCEPTIONS)}")
    for pid, dist_m in found.items():
        expected_m, reason = COD_EXCEPTIONS[pid]
        assert reason
        assert dist_m == pytest.approx(expected_m, abs=25), (pid, dist_m)


def test_build_keeps_the_other_files_manifest_entries(tmp_path):
    """The Tajik engineer's entry (and any other) survives a rebuild of the Kyrgyz file."""
    from layers.build_settlements_kg import build

    other = {"path": "border_settlements_tj.csv", "rows": 3, "sha256": "x", "licence": "y"}
    (tmp_path / "manifest.json").write_text(json.dumps({"files": [other]}), encoding="utf-8")
    build(tmp_path)
    files = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert other in files
    assert [f["path"] for f in files] == ["border_settlements_kg.csv", "border_settlements_tj.csv"]
    assert (tmp_path / "border_settlements_kg.csv").read_text(encoding="utf-8") == render_csv()
