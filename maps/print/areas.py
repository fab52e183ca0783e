"""Named print extents ("Isfara valley", "Leilek", districts) and the extent of a print.

The named areas are a small shipped file, ``data/areas/areas.csv``: one bounding box per
area (WGS 84 degrees) with the rule it was derived by. Every box is derived, never typed:
it is the box around the shipped border-settlement gazetteer's rows
(``data/gazetteer/border_settlements_*.csv``) that :data:`AREA_RULES` selects by district
(``admin2``), widened by ``pad_m`` metres in METRIC_CRS. :func:`derive_areas` rebuilds the
file's rows from the gazetteer (``python -m maps areas --rebuild``) and a test checks the
shipped file equals it.

:func:`print_bbox` is the one function the CLI and the app call to turn a choice (whole
data, named area, hotspot, typed box) into the bbox of a :class:`maps.print.print_layout.PrintSpec`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.crs import to_lonlat, to_metric

ROOT = Path(__file__).resolve().parents[2]
AREAS_CSV = ROOT / "data" / "areas" / "areas.csv"
GAZETTEER_DIR = ROOT / "data" / "gazetteer"
COLUMNS = ("area_id", "name", "name_ru", "min_lon", "min_lat", "max_lon", "max_lat",
           "derived_from", "how_derived", "settlements", "source", "licence")
PAD_M = 5000.0
HOTSPOT_MARGIN_M = 4000.0
KINDS = ("data", "area", "hotspot", "bbox")

# area_id, English name, Russian name, (country, admin2) pairs of the gazetteer rows used
AREA_RULES: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("isfara-valley", "Isfara valley", "Исфаринская долина",
     (("TJK", "Isfara"), ("KGZ", "Batken"))),
    ("leilek", "Leilek", "Лейлек", (("KGZ", "Leilek"),)),
    ("batken-district", "Batken district", "Баткенский район", (("KGZ", "Batken"),)),
    ("jabbor-rasulov", "Jabbor Rasulov district", "Джаббор-Расуловский район",
     (("TJK", "Jabbor Rasulov"),)),
    ("ghafurov", "Ghafurov district", "Гафуровский район", (("TJK", "Ghafurov"),)),
)


def _gazetteer(folder: Path = GAZETTEER_DIR) -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str) for p in sorted(folder.glob("border_settlements_*.csv"))]
    return pd.concat(frames, ignore_index=True)


def derive_areas(gazetteer: pd.DataFrame | None = None, pad_m: float = PAD_M) -> pd.DataFrame:
    """The named areas' rows (:data:`COLUMNS`) from the border-settlement gazetteer: the box
    of the selected settlements in METRIC_CRS, widened by ``pad_m`` metres on every side,
    back in WGS 84 degrees (rounded to 4 decimals, about 10 m)."""
    gaz = _gazetteer() if gazetteer is None else gazetteer
    rows = []
    for area_id, name, name_ru, rule in AREA_RULES:
        pick = np.zeros(len(gaz), dtype=bool)
        for country, admin2 in rule:
            pick |= ((gaz["country"] == country) & (gaz["admin2"] == admin2)).to_numpy()
        sel = gaz[pick]
        if sel.empty:
            raise ValueError(f"area {area_id!r}: no gazetteer settlement matches {rule}")
        x, y = to_metric(sel["lon"].astype(float).to_numpy(), sel["lat"].astype(float).to_numpy())
        lon, lat = to_lonlat(np.array([x.min() - pad_m, x.max() + pad_m]),
                             np.array([y.min() - pad_m, y.max() + pad_m]))
        what = " and ".join(f"{a} district ({c})" for c, a in rule)
        rows.append({
            "area_id": area_id, "name": name, "name_ru": name_ru,
            "min_lon": round(float(lon[0]), 4), "min_lat": round(float(lat[0]), 4),
            "max_lon": round(float(lon[1]), 4), "max_lat": round(float(lat[1]), 4),
            "derived_from": "data/gazetteer/border_settlements_*.csv",
            "how_derived": f"box of the {len(sel)} gazetteer settlements of {what}, widened "
                           f"by {pad_m / 1000:g} km (METRIC_CRS); an approximation of the "
                           "area, not its administrative boundary",
            "settlements": ";".join(sel["id"]),
            "source": "shipped border-settlement gazetteer (sources cited per settlement)",
            "licence": "facts from CC BY-SA pages, cited per gazetteer row",
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def load_areas(path: Path = AREAS_CSV) -> pd.DataFrame:
    """The shipped named areas (:data:`COLUMNS`)."""
    return pd.read_csv(path, dtype={"area_id": str, "name": str, "name_ru": str})


def find_area(name: str, areas: pd.DataFrame | None = None) -> pd.Series:
    """The area named ``name`` (its id, English or Russian name, any case); a ValueError
    listing the known names otherwise."""
    areas = load_areas() if areas is None else areas
    key = str(name).strip().casefold()
    for col in ("area_id", "name", "name_ru"):
        hit = areas[areas[col].astype(str).str.casefold() == key]
        if len(hit):
            return hit.iloc[0]
    known = ", ".join(f'"{n}"' for n in areas["name"])
    raise ValueError(f"unknown area {str(name)[:80]!r}; known areas: {known} "
                     "(python -m maps areas)")


def area_bbox(name: str, areas: pd.DataFrame | None = None
              ) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a named area."""
    r = find_area(name, areas)
    return (float(r["min_lon"]), float(r["min_lat"]), float(r["max_lon"]), float(r["max_lat"]))


