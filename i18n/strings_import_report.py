"""The sentences of an import's full report (``incidents.report.ImportReport``, rendered by
:func:`i18n.report_text.report_text`), English and Russian. The English is exactly what
the CLI printed before they were keyed (scripts read it); ``{n:plural:...}`` forms
follow Babel's plural rules (``i18n.plural``). File, place and candidate names, raw values
and codes are inserted as written."""

IMPORT_REPORT_STRINGS: dict[str, tuple[str, str]] = {
    "imprep.head": ("Import of {file} [{fmt}] batch {batch}",
                    "Импорт {file} [{fmt}], пакет {batch}"),
    "imprep.no_file": ("(data)", "(данные)"),
    "imprep.rows_read": ("  rows read:   {n}", "  прочитано строк: {n}"),
    "imprep.inserted": ("  inserted:    {n}", "  добавлено:       {n}"),
    "imprep.updated": ("  updated:     {n}", "  обновлено:       {n}"),
    "imprep.duplicates": ("  duplicates:  {n} (already in the store)",
                          "  дубликаты:       {n} (уже в базе)"),
    "imprep.rejected": ("  rejected:    {n} (kept in quarantine)",
                        "  отклонено:       {n} (сохранено в карантине)"),
    "imprep.geocoded": ("  geocoded by name: {geocoded}; unresolved (review queue): {unresolved}",
                        "  привязано по названию места: {geocoded}; место не определено "
                        "(очередь проверки): {unresolved}"),
    "imprep.outside": ("  outside the study area (kept, flagged): {n}",
                       "  вне зоны анализа (сохранены, отмечены): {n}"),
    "imprep.possible_dups": ("  possible duplicates across sources (flagged): {n}",
                             "  возможные дубликаты из разных источников (отмечено): {n}"),
    # names (incidents.geocode_review)
    "imprep.ambiguous": ("  ambiguous names (rows wait for a choice; a district column resolves "
                         "them): {n}",
                         "  неоднозначные названия (строки ждут выбора; столбец района "
                         "разрешает их): {n}"),
    "imprep.far": ("  names matched only far from the border — check (rows wait): {n}",
                   "  названия, найденные только далеко от границы, — проверьте (строки "
                   "ждут): {n}"),
    "imprep.name_candidates": ("    '{name}' ({n} row(s)): {candidates}",
                               "    «{name}» ({n} {n:plural:строка|строки|строк|строки}): "
                               "{candidates}"),
    "imprep.compound": ("  compound names resolved to their parts (precision 2): {n}",
                        "  составные названия, привязанные по частям (точность 2): {n}"),
    "imprep.compound_item": ("    '{name}' ({n} row(s)) → {place}",
                             "    «{name}» ({n} {n:plural:строка|строки|строк|строки}) → "
                             "{place}"),
    "imprep.learned": ("  places learned: {n}", "  выучено мест: {n}"),
    "imprep.refused": ("  names refused for learning: {n}",
                       "  названия, не принятые для обучения: {n}"),
    "imprep.waiting": ("  names waiting for more rows or a reviewer: {n}",
                       "  названия, ждущие новых строк или проверяющего: {n}"),
    "imprep.learn_item": ("    '{name}' at {lat}, {lon} ({side}): {why}",
                          "    «{name}» в точке {lat}, {lon} ({side}): {why}"),
    "imprep.side_unknown": ("side unknown", "сторона неизвестна"),
    # encoding, sides, categories, warnings, rejected rows
    "imprep.encoding": ("  text encoding: {encoding}{sure}",
                        "  кодировка текста: {encoding}{sure}"),
    "imprep.encoding_guess": (" (detected, confidence {confidence:.2f})",
                              " (определена автоматически, уверенность {confidence:.2f})"),
    "imprep.sides": ("  sides: {items}", "  стороны: {items}"),
    "imprep.side_item": ("{what} {n}", "{what}: {n}"),
    "imprep.side_contested": ("contested", "оспариваемая сторона"),
    "imprep.categories": ("  categories by mapping rule:",
                          "  категории по правилам сопоставления:"),
    "imprep.warning": ("  warning: {text}", "  предупреждение: {text}"),
    "imprep.rejected_head": ("  rejected rows (row, field, reason):",
                             "  отклонённые строки (строка, поле, причина):"),
    "imprep.rejected_item": ("    row {row}: {field}: {reason}",
                             "    строка {row}: {field}: {reason}"),
    "imprep.no_row": ("None", "–"),
    "imprep.more": ("    ... and {n} more (see the JSON report or `quarantine`)",
                    "    … и ещё {n} {n:plural:строка|строки|строк|строки} (см. отчёт JSON "
                    "или команду `quarantine`)"),
}
