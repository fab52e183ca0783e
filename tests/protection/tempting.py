"""A store built to tempt every public channel (issue 15), and readers of every output.

The synthetic demo (public, internal and restricted rows) plus invented records that a
careless output would leak:

- "Gulnora Safe House": restricted case-work rows (verified, exact coordinates) inside the
  demo's busiest public hotspot, with a name and age, phone numbers, a case worker as the
  source and a person as the actor;
- "Aziz Karimov house": internal rows (verified, exact) away from any public hotspot, five
  of them so that they form an internal-only cluster;
- one domestic-violence row at the safe house.

Every name, phone number and id here is invented. The points are chosen at run time so that
no shipped settlement, registry community, hex-piece point or boundary vertex lies within
:data:`CLEAR_M` of them: any public coordinate near them can then only come from the
records themselves.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

import tests.hostile as _h
from geo.crs import to_lonlat, to_metric

LEAK_M = 200.0   # an output coordinate this close to a non-public incident is a leak
CLEAR_M = 450.0  # the tempting points are this far from every public reference point
SAFE_NAME = "Gulnora Safe House"
HOUSE_NAME = "Aziz Karimov house"
PERSONAL_VALUES = (
    "Gulnora", "Karimov", "Dilnoza", "Rahimova", "+992 93 555 12 34", "+996 555 123 456",
    "0555123456", "shelters here", "CASE-0", "HOUSE-0", "Safe House",
)
LAT_RANGE, LON_RANGE = (36.0, 43.8), (66.0, 76.5)  # disjoint: a number pair's order is known


@dataclass(frozen=True)
class Names:
    """The invented records' place names, the text their rows carry beyond the personal
    values, and the values no public output may hold (searched case-blind)."""

    safe: str = SAFE_NAME
    house: str = HOUSE_NAME
    tail: str = ""  # appended to every invented row's notes, source and actor
    personal: tuple[str, ...] = PERSONAL_VALUES


PLAIN = Names()
# The same records named and described with hostile text (tests.hostile; NUL aside, which
# every import removes): markup, template text, </script>, mathtext, RTL marks, quotes and
# 10 kB. An output may escape the markup (HTML, JSON), so the markers that stay readable
# once escaped are searched too: the payloads' flag name, the mathtext macro, the long run.
HOSTILE = Names(
    safe=f"{SAFE_NAME} {_h.HTML_IMG}{_h.TEMPLATE}{_h.MATHTEXT}",
    house=f"{HOUSE_NAME} {_h.SCRIPT_CLOSE}{_h.TEMPLATE_BREAK}{_h.RTL}{_h.QUOTES}",
    tail=f" {_h.SCRIPT_CLOSE} {_h.TEMPLATE} {_h.MATHTEXT} {_h.LONG}",
    personal=PERSONAL_VALUES + ("__kgtj_pwned", "undefinedmacro", "x" * 50))


@dataclass
class Tempting:
    """The built store: its URL, the non-public rows and the tempting points."""

    db: str
    data_dir: Path
    non_public: pd.DataFrame               # event_id, source_event_id, lon, lat
    tempting_xy: np.ndarray                # (n, 2) METRIC_CRS metres of the invented points
    allowed_xy: np.ndarray                 # public reference points (metres)
    names: Names = PLAIN                   # the invented records' names and values
    notes_by_id: dict[str, str] = field(default_factory=dict)


def _rows(name: str, lon: float, lat: float, n: int, sensitivity: str, prefix: str,
          category: str = "youth_clash", start: str = "2025-03-03", tail: str = ""
          ) -> list[dict]:
    out = []
    for i in range(n):
        out.append({
            "id": f"{prefix}{i + 1:04d}", "date": str(pd.Timestamp(start) + pd.Timedelta(
                days=9 * i))[:10], "category": category, "location": name,
            "latitude": f"{lat + 0.00005 * i:.6f}", "longitude": f"{lon - 0.00005 * i:.6f}",
            "geo precision": "1", "actor1": "Aziz Karimov (neighbour)" + tail,
            "notes": f"Gulnora, 34, shelters here; call +992 93 555 12 34 or 0555123456 "
                     f"(row {i + 1}){tail}",
            "source": "Case worker Dilnoza Rahimova, +996 555 123 456" + tail,
            "verification": "verified", "sensitivity": sensitivity,
        })
    return out


def _write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def reference_points(res, registry: pd.DataFrame, all_incidents: pd.DataFrame,
                     base_html: str) -> np.ndarray:
    """Public reference points (metres): shipped settlements, registry communities and
    candidates, the hex-piece point of every incident's cell, and every coordinate of the
    public base map (boundaries) as the offline HTML writes it."""
    from sharing.context import context_from_engine
    from sharing.generalise import assign_hex_pieces
    from sharing.protect import MIN_HEX_M

    places = res.engine.gazetteer.places
    pts = [np.column_stack(to_metric(places["lon"].to_numpy(float),
                                     places["lat"].to_numpy(float)))]
    reg = registry.dropna(subset=["lon", "lat"])
    pts.append(np.column_stack(to_metric(reg["lon"].to_numpy(float),
                                         reg["lat"].to_numpy(float))))
    inc = all_incidents.dropna(subset=["lon", "lat"])
    x, y = to_metric(inc["lon"].to_numpy(float), inc["lat"].to_numpy(float))
    ctx = context_from_engine(res.engine)
    piece = ctx.partition.assign(x, y)
    ok = piece >= 0
    hexes = assign_hex_pieces(x[ok], y[ok], piece[ok], ctx.partition, MIN_HEX_M)
    pts.append(np.column_stack([hexes.x_m, hexes.y_m]))
    base = text_points(base_html)
    if len(base):
        pts.append(base)
    return np.vstack([p for p in pts if len(p)])


def text_points(text: str) -> np.ndarray:
    """Every pair of decimal numbers in ``text`` separated only by a comma (GeoJSON, Leaflet,
    KML, CSV) that reads as a point of the region (lat and lon ranges do not overlap, so
    either order is recognised); metres."""
    pairs = re.findall(r"(?=(?<![\d.])(-?\d{2}\.\d{2,})\s*,\s*(-?\d{2}\.\d{2,}))", text)
    lon, lat = [], []
    for sa, sb in pairs:
        a, b = float(sa), float(sb)
        if LON_RANGE[0] <= a <= LON_RANGE[1] and LAT_RANGE[0] <= b <= LAT_RANGE[1]:
            lon.append(a)
            lat.append(b)
        elif LAT_RANGE[0] <= a <= LAT_RANGE[1] and LON_RANGE[0] <= b <= LON_RANGE[1]:
            lon.append(b)
            lat.append(a)
    if not lon:
        return np.empty((0, 2))
    return np.column_stack(to_metric(np.array(lon), np.array(lat)))


def frame_points(frame: pd.DataFrame) -> np.ndarray:
    """Points of a table: its geometry's coordinates and every ``*lon``/``*lat`` column
    pair (metres)."""
    import shapely
    out = []
    geom = getattr(frame, "geometry", None) if "geometry" in frame.columns else None
    if geom is not None:
        g = np.asarray(geom.to_crs(4326).values if getattr(geom, "crs", None) else geom.values,
                       dtype=object)
        g = g[[v is not None and v.geom_type == "Point" for v in g]]  # vertices of
        if len(g):  # circles and hexagons are construction, checked through their centres
            c = shapely.get_coordinates(g)
            out.append(np.column_stack(to_metric(c[:, 0], c[:, 1])))
    for col in frame.columns:
        if str(col).endswith("lon") and str(col)[:-3] + "lat" in frame.columns:
            lo = pd.to_numeric(frame[col], errors="coerce").to_numpy(float)
            la = pd.to_numeric(frame[str(col)[:-3] + "lat"], errors="coerce").to_numpy(float)
            ok = np.isfinite(lo) & np.isfinite(la)
            if ok.any():
                out.append(np.column_stack(to_metric(lo[ok], la[ok])))
    return np.vstack(out) if out else np.empty((0, 2))


def file_text_and_points(path_or_bytes, name: str) -> tuple[str, np.ndarray]:
    """(all text, all points in metres) of an output file, by its extension."""
    import geopandas as gpd
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes
                                                                        ).read_bytes()
    ext = name.rsplit(".", 1)[-1].lower()
    if ext == "zip":
        texts, pts = [], []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for member in zf.namelist():
                t, p = file_text_and_points(zf.read(member), member)
                texts.append(t)
                pts.append(p)
        return "\n".join(texts), np.vstack(pts) if pts else np.empty((0, 2))
    if ext == "pdf":
        from pypdf import PdfReader

        from tests import pdf_check
        meta = PdfReader(io.BytesIO(data)).metadata or {}
        return pdf_check.text(data) + " " + " ".join(map(str, meta.values())), np.empty((0, 2))
    if ext == "png":
        from PIL import Image
        img = Image.open(io.BytesIO(data))
        return " ".join(map(str, img.info.values())), np.empty((0, 2))
    if ext == "xlsx":
        from openpyxl import load_workbook
        wb = load_workbook(io.BytesIO(data), read_only=True)
        texts, pts = [], []
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            texts.append("\n".join(" ".join("" if v is None else str(v) for v in r)
                                   for r in rows))
            if rows and rows[0] and all(isinstance(v, str) for v in rows[0] if v is not None):
                pts.append(frame_points(pd.DataFrame(rows[1:], columns=rows[0])))
        return "\n".join(texts), np.vstack(pts) if pts else np.empty((0, 2))
    if ext == "gpkg":
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "x.gpkg"
            p.write_bytes(data)
            con = sqlite3.connect(p)
            try:
                tables = [r[0] for r in con.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'")]
                texts = []
                for t in tables:
                    for row in con.execute(f'SELECT * FROM "{t}"'):
                        texts.append(" ".join(str(v) for v in row if not isinstance(v, bytes)))
            finally:
                con.close()
            pts = frame_points(gpd.read_file(p, layer="incidents"))
        return "\n".join(texts), pts
    text = data.decode("utf-8", "replace")
    pts = [text_points(text)] if ext != "geojson" else []
    if ext == "geojson":
        pts.append(frame_points(gpd.read_file(io.BytesIO(data))))
        json.loads(text)  # valid
    elif ext == "csv":
        pts.append(frame_points(pd.read_csv(io.StringIO(text))))
    pts = [p for p in pts if len(p)]
    return text, np.vstack(pts) if pts else np.empty((0, 2))


def _hex_point(engine, x: float, y: float) -> np.ndarray:
    """The hex-piece point a public count of an incident at (x, y) would be shown at."""
    from sharing.context import context_from_engine
    from sharing.generalise import assign_hex_pieces
    from sharing.protect import MIN_HEX_M
    ctx = context_from_engine(engine)
    piece = ctx.partition.assign(np.array([x]), np.array([y]))
    hexes = assign_hex_pieces(np.array([x]), np.array([y]), piece, ctx.partition, MIN_HEX_M)
    return np.array([hexes.x_m[0], hexes.y_m[0]])


def grid_distance_m(x: float, y: float, step_deg: float = 0.01) -> float:
    """Distance (m) from a point to the nearest node of the ``step_deg`` lon/lat grid (where
    public analysis tables round their centres)."""
    lon, lat = to_lonlat(np.array([x]), np.array([y]))
    glon = np.round(lon / step_deg) * step_deg
    glat = np.round(lat / step_deg) * step_deg
    gx, gy = to_metric(glon, glat)
    return float(np.hypot(gx[0] - x, gy[0] - y))


def on_grid(pts_m: np.ndarray, step_deg: float = 0.01) -> np.ndarray:
    """Points lying on the ``step_deg`` lon/lat grid (rounded public centres)."""
    if not len(pts_m):
        return np.zeros(0, dtype=bool)
    lon, lat = to_lonlat(pts_m[:, 0], pts_m[:, 1])
    return (np.abs(lon / step_deg - np.round(lon / step_deg)) < 1e-4) & \
        (np.abs(lat / step_deg - np.round(lat / step_deg)) < 1e-4)


def choose_point(centre_lonlat: tuple[float, float], allowed_xy: np.ndarray,
                 engine, iso3: str | None = None, radii_m=(700, 900, 1100, 1300, 1500),
                 avoid_xy: np.ndarray | None = None, avoid_m: float = 0.0
                 ) -> tuple[float, float]:
    """A point near ``centre`` (lon, lat) at least :data:`CLEAR_M` from every reference
    point and from its own hex-piece point, 260 m from the 0.01° grid, inside a country
    (of ``iso3`` when given), and ``avoid_m`` from every point of ``avoid_xy``."""
    from scipy.spatial import cKDTree
    tree = cKDTree(allowed_xy)
    avoid = cKDTree(avoid_xy) if avoid_xy is not None and len(avoid_xy) else None
    cx, cy = to_metric(np.array([centre_lonlat[0]]), np.array([centre_lonlat[1]]))
    for r in radii_m:
        for a in np.linspace(0, 2 * np.pi, 36, endpoint=False):
            x, y = cx[0] + r * np.cos(a), cy[0] + r * np.sin(a)
            if tree.query([x, y])[0] < CLEAR_M or grid_distance_m(x, y) < 260:
                continue
            if avoid is not None and avoid.query([x, y])[0] < avoid_m:
                continue
            if not engine.enrich(*to_lonlat(np.array([x]), np.array([y])))[
                    "in_study_area"].fillna(False).iloc[0]:
                continue
            if np.hypot(*(_hex_point(engine, x, y) - [x, y])) < CLEAR_M:
                continue
            lon, lat = to_lonlat(np.array([x]), np.array([y]))
            country = engine.enrich(lon, lat)["country"].iloc[0]
            if country in ("KGZ", "TJK") and (iso3 is None or country == iso3):
                return float(lon[0]), float(lat[0])
    raise AssertionError(f"no clear point near {centre_lonlat}: the fixture needs updating")


def import_rows(db: str, tmp: Path, rows: list[dict]) -> None:
    """Import invented rows through the CLI (geocoding, learning, history)."""
    from incidents.cli import main
    path = _write_csv(tmp / f"rows-{rows[0]['id']}.csv", rows)
    assert main(["import", str(path), "--db", db, "--source-dataset", "kobo"]) == 0
