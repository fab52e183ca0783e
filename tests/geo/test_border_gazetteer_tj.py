"""The shipped Tajik-side border-settlement gazetteer (data/gazetteer/border_settlements_tj.csv).

Checks the schema contract, the provenance of every row, that each coordinate is the one its
cited page gives (the DMS kept in ``coord_note``), the named villages of issue 17, and (``cod``)
that every place lies in its own district's polygon of the official Tajik COD-AB file. Places
outside their polygon are listed in :data:`EXPECTED_OUTSIDE` with the distance found and why;
coordinates are never moved to make this pass.
"""
from __future__ import annotations

import csv
import re

import numpy as np
import pytest

import settings
from geo.crs import REGION_BOUNDS, to_metric

CSV_PATH = settings.REPO_ROOT / "data" / "gazetteer" / "border_settlements_tj.csv"
DOC_PATH = settings.REPO_ROOT / "docs" / "border-gazetteer.md"
COLUMNS = [
    "id", "name", "name_ru", "name_ky", "name_tg", "alt_names", "lat", "lon", "country",
    "admin1", "admin2", "rural_community", "kind", "source_title", "source_url", "coord_note",
    "note",
]
KINDS = {"town", "village", "enclave_village"}
MAX_LINE_DIST_M = 25_000
ID_RE = re.compile(r"^TJK-[A-Z]{3}-[a-z0-9]+(?:-[a-z0-9]+)*$")

# Issue 17's Tajik-side names that a public page gives with coordinates: each must be a row
# (as its name or an alternate name) administered by Tajikistan.
MUST_HAVE = (
    "Chorkuh", "Khoja Alo", "Ovchi-Kalacha", "Surkh", "Lakkon", "Vorukh", "Isfara",
    "Konibodom", "Ghafurov", "Qayroqqum", "Khujand", "Leninabad", "Buston", "Shurob",
    "Western Qalacha", "Kayragach", "Nefteobod", "Khistevarz", "Mehrobod", "Vahdat",
)
# Named in issue 17 / the brief but given with coordinates by no page found: documented as
# missing in docs/border-gazetteer.md. A row for one of them must also update this list and
# the doc (the test below fails either way when the two disagree).
MISSING = ("Somoniyon (Mayskiy, Chorkuh jamoat)", "Tamdyk", "Chordeh", "Kulkand")

# admin2 of the CSV → admin2Name_en of the Tajik COD-AB file. Cities of provincial
# subordination around Khujand are drawn inside "B. Gafurov" there (Khujand is a second
# "B. Gafurov" feature, see shared/notes/data-sources.md).
COD_DISTRICT = {
    "Isfara": "Isfara", "Ghafurov": "B. Gafurov", "Khujand": "B. Gafurov",
    "Buston": "B. Gafurov", "Guliston": "B. Gafurov", "Konibodom": "Konibodom",
    "Jabbor Rasulov": "Jabar - Rasulov", "Lakhsh": "Lyakhsh",
}
# Rows whose point lies outside their own district's COD polygon: id → (distance found, in
# metres, rounded up; reason). Filled from what the test finds, never by moving a point.
EXPECTED_OUTSIDE: dict[str, tuple[float, str]] = {
    "TJK-ISF-shurob": (150.0, "English Wikipedia's point is 118 m outside Isfara and in no "
                       "polygon of either country's COD file (a gap between them); the Russian "
                       "page's arc-minute point, noted in the row, lies inside Isfara"),
}


def _rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _names(row: dict[str, str]) -> set[str]:
    names = {row["name"], row["name_ru"], row["name_tg"], row["name_ky"]}
    names |= set(row["alt_names"].split("|"))
    return {n.strip() for n in names if n.strip()}


def _dms_pair(note: str) -> tuple[float, float]:
    """The 'page gives <lat> <lon>' DMS of a coord_note as decimal degrees (lat, lon)."""
    m = re.match(r"page gives (\S+) (\S+?);", note)
    assert m, f"coord_note does not start with 'page gives <lat> <lon>;': {note!r}"
    values = []
    for part in m.groups():
        p = re.fullmatch(r"(\d+)°(?:(\d+)′)?(?:(\d+(?:\.\d+)?)″)?([NSEW])", part)
        assert p, f"not a DMS coordinate: {part!r}"
        d, mi, s, hemi = p.groups()
        v = int(d) + int(mi or 0) / 60 + float(s or 0) / 3600
        values.append(-v if hemi in "SW" else v)
    return values[0], values[1]


