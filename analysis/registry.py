"""Registry of communities and community-security mechanisms (CSWGs, LCPCs, mahalla
committees, jamoat groups, village committees) and of candidate communities.

One row per community/mechanism, columns :data:`REGISTRY_COLUMNS`:

- ``community_id``: text id, unique (generated ``C-0001`` ... when blank on import).
- ``name_en``, ``name_ru``, ``name_local`` (Kyrgyz or Tajik name): names as the user gives them.
- ``iso3``: KGZ or TJK (UZB allowed); ``lon``, ``lat``: EPSG:4326 degrees.
- ``mech_type``: one of :data:`MECH_TYPES` (``lcpc`` = Local Crime Prevention Centre, KG;
  ``mahalla_committee`` and ``jamoat_group``, TJ; ``candidate`` = no mechanism yet).
- ``status``: one of :data:`STATUSES`.
- ``women``, ``youth``, ``authorities``: members include them — yes / no / unknown.
- ``priorities``: ';'-joined categories of :data:`incidents.schema.CATEGORIES` it prioritised.
- ``cross_border_contact``: one of :data:`CONTACT_STATUSES`.
- ``illustrative``: True for invented demo entries (never real facts).
- ``source``: where the entry comes from; ``notes``: free text.

Stored in the incident database (``settings.database_url()``) in table ``communities``,
created and upgraded with the incident store's Alembic revisions (:mod:`incidents.migrations`).
CSV import validates every row and reports
(row, field, reason) for each problem; rows with problems are not imported.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from fileio import atomic_write, csv_text
from geo.crs import in_region, to_metric
from geo.gazetteer import settlements, without_curated_twins
from incidents.access import Principal, as_principal
from incidents.csv_rows import RowIssue, RowsImport, RowValidationError, read_guarded_csv
from incidents.database import REGISTRY_LOCK, serialised_write
from incidents.messages import Msg
from incidents.schema import CATEGORIES, COUNTRIES
from incidents.store_base import DatabaseStore

MECH_TYPES: tuple[str, ...] = ("cswg", "lcpc", "mahalla_committee", "jamoat_group",
                               "village_committee", "candidate")
STATUSES: tuple[str, ...] = ("active", "planned", "suspended", "candidate")
YES_NO: tuple[str, ...] = ("yes", "no", "unknown")
CONTACT_STATUSES: tuple[str, ...] = ("none", "occasional", "regular", "suspended", "unknown")
ISO3S: tuple[str, ...] = ("KGZ", "TJK", "UZB")

REGISTRY_COLUMNS: tuple[str, ...] = (
    "community_id", "name_en", "name_ru", "name_local", "iso3", "lon", "lat", "mech_type",
    "status", "women", "youth", "authorities", "priorities", "cross_border_contact",
    "illustrative", "source", "notes",
)
_TEXT = [c for c in REGISTRY_COLUMNS if c not in ("lon", "lat", "illustrative")]
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}

metadata = sa.MetaData()
communities_table = sa.Table(
    "communities", metadata,
    sa.Column("community_id", sa.String(64), primary_key=True),
    *[sa.Column(c, sa.Text) for c in _TEXT if c != "community_id"],
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("illustrative", sa.Boolean, nullable=False, default=False),
)


RegistryIssue = RowIssue  # one problem type for every checked CSV (incidents.csv_rows)
RegistryValidationError = RowValidationError
RegistryImport = RowsImport


def empty_registry() -> pd.DataFrame:
    """An empty registry frame with the registry columns."""
    return conform_registry(pd.DataFrame(columns=list(REGISTRY_COLUMNS)))


def conform_registry(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly the registry columns and dtypes (missing columns added empty)."""
    out = pd.DataFrame(index=df.index)
    for c in REGISTRY_COLUMNS:
        vals = df[c] if c in df.columns else pd.Series(pd.NA, index=df.index)
        if c in ("lon", "lat"):
            out[c] = pd.to_numeric(vals, errors="coerce").astype("float64")
        elif c == "illustrative":
            out[c] = vals.fillna(False).astype(bool)
        else:
            out[c] = vals.astype("string")
    return out.reset_index(drop=True)


