"""Keyed messages: the rejection reasons and record errors of the importers and of
:mod:`incidents.validation`, one template per key (like :class:`analysis.notes.Note`).

A :class:`Msg` *is* its English text (a ``str``), so reports, JSON, CSV and the CLI keep
writing exactly the English they always wrote; it also carries its ``key`` and ``params``,
from which :func:`i18n.reason_text` renders the user's language (``i18n.messages_ru``).
Parameters are the user's values and a few closed English words (axis names, what is
counted, the coordinate parser's details); they are inserted, never re-parsed as templates.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the app's first paint imports this module and must stay light
    import numpy as np
    import pandas as pd

# key → English template; ``{name}`` placeholders are filled from the message's params. The
# order matters to i18n.reasons_ru.parse_stored: a template another one could swallow comes
# first.
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
}


def _rebuild(cls: type[Keyed], key: str, params: dict[str, Any]) -> Keyed:
    return cls(key, **params)


class Keyed(str):
    """A keyed text: equal to (and printed as) its English text, with ``key`` and
    ``params`` for rendering in another language. Subclasses say where the English comes
    from (:meth:`english`): :class:`Msg` from :data:`EN`, the protection report's
    ``sharing.report.Step`` from i18n's tables."""

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
    """A keyed message of :data:`EN` (a rejection reason or record error)."""

    @classmethod
    def english(cls, key: str, params: dict[str, Any]) -> str:
        return EN[key].format(**params)

    def render(self, templates: dict[str, str], words: dict[str, dict[str, str]]) -> str:
        """The message with ``templates`` (key → text of one language); a param named in
        ``words`` (or ``words[name + '_…']``, another grammatical form) is a closed English
        word rendered through that table, every other param is inserted verbatim."""
        values: dict[str, Any] = {}
        for name, value in self.params:
            values[name] = words.get(name, {}).get(value, value) if isinstance(value, str) \
                else value
            for form, table in words.items():
                if form.startswith(name + "_") and isinstance(value, str):
                    values[form] = table.get(value, value)
        return templates[self.key].format(**values)


def msgs(key: str, value: pd.Series, **params: Any) -> np.ndarray:
    """A :class:`Msg` per cell of ``value`` (its ``value`` param), as an object array aligned
    with ``value``. Assign it with ``series.loc[mask] = ...``: pandas 3's ``series[mask] =``
    turns a one-element array of str subclasses into plain str (tests/app/test_reasons_ru.py
    catches that)."""
    import numpy as np  # only where a column of messages is built (importers)

    out = np.empty(len(value), dtype=object)
    out[:] = [Msg(key, value=v, **params) for v in value.tolist()]
    return out
