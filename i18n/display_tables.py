"""Tables for display in the user's language: coded values as labels, settlement names in
Russian where the gazetteer has them. Display copies only; the frames passed in are unchanged.
Column headers: :func:`i18n.column_label`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from geo.translit import LOCAL_NAME_COLUMN, normalize_name
from i18n import VOCAB, column_label, place_name, sides_text, t, vocab, why_text
from i18n.fmt import date_text, number_text

# column → vocabulary kind of its values
VALUE_KINDS: dict[str, str] = {
    "category": "category", "verification_status": "verification",
    "sensitivity": "sensitivity", "side": "side", "missing_side": "side",
    "side_reported": "side", "side_settlement": "side", "side_line": "side",
    "side_reviewed": "side", "side_basis": "side_basis",
    "geo_precision": "precision", "country": "country", "iso3": "country", "mode": "mode",
    "emerging_class": "emerging", "status": "community_status",
    "kg_status": "community_status", "tj_status": "community_status",
    "mech_type": "mech_type", "women": "yes_no", "youth": "yes_no", "authorities": "yes_no",
    "cross_border_contact": "contact", "action": "action", "layer": "layer_kind",
    "user": "user", "source_dataset": "source_dataset",
}
_PLACE_DIST = re.compile(r"^(?P<name>.*?) ~(?P<km>\d+(?:\.\d)?) km$")
_PLACE = re.compile(r"^(?P<name>.*?)(?: \((?P<side>KG|TJ|UZ)\))?$")


def _label(kind: str, lang: str) -> Callable:
    def one(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return value
        if kind == "precision" and isinstance(value, float) and value.is_integer():
            value = int(value)
        return vocab(kind, value, lang)
    return one


def category_list(value, lang: str = "en"):
    """';'-joined category codes (registry priorities) as labels joined with '; '."""
    if not isinstance(value, str):
        return value
    return "; ".join(vocab("category", c.strip(), lang) for c in value.split(";") if c.strip())


def display_values(frame: pd.DataFrame, lang: str = "en",
                   kinds: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with coded values as labels in ``lang``: the columns of
    ``kinds`` (default :data:`VALUE_KINDS`) through their vocabulary, ``sides`` in words,
    ``priorities`` / ``shared_priorities`` / ``categories`` as category labels, ``why`` from
    ``why_params`` when present. Missing values stay missing; other columns are copied."""
    kinds = VALUE_KINDS if kinds is None else kinds
    out = frame.copy()
    for col in out.columns:
        if col in kinds and kinds[col] in VOCAB:
            out[col] = out[col].astype(object).map(_label(kinds[col], lang))
        elif col == "sides":
            out[col] = out[col].astype(object).map(
                lambda v: sides_text(v, lang) if isinstance(v, str) else v)
        elif col in ("priorities", "shared_priorities", "categories"):
            out[col] = out[col].astype(object).map(lambda v: category_list(v, lang))
    if "why" in out.columns and "why_params" in out.columns:
        out["why"] = [why_text(p, lang, fallback=w)
                      for p, w in zip(out["why_params"], out["why"], strict=True)]
    return out


def history_values(history: pd.DataFrame, lang: str = "en",
                   may_see_personal: bool = False) -> pd.DataFrame:
    """An incident's edit history (``IncidentStore.history``) for display: the ``field``
    changed as its label, old and new values of a coded field as labels, the action in words.
    Values of personal fields (notes, actors, place as given, coordinates, ...) are shown
    only with ``may_see_personal``; otherwise the row says the field changed
    (``sharing.fields.history_view``).
    """
    from sharing.fields import WITHHELD, history_view
    out = history_view(history, may_see_personal)
    if "field" not in out:
        return display_values(out, lang)
    fields = out["field"].astype(object)
    withheld = t("inc.history_withheld", lang)
    for col in ("old_value", "new_value"):
        if col in out:
            out[col] = [withheld if v == WITHHELD else
                        _label(VALUE_KINDS[f], lang)(v) if f in VALUE_KINDS else v
                        for f, v in zip(fields, out[col].astype(object), strict=True)]
    out["field"] = fields.map(lambda f: column_label(f, lang) if isinstance(f, str) else f)
    return display_values(out, lang)


