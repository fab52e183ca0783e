"""Strings of the data pages (Incidents, Communities, Data & sources): key → (English,
Russian); merged into :data:`i18n.strings.STRINGS`."""
import settings

PAGE_STRINGS: dict[str, tuple[str, str]] = {
    # incidents page
    "inc.title": ("Incidents", "Инциденты"),
    "inc.table": ("Filtered incidents", "Отфильтрованные инциденты"),
    "inc.import": ("Import a file", "Импорт файла"),
    "inc.upload": ("ACLED / UCDP / KoBo CSV or XLSX, a table, GeoJSON or GeoPackage",
                   "CSV/XLSX ACLED / UCDP / KoBo, таблица, GeoJSON или GeoPackage"),
    "inc.format": ("Detected format", "Определённый формат"),
    "inc.mapping": ("Column mapping (check before importing)",
                    "Сопоставление столбцов (проверьте перед импортом)"),
    "inc.rows_read": ("{n} rows", "строк: {n}"),
    "inc.read_counts": ("{ok} rows read and ready to check against the store; {bad} rejected "
                        "while reading (the report lists each with its reason).",
                        "Прочитано и готово к проверке строк: {ok}; отклонено при чтении: "
                        "{bad} (в отчёте указана причина для каждой)."),
    "inc.mapping.schema": ("Field", "Поле"),
    "inc.mapping.file": ("Column in the file", "Столбец в файле"),
    "inc.preview": ("First rows as read", "Первые строки"),
    "inc.reread": ("Read the file again with this mapping",
                   "Прочитать файл заново с этим сопоставлением"),
    "inc.read": ("Read this file", "Прочитать файл"),
    "inc.confirm": ("Import these rows", "Импортировать строки"),
    "inc.progress": ("Importing…", "Импорт…"),
    "inc.stage.check": ("Checking the rows…", "Проверка строк…"),
    "inc.stage.geocode": ("Finding places by name…", "Поиск мест по названию…"),
    "inc.stage.border": ("Placing the incidents against the border…",
                         "Определение положения относительно границы…"),
    "inc.stage.write": ("Writing to the store…", "Запись в хранилище…"),
    "inc.stage.done": ("Imported.", "Импорт завершён."),
    "inc.report": ("Import report", "Отчёт об импорте"),
    "inc.rejected": ("Rejected rows", "Отклонённые строки"),
    "inc.rejected_dl": ("Download rejected rows (CSV)", "Скачать отклонённые строки (CSV)"),
    "inc.rejected_fix": ("The download keeps each row's original cells under their own "
                         "column names: fix the cells and import the file again.",
                         "В файле для скачивания у каждой строки исходные ячейки под своими "
                         "названиями столбцов: исправьте ячейки и импортируйте файл снова."),
    "rej.row_number": ("Row", "Строка"),
    "rej.field": ("Field", "Поле"),
    "rej.reason": ("Reason", "Причина"),
    "upload.help": ("Drag a file onto the box or press its Upload button; at most {mb} MB "
                    "per file; types: {types}.",
                    "Перетащите файл в рамку или нажмите в ней кнопку загрузки; не более {mb} МБ "
                    "на файл; типы: {types}."),
    "upload.beside": ("The box's own words are Streamlit's: drag a file onto it or press "
                      "Upload; at most {mb} MB per file ({types}).",
                      "Надписи в рамке («Drag and drop file here», «Upload», «{mb}MB per "
                      "file») выводит Streamlit по-английски: перетащите файл в рамку или "
                      "нажмите «Upload», чтобы выбрать его; не более {mb} МБ на файл "
                      "({types})."),
    "data.layers_quoted": ("Names of sources, packages and licences and the attribution lines "
                           "are quoted as their publishers write them.",
                           "Названия источников, пакетов и лицензий и строки атрибуции "
                           "приведены так, как их пишут издатели (по-английски)."),
    "rej.raw": ("In the file: {column}", "В файле: {column}"),
    "fmt.acled": ("ACLED export", "выгрузка ACLED"),
    "fmt.ucdp": ("UCDP GED export", "выгрузка UCDP GED"),
    "fmt.kobo": ("KoBo / ODK survey", "опрос KoBo / ODK"),
    "fmt.table": ("table (columns matched by name)", "таблица (столбцы сопоставлены по имени)"),
    "fmt.geojson": ("GeoJSON file", "файл GeoJSON"),
    "fmt.gpkg": ("GeoPackage file", "файл GeoPackage"),
    "inc.cat_rule": ("Value in the file → category", "Значение в файле → категория"),
    "inc.report_dl": ("Download full report (JSON)", "Скачать полный отчёт (JSON)"),
    "inc.read_error": ("The file could not be read: {err}", "Файл не удалось прочитать: {err}"),
    "inc.add": ("Add an incident", "Добавить инцидент"),
    "inc.edit": ("Edit an incident", "Редактировать инцидент"),
    "inc.edit_id": ("Incident to edit", "Инцидент для редактирования"),
    "inc.show_on_map": ("Show {id} on the map", "Показать {id} на карте"),
    "inc.edit_this": ("Edit {id}", "Редактировать {id}"),
    "inc.choose_row": ("Choose a row (left edge of the table) to show that incident on the "
                       "map or to edit it.",
                       "Выберите строку (левый край таблицы), чтобы показать инцидент на "
                       "карте или отредактировать его."),
    "inc.loc_mode": ("Location", "Местоположение"),
    "inc.loc.keep": ("Keep where it is", "Оставить как есть"),
    "inc.loc.click": ("Click on the map", "Щелчок по карте"),
    "inc.loc.name": ("Place name (gazetteer)", "Название места (справочник)"),
    "inc.loc.coords": ("Coordinates", "Координаты"),
    "inc.clicked_at": ("Map click: {lat}, {lon}", "Щелчок по карте: {lat}, {lon}"),
    "inc.click_first": ("Click the map above to set the location.",
                        "Щёлкните по карте выше, чтобы задать место."),
    "inc.place": ("Place name", "Название места"),
    "inc.find": ("Find", "Найти"),
    "inc.candidates": ("Candidates", "Варианты"),
    "inc.not_found": ("No place of that name in the gazetteer.",
                      "В справочнике нет места с таким названием."),
    "inc.far": ("Far from the border — check: the only place of that name is more than "
                "50 km from the Kyrgyz–Tajik line.",
                "Далеко от границы — проверьте: единственное место с таким названием "
                "находится более чем в 50 км от кыргызско-таджикской линии."),
    "inc.ambiguous": ("Several places share this name: choose by district.",
                      "Несколько мест с таким названием: выберите по району."),
    "inc.lat": ("Latitude", "Широта"),
    "inc.lon": ("Longitude", "Долгота"),
    "inc.date": ("Date", "Дата"),
    "inc.category": ("Category", "Категория"),
    "inc.fatalities": ("Killed (empty = unknown)", "Погибшие (пусто = неизвестно)"),
    "inc.injuries": ("Injured (empty = unknown)", "Раненые (пусто = неизвестно)"),
    "inc.location_text": ("Place as reported", "Место (как сообщено)"),
    "inc.notes": ("Notes", "Заметки"),
    "inc.source": ("Source", "Источник"),
    "inc.precision": ("Location precision", "Точность места"),
    "inc.sensitivity": ("Sensitivity", "Конфиденциальность"),
    "inc.verification": ("Verification status", "Статус проверки"),
    "inc.user": ("Your name (for the edit history)", "Ваше имя (для истории правок)"),
    "inc.save": ("Save", "Сохранить"),
    "inc.saved": ("Saved {id}.", "Сохранено: {id}."),
    "inc.history": ("Edit history", "История правок"),
    "inc.no_history": ("No edits recorded.", "Правок нет."),
    "dl.brief_no_public": ("This hotspot rests on records that are not public: it has no "
                           "public brief (choose the internal mode if you may share it "
                           "internally).",
                           "Этот очаг основан на непубличных записях: публичной справки по "
                           "нему нет (выберите внутренний режим, если её можно передать "
                           "внутри организации)."),
    "app.error": ("Something went wrong and this page could not be completed. Nothing you "
                  "entered was shown to anyone. Reference for the administrator: {ref}",
                  "Произошла ошибка, страницу не удалось показать полностью. Введённые "
                  "данные никому не показаны. Номер для администратора: {ref}"),
    "inc.history_withheld": ("(changed; earlier value not shown)",
                             "(изменено; прежнее значение не показывается)"),
    "inc.quarantine": ("Quarantined rows from earlier imports", "Отложенные строки импортов"),
    "inc.err.required": ("Required.", "Обязательное поле."),
    "inc.err.lat": ("Latitude must be between -90 and 90.", "Широта: от -90 до 90."),
    "inc.err.lon": ("Longitude must be between -180 and 180.", "Долгота: от -180 до 180."),
    "inc.err.count": ("A whole number ≥ 0, or empty for unknown.",
                      "Целое число ≥ 0 или пусто, если неизвестно."),
    "inc.err.user": ("Say who makes the change.", "Укажите, кто вносит правку."),
    "inc.err.location": ("Choose a location.", "Укажите местоположение."),
    "inc.demo_note": ("Demo records are synthetic; edits to them are allowed for trying the "
                      "app.", "Демо-записи синтетические; их можно править для пробы."),
    # communities page
    "com.title": ("Communities and mechanisms", "Сообщества и механизмы"),
    "com.table": ("Registry", "Реестр"),
    "com.add": ("Add or edit a community", "Добавить или изменить сообщество"),
    "com.name_en": ("Name (Latin)", "Название (латиница)"),
    "com.name_ru": ("Name (Russian)", "Название (по-русски)"),
    "com.country": ("Country", "Страна"),
    "com.type": ("Mechanism type", "Тип механизма"),
    "com.status": ("Status", "Статус"),
    "com.priorities": ("Prioritised problems", "Приоритетные проблемы"),
    "com.csv": ("The registry as a spreadsheet (CSV)", "Реестр как таблица (CSV)"),
    "com.csv_help": ("Download the registry, or add communities from a CSV with the same "
                     "columns (as `python -m analysis registry --import` does). Rows with a "
                     "problem are not added: each is listed with its reason.",
                     "Скачайте реестр или добавьте сообщества из CSV с теми же столбцами "
                     "(как `python -m analysis registry --import`). Строки с ошибками не "
                     "добавляются: для каждой указана причина."),
    "com.csv_dl": ("Download the registry (CSV)", "Скачать реестр (CSV)"),
    "com.csv_upload": ("Registry CSV to add", "CSV реестра для добавления"),
    "com.csv_import": ("Add these communities", "Добавить эти сообщества"),
    "com.csv_done": ("{n} {n:plural:community|communities} added; {bad} "
                     "{bad:plural:row|rows} rejected.",
                     "Добавлено сообществ: {n}; отклонено строк: {bad}."),
    "com.illustrative": ("Entries marked illustrative are demo examples, not real groups.",
                         "Записи с пометкой «иллюстративно» – демо-примеры, не реальные группы."),
    "com.unavailable": ("The registry is not available yet: {err}",
                        "Реестр пока недоступен: {err}"),
    "com.new_entry": ("(new entry)", "(новая запись)"),
    "com.err.name": ("A name (Latin) is required.", "Нужно название (латиницей)."),
    "com.edit_id": ("Community to edit (empty = new)", "Сообщество (пусто = новое)"),
    # data page
    "data.title": ("Data and sources", "Данные и источники"),
    "data.layers": ("Layers and their sources", "Слои и их источники"),
    "data.layers_help": ("Shipped layers (regenerated from registry packages by the commands "
                         "in the README), then the files you supplied.",
                         "Поставляемые слои (пересобираются из пакетов реестров командами из "
                         "README), затем файлы, которые загрузили вы."),
    "prov.user_source": ("user-supplied", "предоставлен пользователем"),
    "prov.gazetteer_attribution": ("each row cites its page (source_title, source_url); "
                                   "data/gazetteer/SOURCES.md",
                                   "каждая строка ссылается на свою страницу (source_title, "
                                   "source_url); data/gazetteer/SOURCES.md"),
    "prov.line_changes": ("answers side_line where it covers a point; elsewhere {shipped}",
                          "даёт side_line там, где покрывает точку; в остальных местах — "
                          "{shipped}"),
    "prov.user_licence": ("as stated by its supplier", "как указал поставщик"),
    "data.gaps": ("Known gaps", "Известные пробелы"),
    "data.layer_full": ("Every field of one layer, in full",
                        "Все поля одного слоя полностью"),
    "data.layer_pick": ("Layer file", "Файл слоя"),
    "data.cod_help": (settings.COD_AB_DOWNLOAD_HELP,
                      "Официальные административные границы (COD-AB) опубликованы на "
                      "сайте «Humanitarian Data Exchange» (data.humdata.org): найдите "
                      "«Kyrgyzstan - Subnational Administrative Boundaries» и "
                      "«Tajikistan - Subnational Administrative Boundaries», скачайте GeoJSON "
                      "уровня admin-2 и загрузите его на странице «Данные и источники» или "
                      "укажите в KGTJ_COD_FILES."),
    "data.cod": ("Official administrative boundaries (COD-AB)",
                 "Официальные административные границы (COD-AB)"),
    "data.cod_loaded": ("{n} {n:plural:district|districts} loaded from {files}.",
                        "Загружено районов: {n} из {files}."),
    "data.cod_none": ("No COD-AB file loaded: the map works without districts.",
                      "Файлы COD-AB не загружены: карта работает без районов."),
    "data.cod_upload": ("Upload a COD-AB admin-2 GeoJSON", "Загрузить GeoJSON COD-AB (уровень 2)"),
    "data.curated": ("Curated disputed segments and sites", "Курируемые спорные участки и объекты"),
    "data.curated_upload": ("Upload a curated GeoJSON", "Загрузить курируемый GeoJSON"),
    "data.curated_dl": ("Download the curated layer", "Скачать курируемый слой"),
    "data.curated_example": ("Download the example file", "Скачать пример файла"),
    "data.places": ("Gazetteer places file", "Файл населённых пунктов"),
    "data.places_upload": ("Upload a places CSV (name, alt_names, lat, lon, country, admin)",
                           "Загрузить CSV мест (столбцы `name`, `alt_names`, `lat`, `lon`, "
                           "`country`, `admin`)"),
    "data.saved": ("Saved {name}; the layers were reloaded.",
                   "Файл {name} сохранён; слои перезагружены."),
    "data.invalid": ("The file was not saved: {err}", "Файл не сохранён: {err}"),
    "data.check_save": ("Check and save this file", "Проверить и сохранить файл"),
    "data.store": ("Incident store", "Хранилище инцидентов"),
    "data.vendor": ("Map software (served locally, works offline)",
                    "Картографические библиотеки (локально, офлайн)"),
    "data.remove_demo": ("Remove the demo incidents and the illustrative communities",
                         "Удалить демо-инциденты и иллюстративные сообщества"),
    "data.demo_removed": ("Removed {n} demo {n:plural:incident|incidents} and {n_reg} "
                          "illustrative {n_reg:plural:community|communities}; "
                          "the demo is not loaded again.",
                          "Удалено демо-инцидентов: {n}, иллюстративных сообществ: {n_reg}; "
                          "демо больше не загружается."),
}
