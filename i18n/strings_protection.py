"""The sentences of a public export's protection report (``sharing.report.ProtectionReport``),
English and Russian: sidecars, XLSX sheets, GeoPackage tables, KML descriptions and the
app's export panel. ``{n:plural:...}`` forms follow Babel's plural rules (``i18n.plural``)."""

PROTECTION_STRINGS: dict[str, tuple[str, str]] = {
    "prot.line.mode": ("Export mode: {mode}.", "Режим выгрузки: {mode}."),
    "prot.mode.public": ("PUBLIC", "ПУБЛИЧНЫЙ"),
    "prot.mode.internal": ("INTERNAL", "ВНУТРЕННИЙ"),
    "prot.line.counts": ("Records in: {n_in}; rows out: {n_out}.",
                         "Записей на входе: {n_in}; строк на выходе: {n_out}."),
    "prot.line.dropped": ("Fields removed: {fields}.", "Удалённые поля: {fields}."),
    "prot.line.field": ("Field '{name}': {what}", "Поле «{name}»: {what}"),
    "prot.line.warning": ("WARNING: {text}", "ВНИМАНИЕ: {text}"),
    "prot.step.internal": (
        "INTERNAL export: records as stored, exact locations and dates, personal fields "
        "included. For authorised staff only; do not share.",
        "ВНУТРЕННЯЯ выгрузка: записи как в базе, точные места и даты, личные поля включены. "
        "Только для уполномоченных сотрудников; не распространять."),
    "prot.step.deleted": (
        "{n} deleted {n:plural:record|records} left out.",
        "{n} {n:plural:удалённая запись не включена|удалённые записи не включены|"
        "удалённых записей не включено|удалённой записи не включено}."),
    "prot.step.unplaced": (
        "{n} {n:plural:record|records} without a location inside a country layer "
        "{n:plural:was|were} withheld: {ids}",
        "{n} {n:plural:запись|записи|записей|записи} без места внутри слоя страны "
        "{n:plural:не выгружена|не выгружены|не выгружено|не выгружено}: {ids}"),
    "prot.step.unplaced_unlisted": (
        "{n} {n:plural:record|records} not marked public without a location inside a country "
        "layer {n:plural:was|were} withheld (not listed).",
        "{n} {n:plural:непубличная запись|непубличные записи|непубличных записей|непубличной "
        "записи} без места внутри слоя страны {n:plural:не выгружена|не выгружены|не выгружено|"
        "не выгружено} (без списка)."),
    "prot.step.count_only": (
        "{n} {n:plural:record|records} not marked public (internal or restricted) or of "
        "sensitive categories (domestic violence) {n:plural:is|are} shown only as counts, never "
        "as points, ids or dates.",
        "{n} {n:plural:запись|записи|записей|записи}, не помеченные как публичные (внутренние "
        "или ограниченные) или чувствительных категорий (домашнее насилие), показаны только "
        "числом, никогда точкой, идентификатором или датой."),
    "prot.step.dates": ("Dates rounded down to the start of the {unit}.",
                        "Даты округлены вниз до начала {unit}."),
    "prot.step.counts_only": ("No individual records are exported: only counts per area.",
                              "Отдельные записи не выгружаются: только числа по участкам."),
    "prot.step.snapped": (
        "{n} incident {n:plural:location|locations} moved to the nearest settlement in the same "
        "country, enclave and disputed-area membership (never across the line).",
        "{n} {n:plural:место инцидента перенесено|места инцидентов перенесены|"
        "мест инцидентов перенесено|места инцидента перенесено} к ближайшему населённому "
        "пункту той же страны, того же анклава и той же спорной зоны (никогда через линию)."),
    "prot.step.snapped_contested": (
        "{n} of them {n:plural:has|have} a contested side: each was snapped within its own piece "
        "(same side of the line, same disputed-area membership) and keeps side_contested true.",
        "{n} из них {n:plural:имеет|имеют|имеют|имеют} оспариваемую сторону: каждое перенесено "
        "внутри своего участка (та же сторона линии, та же спорная зона) и сохраняет "
        "side_contested = true."),
    "prot.step.not_snapped": (
        "{n} {n:plural:incident|incidents} had no such settlement within {km:g} km and "
        "{n:plural:is|are} counted in hexagons instead.",
        "Для {n} {n:plural:инцидента|инцидентов|инцидентов|инцидента} такого населённого "
        "пункта в пределах {km:g} км нет: они учтены в шестиугольниках."),
    "prot.step.hex": (
        "{n} {n:plural:record|records} counted in {cells} hexagon "
        "{cells:plural:piece|pieces} of {km:g} km, each cut along the international line, "
        "enclave edges and disputed areas so a count stays on its own side; the point shown is "
        "inside that piece, not at any incident.",
        "{n} {n:plural:запись учтена|записи учтены|записей учтено|записи учтено} в {cells} "
        "{cells:plural:части|частях|частях|части} шестиугольников по {km:g} км, разрезанных по "
        "международной линии, границам анклавов и спорным зонам, чтобы число оставалось на "
        "своей стороне; показанная точка лежит внутри части, а не в месте инцидента."),
    "prot.step.hex_contested": (
        "{n} {n:plural:record|records} whose side is contested (the source, the village and the "
        "line disagree, or a zone both sides claim) {n:plural:is|are} counted in {cells} "
        "{cells:plural:cell|cells} marked side_contested, each with its count 'n contested' "
        "('{label}' under {min}); a cell's side is the line's, not a verdict, and no point was "
        "moved across the line.",
        "{n} {n:plural:запись|записи|записей|записи} с оспариваемой стороной (источник, село и "
        "линия расходятся или зону заявляют обе стороны) {n:plural:учтена|учтены|учтено|учтено} "
        "в {cells} {cells:plural:ячейке|ячейках|ячейках|ячейке} с отметкой side_contested, у "
        "каждой своё число «n contested» («{label}» при числе меньше {min}); сторона ячейки — "
        "по линии, это не вердикт, и ни одна точка не перенесена через линию."),
    "prot.step.periods": (
        "Periods of counts are whole months (whole quarters for counts under {min}): no count "
        "gives the exact date of an incident.",
        "Периоды чисел — целые месяцы (целые кварталы для чисел меньше {min}): ни одно число "
        "не даёт точной даты инцидента."),
    "prot.step.small": (
        "{n} {n:plural:count|counts} under {min} shown as '{label}' without the exact number, "
        "fatalities or injuries.",
        "{n} {n:plural:число|числа|чисел|числа} меньше {min} {n:plural:показано|показаны|"
        "показаны|показано} как «{label}», без точного значения, погибших и раненых."),
    "prot.step.pii": (
        "{label}: notes look like they contain personal data ({kinds}); the note was withheld.",
        "{label}: в примечании, похоже, есть личные данные ({kinds}); примечание не выгружено."),
    "prot.pii.email": ("email", "адрес эл. почты"),
    "prot.pii.phone": ("phone", "телефон"),
    "prot.pii.name_with_age": ("name with age", "имя с возрастом"),
    "prot.pii.passport_or_id": ("passport or id", "паспорт или удостоверение"),
    "prot.field.source_withheld": (
        "withheld for {n} {n:plural:record|records} from internal/Kobo/other sources.",
        "не выгружено для {n} {n:plural:записи|записей|записей|записи} из внутренних "
        "источников, Kobo и других."),
    "prot.field.border_band": ("replaced by a distance band (border_dist_band).",
                               "заменено полосой расстояния (border_dist_band)."),
    "prot.field.removed": ("removed.", "удалено."),
    "prot.field.notes_kept": (
        "kept for {n} {n:plural:record|records} marked shareable with no personal data found by "
        "the automatic scan (the scan cannot catch everything: read them before sharing); "
        "removed for all others.",
        "оставлено для {n} {n:plural:записи|записей|записей|записи}, помеченных как "
        "допускающие распространение, в которых автоматическая проверка не нашла личных данных "
        "(проверка находит не всё: прочтите их перед передачей); у остальных удалено."),
}
