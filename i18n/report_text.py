"""An import's full report (``incidents.report.ImportReport``) as text in English or Russian.

Every sentence is a keyed template of ``i18n.strings_import_report``; warnings, rejection
reasons and why a name was (not) learned are keyed messages rendered by
:func:`i18n.reason_text`. File names, place and candidate names, raw values, codes and rule
names are the user's or the file's data: inserted as written, never formatted as
templates. The English is what the CLI prints (``python -m incidents import``; before the
sentences were keyed, ``ImportReport.summary()`` printed the same).
Pure: reads the report's attributes, imports nothing of ``incidents``.
"""
from __future__ import annotations

from typing import Any

from i18n import column_label, place_name, reason_text, t, vocab
from i18n.messages_ru import WORDS

MAX_LISTED = 50  # names per list in the text (the JSON report has them all)
_UNGUESSED = ("utf-8", "utf-8-sig", "utf-16", "xlsx")  # encodings read, not guessed


def report_text(report: Any, lang: str = "en", max_rejected: int = 50) -> str:
    """The whole import report in ``lang`` ("en" or "ru"); lists up to ``max_rejected``
    rejected rows and :data:`MAX_LISTED` names per list."""
    lang = "ru" if lang == "ru" else "en"
    return "\n".join(_counts(report, lang) + names_lines(report, lang)
                     + _details(report, lang) + _rejected(report, lang, max_rejected))


def _counts(report: Any, lang: str) -> list[str]:
    head = t("imprep.head", lang, file=report.file_name or t("imprep.no_file", lang),
             fmt=report.format or "?", batch=report.batch_id or "-")
    return [head] + [t(f"imprep.{key}", lang, n=n) for key, n in (
        ("rows_read", report.rows_read), ("inserted", report.inserted),
        ("updated", report.updated), ("duplicates", report.duplicates),
        ("rejected", len(report.rejected)))] + [
        t("imprep.geocoded", lang, geocoded=report.geocoded, unresolved=report.unresolved),
        t("imprep.outside", lang, n=report.outside_study_area),
        t("imprep.possible_dups", lang, n=report.flagged_possible_duplicates)]


def _candidate(c: dict, lang: str) -> str:
    where = ", ".join(x for x in (c.get("district"), c.get("community")) if x)
    name = place_name(c.get("name"), c.get("name_ru"), lang) if lang == "ru" else c.get("name")
    source = c.get("source")  # a gazetteer source: a closed word (``WORDS["source"]``)
    source = source if lang == "en" else WORDS["source"].get(source, source)
    return (f"{name} ({c.get('country') or '?'}{', ' + where if where else ''}; "
            f"{c.get('lat'):.4f}, {c.get('lon'):.4f}; {source})")  # no words: one layout


def names_lines(report: Any, lang: str = "en") -> list[str]:
    """What the report says about names (``incidents.geocode_review``): ambiguous and far
    names with their candidates, compound names, places learned, refused and waiting."""
    lines: list[str] = []
    for key, head in (("ambiguous_names", "imprep.ambiguous"), ("far_names", "imprep.far")):
        items = getattr(report, key)
        if items:
            lines.append(t(head, lang, n=len(items)))
            lines += [t("imprep.name_candidates", lang, name=item["name"], n=item["rows"],
                        candidates="; ".join(_candidate(c, lang) for c in item["candidates"]))
                      for item in items[:MAX_LISTED]]
    if report.compound_names:
        lines.append(t("imprep.compound", lang, n=len(report.compound_names)))
        lines += [t("imprep.compound_item", lang, name=c["name"], n=c["rows"],
                    place=c["resolved_to"]) for c in report.compound_names[:MAX_LISTED]]
    for key, head in (("learned_places", "imprep.learned"), ("learn_refused", "imprep.refused"),
                      ("learn_waiting", "imprep.waiting")):
        items = getattr(report, key)
        lines.append(t(head, lang, n=len(items)))
        lines += [t("imprep.learn_item", lang, name=item["name"], lat=f"{item['lat']:.4f}",
                    lon=f"{item['lon']:.4f}",
                    side=item.get("country") or t("imprep.side_unknown", lang),
                    why=reason_text(item["why"], lang)) for item in items[:MAX_LISTED]]
    return lines


def _side_what(key: str, lang: str) -> str:
    """A key of ``ImportReport.sides`` ("by settlement", ..., "contested") in ``lang``."""
    if lang == "en":
        return key
    if key == "contested":
        return t("imprep.side_contested", lang)
    return vocab("side_basis", key.removeprefix("by "), lang) if key.startswith("by ") else key


def category_rule_text(rule: str, lang: str = "en") -> str:
    """One line of an import's category rules ("'Battles' → border_guard_incident", as the
    importers count them) with the category in words of ``lang`` and the file's value in
    quotes of ``lang``."""
    text = str(rule)
    given, arrow, code = text.rpartition(" → ")
    if not arrow:
        return text
    if lang == "ru" and len(given) >= 2 and given[0] == given[-1] == "'":
        given = f"«{given[1:-1]}»"
    return f"{given} → {vocab('category', code.strip(), lang)}"


def _details(report: Any, lang: str) -> list[str]:
    """Encoding, sides, category rules and warnings."""
    lines: list[str] = []
    if report.encoding:
        guessed = report.encoding not in _UNGUESSED and report.encoding_confidence is not None
        sure = (t("imprep.encoding_guess", lang, confidence=report.encoding_confidence)
                if guessed else "")
        lines.append(t("imprep.encoding", lang, encoding=report.encoding, sure=sure))
    if report.sides:
        lines.append(t("imprep.sides", lang, items=", ".join(
            t("imprep.side_item", lang, what=_side_what(k, lang), n=v)
            for k, v in report.sides.items())))
    if report.category_rules:
        lines.append(t("imprep.categories", lang))
        lines += [f"    {k if lang == 'en' else category_rule_text(k, lang)}: {v}"
                  for k, v in report.category_rules.items()]
    lines += [t("imprep.warning", lang, text=reason_text(w, lang)) for w in report.warnings]
    return lines


def _rejected(report: Any, lang: str, max_rejected: int) -> list[str]:
    """The rejected rows (row, field, reason), up to ``max_rejected``."""
    if not report.rejected:
        return []
    lines = [t("imprep.rejected_head", lang)]
    for r in report.rejected[:max_rejected]:
        field = r.field or "-"
        lines.append(t("imprep.rejected_item", lang,
                       row=t("imprep.no_row", lang) if r.row_number is None else r.row_number,
                       field=column_label(field, lang) if lang == "ru" else field,
                       reason=reason_text(r.reason, lang)))
    if len(report.rejected) > max_rejected:
        lines.append(t("imprep.more", lang, n=len(report.rejected) - max_rejected))
    return lines