def incident_card(rec: dict, lang: str = "en",
                  names: dict[str, str] | None = None) -> pd.DataFrame:
    """One incident (a store record) for the Map page's "selected incident" panel: a column
    of values in ``lang`` named by the incident's id, indexed by the field labels of the
    map's popup. Coded values as labels; the distance to the line signed as in the
    incidents table (+ Kyrgyz side, − Tajik side of the line) and said in words; missing
    counts as "unknown"; the place through ``names``
    (:func:`location_names`)."""
    one = display_values(pd.DataFrame([rec]), lang).iloc[0]
    unknown = t("pop.unknown", lang)

    def shown(value):
        return unknown if value is None or (not isinstance(value, str) and pd.isna(value)) \
            else value

    dist = rec.get("border_dist_m")
    dist_text = unknown if dist is None or pd.isna(dist) else t(
        "card.dist_kg" if float(dist) >= 0 else "card.dist_tj", lang,
        m=number_text(abs(float(dist)), lang, digits=0))  # signed as in the table
    place = one.get("location")
    rows = [("pop.date", date_text(rec["event_date"], lang)),
            ("pop.category", one.get("category")),
            ("pop.place", (names or {}).get(place, place)),
            ("flt.sides", one.get("side")), ("card.border_dist", dist_text),
            ("pop.precision", one.get("geo_precision")),
            ("pop.verification", one.get("verification_status")),
            ("pop.source", one.get("source_dataset")),
            ("pop.fatalities", one.get("fatalities")), ("pop.injuries", one.get("injuries")),
            ("pop.notes", one.get("notes"))]
    values = [str(shown(v)) if not isinstance(v, float) or not v.is_integer()
              else str(int(v)) for _k, v in rows]
    return pd.DataFrame({str(rec.get("event_id", "")): values},
                        index=[t(k, lang) for k, _v in rows])


def community_names(names: pd.Series, ids: pd.Series, registry: pd.DataFrame,
                    lang: str = "en") -> list[str]:
    """Community ``names`` (Latin, as the pairing and gap tables carry them) for ``lang``,
    with the registry's ``name_ru`` of the community ``ids`` first in Russian."""
    if lang != "ru" or "name_ru" not in registry:
        return list(names)
    ru = ids.map(registry.drop_duplicates("community_id").set_index("community_id")["name_ru"])
    return [place_name(n, r, lang) if isinstance(n, str) else n
            for n, r in zip(names, ru, strict=True)]


def candidate_label(place: dict, lang: str = "en") -> str:
    """One gazetteer candidate of a place-name search, e.g. "Ворух / Vorukh (Таджикистан,
    Sughd) – 39.8513, 70.5801": the name in ``lang`` first, the other name, country, region,
    district and rural community where known."""
    name = place_name(place.get("name"), place.get("name_ru"), lang)
    other = place.get("name_ru") if lang != "ru" else None
    where = [str(w) for w in (other, vocab("country", place.get("iso3"), lang)
                              if place.get("iso3") else None, place.get("admin1"),
                              place.get("admin2"), place.get("community"))
             if isinstance(w, str) and w.strip()]  # the district tells two Dostuks apart
    where_text = f" ({', '.join(where)})" if where else ""
    return f"{name}{where_text} – {place['lat']:.4f}, {place['lon']:.4f}"


def _cyrillic_name(places: pd.DataFrame) -> pd.Series:
    """``name_ru``, else the Kyrgyz or Tajik name of a Kyrgyz or Tajik place (when the frame
    has ``iso3`` and those columns)."""
    ru = places["name_ru"].astype(object)
    if "iso3" not in places:
        return ru
    for iso3, col in LOCAL_NAME_COLUMN.items():
        if col in places:
            own = (places["iso3"].astype(object) == iso3).to_numpy(dtype=bool)
            ru = ru.where(ru.notna() | ~own, places[col].astype(object))
    return ru


def russian_place_names(places: pd.DataFrame) -> dict[str, str]:
    """Latin name → Cyrillic name for Russian screens, from a gazetteer ``places`` frame
    (``name``, ``name_ru``; ``iso3``, ``name_ky``, ``name_tg`` when present): the Russian
    name, else a Kyrgyz or Tajik place's name in its own language; only names whose form
    is unambiguous. A name without one takes that of the other spellings of it (the same
    :func:`geo.translit.normalize_name` key) when they have one form between them."""
    d = pd.DataFrame({"name": places["name"].astype(object),
                      "ru": _cyrillic_name(places)}).dropna(subset=["name"])
    d = d[d["name"].astype(str).str.strip() != ""]
    d["key"] = d["name"].astype(str).map(normalize_name)
    known = d[d["ru"].map(lambda v: isinstance(v, str) and bool(v.strip()))]
    by_name = known[known.groupby("name")["ru"].transform("nunique") == 1] \
        .drop_duplicates("name")
    out = dict(zip(by_name["name"], by_name["ru"], strict=True))
    # another spelling of a name (same normalize_name key) takes that name's one Russian
    # form: GeoNames' "Shŭrob" that of the border gazetteer's "Shurob" (Шураб)
    by_key = known[known.groupby("key")["ru"].transform("nunique") == 1] \
        .drop_duplicates("key").set_index("key")["ru"]
    spelled = set(known["name"])  # names with a Russian form of their own (if ambiguous)
    for name, key in zip(d["name"], d["key"], strict=True):
        if name not in spelled and key and key in by_key.index:
            out[name] = by_key[key]
    return out