def hotspot_bbox(clusters, hotspot_id: str, margin_m: float = HOTSPOT_MARGIN_M,
                 public: bool = True) -> tuple[float, float, float, float]:
    """The box of one hotspot's shape as printed (public: the approximate circle, whose
    edge is no incident's point; internal: the hull) widened by ``margin_m`` metres
    (METRIC_CRS), in degrees. ``clusters``: the hotspot table (geometry in EPSG:4326)."""
    import shapely

    from analysis.hotspot_ids import hotspot_rows
    from maps.print.print_layers import hotspot_shapes

    hit = hotspot_rows(clusters, hotspot_id)
    b = shapely.bounds(hotspot_shapes(hit, public)[0])
    lon, lat = to_lonlat(np.array([b[0] - margin_m, b[2] + margin_m]),
                         np.array([b[1] - margin_m, b[3] + margin_m]))
    return float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1])


@dataclass(frozen=True)
class ExtentChoice:
    """What a print shows: ``kind`` "data" (everything shown), "area" (``value`` a named
    area), "hotspot" (``value`` a hotspot id) or "bbox" (``bbox`` in degrees)."""

    kind: str = "data"
    value: str = ""
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"extent kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "bbox":
            b = self.bbox
            if b is None or len(b) != 4 or not (b[0] < b[2] and b[1] < b[3]):
                raise ValueError("a bbox extent is (min_lon, min_lat, max_lon, max_lat)")
        if self.kind in ("area", "hotspot") and not str(self.value).strip():
            raise ValueError(f"a {self.kind} extent needs a name")


def print_bbox(choice: ExtentChoice, data) -> tuple[float, float, float, float] | None:
    """The bbox of :class:`maps.print.print_layout.PrintSpec` for a choice (None: fit the data).
    ``data``: the :class:`maps.print.print_data.PrintData` (its hotspots for a hotspot choice)."""
    if choice.kind == "area":
        return area_bbox(choice.value)
    if choice.kind == "hotspot":
        public = getattr(data.protection, "mode", "public") == "public"
        return hotspot_bbox(data.clusters, choice.value, public=public)
    if choice.kind == "bbox":
        return tuple(float(v) for v in choice.bbox)
    return None


def areas_lines(areas: pd.DataFrame | None = None) -> list[str]:
    """``python -m maps areas``: one line per area (name, Russian name, box) and how it was
    derived."""
    areas = load_areas() if areas is None else areas
    out = []
    for r in areas.to_dict("records"):
        out.append(f"{r['name']} / {r['name_ru']}  [{r['area_id']}]  "
                   f"{r['min_lon']},{r['min_lat']},{r['max_lon']},{r['max_lat']}")
        out.append(f"    {r['how_derived']}")
    return out