def test_header_is_the_contract():
    with CSV_PATH.open(encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == COLUMNS


def test_ids_unique_and_well_formed():
    ids = [r["id"] for r in _rows()]
    assert len(ids) == len(set(ids)), "duplicate ids"
    bad = [i for i in ids if not ID_RE.match(i)]
    assert not bad, f"ids not of the form TJK-<DIS>-<slug>: {bad}"


def test_no_duplicate_name_in_a_district():
    seen: dict[tuple[str, str], str] = {}
    for r in _rows():
        key = (r["name"].casefold(), r["admin2"])
        assert key not in seen, f"{r['id']} repeats {seen[key]} ({key})"
        seen[key] = r["id"]


def test_values_in_their_domains():
    for r in _rows():
        assert r["country"] in {"TJK", "UZB"}, r["id"]
        assert r["kind"] in KINDS, (r["id"], r["kind"])
        assert r["name"] and r["admin1"] and r["admin2"], r["id"]
        assert r["admin2"] in COD_DISTRICT, f"{r['id']}: district {r['admin2']!r} has no COD name"


def test_every_row_is_sourced():
    for r in _rows():
        titles = [t.strip() for t in r["source_title"].split(" | ")]
        urls = [u.strip() for u in r["source_url"].split(" | ")]
        assert all(titles) and all(urls), f"{r['id']}: empty source"
        assert len(titles) == len(urls), f"{r['id']}: titles and urls do not pair up"
        assert all(u.startswith(("http://", "https://")) for u in urls), r["id"]
        assert r["coord_note"], f"{r['id']}: no precision note"


def test_coordinates_are_the_cited_dms():
    """lat/lon are the page's DMS converted (no rounding beyond 1e-5 degree, about 1 m)."""
    for r in _rows():
        lat, lon = _dms_pair(r["coord_note"])
        assert abs(float(r["lat"]) - lat) < 1e-5 and abs(float(r["lon"]) - lon) < 1e-5, r["id"]


def test_every_place_is_near_the_kg_tj_line():
    """'Border settlement' means within about 25 km of the shipped KG–TJ line (metres)."""
    import geopandas as gpd

    from geo.crs import METRIC_CRS

    rows = _rows()
    points = gpd.GeoSeries(gpd.points_from_xy([float(r["lon"]) for r in rows],
                                              [float(r["lat"]) for r in rows]),
                           crs=4326, index=[r["id"] for r in rows])
    segs = gpd.read_file(settings.REPO_ROOT / "data" / "boundaries" / "border_segments.geojson")
    line = segs[segs["pair"] == "KGZ-TJK"].to_crs(METRIC_CRS).union_all()
    dist_m = points.to_crs(METRIC_CRS).distance(line)
    far = dist_m[dist_m > MAX_LINE_DIST_M]
    assert far.empty, f"more than {MAX_LINE_DIST_M} m from the KG–TJ line: {far.round().to_dict()}"


def test_inside_the_region():
    minx, miny, maxx, maxy = REGION_BOUNDS
    for r in _rows():
        lon, lat = float(r["lon"]), float(r["lat"])
        assert minx <= lon <= maxx and miny <= lat <= maxy, r["id"]


@pytest.mark.parametrize("name", MUST_HAVE)
def test_must_have_village_present_on_the_tajik_side(name):
    hits = [r for r in _rows() if name in _names(r)]
    assert hits, f"{name} is not in the Tajik gazetteer"
    assert all(r["country"] == "TJK" for r in hits), [(r["id"], r["country"]) for r in hits]


def test_missing_villages_are_documented_and_absent():
    doc = DOC_PATH.read_text(encoding="utf-8")
    all_names = set().union(*(_names(r) for r in _rows()))
    for label in MISSING:
        assert label in doc, f"{label} is missing from the data but not listed in {DOC_PATH.name}"
        short = label.split(" (")[0]
        if short != "Somoniyon":  # a different Somoniyon (Jabbor Rasulov) is a row
            assert short not in all_names, f"{short} is now a row: update MISSING and the doc"


def test_shared_name_kept_apart_by_district():
    """Somoniyon of Jabbor Rasulov is a row; the issue's Somoniyon (Isfara) must not be
    silently merged into it."""
    rows = [r for r in _rows() if "Somoniyon" in _names(r)]
    assert rows and all(r["admin2"] != "Isfara" for r in rows)


def _metric_coords(lonlat: np.ndarray) -> np.ndarray:
    return np.column_stack(to_metric(lonlat[:, 0], lonlat[:, 1]))


@pytest.mark.cod
def test_each_place_in_its_own_district_polygon(cod_files):
    cod_file = cod_files[1]  # found beside the repository or a parent (tests/conftest.py)
    import shapely

    from layers.cod_ab import load_cod_ab

    cod = load_cod_ab(cod_file)
    rows = [r for r in _rows() if r["country"] == "TJK"]
    found: dict[str, float] = {}
    for r in rows:
        parts = cod[cod["admin2_name_en"] == COD_DISTRICT[r["admin2"]]]
        assert len(parts), f"{r['id']}: {COD_DISTRICT[r['admin2']]!r} not in the COD file"
        area = shapely.transform(parts.geometry.union_all(), _metric_coords)
        x, y = to_metric(np.array([float(r["lon"])]), np.array([float(r["lat"])]))
        point = shapely.points(x[0], y[0])
        if not area.covers(point):
            found[r["id"]] = float(area.distance(point))
    unexpected = {k: round(v) for k, v in found.items() if k not in EXPECTED_OUTSIDE}
    assert not unexpected, f"outside their district polygon (id: metres): {unexpected}"
    gone = sorted(set(EXPECTED_OUTSIDE) - set(found))
    assert not gone, f"listed as outside but now inside (update EXPECTED_OUTSIDE): {gone}"
    for key, dist_m in found.items():
        assert dist_m <= EXPECTED_OUTSIDE[key][0], (key, round(dist_m))


def test_manifest_describes_this_file():
    import hashlib
    import json

    manifest = json.loads((CSV_PATH.parent / "manifest.json").read_text(encoding="utf-8"))
    rel = CSV_PATH.name  # manifest paths are relative to data/gazetteer/
    entries = [f for f in manifest["files"] if f["path"] == rel]
    assert len(entries) == 1, f"{rel} needs exactly one manifest entry"
    entry = entries[0]
    for key in ("source", "licence", "collected", "derived"):
        assert entry[key], f"manifest entry lacks {key}"
    assert entry["rows"] == len(_rows())
    assert entry["sha256"] == hashlib.sha256(CSV_PATH.read_bytes()).hexdigest(), \
        "CSV changed without updating data/gazetteer/manifest.json"
    assert "border_settlements_tj.csv" in (CSV_PATH.parent / "SOURCES.md").read_text("utf-8")