def location_names(places: pd.DataFrame | None, lang: str = "en") -> dict[str, str]:
    """Incident place name → the name to show in ``lang``, from a gazetteer ``places`` frame
    (``name``, ``name_ru``): in Russian "Russian / Latin" where the gazetteer has one Russian
    form of the name; empty in English (names are shown as recorded)."""
    if lang != "ru" or places is None or "name_ru" not in places:
        return {}
    return {name: place_name(name, ru, lang) for name, ru in russian_place_names(places).items()}


def localised(values: pd.Series, names: dict[str, str]) -> pd.Series:
    """``values`` (place names) with those in ``names`` replaced by their display form."""
    if not names:
        return values
    return values.map(names).fillna(values)


def localise_name_list(text, names_ru: dict[str, str], lang: str = "en"):
    """';'-joined names (a gap's ``alternatives`` or ``nearby_inactive``) for ``lang``: in
    Russian each in its Russian form first where ``names_ru`` (Latin → Russian) has one,
    joined with '; '."""
    if lang != "ru" or not isinstance(text, str) or not text.strip():
        return text
    return "; ".join(place_name(n.strip(), names_ru.get(n.strip()), lang)
                     for n in text.split(";") if n.strip())


def place_countries(places: pd.DataFrame) -> dict[str, str]:
    """Settlement name → its country's ISO3, from a gazetteer ``places`` frame (``name``,
    ``iso3``); only names found in one country."""
    d = pd.DataFrame({"name": places["name"].astype(object),
                      "iso3": places["iso3"].astype(object)}).dropna()
    d = d[d.groupby("name")["iso3"].transform("nunique") == 1].drop_duplicates("name")
    return dict(zip(d["name"], d["iso3"], strict=True))


def place_lookups(places: pd.DataFrame, lang: str = "en"
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """(Russian forms, when ``lang`` is Russian, else {}; countries) of the gazetteer's
    settlements ``places``: what :func:`localise_places` reads."""
    return (russian_place_names(places) if lang == "ru" else {}), place_countries(places)


def pair_names(pairs: pd.DataFrame, registry: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """``pairs`` with their two communities (``kg_name``, ``tj_name``) named in ``lang``:
    the registry's Russian names first (:func:`community_names`)."""
    return pairs.assign(**{f"{side}_name": community_names(
        pairs[f"{side}_name"], pairs[f"{side}_community_id"], registry, lang)
        for side in ("kg", "tj")})


def localise_places(text, names_ru: dict[str, str], lang: str = "en",
                    countries: dict[str, str] | None = None):
    """A hotspot's ``places`` ('Vorukh; Ak-Say': settlements nearest to its incidents) for
    ``lang``: each name followed by its own country where the gazetteer knows it (never
    the side of the incidents), and in Russian in its Russian form first where known
    ("Ворух / Vorukh (Таджикистан)")."""
    if not isinstance(text, str):
        return text
    parts = []
    for item in text.split("; "):
        m = _PLACE_DIST.match(item)  # "Chorkuh ~3.4 km" (analysis.cluster_names)
        item, km = (m["name"], m["km"]) if m else (item, None)
        name = _PLACE.match(item)["name"]  # tolerates an old 'Name (KG)' suffix
        shown = place_name(name, names_ru.get(name), lang)
        iso3 = (countries or {}).get(name)
        shown = f"{shown} ({vocab('country', iso3, lang)})" if iso3 else shown
        if km:
            shown += f", ~{km.replace('.', ',')} км" if lang == "ru" else f", ~{km} km"
        parts.append(shown)
    return "; ".join(parts)


_DEMO_NOTE_RU = ("ИЛЛЮСТРАТИВНАЯ ДЕМО-ЗАПИСЬ: механизм, его состав и приоритеты придуманы; "
                 "настоящие только населённый пункт и его расположение (справочник).")
_GAZETTEER_SOURCE_RU = {"geonames": "GeoNames", "curated": "курируемый список"}


def registry_display(frame: pd.DataFrame, lang: str = "en", demo_note: str | None = None,
                     demo_source: re.Pattern | None = None) -> pd.DataFrame:
    """The registry for the screen in ``lang``: the demo entries' own note and source,
    written in English in the data, in Russian. ``demo_note``: that note's English text;
    ``demo_source``: the pattern of their source, with groups ``id`` (the settlement) and
    ``src`` (the gazetteer) (both from ``analysis.demo_registry``, passed in by the page).
    A user's text is shown as written."""
    if lang != "ru" or frame.empty:
        return frame

    def source(v):
        m = demo_source.match(v) if demo_source is not None and isinstance(v, str) else None
        return (f"иллюстративное демо; населённый пункт {m['id']} "
                f"({_GAZETTEER_SOURCE_RU.get(m['src'], m['src'])})") if m else v
    out = frame.copy()
    if "source" in out:
        out["source"] = out["source"].astype(object).map(source)
    if "notes" in out and demo_note:
        out["notes"] = out["notes"].astype(object).map(
            lambda v: _DEMO_NOTE_RU if v == demo_note else v)
    return out
