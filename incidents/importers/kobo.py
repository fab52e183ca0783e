"""KoBoToolbox exports (CSV with ``;`` or ``,``, or XLSX), parsed like a table plus:

- a geopoint column ("lat lon altitude accuracy", space-separated; found by header or by its
  values) or KoBo's split ``_<name>_latitude`` / ``_<name>_longitude`` columns (these win);
  a geopoint gives ``geo_precision`` 1 unless a precision column is mapped;
- group prefixes (``group_x/field``) are ignored when matching headers;
- ``_uuid`` (else ``_id``) → ``source_event_id``, so re-importing a later export updates rows;
- no event-date question: the survey's ``today`` (else ``start``, ``_submission_time``) is
  used with the review flag ``date_is_survey_date`` and a warning, since the day of the
  interview is not the day of the incident.
All KoBo metadata columns (``_submission_time``, ``_validation_status``, ...) stay in
``extra``.
"""
from __future__ import annotations

import re

from incidents.importers.assemble import Draft, finish
from incidents.importers.columns import apply_override, detect_mapping, normalise_header
from incidents.importers.result import ImportFileError, ParsedImport
from incidents.importers.source import RawTable
from incidents.importers.table import fill_fields
from incidents.messages import Msg

GEOPOINT_VALUE = r"^-?\d+(?:\.\d+)?\s+-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?){0,2}$"
SURVEY_DATES = ("today", "start", "_submission_time")


def _geopoint_column(raw: RawTable) -> str | None:
    """The first column whose filled cells all look like "lat lon [alt [acc]]"."""
    for col in raw.frame.columns:
        cells = raw.frame[col].astype(str).str.strip()
        cells = cells[cells != ""]
        if len(cells) and cells.head(50).str.match(GEOPOINT_VALUE).all():
            return col
    return None


def _kobo_mapping(raw: RawTable) -> dict[str, str]:
    columns = list(raw.frame.columns)
    geopoint = _geopoint_column(raw)
    split_names = {m.group(1) for c in columns
                   if (m := re.fullmatch(r"_(.+)_latitude", c.split("/")[-1]))}
    geo_questions = {c for c in columns if c.split("/")[-1] in split_names} | {geopoint}
    found = detect_mapping([c for c in columns if c not in geo_questions],
                           skip={"source_event_id", "lat", "lon", "coordinates"})
    if re.fullmatch(r"_.+_(precision|altitude)", found.get("geo_precision", "").split("/")[-1]):
        del found["geo_precision"]  # KoBo's GPS accuracy in metres, not a 1-3 code
    for col in columns:
        leaf = col.split("/")[-1]
        if re.fullmatch(r"_.+_latitude", leaf) and "lat" not in found:
            found["lat"] = col
        elif re.fullmatch(r"_.+_longitude", leaf) and "lon" not in found:
            found["lon"] = col
    if geopoint:
        found["coordinates"] = geopoint
    elif geo_questions - {None}:  # an empty geopoint column beside its split columns
        found.setdefault("coordinates", sorted(geo_questions - {None})[0])
    for key in ("_uuid", "_id"):
        if key in columns:
            found["source_event_id"] = key
            break
    return found


def parse(raw: RawTable, mapping: dict[str, str] | None = None,
          source_dataset: str | None = None) -> ParsedImport:
    """Import a KoBoToolbox export."""
    columns = list(raw.frame.columns)
    m = apply_override(_kobo_mapping(raw), mapping, columns, raw.name)
    survey_date = None
    if "event_date" not in m:
        by_norm = {normalise_header(c): c for c in columns}
        survey_date = next((by_norm[normalise_header(k)] for k in SURVEY_DATES
                            if normalise_header(k) in by_norm), None)
        if survey_date is None:
            raise ImportFileError(Msg("import.kobo_no_date", file=raw.name,
                                      columns=", ".join(columns)))
        m["event_date"] = survey_date
    d = Draft("kobo", raw, m)
    fill_fields(d)
    if survey_date:
        d.flag("date_is_survey_date", d.fields["event_date"].notna())
        d.warnings.append(Msg("warn.survey_date", value=survey_date))
    return finish(d, source_dataset)
