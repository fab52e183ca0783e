"""UCDP Georeferenced Event Dataset (GED) CSV, with its precision codes mapped.

Mapping (peers-and-methods §1.6): ``id`` → source_event_id; ``date_start``/``date_end`` →
event_date/event_date_end; ``date_prec`` 1→1 (day), 2,3→2 (week), 4→3 (month), 5 (year
only) → rejected with reason 'year-only date'; ``where_prec`` 1→1, 2→2, 3,4→3 (admin
centroid), 5–7 (vague, country, water/airspace) → no point: lon/lat NaN, geo_precision 3,
the admin names kept, flag ``admin_only_location``, ``location`` left empty so nobody
geocodes "between X and Y" to a village (``where_coordinates`` is always kept in ``extra``);
``type_of_violence`` → category via ``schema.UCDP_TYPE_TO_CATEGORY`` (one-sided violence by a
government or state force → ``border_guard_incident``:
:func:`incidents.importers.categories.ucdp_categories`, rows per rule in the report) and
approximate ACLED disorder/event types; ``side_a``/``side_b`` → actor1/actor2; ``best`` → fatalities
(``low``/``high`` and all other columns stay in ``extra``); ``adm_1``/``adm_2`` → admin;
``where_coordinates`` → location; ``where_description`` → notes; ``source_article`` → source.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from incidents.importers.assemble import finish
from incidents.importers.categories import rule_counts, ucdp_categories
from incidents.importers.fields import parse_code
from incidents.importers.result import ParsedImport
from incidents.importers.source import RawTable
from incidents.importers.table import coded_draft
from incidents.messages import Msg, msgs
from incidents.schema import UCDP_TYPE_TO_ACLED

UCDP_MAPPING = {
    "source_event_id": "id", "event_date": "date_start", "event_date_end": "date_end",
    "actor1": "side_a", "actor2": "side_b", "admin1_given": "adm_1", "admin2_given": "adm_2",
    "location": "where_coordinates", "notes": "where_description", "lat": "latitude",
    "lon": "longitude", "fatalities": "best", "source": "source_article",
    "side_reported": "country",
}
DATE_PREC = {1: 1, 2: 2, 3: 2, 4: 3}
WHERE_PREC = {1: 1, 2: 2, 3: 3, 4: 3}


def parse(raw: RawTable, mapping: dict[str, str] | None = None,
          source_dataset: str | None = None) -> ParsedImport:
    """Import a UCDP GED export."""
    d = coded_draft("ucdp", raw, UCDP_MAPPING, mapping, "date_start")

    date_prec, why = parse_code(d.col("date_prec"), (1, 2, 3, 4, 5), "date_prec")
    d.reject(why, "date_prec")
    d.reject(Msg("ucdp.year_only"), "event_date", date_prec == 5)
    d.fields["time_precision"] = date_prec.map(DATE_PREC, na_action="ignore").astype("Int64")

    where_prec, why = parse_code(d.col("where_prec"), tuple(range(1, 8)), "where_prec")
    d.reject(why, "where_prec")
    vague = (where_prec >= 5).fillna(False).astype(bool)
    d.fields["geo_precision"] = where_prec.map(WHERE_PREC, na_action="ignore").astype("Int64")
    d.fields["geo_precision"] = d.fields["geo_precision"].mask(vague, 3)
    if "lat" in d.fields:
        d.fields["lat"] = d.fields["lat"].mask(vague, np.nan)
        d.fields["lon"] = d.fields["lon"].mask(vague, np.nan)
    d.flag("admin_only_location", vague)
    if "location" in d.fields:  # vague places are not names to geocode; text stays in extra
        d.fields["location"] = d.fields["location"].mask(vague)
        d.used.discard(d.mapping["location"])
    d.fields["geocode_method"] = pd.Series(pd.NA, index=d.index, dtype=object).mask(
        vague, "unresolved")

    tov = pd.to_numeric(d.col("type_of_violence"), errors="coerce")
    bad = ~tov.isin([1, 2, 3])
    why = pd.Series(pd.NA, index=d.index, dtype=object)
    why.loc[bad] = msgs("ucdp.violence", d.col("type_of_violence")[bad].astype(str))
    d.reject(why, "type_of_violence", bad)
    category, rule = ucdp_categories(tov, d.col("side_a"))
    d.fields["category"] = category
    d.fields["disorder_type"] = tov.map({k: v[0] for k, v in UCDP_TYPE_TO_ACLED.items()})
    d.fields["event_type"] = tov.map({k: v[1] for k, v in UCDP_TYPE_TO_ACLED.items()})
    parsed = finish(d, source_dataset)
    parsed.category_rules = rule_counts(rule[parsed.frame.index], category[parsed.frame.index])
    return parsed
