"""Every user-facing string of the app and the web map, in English and Russian
(tables in i18n.strings, i18n.vocabularies, i18n.notes_ru, i18n.messages_ru (keyed messages:
reasons, checks, import warnings), i18n.why_ru; the functions here; whole tables for display
in i18n.display_tables).

Pure (no Streamlit import), so the map builders can use the same words. ``t(key, lang)``
returns the text; ``{name}`` placeholders are filled from keyword arguments, and
``{n:plural:form|form...}`` chooses the word form after the number ``n`` by Babel's plural
rules (:mod:`i18n.plural`). A missing
Russian string falls back to English; a missing key raises (caught by the tests).
"""
from __future__ import annotations

import json

from i18n.messages_ru import MESSAGES_RU, WORDS
from i18n.notes_ru import ANALYSIS_NOTES_RU, EXCLUSION_REASONS_RU
from i18n.plural import format_text
from i18n.strings import STRINGS as _S
from i18n.strings_sides import SIDE_SUMMARY_RU
from i18n.vocabularies import VOCAB
from i18n.why_ru import gap_why_ru, pair_why_ru

LANGS = ("en", "ru")

# The neutral disclaimer (adapted from the UN map disclaimer), one text for the web map,
# print maps and briefs. ``{as_of}`` is the status-as-of date, or "the date stated".
DISCLAIMER_TEMPLATE = {
    "en": ("The boundaries and names shown and the designations used on this map do not imply "
           "official endorsement or acceptance by the authors, the data providers or any "
           "government. Disputed and undemarcated areas are shown as derived from published "
           "sources or curated by users as of {as_of}, not as a verdict on where the boundary "
           "lies."),
    "ru": ("Границы и названия, показанные на этой карте, и используемые обозначения не "
           "означают их официального одобрения или признания авторами, поставщиками данных или "
           "каким-либо правительством. Спорные и неделимитированные участки показаны по "
           "опубликованным источникам или по данным пользователей на {as_of} и не являются "
           "заключением о прохождении границы."),
}
_AS_STATED = {"en": "the date stated", "ru": "указанную дату"}
_ILLUSTRATIVE_EN, _ILLUSTRATIVE_RU = " (illustrative)", " (иллюстративно)"  # demo registry


def disclaimer(lang: str = "en", as_of: str | None = None) -> str:
    """The neutral disclaimer in ``lang`` with the status-as-of date (or "the date stated")."""
    lang = lang if lang in DISCLAIMER_TEMPLATE else "en"
    return DISCLAIMER_TEMPLATE[lang].format(as_of=as_of or _AS_STATED[lang])


DISCLAIMER = {lang: disclaimer(lang) for lang in LANGS}


def _fill_ru(template: str, **values) -> str:
    """A Russian template filled by :func:`i18n.plural.format_text` (plural forms, decimal
    comma)."""
    return format_text(template, "ru", **values)


def note_text(note, lang: str = "en") -> str:
    """An ``analysis.notes.Note`` (or plain text) in ``lang``."""
    if lang != "ru" or not hasattr(note, "render"):
        return str(note)
    return note.render(ANALYSIS_NOTES_RU, EXCLUSION_REASONS_RU,
                       ("Исключены: ", "Ничего не исключено."),
                       fill=_fill_ru)


def protection_text(report, lang: str = "en") -> str:
    """One line on the protection a ``sharing.report.ProtectionReport`` records, in ``lang``
    (the English line is the report's own ``headline()``)."""
    if report.mode != "public":
        return t("prot.internal", lang)
    where = report.location if report.location in ("hex", "settlement") else "exact"
    dates = (t("prot.dates", lang, unit=t(f"prot.unit.{report.date_coarsen}", lang))
             if report.date_coarsen in ("week", "month") else "")
    return t("prot.public", lang, dates=dates,
             where=t(f"prot.where.{where}", lang, km=f"{(report.hex_m or 0) / 1000:g}"))


def import_counts(report, lang: str = "en") -> dict[str, int]:
    """The counts of an ``incidents.report.ImportReport`` under translated labels."""
    return {t(f"rep.{key}", lang): int(value) for key, value in (
        ("rows_read", report.rows_read), ("inserted", report.inserted),
        ("updated", report.updated), ("duplicates", report.duplicates),
        ("rejected", len(report.rejected)), ("geocoded", report.geocoded),
        ("unresolved", report.unresolved), ("outside", report.outside_study_area),
        ("possible_dups", report.flagged_possible_duplicates))}