def _text(v) -> str:
    return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()


def validate_registry(df: pd.DataFrame, row_offset: int = 0,
                      existing_ids: set[str] | None = None
                      ) -> tuple[pd.DataFrame, list[RegistryIssue], list[int]]:
    """Normalise and check registry rows.

    Returns ``(valid_rows, issues, bad_rows)``; a row's number is ``position + row_offset``
    (use ``row_offset=2`` for CSV line numbers). Blank ids get ``C-0001``-style ids that do
    not collide with ``existing_ids``. Values are case-normalised (``Yes`` → ``yes``).
    """
    issues: list[RegistryIssue] = []
    unknown_cols = [c for c in df.columns if c not in REGISTRY_COLUMNS]
    if unknown_cols:
        issues.append(RegistryIssue(row_offset - 1 if row_offset else 0, ",".join(unknown_cols),
                                    Msg("row.unknown_columns",
                                        allowed=", ".join(REGISTRY_COLUMNS))))
    taken = set(existing_ids or ())
    rows, bad = [], []
    seq = 1
    ids_in_frame = {_text(v) for v in df.get("community_id", pd.Series(dtype=object))}
    for pos, rec in enumerate(df.to_dict("records")):
        rownum = pos + row_offset
        problems: list[RegistryIssue] = []
        out = {c: _text(rec.get(c)) for c in _TEXT}

        def need(col: str, allowed: tuple[str, ...], default: str | None = None,
                 out=out, problems=problems, rownum=rownum) -> None:
            val = out[col].lower()
            if not val and default is not None:
                val = default
            if val not in allowed:
                problems.append(RegistryIssue(rownum, col, Msg("row.not_one_of", value=out[col],
                                                               allowed=", ".join(allowed))))
            out[col] = val

        if not out["community_id"]:
            while f"C-{seq:04d}" in taken or f"C-{seq:04d}" in ids_in_frame:
                seq += 1
            out["community_id"] = f"C-{seq:04d}"
        elif out["community_id"] in taken:
            problems.append(RegistryIssue(rownum, "community_id",
                                          Msg("row.id_repeated", value=out["community_id"])))
        if not out["name_en"]:
            problems.append(RegistryIssue(rownum, "name_en", Msg("row.missing_name")))
        out["iso3"] = out["iso3"].upper()
        if out["iso3"] not in ISO3S:
            problems.append(RegistryIssue(rownum, "iso3", Msg("row.not_one_of", value=out["iso3"],
                                                              allowed=", ".join(ISO3S))))
        need("mech_type", MECH_TYPES)
        need("status", STATUSES)
        for col in ("women", "youth", "authorities"):
            need(col, YES_NO, default="unknown")
        need("cross_border_contact", CONTACT_STATUSES, default="unknown")
        prios = [p.strip().lower() for p in out["priorities"].split(";") if p.strip()]
        wrong = [p for p in prios if p not in CATEGORIES]
        if wrong:
            problems.append(RegistryIssue(rownum, "priorities",
                                          Msg("row.unknown_categories", value=str(wrong),
                                              allowed=", ".join(CATEGORIES))))
        out["priorities"] = ";".join(dict.fromkeys(prios))
        for col in ("lat", "lon"):  # in the form's order
            try:
                if not _text(rec.get(col)):  # empty: said so, not "'' is not a number"
                    problems.append(RegistryIssue(rownum, col, Msg("record.required")))
                    out[col] = np.nan
                    continue
                out[col] = float(_text(rec.get(col)))
            except ValueError:
                problems.append(RegistryIssue(rownum, col,
                                              Msg("row.not_number", value=str(rec.get(col)))))
                out[col] = np.nan
        if not problems and not in_region(out["lon"], out["lat"]):
            problems.append(RegistryIssue(rownum, "lon/lat", Msg("row.outside", lon=str(out["lon"]),
                                                                 lat=str(out["lat"]))))
        ill = _text(rec.get("illustrative")).lower()
        if ill not in _TRUE | _FALSE:
            problems.append(RegistryIssue(rownum, "illustrative", Msg("row.not_bool", value=ill)))
        out["illustrative"] = ill in _TRUE
        if problems:
            issues += problems
            bad.append(rownum)
        else:
            taken.add(out["community_id"])
            rows.append(out)
    frame = conform_registry(pd.DataFrame(rows, columns=list(REGISTRY_COLUMNS)))
    return frame, issues, bad


