"""Russian templates of the import warnings (incidents.importers: encoding, sheets, columns,
coordinates, categories, dates, sides, layers), rendered by :func:`i18n.reasons_ru.render_ru`:
(English with ``{name}`` placeholders, Russian with the same placeholders). A placeholder
appears once in a template (a repeated value gets a name of its own). Codes (flags, CRS,
encodings, column names) and the user's values are carried over verbatim."""
from __future__ import annotations

WARNING_TEMPLATES: tuple[tuple[str, str], ...] = (
    # incidents.importers.source
    ("encoding detected: {encoding} (confidence {confidence})",
     "определена кодировка: {encoding} (уверенность {confidence})"),
    ("only the first sheet was read; other sheets ignored: {names}",
     "прочитан только первый лист; остальные листы пропущены: {names}"),
    ("duplicate column name '{value}' (column {i}) renamed to '{new}'; the first '{first}' is "
     "used for mapping, the copy is kept in 'extra'",
     "повторяющееся имя столбца «{value}» (столбец {i}) заменено на «{new}»; для "
     "сопоставления используется первый «{first}», копия сохранена в «extra»"),
    ("{n} cell(s) held NUL or other control characters; they were removed",
     "ячеек с символом NUL или другими управляющими символами: {n}; эти символы удалены"),
    # incidents.importers.assemble
    ("coordinates 0, 0 read as 'no point' in rows {rows}",
     "координаты 0, 0 прочитаны как «нет точки» в строках {rows}"),
    ("latitude and longitude were swapped and corrected (the swapped point lies in the study "
     "region) in rows {rows}",
     "широта и долгота были перепутаны и исправлены (точка с переставленными координатами "
     "лежит в регионе анализа) в строках {rows}"),
    ("sensitivity set to 'restricted' for sensitive categories in rows {rows}",
     "для чувствительных категорий установлен ограниченный доступ в строках {rows}"),
    # incidents.importers.categories, table, acled, kobo
    ("categories not in the synonym table, imported as 'other' (flag category_unmapped): "
     "{values}",
     "категории, которых нет в таблице синонимов, импортированы как «Другое» (флаг "
     "category_unmapped): {values}"),
    ("categories matching several categories, imported as 'other' (flag category_unmapped): "
     "{values}",
     "значения, подходящие к нескольким категориям, импортированы как «Другое» (флаг "
     "category_unmapped): {values}"),
    ("no category column: every row imported as 'other' (flag category_missing) for review",
     "нет столбца категории: все строки импортированы как «Другое» (флаг category_missing) "
     "для проверки"),
    ("mapping for 'category' ('{ignored}') ignored: {fmt} rows get their category from the "
     "{fmt2} event types",
     "сопоставление для поля «Категория» («{ignored}») не учтено: строки {fmt} получают "
     "категорию из типов событий {fmt2}"),
    ("{n} row(s) name a source dataset outside {known} ({given}): stored as 'other', the name "
     "kept in the row's extra as source_dataset_given",
     "строк с источником вне списка {known}: {n} ({given}); записаны как «other», название "
     "сохранено в «extra» строки как source_dataset_given"),
    ("{col}: {n} row(s) without coordinates have a precision that is not 1–3; ignored, the "
     "place name is geocoded instead",
     "{col}: строк без координат с точностью не 1–3: {n}; точность не учтена, место ищется "
     "по названию"),
    ("{col}: {n} row(s) name no country this program knows ({given}); their reported side "
     "is left empty (the cell stays in the row)",
     "{col}: строк, где названа неизвестная программе страна: {n} ({given}); сторона по "
     "словам сообщившего оставлена пустой (ячейка сохранена в строке)"),
    ("no interaction codes (inter1/inter2): state forces recognised by actor names; a Battle "
     "without them stays border_guard_incident",
     "нет кодов взаимодействия (inter1/inter2): силы государства распознаны по названиям "
     "участников; событие «Battle» без них остаётся в категории «Инцидент с "
     "пограничниками»"),
    ("{n} row(s) have fatalities 0, which ACLED also uses for 'no information on "
     "fatalities'; kept as 0 as ACLED gives it",
     "строк с числом погибших 0: {n}; ACLED пишет 0 и тогда, когда сведений о погибших нет; "
     "сохранено 0, как в ACLED"),
    ("no incident-date column: the survey date '{value}' is used as event date (flag "
     "date_is_survey_date); check it",
     "нет столбца с датой инцидента: дата опроса «{value}» взята как дата события (флаг "
     "date_is_survey_date); проверьте её"),
    # incidents.importers.dates
    ("dates read as mm/dd/yyyy: {n} value(s) are valid only that way",
     "даты прочитаны как мм/дд/гггг: значений, верных только при таком чтении: {n}"),
    # incidents.importers.vector
    ("only the first layer '{value}' was read; other layers: {names}",
     "прочитан только первый слой «{value}»; остальные слои: {names}"),
    ("the layer has no CRS; coordinates taken as lon/lat (EPSG:4326)",
     "у слоя нет системы координат (CRS); координаты взяты как долгота/широта (EPSG:4326)"),
    ("reprojected from {crs} to EPSG:4326", "перепроецировано из {crs} в EPSG:4326"),
    ("{n} non-point geometries reduced to a point on the shape (flag "
     "geometry_reduced_to_point)",
     "непточечных геометрий, сведённых к точке на фигуре: {n} (флаг "
     "geometry_reduced_to_point)"),
)
