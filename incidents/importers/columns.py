"""Column mapping: which source column feeds which schema field.

Headers are compared after lower-casing, ``ё``→``е``, dropping a KoBo group prefix
(``group_x/field`` → ``field``) and turning punctuation into spaces. A header equal to a
synonym wins; otherwise a header *containing* one of the field's stems is used when exactly
one header does. An explicit ``mapping`` (schema field → source column) overrides detection;
a mapped column that is not in the file is a file-level error.
"""
from __future__ import annotations

import re

from incidents.importers.result import ImportFileError
from incidents.messages import Msg

# field -> exact synonyms (normalised)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "event_date": ("date", "event date", "incident date", "date of incident", "date of event",
                   "дата", "дата инцидента", "дата события", "дата происшествия", "сана",
                   "датасы", "kun", "sana"),
    "event_date_end": ("date end", "end date", "event date end", "дата окончания"),
    "time_precision": ("time precision",),
    "category": ("category", "type", "incident type", "event type", "kind", "тип",
                 "категория", "вид", "тип инцидента", "тип происшествия", "вид инцидента",
                 "вид происшествия", "тип события"),
    "location": ("location", "place", "village", "settlement", "locality", "site",
                 "село", "населенный пункт", "место", "место происшествия", "кишлак", "айыл",
                 "деревня", "нас пункт", "нп", "джамоат"),
    "admin2_given": ("district", "raion", "rayon", "admin2", "район", "ноҳия", "нохия"),
    "admin1_given": ("region", "oblast", "province", "admin1", "область", "вилоят",
                     "вилоят область"),
    "lat": ("lat", "latitude", "широта", "y", "lat dd", "latitude dd"),
    "lon": ("lon", "lng", "long", "longitude", "долгота", "x", "lon dd", "longitude dd"),
    "coordinates": ("coordinates", "coords", "координаты", "gps", "geopoint", "location gps",
                    "gps coordinates", "point"),
    "geo_precision": ("geo precision", "location precision", "точность", "точность места"),
    "actor1": ("actor1", "actor 1", "side a", "участник 1", "сторона 1"),
    "actor2": ("actor2", "actor 2", "side b", "участник 2", "сторона 2"),
    "actor1_type": ("actor1 type", "inter1"),
    "actor2_type": ("actor2 type", "inter2"),
    "fatalities": ("fatalities", "deaths", "killed", "dead", "погибшие", "погибло", "погибших",
                   "убитые", "убито", "число погибших", "кол во погибших"),
    "injuries": ("injuries", "injured", "wounded", "раненые", "ранено", "раненых",
                 "число раненых", "кол во раненых"),
    "notes": ("notes", "description", "details", "comment", "comments", "summary",
              "описание", "примечание", "примечания", "комментарий", "подробности",
              "описание события", "описание инцидента"),
    "source": ("source", "sources", "источник", "источники", "источник информации"),
    "source_event_id": ("id", "event id", "incident id", "номер", "№", "код"),
    "verification_status": ("verification", "verification status", "статус проверки"),
    "sensitivity": ("sensitivity", "конфиденциальность"),
    "side_reported": ("country", "страна", "государство", "reported side", "reporter side",
                      "side reported", "reporter s side", "сторона сообщения", "мамлакат",
                      "олко", "өлкө"),
    "source_dataset": ("source dataset", "dataset", "data source", "source database",
                       "набор данных", "источник данных", "база данных"),
    "disorder_type": ("disorder type",),
    "sub_event_type": ("sub event type",),
}
STEMS: dict[str, tuple[str, ...]] = {
    "event_date": ("дата", "date"),
    "location": ("населен", "village", "село", "место"),
    "admin2_given": ("район", "district"),
    "admin1_given": ("област", "region"),
    "lat": ("широт", "latitude"),
    "lon": ("долгот", "longitude"),
    "category": ("категор", "тип ", "category"),
    "fatalities": ("погиб", "fatalit", "killed"),
    "injuries": ("ранен", "injur", "wounded"),
    "notes": ("описан", "примечан", "коммент", "descript"),
    "source": ("источник",),
}
FIELDS: tuple[str, ...] = tuple(SYNONYMS)


def normalise_header(name: str) -> str:
    """Lower-case, ``ё``→``е``, drop a KoBo group prefix, punctuation → single spaces."""
    t = str(name).split("/")[-1].lower().replace("ё", "е")
    t = re.sub(r"[_\W]+", " ", t, flags=re.UNICODE).strip()
    return t if t else str(name).strip().lower()


def detect_mapping(columns: list[str], skip: set[str] = frozenset()) -> dict[str, str]:
    """Auto-detect field → column from headers (English, Russian, some Kyrgyz/Tajik)."""
    norm = {col: normalise_header(col) for col in columns}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for fld, words in SYNONYMS.items():
        if fld in skip:
            continue
        for col in columns:
            if col not in used and norm[col] in words:
                mapping[fld] = col
                used.add(col)
                break
    for fld, stems in STEMS.items():
        if fld in mapping or fld in skip:
            continue
        hits = [c for c in columns if c not in used
                and any(stem in norm[c] + " " for stem in stems)]
        if len(hits) == 1:
            mapping[fld] = hits[0]
            used.add(hits[0])
    return mapping


def apply_override(detected: dict[str, str], override: dict[str, str] | None,
                   columns: list[str], name: str) -> dict[str, str]:
    """Merge a user mapping over the detected one; check fields and columns exist."""
    if not override:
        return detected
    unknown = sorted(set(override) - set(FIELDS))
    if unknown:
        raise ImportFileError(Msg("import.mapping_unknown", file=name, unknown=str(unknown),
                                  known=", ".join(FIELDS)))
    missing = sorted(c for c in override.values() if c and c not in columns)
    if missing:
        raise ImportFileError(Msg("import.mapping_missing", file=name, missing=str(missing),
                                  columns=", ".join(columns)))
    merged = {f: c for f, c in detected.items() if c not in override.values()}
    merged.update({f: c for f, c in override.items() if c})
    for fld, col in override.items():
        if not col:
            merged.pop(fld, None)
    return merged
