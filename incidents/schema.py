"""The incident schema: columns, controlled vocabularies and the ACLED/UCDP → category mapping.

One incident is one row of a pandas DataFrame with exactly the columns of :data:`COLUMNS`
(in that order). Coordinates are WGS84 lon/lat (EPSG:4326); distances are metres.
Unknown numbers are ``<NA>`` (pandas nullable ``Int64``), never 0: "no information on
fatalities" is not "no fatalities".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the functions that build frames (the vocabularies and the
    import pandas as pd  # column list are read without pandas: ui.first_paint)

# --- controlled vocabularies -------------------------------------------------------------

CATEGORIES: tuple[str, ...] = (
    "road_crash",
    "border_guard_incident",
    "youth_clash",
    "water_dispute",
    "land_pasture_dispute",
    "infrastructure_dispute",  # roads, fences, construction
    "protest",
    "domestic_violence",
    "other",
)
SENSITIVE_CATEGORIES: frozenset[str] = frozenset({"domestic_violence"})

VERIFICATION_STATUSES: tuple[str, ...] = (
    "unverified", "under_review", "verified", "unverifiable", "duplicate", "rejected",
)
SENSITIVITIES: tuple[str, ...] = ("public", "internal", "restricted")

SYNTHETIC_SOURCE = "SYNTHETIC DEMO"
SOURCE_DATASETS: tuple[str, ...] = (
    "internal", "acled", "ucdp", "kobo", "ushahidi", "other", SYNTHETIC_SOURCE,
)

TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "exact", 2: "near a named place", 3: "region only"}

GEOCODE_METHODS: tuple[str, ...] = (
    "coordinates",    # the row carried coordinates
    "gazetteer",      # matched a GeoNames place by name
    "user_places",    # matched the user's places file
    "border_gazetteer",  # matched the shipped, cited border-settlement gazetteer
    "learned",        # matched a name learned from an earlier row with precision-1 coordinates
    "map_click",      # placed by a person on the map
    "unresolved",     # no place found, or ambiguous: waits in the review queue
)

COUNTRIES = {"KGZ": "KG", "TJK": "TJ", "UZB": "UZ"}  # ISO3 → side code
SIDE_ISO3 = {side: iso3 for iso3, side in COUNTRIES.items()}  # side code → ISO3
SIDES: tuple[str, ...] = ("KG", "TJ", "UZ", "outside")

ACTOR_TYPES = {  # ACLED inter codes (old numeric exports) → text
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype name
    doc: str
    required: bool = False


COLUMN_SPECS: tuple[Column, ...] = (
    # identity and provenance
    Column("event_id", "string", "Internal id 'KGTJ-000001', assigned by the store", True),
    Column("source_dataset", "string", f"One of {SOURCE_DATASETS}", True),
    Column("source_event_id", "string", "Id in the source (ACLED event_id_cnty, UCDP id); "
           "upsert key for re-imports"),
    Column("import_batch_id", "string", "Id of the import that last wrote the row"),
    Column("created_at", "string", "ISO-8601 UTC timestamp"),
    Column("updated_at", "string", "ISO-8601 UTC timestamp"),
    # time
    Column("event_date", "datetime64[ns]", "Date of the event (day)", True),
    Column("event_date_end", "datetime64[ns]", "Last day, for multi-day events"),
    Column("time_precision", "Int64", "1 day, 2 week, 3 month", True),
    # what
    Column("category", "string", f"One of {CATEGORIES}", True),
    Column("disorder_type", "string", "ACLED disorder_type when known"),
    Column("event_type", "string", "ACLED event_type when known"),
    Column("sub_event_type", "string", "ACLED sub_event_type when known"),
    # who
    Column("actor1", "string", "First actor (not necessarily the aggressor)"),
    Column("actor1_type", "string", "Actor type as text (ACLED inter codes normalised)"),
    Column("actor2", "string", "Second actor"),
    Column("actor2_type", "string", "Actor type as text"),
    Column("fatalities", "Int64", "Deaths; <NA> when unknown"),
    Column("injuries", "Int64", "Injured; <NA> when unknown"),
    # where (as given and as resolved)
    Column("lon", "float64", "Longitude, EPSG:4326; NaN when unresolved"),
    Column("lat", "float64", "Latitude, EPSG:4326; NaN when unresolved"),
    Column("geo_precision", "Int64", "1 exact, 2 near a named place, 3 region only; "
           "<NA> when the place is unresolved"),
    Column("location", "string", "Place name as given in the source"),
    Column("admin1_given", "string", "Region/oblast as given in the source"),
    Column("admin2_given", "string", "District/raion as given in the source"),
    Column("geocode_method", "string", f"One of {GEOCODE_METHODS}"),
    Column("geocode_match", "string", "Matched place (name and gazetteer id) when geocoded"),
    Column("geocode_candidates", "string", "JSON list of candidates when ambiguous"),
    # border-engine enrichment (geo.BorderEngine.enrich)
    Column("country", "string", "KGZ, TJK, UZB or 'outside' (OSM-derived country layer); "
           "<NA> when coordinates are missing"),
    Column("side", "string", "Resolved side: KG, TJ, UZ or outside, from side_basis "
           "(incidents.sides: reviewer > settlement > reported > line)"),
    Column("side_reported", "string", "What the source says: KG, TJ, UZ (ACLED/UCDP country, "
           "a country column, the reporter's side in a form); <NA> when it says nothing"),
    Column("side_settlement", "string", "Administering country (KG, TJ, UZ) of the settlement "
           "the row names, or of the curated settlement a point lies in; <NA> when unknown or "
           "ambiguous"),
    Column("side_settlement_place", "string", "The settlement behind side_settlement "
           "(name and gazetteer id)"),
    Column("side_line", "string", "The reference line's answer: KG, TJ, UZ or outside"),
    Column("side_line_ref", "string", "Id of the reference line that gave side_line "
           "(geo.reference_line; e.g. osm-2017-12)"),
    Column("side_reviewed", "string", "Side set by a reviewer (KG, TJ, UZ); wins over all"),
    Column("side_review_reason", "string", "The reviewer's reason for side_reviewed"),
    Column("side_basis", "string", "Which answer gave side: reviewer, settlement, reported "
           "or line"),
    Column("side_contested", "boolean", "Two answers disagree, or the point lies in the "
           "official-claims overlap or a source-disagreement zone"),
    Column("side_contested_zone", "string", "Id(s) of the claims-overlap / disagreement zone "
           "the point lies in (';'-joined)"),
    Column("enclave", "string", "Enclave name when inside one"),
    Column("border_dist_m", "float64", "Distance to the KG–TJ line that answers side_line "
           "(a user's newer line where it covers the point, else the shipped 2017 line) in "
           "metres, signed: positive on the Kyrgyz side, negative on the Tajik side; unsigned "
           "for UZB/outside points (their side says where they are); NaN for flagged points"),
    Column("border_segment_id", "string", "Nearest shipped KG–TJ border segment id"),
    Column("disagreement_zone_id", "string", "OSM vs Natural Earth disagreement zone id"),
    Column("claims_overlap_id", "string", "Official-claims overlap id (both COD files loaded)"),
    Column("curated_ids", "string", "';'-joined curated segment/site ids within the radius"),
    Column("admin1_pcode", "string", "COD-AB admin-1 P-code (when COD files are loaded)"),
    Column("admin1_name", "string", "COD-AB admin-1 English name"),
    Column("admin2_pcode", "string", "COD-AB admin-2 P-code"),
    Column("admin2_name", "string", "COD-AB admin-2 English name"),
    Column("nearest_place", "string", "Nearest gazetteer settlement"),
    Column("nearest_place_dist_m", "float64", "Distance to it in metres"),
    Column("in_study_area", "boolean", "Within the border study area"),
    Column("location_flag", "string", "Engine: ok, missing, outside_region, swapped_suspect; "
           "importers record corrections (swapped_latlon_corrected) in review_flags"),
    # review
    Column("verification_status", "string", f"One of {VERIFICATION_STATUSES}", True),
    Column("sensitivity", "string", f"One of {SENSITIVITIES}", True),
    Column("notes", "string", "Free text (may hold personal data: see sharing/)"),
    Column("notes_shareable", "boolean", "Notes may appear in public exports"),
    Column("source", "string", "Source citation text (ACLED 'source', a report, a monitor)"),
    Column("review_flags", "string", "';'-joined flags, e.g. 'possible_duplicate:KGTJ-000012'"),
    Column("extra", "string", "JSON object of source columns the schema does not use"),
    Column("deleted", "boolean", "Soft-deleted"),
)
COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMN_SPECS)
DTYPES: dict[str, str] = {c.name: c.dtype for c in COLUMN_SPECS}
ENRICHMENT_COLUMNS: tuple[str, ...] = (
    "country", "side", "side_line", "side_line_ref", "enclave", "border_dist_m",
    "border_segment_id", "disagreement_zone_id", "claims_overlap_id", "curated_ids",
    "admin1_pcode", "admin1_name", "admin2_pcode", "admin2_name", "nearest_place",
    "nearest_place_dist_m", "in_study_area", "location_flag",
)


# Filled by incidents.sides.resolve_sides after the engine (side is rewritten there too).
SIDE_DERIVED_COLUMNS: tuple[str, ...] = (
    "side", "side_settlement", "side_settlement_place", "side_basis", "side_contested",
    "side_contested_zone",
)
SIDE_BASES: tuple[str, ...] = ("reviewer", "settlement", "reported", "line")
# Fields whose change re-runs the side resolution of a stored incident.
SIDE_INPUT_COLUMNS: tuple[str, ...] = (
    "lon", "lat", "location", "admin2_given", "side_reported", "side_reviewed",
    "geocode_match",
)


def empty_frame() -> pd.DataFrame:
    """An empty incident frame with the schema's columns and dtypes."""
    import pandas as pd
    return conform(pd.DataFrame(columns=list(COLUMNS)))


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns (missing ones added empty) and dtypes."""
    import pandas as pd
    cols = {}
    for col in COLUMN_SPECS:
        if col.name not in df.columns:  # empty, typed at once (not an object column cast)
            cols[col.name] = pd.Series(index=df.index, dtype=col.dtype)
            continue
        values = df[col.name]
        if values.dtype == pd.api.types.pandas_dtype(col.dtype):
            cols[col.name] = values  # already conformed (a conformed frame passes through)
        elif col.dtype.startswith("datetime"):
            cols[col.name] = pd.to_datetime(values, errors="coerce").astype("datetime64[ns]")
        elif col.dtype == "float64":
            cols[col.name] = pd.to_numeric(values, errors="coerce").astype("float64")
        else:
            cols[col.name] = values.astype(col.dtype)
    # one frame built at once (not column by column); pandas' copy-on-write keeps the
    # columns passed through independent of ``df``
    return pd.DataFrame(cols, index=df.index)


# --- ACLED / UCDP → project category -------------------------------------------------------
# Our mapping, not ACLED's: ACLED codes political violence and demonstrations; the project
# categories are about everyday border tension. Where actors say more than the type does
# (e.g. a clash between state forces is a border-guard incident), the importer refines it.
ACLED_SUB_EVENT_TO_CATEGORY: dict[str, str] = {
    "Armed clash": "border_guard_incident",
    "Government regains territory": "border_guard_incident",
    "Non-state actor overtakes territory": "land_pasture_dispute",
    "Shelling/artillery/missile attack": "border_guard_incident",
    "Air/drone strike": "border_guard_incident",
    "Remote explosive/landmine/IED": "other",
    "Grenade": "other",
    "Mob violence": "youth_clash",
    "Violent demonstration": "protest",
    "Peaceful protest": "protest",
    "Protest with intervention": "protest",
    "Excessive force against protesters": "protest",
    "Attack": "other",
    "Abduction/forced disappearance": "border_guard_incident",
    "Sexual violence": "other",
    "Arrests": "border_guard_incident",
    "Looting/property destruction": "infrastructure_dispute",
    "Agreement": "other",
    "Non-violent transfer of territory": "land_pasture_dispute",
    "Change to group/activity": "other",
    "Disrupted weapons use": "other",
    "Headquarters or base established": "other",
    "Other": "other",
}
ACLED_EVENT_TO_CATEGORY: dict[str, str] = {
    "Battles": "border_guard_incident",
    "Protests": "protest",
    "Riots": "youth_clash",
    "Explosions/Remote violence": "border_guard_incident",
    "Violence against civilians": "other",
    "Strategic developments": "other",
}
UCDP_TYPE_TO_CATEGORY: dict[int, str] = {
    1: "border_guard_incident",  # state-based
    2: "youth_clash",            # non-state (communal clashes)
    3: "other",                  # one-sided violence
}
UCDP_TYPE_TO_ACLED: dict[int, tuple[str, str]] = {  # approximate (disorder_type, event_type)
    1: ("Political violence", "Battles"),
    2: ("Political violence", "Battles"),
    3: ("Political violence", "Violence against civilians"),
}
