"""Load user-supplied COD-AB admin-2 files (Humanitarian Data Exchange) into one frame.

Two schemas are recognised from the columns:

* **standard COD-AB** (e.g. Kyrgyzstan ``kgz_admbnda_adm2_*``): ``ADM2_PCODE``,
  ``ADM2_EN``/``_RU``/``_KY``/``_TG``, ``ADM1_PCODE``, ``ADM1_*``, ``ADM0_PCODE``, ``validOn``;
* **Tajik "v2"** (``tjk_admin_boundaries_v2``): ``admin2_pcode``, ``admin2Name_en``/``_ru``/
  ``_tg``, ``admin1Pcode``, ``admin1Name_en``; no country column (it is Tajikistan's).

The files are not shipped with the project (see ``settings.COD_AB_DOWNLOAD_HELP``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import geopandas as gpd
import pandas as pd
import shapely

from geo.vector_read import read_vector
from incidents.messages import KeyedError, Msg

LANGS = ("en", "ru", "ky", "tg")
COLUMNS: tuple[str, ...] = (
    "iso3",
    "admin1_pcode",
    *(f"admin1_name_{lang}" for lang in LANGS),
    "admin2_pcode",
    *(f"admin2_name_{lang}" for lang in LANGS),
    "valid_on",
    "source_file",
)
ISO2_TO_ISO3 = {"KG": "KGZ", "TJ": "TJK", "UZ": "UZB", "KZ": "KAZ", "AF": "AFG", "CN": "CHN"}

# schema name → (columns that identify it, unified column → source column)
SCHEMAS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "standard COD-AB": (
        ("ADM2_PCODE", "ADM2_EN", "ADM1_PCODE", "ADM0_PCODE"),
        {
            "admin2_pcode": "ADM2_PCODE",
            "admin1_pcode": "ADM1_PCODE",
            "valid_on": "validOn",
            **{f"admin2_name_{lang}": f"ADM2_{lang.upper()}" for lang in LANGS},
            **{f"admin1_name_{lang}": f"ADM1_{lang.upper()}" for lang in LANGS},
        },
    ),
    "Tajik v2": (
        ("admin2_pcode", "admin2Name_en", "admin1Pcode"),
        {
            "admin2_pcode": "admin2_pcode",
            "admin1_pcode": "admin1Pcode",
            **{f"admin2_name_{lang}": f"admin2Name_{lang}" for lang in LANGS},
            **{f"admin1_name_{lang}": f"admin1Name_{lang}" for lang in LANGS},
        },
    ),
}


class CodSchemaError(KeyedError):
    """A COD-AB file is unreadable or has none of the recognised schemas (one keyed
    message: :class:`incidents.messages.KeyedError`)."""


class _Upload(Protocol):  # e.g. streamlit's UploadedFile
    name: str

    def getvalue(self) -> bytes: ...


CodSource = Path | str | tuple[str, bytes] | _Upload


def _open(source: CodSource) -> tuple[str, gpd.GeoDataFrame]:
    """(display name, raw frame) for a path, a (name, bytes) pair or an uploaded file."""
    if isinstance(source, (str, Path)):
        name, data = Path(source).name, Path(source).read_bytes()
    elif isinstance(source, tuple):
        name, data = str(source[0]), bytes(source[1])
    else:
        name, data = str(source.name), source.getvalue()
    try:  # only GeoJSON or GeoPackage content reaches GDAL (never a VRT naming other files)
        frame = read_vector(data)[1]
    except Exception as exc:  # pyogrio raises several types; the user needs the file name
        raise CodSchemaError(Msg("cod.unreadable", file=name, detail=str(exc))) from exc
    return name, frame


def detect_schema(columns: Sequence[str], name: str = "<file>") -> str:
    """Schema whose identifying columns are all present; else :class:`CodSchemaError`."""
    present = set(columns)
    for schema, (needed, _) in SCHEMAS.items():
        if set(needed) <= present:
            return schema
    expected = "; ".join(
        f"{schema}: {', '.join(needed)}" for schema, (needed, _) in SCHEMAS.items()
    )
    raise CodSchemaError(Msg("cod.schema", file=name, expected=expected,
                             found=", ".join(sorted(map(str, present))) or "-"))


def _text(values: pd.Series) -> pd.Series:
    out = values.astype("string").str.strip()
    return out.mask(out == "", pd.NA)


def _iso3(frame: gpd.GeoDataFrame, schema: str, name: str) -> pd.Series:
    if schema == "Tajik v2":
        return pd.Series("TJK", index=frame.index, dtype="string")
    iso2 = _text(frame["ADM0_PCODE"]).str.upper()
    unknown = sorted(set(iso2.dropna()) - set(ISO2_TO_ISO3))
    if unknown or iso2.isna().any():
        raise CodSchemaError(Msg("cod.country_codes", file=name,
                                 codes=", ".join(unknown) or "-",
                                 supported=", ".join(sorted(ISO2_TO_ISO3))))
    return iso2.map(ISO2_TO_ISO3).astype("string")


def _valid_on(frame: gpd.GeoDataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    dates = pd.to_datetime(frame[column].astype("string"), errors="coerce", format="mixed")
    return dates.dt.strftime("%Y-%m-%d").astype("string")


def unify(frame: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """Map one raw COD-AB frame onto :data:`COLUMNS` (+ geometry, EPSG:4326)."""
    schema = detect_schema(list(frame.columns), name)
    mapping = SCHEMAS[schema][1]
    data: dict[str, Any] = {"iso3": _iso3(frame, schema, name)}
    for column in COLUMNS:
        if column in ("iso3", "source_file"):
            continue
        if column == "valid_on":
            data[column] = _valid_on(frame, mapping.get("valid_on", ""))
        elif mapping.get(column) in frame:
            data[column] = _text(frame[mapping[column]])
        else:
            data[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
    data["source_file"] = pd.Series(name, index=frame.index, dtype="string")
    crs = frame.crs if frame.crs is not None else "EPSG:4326"
    geometry = gpd.GeoSeries(shapely.make_valid(frame.geometry.values), index=frame.index, crs=crs)
    out = gpd.GeoDataFrame(pd.DataFrame(data)[list(COLUMNS)], geometry=geometry.to_crs(4326))
    return out


def load_cod_ab(sources: CodSource | Sequence[CodSource]) -> gpd.GeoDataFrame:
    """Read COD-AB admin-2 files of one or more countries into one frame.

    Parameters
    ----------
    sources : paths, ``(file name, bytes)`` pairs or uploaded-file objects (``.name`` and
        ``.getvalue()``, as ``st.file_uploader`` returns); a single one is accepted too.

    Returns
    -------
    GeoDataFrame in EPSG:4326 with :data:`COLUMNS` (strings; missing names are ``<NA>``;
    ``valid_on`` as ``YYYY-MM-DD``) and ``geometry`` (made valid). Empty when no sources.

    Raises
    ------
    CodSchemaError naming the file and the columns expected, for unreadable files or
    unknown schemas.
    """
    if isinstance(sources, (str, Path, tuple)) or hasattr(sources, "getvalue"):
        sources = [sources]  # type: ignore[list-item]
    frames = [unify(frame, name) for name, frame in map(_open, sources)]
    if not frames:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype="string") for c in COLUMNS}, geometry=gpd.GeoSeries([], crs=4326)
        )
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=4326)
