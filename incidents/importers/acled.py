"""ACLED CSV/XLSX exports, exactly as downloaded (current and older layouts).

Columns per the ACLED codebook (event_id_cnty, event_date, ..., fatalities, tags,
timestamp); older exports with numeric ``inter1``/``inter2`` and without
``disorder_type``/``tags`` work too. Dates in any of ``yyyy-mm-dd``, ``dd/mm/yyyy``,
``dd-mm-yyyy``, ``16 May 2025``. ``time_precision`` and ``geo_precision`` are ACLED's own
1–3 codes. Categories: :func:`incidents.importers.categories.acled_categories` (documented
refinements by actor types and notes).

Fatalities: ACLED records "no information" as 0, so a 0 is kept as ACLED gives it and a
file-level warning says how many rows carry it (it may mean unknown). Every column the schema
does not use (year, iso, region, interaction, tags, timestamp...) is kept in ``extra``.
"""
from __future__ import annotations

from incidents.importers.assemble import finish
from incidents.importers.categories import acled_categories, rule_counts
from incidents.importers.result import ParsedImport
from incidents.importers.source import RawTable
from incidents.importers.table import coded_draft
from incidents.messages import Msg

ACLED_MAPPING = {
    "source_event_id": "event_id_cnty", "event_date": "event_date",
    "time_precision": "time_precision", "disorder_type": "disorder_type",
    "event_type": "event_type", "sub_event_type": "sub_event_type", "actor1": "actor1",
    "actor1_type": "inter1", "actor2": "actor2", "actor2_type": "inter2",
    "admin1_given": "admin1", "admin2_given": "admin2", "location": "location",
    "lat": "latitude", "lon": "longitude", "geo_precision": "geo_precision",
    "source": "source", "notes": "notes", "fatalities": "fatalities",
    "side_reported": "country",
}


def parse(raw: RawTable, mapping: dict[str, str] | None = None,
          source_dataset: str | None = None) -> ParsedImport:
    """Import an ACLED export."""
    d = coded_draft("acled", raw, ACLED_MAPPING, mapping, "event_date")
    empty = d.col("")
    category, unmapped, rule = acled_categories(
        d.fields.get("event_type", empty), d.fields.get("sub_event_type", empty),
        d.fields.get("actor1_type", empty), d.fields.get("actor2_type", empty),
        d.fields.get("notes", empty), d.fields.get("actor1", empty),
        d.fields.get("actor2", empty))
    d.fields["category"] = category
    d.flag("category_unmapped", unmapped)
    if "actor1_type" not in d.mapping and "actor2_type" not in d.mapping:
        d.warnings.append(Msg("warn.no_interaction"))
    if "fatalities" in d.fields:
        zeros = int((d.fields["fatalities"] == 0).sum())
        if zeros:
            d.warnings.append(Msg("warn.zero_fatalities", n=zeros))
    parsed = finish(d, source_dataset)
    parsed.category_rules = rule_counts(rule[parsed.frame.index], category[parsed.frame.index])
    return parsed
