"""Keyed messages: the rejection reasons and record errors of the importers and of
:mod:`incidents.validation`, the checks of actions, reviews and the registry, and the import
warnings; one template per key (like :class:`analysis.notes.Note`).

A :class:`Msg` *is* its English text (a ``str``), so reports, JSON, CSV and the CLI keep
writing exactly the English they always wrote; it also carries its ``key`` and ``params``,
from which :func:`i18n.reason_text` renders the user's language (``i18n.messages_ru``). The
store's quarantine keeps a reason's key and params (:meth:`Msg.params_json`) beside its
English, and reads the :class:`Msg` back (:func:`stored_msg`). Parameters are the user's
values, numbers and a few closed English words (axis names, what is counted, the coordinate
parser's details); they are inserted, never re-parsed as templates.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from incidents.file_messages import FILE_EN

if TYPE_CHECKING:  # the app's first paint imports this module and must stay light
    import numpy as np
    import pandas as pd

# key → English template; ``{name}`` placeholders are filled from the message's params.
EN: dict[str, str] = {
    # incidents.importers.assemble
    "date.empty": "the date is empty",
    "date.end_before_start": "the end date is before the start date",
    "coord.lat_without_lon": "latitude given without longitude",
    "coord.lon_without_lat": "longitude given without latitude",
    "coord.outside_region": "point ({lat}, {lon}) is outside the region of Kyrgyzstan and "
                            "Tajikistan (lat {lat_range}, lon {lon_range}); check the "
                            "coordinates or leave them empty to place the row by its place "
                            "name",
    "row.unplaceable": "no coordinates and no place name: the row cannot be placed on the map",
    "value.not_listed": "'{value}' is not one of: {allowed}",
    # incidents.importers.fields
    "count.not_number": "'{value}' is not a number of {what}; write the lowest reported "
                        "number (e.g. 'several' → 3) or leave the cell empty if unknown",
    "count.negative": "'{value}' is negative; a number of {what} is 0 or more",
    "count.fraction": "'{value}' is not a whole number of {what}",
    "count.implausible": "'{value}' is not a plausible number of {what}",
    "code.not_listed": "{code} '{value}' is not one of {allowed}",
    # incidents.importers.dates
    "date.invalid_mdy": "'{value}' is not a valid date (month or day out of range)",
    "date.invalid_dmy": "'{value}' is not a valid dd/mm/yyyy date (day or month out of range)",
    "date.invalid_day": "'{value}' is not a valid date (day or month out of range)",
    "date.invalid_month": "'{value}' is not a valid month",
    "date.year_only": "'{value}' is a year-only date; a day or month is needed",
    "date.excel_range": "'{value}' is a number outside the Excel date range (20000-80000)",
    "date.unrecognised": "'{value}' is not a recognised date; write it as dd.mm.yyyy, "
                         "dd/mm/yyyy, yyyy-mm-dd or '16 May 2025'",
    "date.future": "'{value}' is in the future",
    "date.early": "'{value}' is before 1900",
    # incidents.importers.coords
    "coord.not_axis": "'{value}' is not a {axis} ({detail})",
    "coord.wrong_column": "'{value}' is a {found} but stands in the {axis} column",
    "coord.not_finite": "'{value}' is not a finite {axis}",
    "coord.not_pair": "'{value}' is not a coordinate pair ({detail})",
    "coord.pair_out_of_range": "{axis} in '{value}' is out of range {range}",
    "coord.out_of_range": "{axis} {value} is out of range {range}",  # after the one above
    # incidents.importers.ucdp
    "ucdp.year_only": "year-only date (UCDP date_prec 5)",
    "ucdp.violence": "type_of_violence '{value}' is not 1, 2 or 3",
    # incidents.importers.source
    "row.cells": "row has {n} cells but the header has {width}; a cell is missing or an "
                 "unquoted separator splits a cell, so values would land in the wrong columns",
    # incidents.import_writer, incidents.stream_import
    "row.duplicate_id": "source_event_id {value} already appears with other content in row "
                        "{row} of this file",
    "row.hidden_record": "source_event_id {value} belongs to a stored record your role may not "
                         "read or change; an admin can import this row",
    # incidents.validation
    "record.required": "required value is missing",
    "record.required_removed": "required value cannot be removed",
    "record.unknown_field": "unknown field",
    "record.managed": "is managed by the store and cannot be set",
    "record.end_before": "is before event_date",
    "record.bad_type": "{value} is not a valid {dtype} value",
    "record.outside": "{value} is outside {range}",
    "record.not_listed": "{value} is not one of {allowed}",
    # incidents.actions, incidents.review_store, analysis.registry
    "row.id_used": "id '{value}' is already used",
    "row.missing_title": "missing (a title is required)",
    "row.missing_one": "missing (at least one is required)",
    "row.missing_whose": "missing (whose action is it?)",
    "row.missing_settlement": "missing (the settlement's name)",
    "row.missing_start": "missing (a start date is required)",
    "row.missing_subject": "missing (which pair or hotspot?)",
    "row.unknown_values": "unknown value(s) {value}; use {allowed}",
    "row.not_one_of": "'{value}' is not one of {allowed}",
    "row.no_community": "no community '{value}' in the registry",
    "row.partner_needed": "a {scope} action needs the other side's community",
    "row.not_finite": "'{value}' is not a finite number",
    "row.not_count": "'{value}' is not a count of people",
    "row.not_number": "'{value}' is not a number",
    "row.line_wkt": "a line needs a WKT LINESTRING (lon lat, lon lat, ...)",
    "row.line_outside": "the line leaves the project region",
    "row.needs_coordinates": "a {kind} needs coordinates",
    "row.outside": "({lon}, {lat}) is outside the project region",
    "row.radius": "a radius in metres above 0 and at most {value} is required",
    "row.not_date": "'{value}' is not a date YYYY-MM-DD",
    "row.end_before_start": "before the start date",
    "row.needs_end": "an action {status} needs its end date",
    "row.not_bool": "'{value}' is not true/false",
    "row.say_why": "say why not now",
    "row.unknown_columns": "unknown column(s); expected {allowed}",
    "row.missing_columns": "required column(s) missing",
    # analysis.registry
    "row.id_repeated": "duplicate id '{value}'",
    "row.missing_name": "missing (a name is required)",
    "row.unknown_categories": "unknown categor(ies) {value}; use {allowed}",
    # import warnings: incidents.importers.source, incidents.stream_import
    "warn.encoding": "encoding detected: {encoding} (confidence {confidence:.2f})",
    "warn.sheets": "only the first sheet was read; other sheets ignored: {names}",
    "warn.duplicate_column": "duplicate column name '{value}' (column {i}) renamed to "
                             "'{new}'; the first '{value}' is used for mapping, the copy is "
                             "kept in 'extra'",
    "warn.control_chars": "{n} cell(s) held NUL or other control characters; they were "
                          "removed",
    "warn.chunks": "imported in {n} chunks of up to {rows:,} rows, one transaction; batches "
                   "{batches}",
    # incidents.importers.assemble
    "warn.zero_point": "coordinates 0, 0 read as 'no point' in rows {rows}",
    "warn.swapped": "latitude and longitude were swapped and corrected (the swapped point "
                    "lies in the study region) in rows {rows}",
    "warn.restricted": "sensitivity set to 'restricted' for sensitive categories in rows "
                       "{rows}",
    # incidents.importers.categories, table, dates, acled, kobo
    "warn.categories_unknown": "categories not in the synonym table, imported as 'other' "
                               "(flag category_unmapped): {values}",
    "warn.categories_several": "categories matching several categories, imported as 'other' "
                               "(flag category_unmapped): {values}",
    "warn.no_category": "no category column: every row imported as 'other' (flag "
                        "category_missing) for review",
    "warn.category_mapping": "mapping for 'category' ('{ignored}') ignored: {fmt} rows get "
                             "their category from the {fmt} event types",
    "warn.source_dataset": "{n} row(s) name a source dataset outside {known} ({given}): "
                           "stored as 'other', the name kept in the row's extra as "
                           "source_dataset_given",
    "warn.precision_ignored": "{col}: {n} row(s) without coordinates have a precision that is "
                              "not 1–3; ignored, the place name is geocoded instead",
    "warn.unknown_country": "{col}: {n} row(s) name no country this program knows ({given}); "
                            "their reported side is left empty (the cell stays in the row)",
    "warn.month_first": "{col}: dates read as mm/dd/yyyy: {n} value(s) are valid only that way",
    "warn.no_interaction": "no interaction codes (inter1/inter2): state forces recognised by "
                           "actor names; a Battle without them stays border_guard_incident",
    "warn.zero_fatalities": "{n} row(s) have fatalities 0, which ACLED also uses for 'no "
                            "information on fatalities'; kept as 0 as ACLED gives it",
    "warn.survey_date": "no incident-date column: the survey date '{value}' is used as event "
                        "date (flag date_is_survey_date); check it",
    # incidents.importers.vector
    "warn.layers": "only the first layer '{value}' was read; other layers: {names}",
    "warn.no_crs": "the layer has no CRS; coordinates taken as lon/lat (EPSG:4326)",
    "warn.reprojected": "reprojected from {crs} to EPSG:4326",
    "warn.reduced_to_point": "{n} non-point geometries reduced to a point on the shape (flag "
                             "geometry_reduced_to_point)",
    # incidents.accounts: why an account cannot be created or changed
    "account.bad_name": "account name '{value}': use 1–64 letters, digits, and . _ @ - "
                        "(starting with a letter or digit)",
    "account.short_password": "the password needs at least {n} characters",
    "account.long_password": "the password must be under {n} characters, without NUL",
    "account.bad_email": "'{value}' is not an e-mail address",
    "account.no_secret": "account {name}: give a password, or an e-mail for single sign-on",
    "account.taken": "account {name}: the name or e-mail is taken",
    "account.unknown": "no account '{value}'",
    "account.last_admin": "{name} is the last active admin: make another admin first",
    # incidents.filters: a filter link's (the page address's) values that are ignored;
    # {param}, {first}, {second}: the link's parameter names
    "filter.not_date": "{param}: '{value}' is not a date (yyyy-mm-dd); ignored",
    "filter.not_listed": "{param}: '{value}' is not one of {allowed}; ignored",
    "filter.not_precision": "{param}: '{value}' is not 0 (unresolved), 1, 2 or 3; ignored",
    "filter.not_severity": "{param}: '{value}' is not 0, 1 or 2; ignored",
    "filter.not_flag": "{param}: '{value}' is not 1 or 0; ignored",
    "filter.dates_swapped": "{first} is after {second}; the two were swapped",
    # incidents.demo
    "warn.demo": "synthetic demo data: not real events",
    # geo.learning: why a row's name is (not) learned as a place (the import report's names)
    "learn.bad_coordinates": "no usable point",
    "learn.outside_region": "point outside the project region",
    "learn.no_name": "no place name",
    "learn.not_exact": "coordinates not exact (geo_precision is not 1)",
    "learn.known": "is {name} ({source})",
    "learn.side_unknown": "the point's side is unknown and the name is that of {name} ({iso3}, "
                          "{source}) {km:.1f} km away",
    "learn.across_line": "the point is on the {country} side; the name is that of {name} "
                         "({iso3}, {source}) {km:.1f} km away: a learned name never overrules "
                         "geography",
    "learn.inconsistent": "{n} point(s) of this name within {km:.0f} km lie on different sides "
                          "({sides})",
    "learn.pending": "{n} of the {min} consistent rows a new place needs (or a reviewer's "
                     "confirmation)",
    "learn.reviewer": "confirmed by a reviewer",
    "learn.reviewer_merged": "confirmed by a reviewer; {m} points merged into one place",
    "learn.rows": "{n} consistent rows",
    "learn.rows_merged": "{n} consistent rows; {m} points merged into one place",
    # incidents.store_edits
    "side.need_reason": "a reviewer's side needs a reason",
}


EN.update(FILE_EN)  # the whole-file errors: incidents.file_messages


def _rebuild(cls: type[Keyed], key: str, params: dict[str, Any]) -> Keyed:
    return cls(key, **params)


class Keyed(str):
    """A keyed text: equal to (and printed as) its English text, with ``key`` and
    ``params`` for rendering in another language. Subclasses say where the English comes
    from (:meth:`english`): :class:`Msg` from :data:`EN`, the protection report's
    ``sharing.report.Step`` from i18n's tables, the analysis notes' ``analysis.notes.Note``
    from that module's templates."""

    key: str
    params: tuple[tuple[str, Any], ...]

    def __new__(cls, key: str, **params: Any) -> Keyed:
        self = super().__new__(cls, cls.english(key, params))  # KeyError: unknown key
        self.key = key
        self.params = tuple(params.items())
        return self

    @classmethod
    def english(cls, key: str, params: dict[str, Any]) -> str:
        """The English text of ``key`` with ``params``."""
        raise NotImplementedError

    def __reduce__(self):  # pickling / deepcopy (st.cache_data, dataclasses.asdict)
        return _rebuild, (type(self), self.key, dict(self.params))


