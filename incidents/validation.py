"""Validation of incident records against the schema's vocabularies.

:func:`validate_record` checks one record (store ``add``/``update``) and raises
:class:`RecordError` naming the field; :func:`frame_problems` checks a whole frame at once
(the import's safety net) and returns (index, field, reason) for every bad value.
"""
from __future__ import annotations

import pandas as pd

from fileio import xml_text
from incidents.messages import Msg
from incidents.schema import (
    CATEGORIES,
    COLUMNS,
    DTYPES,
    GEOCODE_METHODS,
    SENSITIVE_CATEGORIES,
    SENSITIVITIES,
    SIDE_BASES,
    SIDES,
    SOURCE_DATASETS,
    VERIFICATION_STATUSES,
    conform,
)

STORE_MANAGED: frozenset[str] = frozenset(
    {"event_id", "import_batch_id", "created_at", "updated_at", "deleted"})
REQUIRED: tuple[str, ...] = ("source_dataset", "event_date", "time_precision", "category",
                             "verification_status", "sensitivity")
VOCABULARIES: dict[str, tuple] = {
    "source_dataset": SOURCE_DATASETS,
    "category": CATEGORIES,
    "verification_status": VERIFICATION_STATUSES,
    "sensitivity": SENSITIVITIES,
    "geocode_method": GEOCODE_METHODS,
    "side": SIDES,
    "side_reported": SIDES[:3],
    "side_reviewed": SIDES[:3],
    "side_basis": SIDE_BASES,
    "time_precision": (1, 2, 3),
    "geo_precision": (1, 2, 3),
}
RANGES: dict[str, tuple[float, float]] = {
    "lon": (-180.0, 180.0), "lat": (-90.0, 90.0),
    "fatalities": (0, 1e6), "injuries": (0, 1e6),
}


class RecordError(ValueError):
    """A record value is not acceptable; ``field`` and ``reason`` say which and why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"field '{field}': {reason}")
        self.field = field
        self.reason = reason


def frame_problems(frame: pd.DataFrame, required: tuple[str, ...] = REQUIRED
                   ) -> list[tuple[object, str, str]]:
    """(index, field, reason) for every missing required value or value out of vocabulary.

    ``frame`` must be conformed (:func:`incidents.schema.conform`).
    """
    problems: list[tuple[object, str, str]] = []
    for name in required:
        for idx in frame.index[frame[name].isna().to_numpy()]:
            problems.append((idx, name, Msg("record.required")))
    for name, allowed in VOCABULARIES.items():
        col = frame[name]
        bad = col.notna() & ~col.isin(list(allowed))
        for idx, value in col[bad.fillna(False)].items():
            problems.append((idx, name, Msg("record.not_listed", value=repr(value),
                                            allowed=", ".join(map(str, allowed)))))
    for name, (lo, hi) in RANGES.items():
        col = pd.to_numeric(frame[name], errors="coerce")
        bad = col.notna() & ((col < lo) | (col > hi))
        for idx, value in col[bad.fillna(False)].items():
            problems.append((idx, name, Msg("record.outside", value=str(value),
                                            range=f"{lo:g}..{hi:g}")))
    end_before = (frame["event_date_end"] < frame["event_date"]).fillna(False)
    for idx in frame.index[end_before.to_numpy(dtype=bool)]:
        problems.append((idx, "event_date_end", Msg("record.end_before")))
    return problems


def _coerce(name: str, value: object) -> object:
    """Convert one value to the column's type or raise :class:`RecordError`."""
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return pd.NA
    dtype = DTYPES[name]
    try:
        if dtype.startswith("datetime"):
            return pd.Timestamp(value).normalize()
        if dtype == "Int64":
            number = float(value)
            if not number.is_integer():
                raise ValueError
            return int(number)
        if dtype == "float64":
            return float(value)
        if dtype == "boolean":
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in {"true", "false", "1", "0", "yes", "no"}:
                    raise ValueError
                return low in {"true", "1", "yes"}
            return bool(value)
        return xml_text(str(value))  # no NUL or control characters (KML, XLSX, reviewers)
    except (TypeError, ValueError) as exc:
        raise RecordError(name, Msg("record.bad_type", value=repr(value), dtype=dtype)) from exc


def validate_record(record: dict, *, partial: bool = False) -> pd.DataFrame:
    """Check one record and return it as a conformed one-row frame.

    Parameters
    ----------
    record
        Column → value. Store-managed columns (``event_id``, timestamps, ``deleted``) may
        not be set. For a new record (``partial=False``) missing review fields get defaults
        (``unverified``; ``restricted`` for sensitive categories, else ``internal``; day
        precision) and the required ones must be present.
    partial
        True for an update: only the given fields are checked.

    Raises
    ------
    RecordError
        Naming the first bad field and the reason.
    """
    for name in record:
        if name not in COLUMNS:
            raise RecordError(name, Msg("record.unknown_field"))
        if name in STORE_MANAGED:
            raise RecordError(name, Msg("record.managed"))
    values = {name: _coerce(name, value) for name, value in record.items()}
    if not partial:
        values.setdefault("time_precision", 1)
        values.setdefault("verification_status", "unverified")
        if pd.isna(values.get("sensitivity")):
            sensitive = values.get("category") in SENSITIVE_CATEGORIES
            values["sensitivity"] = "restricted" if sensitive else "internal"
    frame = conform(pd.DataFrame([values]))
    required = () if partial else REQUIRED
    if partial:
        for name in set(REQUIRED) & set(record):
            if frame[name].isna().iloc[0]:
                raise RecordError(name, Msg("record.required_removed"))
    problems = [p for p in frame_problems(frame, required)
                if not partial or p[1] in record or p[1] == "event_date_end"]
    if problems:
        _, field, reason = problems[0]
        raise RecordError(field, reason)
    return frame
