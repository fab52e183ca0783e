"""Russian texts of the keyed messages of :mod:`incidents.messages` (rejection reasons, record
errors, checks and import warnings): key → template with the same ``{name}`` placeholders as
the English one.

:data:`WORDS` renders the params that are closed sets of English words (``axis_gen``: the
genitive form of the ``axis`` param); every other param (the user's cell values, lists of
allowed values, numbers) is inserted verbatim: user data is never translated or re-quoted.
"""
from __future__ import annotations

_AXIS = {"latitude": "широта", "longitude": "долгота"}

WORDS: dict[str, dict[str, str]] = {
    "what": {"deaths": "погибших", "injured people": "раненых", "people": "людей"},  # genitive
    "code": {"time precision": "точность времени", "geo precision": "точность места",
             "date_prec": "date_prec", "where_prec": "where_prec"},  # UCDP columns kept
    "axis": _AXIS,
    "axis_gen": {"latitude": "широты", "longitude": "долготы"},
    "found": _AXIS,
    "kind": {"point": "точки", "settlement": "населённого пункта"},  # genitive
    "scope": {"joint": "совместного", "parallel": "параллельного"},  # genitive, of an action
    "status": {"done": "выполненного", "stopped": "прекращённого"},  # genitive, of an action
    "source": {"curated": "курируемый список", "user": "места пользователя",  # gazetteer
               "geonames": "GeoNames", "learned": "выучено из импорта"},
    "detail": {  # the coordinate parser's own messages (incidents.importers.coords)
        "more than one hemisphere letter": "больше одной буквы полушария",
        "not a coordinate": "не координата",
        "only the last of degrees/minutes/seconds may have decimals":
            "дробным может быть только последнее из чисел градусы/минуты/секунды",
        "minutes and seconds must be below 60": "минуты и секунды должны быть меньше 60",
        "cannot split into latitude and longitude": "не удаётся разделить на широту и долготу",
    },
}