class Msg(Keyed):
    """A keyed message of :data:`EN` (a rejection reason, record error, check or import
    warning)."""

    @classmethod
    def english(cls, key: str, params: dict[str, Any]) -> str:
        return EN[key].format(**params)

    def render(self, templates: dict[str, str], words: dict[str, dict[str, str]],
               fill: Callable[..., str] | None = None) -> str:
        """The message with ``templates`` (key → text of one language); a param named in
        ``words`` (or ``words[name + '_…']``, another grammatical form) is a closed English
        word rendered through that table, every other param is inserted verbatim.
        ``fill(template, **values)`` formats the template (default ``str.format``; i18n
        passes its plural-aware formatter)."""
        values: dict[str, Any] = {}
        for name, value in self.params:
            values[name] = words.get(name, {}).get(value, value) if isinstance(value, str) \
                else value
            for form, table in words.items():
                if form.startswith(name + "_") and isinstance(value, str):
                    values[form] = table.get(value, value)
        template = templates[self.key]
        return fill(template, **values) if fill else template.format(**values)

    def params_json(self) -> str:
        """The params as a JSON object (kept by the store's quarantine beside the English)."""
        return json.dumps(dict(self.params), ensure_ascii=False, default=str)


class KeyedError(ValueError):
    """An error told in keyed messages: a ``head`` and ``lines`` of (where, reason), where
    ``where`` may be None. Its text (``str``) is the English; :meth:`text` renders it with
    another renderer (``i18n.error_text``: the user's language). At most ``limit`` lines are
    shown, then how many more there are."""

    limit = 50

    def __init__(self, head: str, lines: list[tuple[str | None, str]] | None = None):
        self.head = head
        self.lines = list(lines or [])
        super().__init__(self.text(str))

    def text(self, render: Callable[[str], str]) -> str:
        """The head, then one indented line per problem, each message through ``render``."""
        out = [render(self.head)]
        for where, reason in self.lines[:self.limit]:
            out.append(f"  {render(where)}: {render(reason)}" if where is not None
                       else f"  {render(reason)}")
        if len(self.lines) > self.limit:
            out.append("  " + render(Msg("problems.more", n=len(self.lines) - self.limit)))
        return "\n".join(out)


def stored_msg(english: str, key: str | None, params_json: str | None) -> str:
    """A message read back from the store: the :class:`Msg` of ``key`` with the params of
    ``params_json`` (:meth:`Msg.params_json`); ``english`` as stored when there is no key (a
    row stored before keys were kept) or the key or params no longer fit a template."""
    if not isinstance(key, str) or key not in EN:
        return english
    try:
        params = json.loads(params_json) if isinstance(params_json, str) and params_json else {}
        return Msg(key, **params)
    except (ValueError, TypeError, KeyError, IndexError):
        return english


def msgs(key: str, value: pd.Series, **params: Any) -> np.ndarray:
    """A :class:`Msg` per cell of ``value`` (its ``value`` param), as an object array aligned
    with ``value``. Assign it with ``series.loc[mask] = ...``: pandas 3's ``series[mask] =``
    turns a one-element array of str subclasses into plain str (tests/app/test_reasons_ru.py
    catches that)."""
    import numpy as np  # only where a column of messages is built (importers)

    out = np.empty(len(value), dtype=object)
    out[:] = [Msg(key, value=v, **params) for v in value.tolist()]
    return out