def read_registry_csv(path: str | Path | IO[bytes],
                      existing_ids: set[str] | None = None) -> RegistryImport:
    """Read and validate a registry CSV (UTF-8, header with the registry column names; a
    path or an open binary file); new ids do not collide with ``existing_ids``."""
    raw = read_guarded_csv(path)
    missing = [c for c in ("name_en", "iso3", "lon", "lat", "mech_type", "status")
               if c not in raw.columns]
    if missing:
        return RegistryImport(empty_registry(), [RegistryIssue(1, ",".join(missing),
                                                               Msg("row.missing_columns"))],
                              list(range(2, len(raw) + 2)), raw)
    frame, issues, bad = validate_registry(raw, row_offset=2, existing_ids=existing_ids)
    return RegistryImport(frame, issues, bad, raw)


def registry_csv_text(registry: pd.DataFrame) -> str:
    """The registry as CSV text with the registry columns, formula-like text guarded
    (:func:`fileio.neutralise_formulas`); round-trips via :func:`read_registry_csv`."""
    return csv_text(conform_registry(registry))


def write_registry_csv(registry: pd.DataFrame, path: str | Path) -> Path:
    """Write :func:`registry_csv_text` to ``path`` (UTF-8)."""
    return atomic_write(path, registry_csv_text(registry))


class RegistryStore(DatabaseStore):
    """The registry table in the incident database (created/upgraded when opened)."""

    def load(self) -> pd.DataFrame:
        """All registry rows, ordered by community_id."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(communities_table)
                                .order_by(communities_table.c.community_id)).mappings().all()
        frame = pd.DataFrame([dict(r) for r in rows], columns=list(REGISTRY_COLUMNS))
        return conform_registry(frame)

    def version(self) -> str:
        """Changes with every write, from this process or another: a digest of the rows as
        stored (the registry is small: tens to hundreds of rows, ~1 ms)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(communities_table)
                                .order_by(communities_table.c.community_id)).all()
        return hashlib.sha1(repr(rows).encode("utf-8")).hexdigest()[:16]

    def _ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(communities_table.c.community_id)).scalars())

    def add(self, records: pd.DataFrame | dict | list[dict], principal: Principal
            ) -> list[str]:
        """Validate and insert new rows; returns their ids. Raises
        :class:`RegistryValidationError` (nothing written) when any row is invalid. Every
        write needs the ``registry`` right (editor; :mod:`incidents.access`)."""
        as_principal(principal).require("registry")
        frame = pd.DataFrame([records] if isinstance(records, dict) else records)
        with serialised_write(self.engine, REGISTRY_LOCK) as conn:  # ids read and used alone
            ids = set(conn.execute(sa.select(communities_table.c.community_id)).scalars())
            valid, issues, _ = validate_registry(frame, existing_ids=ids)
            if issues:
                raise RegistryValidationError(issues)
            conn.execute(communities_table.insert(), _db_rows(valid))
        return valid["community_id"].tolist()

    def update(self, community_id: str, changes: dict, principal: Principal) -> None:
        """Change fields of one row (validated as a whole row)."""
        as_principal(principal).require("registry")
        current = self.load()
        row = current[current["community_id"] == community_id]
        if row.empty:
            raise KeyError(f"no community '{community_id}'")
        rec = {**row.iloc[0].to_dict(), **changes, "community_id": community_id}
        valid, issues, _ = validate_registry(pd.DataFrame([rec]))
        if issues:
            raise RegistryValidationError(issues)
        new = _db_rows(valid)[0]  # only the changed fields: a concurrent edit of others stays
        with self.engine.begin() as conn:
            conn.execute(communities_table.update()
                         .where(communities_table.c.community_id == community_id)
                         .values(**{k: new[k] for k in changes if k in new}))

    def delete(self, community_id: str, principal: Principal) -> bool:
        """Delete one row; returns False when it did not exist."""
        as_principal(principal).require("registry")
        with self.engine.begin() as conn:
            res = conn.execute(communities_table.delete()
                               .where(communities_table.c.community_id == community_id))
        return res.rowcount > 0

    def remove_illustrative(self, principal: Principal) -> int:
        """Delete the invented demo entries (``illustrative``; admin); return how many."""
        as_principal(principal).require("demo")
        with self.engine.begin() as conn:
            return conn.execute(communities_table.delete().where(
                communities_table.c.illustrative.is_(True))).rowcount

    def import_csv(self, path: str | Path | IO[bytes], principal: Principal
                   ) -> RegistryImport:
        """Insert the valid rows of a CSV in one transaction (:func:`read_registry_csv`; ids
        already present are reported, not replaced); the others are reported."""
        as_principal(principal).require("registry")
        with serialised_write(self.engine, REGISTRY_LOCK) as conn:  # ids read and used alone
            ids = set(conn.execute(sa.select(communities_table.c.community_id)).scalars())
            result = read_registry_csv(path, existing_ids=ids)
            if len(result.frame):
                conn.execute(communities_table.insert(), _db_rows(result.frame))
        return result

    def export_csv(self, path: str | Path) -> Path:
        """Write every row to a CSV."""
        return write_registry_csv(self.load(), path)