MESSAGES_RU: dict[str, str] = {
    "date.empty": "дата не указана",
    "date.end_before_start": "дата окончания раньше даты начала",
    "coord.lat_without_lon": "указана широта без долготы",
    "coord.lon_without_lat": "указана долгота без широты",
    "coord.outside_region": "точка ({lat}, {lon}) за пределами региона Кыргызстана и "
                            "Таджикистана (широта {lat_range}, долгота {lon_range}); проверьте "
                            "координаты или оставьте их пустыми, чтобы поместить строку по "
                            "названию места",
    "row.unplaceable": "нет ни координат, ни названия места: строку нельзя поместить на карту",
    "value.not_listed": "«{value}» – недопустимое значение; допустимые: {allowed}",
    "count.not_number": "«{value}» – не число {what}; укажите наименьшее сообщённое число "
                        "(например, «несколько» → 3) или оставьте ячейку пустой, если число "
                        "неизвестно",
    "count.negative": "«{value}» – отрицательное значение; число {what} – 0 или больше",
    "count.fraction": "«{value}» – не целое число {what}",
    "count.implausible": "«{value}» – неправдоподобное число {what}",
    "code.not_listed": "{code}: «{value}» – недопустимое значение; допустимые: {allowed}",
    "date.invalid_mdy": "«{value}» – недопустимая дата (месяц или день вне диапазона)",
    "date.invalid_dmy": "«{value}» – недопустимая дата в виде дд/мм/гггг (день или месяц вне "
                        "диапазона)",
    "date.invalid_day": "«{value}» – недопустимая дата (день или месяц вне диапазона)",
    "date.invalid_month": "«{value}» – недопустимый месяц",
    "date.year_only": "«{value}» – указан только год; нужен день или месяц",
    "date.excel_range": "«{value}» – число вне диапазона дат Excel (20000–80000)",
    "date.unrecognised": "«{value}» – дата не распознана; запишите её как дд.мм.гггг, "
                         "дд/мм/гггг, гггг-мм-дд или «16 мая 2025»",
    "date.future": "«{value}» – дата в будущем",
    "date.early": "«{value}» – дата раньше 1900 года",
    "coord.not_axis": "«{value}» – не {axis} ({detail})",
    "coord.wrong_column": "«{value}» – это {found}, но стоит в столбце {axis_gen}",
    "coord.not_finite": "«{value}» – не конечное значение {axis_gen}",
    "coord.out_of_range": "{axis} {value} вне диапазона {range}",
    "coord.not_pair": "«{value}» – не пара координат ({detail})",
    "coord.pair_out_of_range": "{axis} в «{value}» вне диапазона {range}",
    "ucdp.year_only": "указан только год (UCDP date_prec 5)",
    "ucdp.violence": "type_of_violence «{value}» – не 1, 2 или 3",
    "row.cells": "ячеек в строке: {n}, в заголовке: {width}; ячейка пропущена или разделитель "
                 "без кавычек разбивает ячейку, и значения попали бы не в те столбцы",
    "row.duplicate_id": "source_event_id {value} уже встречается с другим содержимым в строке "
                        "{row} этого файла",
    "row.hidden_record": "source_event_id {value} принадлежит сохранённой записи, которую ваша "
                         "роль не может читать или менять; эту строку может импортировать "
                         "администратор",
    "record.required": "обязательное значение не указано",
    "record.required_removed": "обязательное значение нельзя удалить",
    "record.unknown_field": "неизвестное поле",
    "record.managed": "задаётся базой данных, его нельзя указать вручную",
    "record.end_before": "раньше даты события (event_date)",
    "record.bad_type": "{value} – недопустимое значение типа {dtype}",
    "record.outside": "{value} вне диапазона {range}",
    "record.not_listed": "{value} – недопустимое значение; допустимые: {allowed}",
    "row.id_used": "идентификатор «{value}» уже занят",
    "row.missing_title": "не указано (нужно название)",
    "row.missing_one": "не указано (нужно хотя бы одно значение)",
    "row.missing_whose": "не указано (чьё это действие?)",
    "row.missing_settlement": "не указано (название населённого пункта)",
    "row.missing_start": "не указано (нужна дата начала)",
    "row.missing_subject": "не указано (какая пара или очаг?)",
    "row.unknown_values": "неизвестные значения {value}; допустимы: {allowed}",
    "row.not_one_of": "«{value}» – недопустимое значение; допустимые: {allowed}",
    "row.no_community": "в реестре нет сообщества «{value}»",
    "row.partner_needed": "для {scope} действия нужно сообщество другой стороны",
    "row.not_finite": "«{value}» — не конечное число",
    "row.not_count": "«{value}» — не число людей",
    "row.not_number": "«{value}» — не число",
    "row.line_wkt": "для линии нужен WKT LINESTRING (долгота широта, долгота широта, ...)",
    "row.line_outside": "линия выходит за пределы региона проекта",
    "row.needs_coordinates": "для {kind} нужны координаты",
    "row.outside": "({lon}, {lat}) — за пределами региона проекта",
    "row.radius": "нужен радиус в метрах больше 0 и не больше {value}",
    "row.not_date": "«{value}» — не дата ГГГГ-ММ-ДД",
    "row.end_before_start": "раньше даты начала",
    "row.needs_end": "для {status} действия нужна дата окончания",
    "row.not_bool": "«{value}» — не true/false",
    "row.say_why": "укажите, почему не сейчас",
    "row.unknown_columns": "неизвестные столбцы; ожидаются: {allowed}",
    "row.missing_columns": "нет обязательных столбцов",
    "row.id_repeated": "повторяющийся идентификатор «{value}»",
    "row.missing_name": "не указано (нужно название)",
    "row.unknown_categories": "неизвестные категории {value}; допустимы: {allowed}",
    # import warnings: codes (flags, CRS, encodings, column names) kept as written
    "warn.encoding": "определена кодировка: {encoding} (уверенность {confidence:.2f})",
    "warn.sheets": "прочитан только первый лист; остальные листы пропущены: {names}",
    "warn.duplicate_column": "повторяющееся имя столбца «{value}» (столбец {i}) заменено на "
                             "«{new}»; для сопоставления используется первый «{value}», копия "
                             "сохранена в «extra»",
    "warn.control_chars": "ячеек с символом NUL или другими управляющими символами: {n}; эти "
                          "символы удалены",
    "warn.chunks": "импортировано частями: {n} (до {rows} строк в каждой), одной транзакцией; "
                   "пакеты {batches}",
    "warn.zero_point": "координаты 0, 0 прочитаны как «нет точки» в строках {rows}",
    "warn.swapped": "широта и долгота были перепутаны и исправлены (точка с переставленными "
                    "координатами лежит в регионе анализа) в строках {rows}",
    "warn.restricted": "для чувствительных категорий установлен ограниченный доступ в строках "
                       "{rows}",
    "warn.categories_unknown": "категории, которых нет в таблице синонимов, импортированы как "
                               "«Другое» (флаг category_unmapped): {values}",
    "warn.categories_several": "значения, подходящие к нескольким категориям, импортированы "
                               "как «Другое» (флаг category_unmapped): {values}",
    "warn.no_category": "нет столбца категории: все строки импортированы как «Другое» (флаг "
                        "category_missing) для проверки",
    "warn.category_mapping": "сопоставление для поля «Категория» («{ignored}») не учтено: "
                             "строки {fmt} получают категорию из типов событий {fmt}",
    "warn.source_dataset": "строк с источником вне списка {known}: {n} ({given}); записаны как "
                           "«other», название сохранено в «extra» строки как "
                           "source_dataset_given",
    "warn.precision_ignored": "{col}: строк без координат с точностью не 1–3: {n}; точность не "
                              "учтена, место ищется по названию",
    "warn.unknown_country": "{col}: строк, где названа неизвестная программе страна: {n} "
                            "({given}); сторона по словам сообщившего оставлена пустой (ячейка "
                            "сохранена в строке)",
    "warn.month_first": "{col}: даты прочитаны как мм/дд/гггг: значений, верных только при "
                        "таком чтении: {n}",
    "warn.no_interaction": "нет кодов взаимодействия (inter1/inter2): силы государства "
                           "распознаны по названиям участников; событие «Battle» без них "
                           "остаётся в категории «Инцидент с пограничниками»",
    "warn.zero_fatalities": "строк с числом погибших 0: {n}; ACLED пишет 0 и тогда, когда "
                            "сведений о погибших нет; сохранено 0, как в ACLED",
    "warn.survey_date": "нет столбца с датой инцидента: дата опроса «{value}» взята как дата "
                        "события (флаг date_is_survey_date); проверьте её",
    "warn.layers": "прочитан только первый слой «{value}»; остальные слои: {names}",
    "warn.no_crs": "у слоя нет системы координат (CRS); координаты взяты как долгота/широта "
                   "(EPSG:4326)",
    "warn.reprojected": "перепроецировано из {crs} в EPSG:4326",
    "warn.reduced_to_point": "непточечных геометрий, сведённых к точке на фигуре: {n} (флаг "
                             "geometry_reduced_to_point)",
    "warn.demo": "синтетические демонстрационные данные: не реальные события",
    # incidents.accounts
    "account.bad_name": "имя учётной записи «{value}»: от 1 до 64 букв, цифр и знаков . _ @ - "
                        "(в начале буква или цифра)",
    "account.short_password": "пароль должен быть не короче {n} знаков",
    "account.long_password": "пароль должен быть короче {n} знаков и без нулевого символа",
    "account.bad_email": "«{value}» — не адрес электронной почты",
    "account.no_secret": "учётная запись «{name}»: задайте пароль или адрес электронной почты "
                         "для входа через организацию",
    "account.taken": "учётная запись «{name}»: имя или адрес электронной почты уже заняты",
    "account.unknown": "учётной записи «{value}» нет",
    "account.last_admin": "«{name}» — последний активный администратор: сначала назначьте "
                          "администратором другую учётную запись",
    # incidents.filters: parameter names as they are written in the page address
    "filter.not_date": "{param}: «{value}» — не дата (гггг-мм-дд); не учтено",
    "filter.not_listed": "{param}: «{value}» — не одно из значений {allowed}; не учтено",
    "filter.not_precision": "{param}: «{value}» — не 0 (место не найдено), 1, 2 или 3; "
                            "не учтено",
    "filter.not_severity": "{param}: «{value}» — не 0, 1 или 2; не учтено",
    "filter.not_flag": "{param}: «{value}» — не 1 и не 0; не учтено",
    "filter.dates_swapped": "{first} позже {second}; даты переставлены",
    # geo.learning: why a name is (not) learned; country codes (ISO3) and names as written
    "learn.bad_coordinates": "нет пригодной точки",
    "learn.outside_region": "точка за пределами региона проекта",
    "learn.no_name": "нет названия места",
    "learn.not_exact": "координаты неточные (geo_precision не 1)",
    "learn.known": "это {name} ({source})",
    "learn.side_unknown": "сторона точки неизвестна, а название совпадает с {name} ({iso3}, "
                          "{source}) в {km:.1f} км",
    "learn.across_line": "точка на стороне {country}; название совпадает с {name} ({iso3}, "
                         "{source}) в {km:.1f} км: выученное название никогда не спорит с "
                         "географией",
    "learn.inconsistent": "{n} {n:plural:точка|точки|точек|точки} с этим названием в пределах "
                          "{km:.0f} км {n:plural:лежит|лежат|лежат|лежат} по разные стороны "
                          "({sides})",
    "learn.pending": "{n} из {min} согласующихся строк, нужных для нового места (или "
                     "подтверждение проверяющего)",
    "learn.reviewer": "подтверждено проверяющим",
    "learn.reviewer_merged": "подтверждено проверяющим; {m} {m:plural:точка объединена|точки "
                             "объединены|точек объединены|точки объединены} в одно место",
    "learn.rows": "{n} {n:plural:согласующаяся строка|согласующиеся строки|согласующихся строк|"
                  "согласующейся строки}",
    "learn.rows_merged": "{n} {n:plural:согласующаяся строка|согласующиеся строки|"
                         "согласующихся строк|согласующейся строки}; {m} {m:plural:точка "
                         "объединена|точки объединены|точек объединены|точки объединены} в "
                         "одно место",
    # layer files a user uploads: file names, field names, codes and values as written
    "at.row_field": "{file}: строка {row}, поле «{field}»",
    "at.feature_field": "объект {feature}, поле «{field}»",
    "at.file_field": "файл, поле «{field}»",
    "places.problems": "{n} {n:plural:ошибка|ошибки|ошибок|ошибки} в файле мест:",
    "curated.problems": "{file}: {n} {n:plural:ошибка|ошибки|ошибок|ошибки} в курируемом "
                        "слое:",
    "problems.more": "... и ещё {n}",
    "file.unreadable": "не удаётся прочитать файл («{detail}»)",
    "file.empty": "файл пуст",
    "value.missing": "не указано",
    "column.missing": "нет обязательного столбца",
    "column.unknown": "неизвестный столбец; ожидаются: {expected}",
    "row.field_count": "{n} {n:plural:поле|поля|полей|поля}, а в заголовке {n_header}",
    "places.control": "содержит управляющий символ (например, NUL или ESC): удалите его",
    "places.no_name": "не указано: у каждого места должно быть название",
    "places.not_number": "«{value}» — не число (десятичные градусы, например 40.0604)",
    "places.lat_range": "широта {value} не между -90 и 90",
    "places.lon_range": "долгота {value} не между -180 и 180",
    "places.outside": "точка ({lat}, {lon}) за пределами региона проекта (широта {lat_range}, "
                      "долгота {lon_range})",
    "places.outside_swapped": "точка ({lat}, {lon}) за пределами региона проекта (широта "
                              "{lat_range}, долгота {lon_range}); похоже, широта и долгота "
                              "переставлены",
    "places.country_missing": "не указана (KGZ, TJK или UZB)",
    "places.country_unknown": "неизвестная страна «{value}» (пишите KGZ/TJK/UZB или "
                              "KG/TJ/UZ)",
    "curated.date_missing": "не указана (нужна дата ISO ГГГГ-ММ-ДД)",
    "curated.not_iso_date": "«{value}» — не дата ISO ГГГГ-ММ-ДД",
    "curated.future": "«{value}» — в будущем",
    "curated.geometry_type": "тип «{value}» не допускается (допустимы: {allowed})",
    "curated.malformed": "координаты записаны неверно («{detail}»)",
    "curated.empty_geometry": "пустая геометрия",
    "curated.invalid_geometry": "недопустимая геометрия («{detail}»)",
    "curated.outside": "координаты за пределами региона: долгота {lon_range}, широта "
                       "{lat_range}",
    "curated.outside_swapped": "координаты за пределами региона: долгота {lon_range}, широта "
                               "{lat_range} (похоже, широта и долгота переставлены)",
    "curated.not_feature": "не объект GeoJSON (Feature)",
    "curated.id_missing": "не указан (обязателен и уникален)",
    "curated.source_missing": "не указан (обязательно: кто или что это утверждает)",
    "curated.kind_mismatch": "«{value}» не соответствует геометрии {geometry} (ожидается "
                             "«{expected}»)",
    "curated.not_json": "не JSON в кодировке UTF-8 («{detail}»)",
    "curated.not_collection": "не набор объектов GeoJSON (FeatureCollection)",
    "curated.crs": "указана система координат «{value}»; нужны WGS84 долгота/широта",
    "curated.duplicate_id": "повтор «{value}» (впервые в объекте {first})",
    "cod.unreadable": "{file}: не читается как векторный файл («{detail}»)",
    "cod.schema": "{file}: не файл COD-AB второго уровня. Ожидаются столбцы одной из схем "
                  "({expected}); найдены: {found}",
    "cod.country_codes": "{file}: в поле ADM0_PCODE неподдерживаемые или пустые коды стран "
                         "{codes}; поддерживаются: {supported}",
    # incidents.store_edits
    "side.need_reason": "для стороны, выбранной проверяющим, нужна причина",
    # incidents.importers: the file as a whole (file names, formats and values as written)
    "import.empty": "{file}: файл пуст",
    "import.header_only": "{file}: только строка заголовка (строка {row}), строк данных нет",
    "import.not_found": "{file}: файл не найден",
    "import.unknown_format": "неизвестный формат «{value}»; укажите «auto» или один из: "
                             "{allowed}",
    "import.container_format": "{file}: файл {container} нельзя прочитать как «{value}»",
    "import.mapping_unknown": "{file}: в соответствии столбцов неизвестные поля {unknown}; "
                              "известные поля: {known}",
    "import.mapping_missing": "{file}: столбцов {missing} нет в файле; столбцы файла: "
                              "{columns}",
    "import.not_table": "{file}: это файл {kind}, а не таблица инцидентов; импортируйте CSV, "
                        "XLSX, GeoJSON или GeoPackage (в QGIS или Google Earth сначала "
                        "сохраните слой как GeoJSON или CSV)",
    "import.xls": "{file}: старые книги Excel (.xls) не поддерживаются; сохраните файл как "
                  ".xlsx или CSV",
    "import.utf16": "{file}: текст UTF-16 не читается («{detail}»)",
    "import.encoding": "{file}: кодировка не распознана (проверены UTF-8, UTF-16, {tried}); "
                       "сохраните файл как «CSV UTF-8» и попробуйте снова",
    "import.encoding_unsure": "{file}: кодировка не распознана (проверены UTF-8, UTF-16, "
                              "{tried}); сохраните файл как «CSV UTF-8» и попробуйте снова "
                              "(вероятнее всего {encoding}, уверенность {confidence:.2f})",
    "import.encoding_fails": "{file}: кодировка не распознана (проверены UTF-8, UTF-16, "
                             "{tried}); сохраните файл как «CSV UTF-8» и попробуйте снова "
                             "(в кодировке {encoding} ошибка на байте {byte})",
    "import.encoding_tie": "{file}: не удаётся определить кодировку, буквы читаются "
                           "по-разному ({readings}); сохраните файл как «CSV UTF-8» и "
                           "попробуйте снова",
    "import.binary": "{file}: двоичные данные, а не текстовая таблица",
    "import.no_date": "{file}: не найден столбец даты (искались заголовки вроде «date», "
                      "«Дата», «event_date»); столбцы файла: {columns}. Укажите "
                      "соответствие столбцов вручную",
    "import.kobo_no_date": "{file}: не найден столбец даты (вопрос о дате инцидента или "
                           "поля KoBo «today»/«start»); столбцы файла: {columns}",
    "import.no_column": "{file}: файл {label} без столбца «{column}»",
    "import.not_xlsx": "{file}: не книга XLSX (старые файлы .xls сохраните как .xlsx)",
    "import.bad_xlsx": "{file}: не книга XLSX («{detail}»)",
    "import.unreadable_xlsx": "{file}: книга XLSX не читается («{detail}»)",
    "import.xlsx_expands": "{file}: книга в распакованном виде занимает {mb:.0f} МБ, больше "
                           "предела {limit} МБ (в сжатом виде {compressed:.1f} МБ); разделите "
                           "её на файлы поменьше или сохраните лист как CSV",
    "import.too_many_rows": "{file}: больше {limit} строк данных (предел для одного файла); "
                            "разделите его на файлы поменьше",
    "import.too_many_cells": "{file}: {rows} строк × {columns} столбцов — больше предела в "
                             "{limit} ячеек; удалите ненужные столбцы или разделите файл",
    "import.long_cell": "{file}: ячейка, которая заканчивается на строке {line} или позже, "
                        "длиннее {limit} символов (предел для одной ячейки); сократите её "
                        "(а если такой длинной ячейки нет, там открыта и не закрыта кавычка)",
    "import.open_quote": "{file}: кавычка, открытая в ячейке, не закрыта: файл кончается "
                         "внутри неё (строка {line}); закройте или удалите кавычку",
    "import.bad_quoting": "{file}: кавычки CSV нарушены в строке {line} («{detail}»)",
    "import.bad_vector": "{file}: файл {fmt} не читается («{detail}»)",
    "import.no_features": "{file}: в слое нет объектов",
    # geo.reference_line: a user's reference line file
    "line.bad_date": "дата линии «{value}» не в виде гггг, гггг-мм или гггг-мм-дд",
    "line.no_name": "у линии должно быть название (например, «Приложение к договору, "
                    "оцифровано»)",
    "line.not_geojson": "не файл GeoJSON («{detail}»)",
    "line.no_features": "нужен набор объектов GeoJSON (FeatureCollection) с объектами",
    "line.unreadable_geometry": "объект {feature}: геометрия не читается",
    "line.polygon_side": "объект {feature}: у многоугольника должно быть свойство side = KG, "
                         "TJ или UZ",
    "line.no_area": "объект {feature}: многоугольник не охватывает площади",
    "line.line_side": "объект {feature}: у линии должно быть свойство left_side = KG или TJ",
    "line.kind": "объект {feature}: принимаются только многоугольники и линии",
}
