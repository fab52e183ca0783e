"""Coordinate parsing: decimal degrees, decimal commas and degrees-minutes-seconds.

Accepted cells: ``40.0532``, ``40,0532`` (decimal comma), ``40°03'12"N``, ``40 03 12 N``,
``N 40°03.2'``, ``40°03′ с.ш.`` / ``70°49′ в.д.`` (Russian hemisphere abbreviations), a
leading minus sign. A hemisphere letter that contradicts the column (``E`` in a latitude
column) is an error, not a silent swap. Pairs in one cell (``40.05, 70.81``,
``40°03'N 70°49'E``, KoBo ``lat lon alt acc``) are read as latitude first unless hemisphere
letters say otherwise. Values are degrees, EPSG:4326.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from incidents.messages import Msg, msgs

_RU_HEMI = ((r"с\.?\s*ш\.?", " N "), (r"ю\.?\s*ш\.?", " S "), (r"в\.?\s*д\.?", " E "),
            (r"з\.?\s*д\.?", " W "))
_HEMI = {"N": ("lat", 1.0), "S": ("lat", -1.0), "E": ("lon", 1.0), "W": ("lon", -1.0)}
_NUM = r"\d+(?:[.,]\d+)?"
EMPTY_TOKENS = frozenset({"nan", "na", "n/a", "null", "none", "-", "—", "–"})


def blank_out(text: pd.Series) -> pd.Series:
    """Strip cells and turn placeholders for 'no value' (NaN, N/A, null, -) into ''."""
    t = text.fillna("").astype(str).str.strip()
    return t.mask(t.str.lower().isin(EMPTY_TOKENS), "")


def numbers(text: pd.Series) -> pd.Series:
    """``pd.to_numeric(text, errors="coerce")`` as float64 (NaN where empty or not a
    number) of cells already stripped (:func:`blank_out`): the same values, read by
    Arrow's C parser (1e5 coordinates: about 3× faster) when every non-empty cell is a
    plain number Arrow reads; any other cell ("3,5", "40°03'") and the whole column goes to
    pandas. Both parse to the nearest float (tests/incidents/test_numbers.py)."""
    try:
        cells = pa.array(text.array, from_pandas=True)  # no copy for Arrow-backed text
        # "-0": pandas reads 0 in a column of whole numbers and -0.0 elsewhere
        if not (pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)) \
                or pc.any(pc.match_substring_regex(cells, "^-0+$")).as_py():
            raise pa.ArrowInvalid("not plain text numbers")
        values = pc.cast(pc.if_else(pc.equal(cells, ""), None, cells), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(values.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


_ALLOWED_REST = re.compile(r"^[\s°º˚'′’`\"″”:dDmMsS-]*$")


def _dms(text: str) -> tuple[float, str | None]:
    """One DMS/decimal cell → (signed degrees, axis from a hemisphere letter or None)."""
    t = text.strip()
    for pattern, repl in _RU_HEMI:
        t = re.sub(pattern, repl, t, flags=re.IGNORECASE)
    t = t.replace("deg", "°")
    hemis = re.findall(r"(?<![A-Za-z])[NSEWnsew](?![A-Za-z])", t)
    if len(hemis) > 1:
        raise ValueError("more than one hemisphere letter")
    t_wo = re.sub(r"(?<![A-Za-z])[NSEWnsew](?![A-Za-z])", " ", t)
    sign = -1.0 if t_wo.strip().startswith("-") else 1.0
    numbers = re.findall(_NUM, t_wo)
    rest = re.sub(_NUM, " ", t_wo)
    if not numbers or len(numbers) > 3 or not _ALLOWED_REST.match(rest):
        raise ValueError("not a coordinate")
    parts = [float(n.replace(",", ".")) for n in numbers]
    if len(parts) > 1 and any(p != int(p) for p in parts[:-1]):
        raise ValueError("only the last of degrees/minutes/seconds may have decimals")
    if any(p >= 60 for p in parts[1:]):
        raise ValueError("minutes and seconds must be below 60")
    value = parts[0] + sum(p / 60 ** i for i, p in enumerate(parts[1:], start=1))
    axis = None
    if hemis:
        axis, hsign = _HEMI[hemis[0].upper()]
        sign = sign * hsign if sign > 0 else -1.0
    return sign * value, axis


def parse_degrees(text: pd.Series, axis: str) -> tuple[pd.Series, pd.Series]:
    """Parse a latitude (``axis="lat"``) or longitude column.

    Returns (degrees as float64 with NaN where empty or bad, reason per bad non-empty cell).
    Range checks (±90/±180) are done here; plausibility (study region, swaps) is not.
    """
    t = blank_out(text)
    values = numbers(t)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    comma = values.isna() & t.str.match(r"^[+-]?\d+,\d+$")
    if comma.any():
        values[comma] = pd.to_numeric(t[comma].str.replace(",", ".", regex=False))
    odd = values.isna() & (t != "")
    name = "latitude" if axis == "lat" else "longitude"
    for i in t.index[odd]:  # per-cell fallback: DMS and other spelled forms
        try:
            value, found_axis = _dms(t[i])
        except ValueError as exc:
            reason.loc[i] = Msg("coord.not_axis", value=t[i], axis=name, detail=str(exc))
            continue
        if found_axis and found_axis != axis:
            reason.loc[i] = Msg("coord.wrong_column", value=t[i], axis=name,
                            found="latitude" if found_axis == "lat" else "longitude")
            continue
        values[i] = value
    limit = 90.0 if axis == "lat" else 180.0
    with np.errstate(invalid="ignore"):
        out = (values.abs() > limit) & np.isfinite(values)
    inf = np.isinf(values)
    reason.loc[inf] = msgs("coord.not_finite", t[inf], axis=name)
    reason.loc[out] = msgs("coord.out_of_range", t[out], axis=name,
                           range=f"-{limit:g}..{limit:g}")
    values[out | ~np.isfinite(values)] = np.nan
    return values, reason


def _split_pair(text: str) -> tuple[str, str]:
    t = text.strip()
    m = re.match(r"^\s*([+-]?\d+(?:\.\d+)?)\s*[,; ]\s*([+-]?\d+(?:\.\d+)?)"
                 r"(?:\s+[+-]?\d+(?:\.\d+)?){0,2}\s*$", t)
    if m:  # "40.05, 70.8" or KoBo "40.05 70.8 850 5"
        return m.group(1), m.group(2)
    m = re.match(r"^(.*?[NSns]|.*?[EWew]|.*?(?:с|ю)\.?\s*ш\.?|.*?(?:в|з)\.?\s*д\.?)"
                 r"\s*[,;]?\s*(.+)$", t)
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^(.+?)\s*[;,]\s*(.+)$", t)
    if m:
        return m.group(1), m.group(2)
    raise ValueError("cannot split into latitude and longitude")


def parse_pair(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse a column holding both coordinates per cell; returns (lat, lon, reason)."""
    t = blank_out(text)
    lat = pd.Series(np.nan, index=t.index)
    lon = pd.Series(np.nan, index=t.index)
    reason = pd.Series(pd.NA, index=t.index, dtype=object)
    parts = t.str.split(r"\s+", regex=True, n=4, expand=True)
    if parts.shape[1] >= 2:  # fast path: KoBo geopoints "lat lon alt acc"
        a = pd.to_numeric(parts[0], errors="coerce")
        b = pd.to_numeric(parts[1], errors="coerce")
        rest_ok = pd.Series(True, index=t.index)
        for c in parts.columns[2:]:
            rest_ok &= parts[c].isna() | pd.to_numeric(parts[c], errors="coerce").notna()
        fast = a.notna() & b.notna() & rest_ok & (parts.shape[1] <= 4 or parts[4].isna())
        lat[fast], lon[fast] = a[fast], b[fast]
    else:
        fast = pd.Series(False, index=t.index)
    for i in t.index[~fast & (t != "")]:
        try:
            first, second = _split_pair(t[i])
            v1, ax1 = _dms(first)
            v2, ax2 = _dms(second)
        except ValueError as exc:
            reason.loc[i] = Msg("coord.not_pair", value=t[i], detail=str(exc))
            continue
        if ax1 == "lon" or ax2 == "lat":
            v1, v2 = v2, v1
        lat[i], lon[i] = v1, v2
    bad_lat = lat.abs() > 90
    bad_lon = lon.abs() > 180
    reason.loc[bad_lat] = msgs("coord.pair_out_of_range", t[bad_lat], axis="latitude",
                           range="-90..90")
    reason.loc[bad_lon & ~bad_lat] = msgs("coord.pair_out_of_range", t[bad_lon & ~bad_lat],
                                      axis="longitude", range="-180..180")
    lat[bad_lat | bad_lon] = np.nan
    lon[bad_lat | bad_lon] = np.nan
    return lat, lon, reason