def reason_text(reason: str, lang: str = "en") -> str:
    """A keyed message (an ``incidents.messages.Msg``: a rejection reason, record error,
    check or import warning) in ``lang``: its English for "en" (a ``Msg`` is its English
    text), for "ru" rendered from its key and params by ``i18n.messages_ru``, the user's
    values inside inserted verbatim. Plain text (not keyed: a user's text, a reason stored
    before the store kept keys) is shown as written, never translated or parsed. Never
    raises."""
    text = "" if reason is None else str(reason)
    if lang == "ru" and getattr(reason, "key", None) in MESSAGES_RU:
        return reason.render(MESSAGES_RU, WORDS, fill=_fill_ru)
    return text


def error_text(err: BaseException, lang: str = "en") -> str:
    """An error for the user in ``lang``: a keyed error (``incidents.messages.KeyedError``,
    e.g. a places file's or a curated layer's problems) rendered line by line with
    :func:`reason_text`; any other error as its own text."""
    if hasattr(err, "text") and hasattr(err, "head"):
        return err.text(lambda message: reason_text(message, lang))
    return str(err)


def field_label(field: str, lang: str = "en") -> str:
    """How a schema field is named in errors shown in ``lang``: the field name itself in
    English (as files and exports spell it), its label in Russian."""
    return vocab("field", field, lang) if lang == "ru" else str(field)


def field_error(field: str, reason: str, lang: str = "en") -> str:
    """"field: reason" for a bad value (a ``RecordError`` or a form check) in ``lang``."""
    return f"{field_label(field, lang)}: {reason_text(reason, lang)}"


def column_error(column: str, reason: str, lang: str = "en") -> str:
    """"column: reason" for a bad cell of a table (actions, registry) in ``lang``."""
    return f"{column_label(column, lang)}: {reason_text(reason, lang)}"


def column_label(column: str, lang: str = "en") -> str:
    """A table column's header in ``lang``: the label of a schema field (``VOCAB['field']``)
    or of an analysis / registry / history column (``VOCAB['column']``), else the name."""
    for kind in ("field", "column"):
        if column in VOCAB[kind]:
            return vocab(kind, column, lang)
    return str(column)


def sides_text(label, lang: str = "en") -> str:
    """The sides a hotspot's incidents lie on (``analysis.clusters.sides_label``: 'both',
    'both + UZ', 'KG only', 'TJ+UZ', ...) in words of ``lang``."""
    text = "" if label is None else str(label)
    if text in VOCAB["sides"]:
        return vocab("sides", text, lang)
    if text.endswith(" only") and text[:-5] in VOCAB["side"]:
        side = vocab("side", text[:-5], lang)
        return f"только {side}" if lang == "ru" else f"{side} only"
    parts = [p.strip() for p in text.split("+")]
    if len(parts) > 1 and all(p in VOCAB["side"] or p in VOCAB["sides"] for p in parts):
        return " + ".join(sides_text(p, lang) if p in VOCAB["sides"] else vocab("side", p, lang)
                          for p in parts)
    return text


def place_name(name: str | None, name_ru: str | None = None, lang: str = "en") -> str:
    """A place or community name for ``lang``: in Russian "Russian / Latin" when the data has
    a different Russian name, otherwise the name as given (Latin first in English)."""
    name = name if isinstance(name, str) and name.strip() else None
    ru = name_ru if isinstance(name_ru, str) and name_ru.strip() else None
    if lang == "ru" and ru and ru != name:
        if name and name.endswith(_ILLUSTRATIVE_EN):  # a demo registry entry
            if ru.endswith(_ILLUSTRATIVE_RU):
                return ru  # its own Russian name says it all
            # a store seeded before demo entries had Russian names: the settlement's
            return f"{ru} / {name[:-len(_ILLUSTRATIVE_EN)]}{_ILLUSTRATIVE_RU}"
        return f"{ru} / {name}" if name else ru
    return name or ru or ""


_LINE_NOTES_RU = {"before the 13 March 2025 treaty": "до договора от 13 марта 2025 г."}


def line_label(ref, lang: str = "en") -> str:
    """A reference line's name, date and note (``geo.reference_line.ReferenceLine``) in
    ``lang``: "OpenStreetMap по состоянию на декабрь 2017 г., до договора от 13 марта
    2025 г."; a user's own note is carried over as written."""
    if lang != "ru":
        return ref.label
    from i18n.fmt import partial_date_text
    text = f"{ref.name} по состоянию на {partial_date_text(ref.date, 'ru')}"
    note = _LINE_NOTES_RU.get(ref.note, ref.note)
    return f"{text}, {note}" if note else text