def _db_rows(frame: pd.DataFrame) -> list[dict]:
    recs = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for r in recs:
        r["illustrative"] = bool(r["illustrative"])
    return recs


def registry_sides(registry: pd.DataFrame) -> pd.Series:
    """Side code (KG/TJ/UZ) of each registry row from its iso3."""
    return registry["iso3"].astype(object).map(COUNTRIES)


def candidates_from_gazetteer(places: pd.DataFrame, study_area_m,
                              existing: pd.DataFrame | None = None,
                              min_dist_m: float = 1500.0) -> pd.DataFrame:
    """Gazetteer settlements (KGZ/TJK) inside the study area (metric CRS) as candidate
    communities: ``mech_type`` and ``status`` 'candidate', composition 'unknown',
    ``community_id`` ``cand:<place_id>``. Settlements within ``min_dist_m`` of a row of
    ``existing`` (a registry frame) on the same side are left out: a mechanism exists there."""
    # never a name learned from incident rows (issue 15); one candidate per village
    places = without_curated_twins(settlements(places))
    p = places[places["iso3"].isin(["KGZ", "TJK"])].dropna(subset=["lon", "lat"])
    if len(p):
        x, y = to_metric(p["lon"].to_numpy(float), p["lat"].to_numpy(float))
        shapely.prepare(study_area_m)
        keep = shapely.contains_xy(study_area_m, x, y)
        if existing is not None and len(existing):
            ex = existing.dropna(subset=["lon", "lat"])
            ex_x, ex_y = to_metric(ex["lon"].to_numpy(float), ex["lat"].to_numpy(float))
            same = p["iso3"].to_numpy()[:, None] == ex["iso3"].astype(object).to_numpy()[None, :]
            d2 = (x[:, None] - ex_x[None, :]) ** 2 + (y[:, None] - ex_y[None, :]) ** 2
            keep &= ~((d2 <= min_dist_m ** 2) & same).any(axis=1)
        p = p[keep]
    src = p["source"].astype(str) if "source" in p else pd.Series("gazetteer", index=p.index)
    out = pd.DataFrame({
        "community_id": "cand:" + p["place_id"].astype(str),
        "name_en": p["name"], "name_ru": p.get("name_ru"),
        "name_local": p.get("name_ky").where(p["iso3"] == "KGZ", p.get("name_tg"))
        if "name_ky" in p and "name_tg" in p else pd.NA,
        "iso3": p["iso3"], "lon": p["lon"], "lat": p["lat"],
        "mech_type": "candidate", "status": "candidate", "women": "unknown",
        "youth": "unknown", "authorities": "unknown", "priorities": "",
        "cross_border_contact": "unknown", "illustrative": False,
        "source": "gazetteer settlement (" + src + ")",
        "notes": "No mechanism registered here; settlement from the gazetteer.",
    })
    return conform_registry(out)