def line_source_text(source: str, lang: str = "en") -> str:
    """A reference line's source as given, or "user-supplied" in ``lang`` when none was
    (``geo.reference_line.DEFAULT_SOURCE`` is that English wording)."""
    return t("prov.user_source", lang) if source == t("prov.user_source", "en") else source


def side_summary_text(summary, lang: str = "en") -> str:
    """An ``incidents.sides.SideSummary`` (why the side of some incidents is contested) in
    ``lang``; other text as it is."""
    if lang != "ru" or not hasattr(summary, "compose"):
        return str(summary)
    from geo.reference_line import ref_by_id
    from i18n.fmt import partial_date_text
    params = dict(summary.params)
    ref = ref_by_id(params.get("line"))
    line = f"линия ({partial_date_text(ref.date, 'ru')})" if ref.date else f"линия {ref.name}"
    return summary.compose(params, SIDE_SUMMARY_RU, line, _fill_ru)


def reenrich_lines(report, lang: str = "en", line: str | None = None) -> list[str]:
    """An ``incidents.reenrich.ReenrichReport`` as lines in ``lang`` (English: the report's
    own ``lines()``); ``line``: the reference line's text in ``lang`` (:func:`line_label`),
    else the report's English label."""
    if lang != "ru":
        return report.lines()
    out = [t("reenrich.line", lang, line=line or report.line),
           t("reenrich.rows", lang, rows=report.rows, changed=report.changed_rows)]
    if report.by_column:
        out.append(t("reenrich.columns", lang, cols=", ".join(
            f"{column_label(k, lang)} {v}" for k, v in sorted(report.by_column.items()))))
    out += [t("reenrich.side", lang, change=change, n=n)
            for change, n in sorted(report.side_changes.items())]
    out.append(t("reenrich.contested", lang, before=report.contested_before,
                 after=report.contested_after))
    return out


def why_values(why) -> dict | None:
    """The values of a pair's or a gap's why as plain data (a dict with ``kind`` 'pair' or
    'gap'): from an object that gives them as JSON (``to_json()``, as ``analysis.why.PairWhy``
    / ``GapWhy`` do) or from that JSON itself (the ``why_params`` column); None otherwise."""
    text = why.to_json() if callable(getattr(why, "to_json", None)) else why
    try:
        data = json.loads(text) if isinstance(text, str) and text else None
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("kind") in ("pair", "gap") else None


def why_text(why, lang: str = "en", fallback: str = "") -> str:
    """The "why" of a recommended pair or a coverage gap in ``lang``. ``why``: an
    ``analysis.why.PairWhy`` / ``GapWhy`` or its JSON (:func:`why_values`). English: the
    object's own text, or ``fallback`` (the English ``why`` cell stored beside the JSON);
    Russian from the values (:mod:`i18n.why_ru`). ``fallback`` when ``why`` is neither or
    its values are incomplete; never raises."""
    fallback = "" if fallback is None else str(fallback)
    data = why_values(why)
    if data is None:
        return fallback
    if lang != "ru":
        return fallback if isinstance(why, str) else str(why)
    try:
        if data["kind"] == "pair":
            return pair_why_ru(data, vocab, place_name)
        return gap_why_ru(data, vocab, place_name, sides_text)
    except (KeyError, TypeError, ValueError, IndexError):  # a cell written by hand
        return fallback


def t(key: str, lang: str = "en", **fmt) -> str:
    """The text for ``key`` in ``lang`` ('en' or 'ru'), formatted with ``fmt``."""
    if key == "disclaimer":
        return disclaimer(lang)
    en, ru = _S[key]
    text = ru if lang == "ru" and ru else en
    return format_text(text, lang, **fmt) if fmt else text


def vocab(kind: str, value, lang: str = "en") -> str:
    """Translated label of a controlled-vocabulary ``value`` (the value itself if unknown)."""
    entry = VOCAB[kind].get(str(value))
    if entry is None:
        return str(value)
    return entry[1] if lang == "ru" else entry[0]


def precision_label(code, lang: str = "en") -> str:
    """A location-precision filter code in words: 1–3 from the vocabulary, the filter's 0
    (``incidents.filters.UNRESOLVED``) "place unresolved"."""
    if str(code) in VOCAB["precision"]:
        return vocab("precision", code, lang)
    return t("flt.unresolved", lang)


def vocab_map(kind: str, lang: str = "en") -> dict[str, str]:
    """``{value: label}`` for a whole vocabulary."""
    return {k: vocab(kind, k, lang) for k in VOCAB[kind]}


def keys() -> list[str]:
    """Every string key (for tests)."""
    return list(_S)
