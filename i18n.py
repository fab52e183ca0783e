"""Every user-facing string of the app and the web map, in English and Russian.

Pure (no Streamlit import), so the map builders can use the same words. ``t(key, lang)``
returns the text; ``{name}`` placeholders are filled from keyword arguments. A missing
Russian string falls back to English; a missing key raises (caught by the tests).
"""
from __future__ import annotations

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


def disclaimer(lang: str = "en", as_of: str | None = None) -> str:
    """The neutral disclaimer in ``lang`` with the status-as-of date (or "the date stated")."""
    lang = lang if lang in DISCLAIMER_TEMPLATE else "en"
    return DISCLAIMER_TEMPLATE[lang].format(as_of=as_of or _AS_STATED[lang])


DISCLAIMER = {lang: disclaimer(lang) for lang in LANGS}

_S: dict[str, tuple[str, str]] = {
    # app frame
    "app.title": ("KG–TJ border incidents", "Инциденты на границе КР–ТДж"),
    "app.subtitle": ("Incidents, hotspots and cross-border community pairing on the "
                     "Kyrgyz–Tajik border",
                     "Инциденты, очаги напряжённости и трансграничные пары сообществ на "
                     "кыргызско-таджикской границе"),
    "nav.map": ("Map", "Карта"),
    "nav.hotspots": ("Hotspots & pairing", "Очаги и пары"),
    "nav.incidents": ("Incidents", "Инциденты"),
    "nav.communities": ("Communities", "Сообщества"),
    "nav.data": ("Data & sources", "Данные и источники"),
    "lang.label": ("Language", "Язык"),
    "demo.banner": ("SYNTHETIC DEMO data – not real events. Import your own incidents on the "
                    "Incidents page.",
                    "СИНТЕТИЧЕСКИЕ ДЕМО-данные – не реальные события. Загрузите свои "
                    "инциденты на странице «Инциденты»."),
    "demo.short": ("SYNTHETIC DEMO – not real events", "СИНТЕТИЧЕСКОЕ ДЕМО – не реальные события"),
    "disclaimer.title": ("Disclaimer", "Оговорка"),
    # filters
    "flt.header": ("Filters (apply to every page)", "Фильтры (для всех страниц)"),
    "flt.dates": ("Date range", "Период"),
    "flt.categories": ("Categories", "Категории"),
    "flt.sides": ("Side", "Сторона"),
    "flt.min_severity": ("Severity", "Тяжесть"),
    "flt.sev0": ("any", "любая"),
    "flt.sev1": ("injuries or deaths reported", "есть раненые или погибшие"),
    "flt.sev2": ("deaths reported", "есть погибшие"),
    "flt.unresolved": ("place unresolved", "место не установлено"),
    "flt.precision": ("Location precision", "Точность места"),
    "flt.verification": ("Verification", "Проверка"),
    "flt.sensitivity": ("Sensitivity", "Конфиденциальность"),
    "flt.text": ("Search text (place, notes, actors)", "Поиск (место, заметки, участники)"),
    "flt.reset": ("Reset filters", "Сбросить фильтры"),
    "flt.shown": ("{n} of {total} incidents match the filters",
                  "{n} из {total} инцидентов соответствуют фильтрам"),
    "flt.link": ("The page address holds these filters: copy it to share this view.",
                 "Адрес страницы содержит эти фильтры: скопируйте его, чтобы поделиться видом."),
    "flt.all": ("all", "все"),
    # map page
    "map.title": ("Border map", "Карта границы"),
    "map.basemap": ("Basemap", "Подложка"),
    "map.basemap.none": ("No basemap (works offline)", "Без подложки (работает офлайн)"),
    "map.basemap.osm": ("OpenStreetMap tiles (needs internet)",
                        "Тайлы OpenStreetMap (нужен интернет)"),
    "map.month": ("Month shown (playback)", "Показанный месяц (воспроизведение)"),
    "map.month.all": ("All months", "Все месяцы"),
    "map.play": ("Play months", "Проиграть по месяцам"),
    "map.play_help": ("Steps through the months one by one; the map shows that month only.",
                      "Показывает месяцы по очереди; на карте – только выбранный месяц."),
    "map.timeline": ("Incidents per month by category", "Инциденты по месяцам и категориям"),
    "map.clicked": ("Selected incident", "Выбранный инцидент"),
    "map.click_hint": ("Click an incident symbol for its details.",
                       "Нажмите на символ инцидента, чтобы увидеть подробности."),
    "map.count": ("Incidents on the map", "Инцидентов на карте"),
    "map.layers_hint": ("Switch layers with the layer button (top right of the map).",
                        "Слои включаются кнопкой слоёв (справа вверху на карте)."),
    "map.download_html": ("Download offline map (HTML)", "Скачать офлайн-карту (HTML)"),
    "rep.rows_read": ("Rows read", "Прочитано строк"),
    "rep.inserted": ("Inserted", "Добавлено"),
    "rep.updated": ("Updated", "Обновлено"),
    "rep.duplicates": ("Duplicates (already in the store)", "Дубликаты (уже в базе)"),
    "rep.rejected": ("Rejected (kept in quarantine)", "Отклонено (сохранено в карантине)"),
    "rep.geocoded": ("Geocoded by place name", "Привязано по названию места"),
    "rep.unresolved": ("Place not resolved (review queue)",
                       "Место не определено (очередь проверки)"),
    "rep.outside": ("Outside the study area (kept, flagged)",
                    "Вне зоны анализа (сохранены, отмечены)"),
    "rep.possible_dups": ("Possible duplicates across sources (flagged)",
                          "Возможные дубликаты из разных источников (отмечены)"),
    "rep.count": ("Count", "Количество"),
    "rep.full_text": ("Full report (text)", "Полный отчёт (текст)"),
    "prot.internal": ("Protection: INTERNAL – exact locations and dates as stored; for "
                      "authorised staff only, do not share.",
                      "Защита: ВНУТРЕННИЙ режим – точные места и даты как в базе; только для "
                      "уполномоченных сотрудников, не распространять."),
    "prot.public.hex": ("Protection: PUBLIC – incidents counted in {km} km hexagons cut along "
                        "the line, enclave edges and disputed areas; cells with fewer than 3 "
                        "shown as '1–2'{dates}; names, notes and other personal fields removed.",
                        "Защита: ПУБЛИЧНЫЙ режим – инциденты подсчитаны в гексах {km} км, "
                        "разрезанных по линии границы, краям анклавов и спорным участкам; "
                        "ячейки меньше 3 показаны как «1–2»{dates}; имена, примечания и другие "
                        "личные поля удалены."),
    "prot.public.settlement": ("Protection: PUBLIC – locations moved to the nearest settlement "
                               "on the same side of the line{dates}; names, notes and other "
                               "personal fields removed.",
                               "Защита: ПУБЛИЧНЫЙ режим – места перенесены в ближайший "
                               "населённый пункт на той же стороне линии{dates}; имена, "
                               "примечания и другие личные поля удалены."),
    "prot.dates": ("; dates rounded to the {unit}", "; даты округлены до {unit}"),
    "prot.unit.week": ("week", "недели"),
    "prot.unit.month": ("month", "месяца"),
    "map.show_analysis": ("Show hotspots and pairs", "Показать очаги и пары"),
    "map.show_analysis_help": ("Adds hotspot clusters, Gi* hex cells, communities and recommended "
                               "pairs for the current filters (computed once per filter, about "
                               "a second). The Hotspots & pairing page always shows them.",
                               "Добавляет кластеры очагов, гексы Gi*, сообщества и рекомендуемые "
                               "пары для текущих фильтров (считается один раз на фильтр, около "
                               "секунды). Страница «Очаги и пары» показывает их всегда."),
    "dl.title": ("Print and share", "Печать и передача"),
    "dl.mode": ("Protection", "Защита"),
    "dl.mode.public": ("Public: generalised locations, no personal fields",
                       "Публичный: обобщённые места, без личных данных"),
    "dl.mode.internal": ("Internal: as stored – do not share",
                         "Внутренний: как в базе – не распространять"),
    "dl.paper": ("Paper", "Формат"),
    "dl.orientation": ("Orientation", "Ориентация"),
    "dl.landscape": ("landscape", "альбомная"),
    "dl.portrait": ("portrait", "книжная"),
    "dl.format": ("File", "Файл"),
    "dl.labels": ("Place labels", "Подписи населённых пунктов"),
    "dl.map_title": ("Map title", "Заголовок карты"),
    "dl.prepare_print": ("Prepare print map", "Подготовить карту для печати"),
    "dl.prepare_brief": ("Prepare hotspot brief (PDF)", "Подготовить справку по очагу (PDF)"),
    "dl.prepare_html": ("Prepare offline map (HTML)", "Подготовить офлайн-карту (HTML)"),
    "dl.download": ("Download {name}", "Скачать {name}"),
    "map.download_png": ("Download print map (PNG)", "Скачать карту для печати (PNG)"),
    "map.download_pdf": ("Download hotspot brief (PDF)", "Скачать справку по очагу (PDF)"),
    "map.month_month": ("Month", "Месяц"),
    "map.clustered": ("{n} incidents: shown as clusters (zoom in to split them).",
                      "{n} инцидентов: показаны кластерами (приблизьте, чтобы разделить)."),
    # layer names (map and legend)
    "layer.countries": ("Countries (OSM)", "Страны (OSM)"),
    "layer.kgtj": ("KG–TJ border line (OSM-derived)", "Линия границы КР–ТДж (по OSM)"),
    "layer.other_borders": ("Other borders (KG–UZ, TJ–UZ)", "Другие границы (КР–УЗ, ТДж–УЗ)"),
    "layer.enclaves": ("Enclaves", "Анклавы"),
    "layer.disagreement": ("Derived: OSM vs Natural Earth disagree",
                           "Производный слой: OSM и Natural Earth расходятся"),
    "layer.claims": ("Official claims overlap (both COD-AB files)",
                     "Пересечение официальных границ (оба файла COD-AB)"),
    "layer.districts": ("Districts (COD-AB)", "Районы (COD-AB)"),
    "layer.curated": ("Curated segments/sites (user layer)",
                      "Участки/объекты пользователя (курируемый слой)"),
    "layer.settlements": ("Settlements (GeoNames, user places)",
                          "Населённые пункты (GeoNames, файл пользователя)"),
    "layer.incidents": ("Incidents", "Инциденты"),
    "layer.density": ("Incident density (heatmap)", "Плотность инцидентов (тепловая карта)"),
    "layer.gistar": ("Gi* hot/cold spots (hex cells)", "Gi* горячие/холодные точки (гексы)"),
    "layer.clusters": ("Hotspot clusters (DBSCAN)", "Кластеры-очаги (DBSCAN)"),
    "layer.communities": ("Communities / mechanisms", "Сообщества / механизмы"),
    "layer.pairs": ("Recommended pairs", "Рекомендуемые пары"),
    "legend.title": ("Legend", "Легенда"),
    "legend.boundaries": ("Boundaries", "Границы"),
    "legend.incidents": ("Incidents by category", "Инциденты по категориям"),
    "legend.analysis": ("Analysis", "Анализ"),
    "legend.communities": ("Communities and pairs", "Сообщества и пары"),
    "legend.gi_hot": ("Gi* hot spot (99/95/90 %)", "Gi* горячая точка (99/95/90 %)"),
    "legend.gi_cold": ("Gi* cold spot (90/95/99 %)", "Gi* холодная точка (90/95/99 %)"),
    "legend.density": ("density (relative, not a count)", "плотность (относительная, не число)"),
    "legend.joint": ("joint working group", "совместная рабочая группа"),
    "legend.parallel": ("parallel work (armed incidents nearby)",
                        "параллельная работа (вооружённые инциденты рядом)"),
    "legend.curated": ("curated: {status}", "курируемый: {status}"),
    "legend.community": ("mechanism: {status}", "механизм: {status}"),
    "tip.disagreement": ("derived: OSM vs Natural Earth disagree – OSM: {osm}, Natural Earth: "
                         "{ne}, {area} km²",
                         "производный: OSM и Natural Earth расходятся – OSM: {osm}, "
                         "Natural Earth: {ne}, {area} км²"),
    "tip.enclave": ("{name}: enclave of {owner} inside {host}, {area} km²",
                    "{name}: анклав {owner} внутри {host}, {area} км²"),
    "tip.segment": ("{sid} ({pair}), {km} km", "{sid} ({pair}), {km} км"),
    "tip.claims": ("claimed by both official datasets: {kg} (KG) / {tj} (TJ), {area} km²",
                   "в обоих официальных наборах: {kg} (КР) / {tj} (ТДж), {area} км²"),
    "tip.cluster": ("Hotspot #{rank}: {n} incidents, score {score}",
                    "Очаг №{rank}: {n} инцидентов, балл {score}"),
    "tip.gi": ("Gi* z = {z}, {n} incidents", "Gi* z = {z}, инцидентов: {n}"),
    # popup words
    "pop.date": ("Date", "Дата"),
    "pop.category": ("Category", "Категория"),
    "pop.place": ("Place", "Место"),
    "pop.precision": ("Precision", "Точность"),
    "pop.source": ("Source", "Источник"),
    "pop.verification": ("Verification", "Проверка"),
    "pop.fatalities": ("Killed", "Погибшие"),
    "pop.injuries": ("Injured", "Раненые"),
    "pop.unknown": ("unknown", "неизвестно"),
    "pop.id": ("ID", "ID"),
    "pop.notes": ("Notes", "Заметки"),
    # attribution
    "attr.geonames": ("Places: GeoNames (CC BY 4.0)", "Населённые пункты: GeoNames (CC BY 4.0)"),
    "attr.cod": ("Districts: OCHA COD-AB via HDX", "Районы: OCHA COD-AB через HDX"),
    "attr.curated": ("Curated layer: user-supplied", "Курируемый слой: от пользователя"),
    "attr.incidents": ("Incidents: {sources}", "Инциденты: {sources}"),
    "attr.osm_tiles": ("Tiles © OpenStreetMap contributors", "Тайлы © участники OpenStreetMap"),
    # hotspots page
    "hs.title": ("Hotspots and pairing", "Очаги и пары"),
    "hs.params": ("Analysis parameters", "Параметры анализа"),
    "hs.params_help": ("Defaults follow the methods note: 3 km hexagons for Gi*, DBSCAN "
                       "2 km / 4 incidents, 20 km study buffer either side of the line, "
                       "pairing radius 10 km, parallel mode when armed incidents occurred "
                       "within 15 km in the last 90 days.",
                       "Значения по умолчанию: гексы 3 км для Gi*, DBSCAN 2 км / 4 инцидента, "
                       "буфер 20 км по обе стороны линии, радиус пар 10 км, параллельный "
                       "режим при вооружённых инцидентах в 15 км за последние 90 дней."),
    "hs.cell": ("Gi* hex cell size (m)", "Размер гекса Gi* (м)"),
    "hs.eps": ("DBSCAN distance (m)", "Расстояние DBSCAN (м)"),
    "hs.min_samples": ("DBSCAN minimum incidents", "Минимум инцидентов DBSCAN"),
    "hs.buffer": ("Study area buffer (m)", "Буфер зоны анализа (м)"),
    "hs.radius": ("Pairing radius (m)", "Радиус подбора пар (м)"),
    "hs.armed_radius": ("Parallel-mode radius (m)", "Радиус параллельного режима (м)"),
    "hs.armed_days": ("Parallel-mode window (days)", "Окно параллельного режима (дни)"),
    "hs.ranked": ("Ranked hotspots", "Очаги по рангу"),
    "hs.method_notes": ("How the analysis was done (method notes)",
                        "Как выполнен анализ (методические примечания)"),
    "hs.col.score": ("Score", "Балл"),
    "hs.col.score_intensity": ("Intensity", "Интенсивность"),
    "hs.col.score_severity": ("Severity", "Тяжесть"),
    "hs.col.score_recency": ("Recency", "Недавность"),
    "hs.col.score_cross_border": ("Cross-border mix", "Трансграничность"),
    "hs.col.score_proximity": ("Near disputed layers", "Близость к спорным участкам"),
    "hs.weights_help": ("Weights of the score components (0 leaves a component out; the "
                        "score is the weighted mean).",
                        "Веса составляющих балла (0 исключает составляющую; балл – "
                        "взвешенное среднее)."),
    "hs.weights_zero": ("All weights are 0: equal weights are used instead.",
                        "Все веса равны 0: используются равные веса."),
    "hs.col.places": ("Nearest settlements", "Ближайшие населённые пункты"),
    "hs.col.first": ("First", "Первый"),
    "hs.col.last": ("Last", "Последний"),
    "hs.col.dist": ("Distance to line", "Расстояние до линии"),
    "hs.select": ("Hotspot to review", "Очаг для просмотра"),
    "hs.none": ("No hotspot clusters with these filters and parameters.",
                "С этими фильтрами и параметрами кластеров-очагов нет."),
    "hs.trend": ("Monthly incidents in this hotspot", "Инциденты очага по месяцам"),
    "hs.emerging": ("Emerging-hotspot class", "Класс динамики очага"),
    "hs.pairs": ("Recommended pairs", "Рекомендуемые пары"),
    "hs.why_full": ("Why each pair (full text)", "Почему эти пары (полный текст)"),
    "hs.no_pairs": ("No cross-border pair recommended for the current hotspots.",
                    "Для текущих очагов трансграничные пары не рекомендованы."),
    "hs.gaps": ("Coverage gaps: hotspots without an active mechanism nearby",
                "Пробелы: очаги без действующего механизма поблизости"),
    "hs.no_gaps": ("No coverage gaps.", "Пробелов нет."),
    "hs.incidents": ("Incidents in this hotspot", "Инциденты в очаге"),
    "hs.excluded": ("Excluded from point statistics: {text}",
                    "Исключены из точечной статистики: {text}"),
    "hs.unavailable": ("The analysis package is not available yet: {err}",
                       "Модуль анализа пока недоступен: {err}"),
    # incidents page
    "inc.title": ("Incidents", "Инциденты"),
    "inc.table": ("Filtered incidents", "Отфильтрованные инциденты"),
    "inc.import": ("Import a file", "Импорт файла"),
    "inc.upload": ("ACLED / UCDP / KoBo CSV or XLSX, a table, GeoJSON or GeoPackage",
                   "CSV/XLSX ACLED / UCDP / KoBo, таблица, GeoJSON или GeoPackage"),
    "inc.format": ("Detected format", "Определённый формат"),
    "inc.mapping": ("Column mapping (check before importing)",
                    "Сопоставление столбцов (проверьте перед импортом)"),
    "inc.preview": ("First rows as read", "Первые строки"),
    "inc.reread": ("Read the file again with this mapping",
                   "Прочитать файл заново с этим сопоставлением"),
    "inc.confirm": ("Import these rows", "Импортировать строки"),
    "inc.progress": ("Importing…", "Импорт…"),
    "inc.report": ("Import report", "Отчёт об импорте"),
    "inc.rejected": ("Rejected rows", "Отклонённые строки"),
    "inc.rejected_dl": ("Download rejected rows (CSV)", "Скачать отклонённые строки (CSV)"),
    "inc.report_dl": ("Download full report (JSON)", "Скачать полный отчёт (JSON)"),
    "inc.read_error": ("The file could not be read: {err}", "Файл не удалось прочитать: {err}"),
    "inc.add": ("Add an incident", "Добавить инцидент"),
    "inc.edit": ("Edit an incident", "Редактировать инцидент"),
    "inc.edit_id": ("Incident to edit", "Инцидент для редактирования"),
    "inc.loc_mode": ("Location", "Местоположение"),
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
    "com.illustrative": ("Entries marked illustrative are demo examples, not real groups.",
                         "Записи с пометкой «иллюстративно» – демо-примеры, не реальные группы."),
    "com.unavailable": ("The registry is not available yet: {err}",
                        "Реестр пока недоступен: {err}"),
    "com.edit_id": ("Community to edit (empty = new)", "Сообщество (пусто = новое)"),
    # data page
    "data.title": ("Data and sources", "Данные и источники"),
    "data.layers": ("Shipped boundary layers", "Поставляемые слои границ"),
    "data.gaps": ("Known gaps", "Известные пробелы"),
    "data.cod": ("Official administrative boundaries (COD-AB)",
                 "Официальные административные границы (COD-AB)"),
    "data.cod_loaded": ("{n} districts loaded from {files}.", "Загружено районов: {n} из {files}."),
    "data.cod_none": ("No COD-AB file loaded: the map works without districts.",
                      "Файлы COD-AB не загружены: карта работает без районов."),
    "data.cod_upload": ("Upload a COD-AB admin-2 GeoJSON", "Загрузить GeoJSON COD-AB (уровень 2)"),
    "data.curated": ("Curated disputed segments and sites", "Курируемые спорные участки и объекты"),
    "data.curated_upload": ("Upload a curated GeoJSON", "Загрузить курируемый GeoJSON"),
    "data.curated_dl": ("Download the curated layer", "Скачать курируемый слой"),
    "data.curated_example": ("Download the example file", "Скачать пример файла"),
    "data.places": ("Gazetteer places file", "Файл населённых пунктов"),
    "data.places_upload": ("Upload a places CSV (name, alt_names, lat, lon, country, admin)",
                           "Загрузить CSV мест (name, alt_names, lat, lon, country, admin)"),
    "data.saved": ("Saved {name}; the layers were reloaded.",
                   "Файл {name} сохранён; слои перезагружены."),
    "data.invalid": ("The file was not saved: {err}", "Файл не сохранён: {err}"),
    "data.store": ("Incident store", "Хранилище инцидентов"),
    "data.vendor": ("Map software (served locally, works offline)",
                    "Картографические библиотеки (локально, офлайн)"),
    "data.remove_demo": ("Remove the demo incidents", "Удалить демо-инциденты"),
    "data.demo_removed": ("Removed {n} demo incidents.", "Удалено демо-инцидентов: {n}."),
    # generic
    "gen.none": ("none", "нет"),
    "gen.error": ("Something went wrong: {err}", "Произошла ошибка: {err}"),
    "gen.small_n": ("Only {n} usable incidents (< 30): no statistical hotspots; counts and "
                    "recurrence are shown instead.",
                    "Только {n} пригодных инцидентов (< 30): статистические очаги не "
                    "вычисляются; показаны количества и повторяемость."),
}

VOCAB: dict[str, dict[str, tuple[str, str]]] = {
    "category": {
        "road_crash": ("Road crash", "ДТП"),
        "border_guard_incident": ("Border-guard incident", "Инцидент с пограничниками"),
        "youth_clash": ("Youth clash", "Столкновение молодёжи"),
        "water_dispute": ("Water dispute", "Спор из-за воды"),
        "land_pasture_dispute": ("Land / pasture dispute", "Спор о земле / пастбищах"),
        "infrastructure_dispute": ("Infrastructure dispute (roads, fences, building)",
                                   "Спор об инфраструктуре (дороги, заборы, стройки)"),
        "protest": ("Protest", "Протест"),
        "domestic_violence": ("Domestic violence", "Домашнее насилие"),
        "other": ("Other", "Другое"),
    },
    "verification": {
        "unverified": ("unverified", "не проверено"),
        "under_review": ("under review", "на проверке"),
        "verified": ("verified", "проверено"),
        "unverifiable": ("unverifiable", "не поддаётся проверке"),
        "duplicate": ("duplicate", "дубликат"),
        "rejected": ("rejected", "отклонено"),
    },
    "sensitivity": {
        "public": ("public", "открыто"),
        "internal": ("internal", "внутреннее"),
        "restricted": ("restricted", "ограничено"),
    },
    "precision": {
        "1": ("exact", "точно"),
        "2": ("near a named place", "рядом с населённым пунктом"),
        "3": ("region only", "только регион"),
    },
    "side": {
        "KG": ("Kyrgyz side", "кыргызская сторона"),
        "TJ": ("Tajik side", "таджикская сторона"),
        "UZ": ("Uzbek side", "узбекская сторона"),
        "outside": ("outside the region", "вне региона"),
    },
    "country": {
        "KGZ": ("Kyrgyzstan", "Кыргызстан"),
        "TJK": ("Tajikistan", "Таджикистан"),
        "UZB": ("Uzbekistan", "Узбекистан"),
    },
    "curated_status": {
        "disputed": ("disputed", "спорный"),
        "undemarcated": ("undemarcated", "неделимитированный"),
        "agreed": ("agreed", "согласованный"),
        "unknown": ("status unknown", "статус неизвестен"),
    },
    "mode": {
        "joint": ("joint", "совместно"),
        "parallel": ("parallel", "параллельно"),
    },
    "community_status": {
        "active": ("active", "действует"),
        "planned": ("planned", "планируется"),
        "suspended": ("suspended", "приостановлен"),
        "candidate": ("candidate (no mechanism yet)", "кандидат (механизма пока нет)"),
    },
}


# Russian twins of analysis.notes.EN (same keys and placeholders) and of the exclusion reasons.
ANALYSIS_NOTES_RU: dict[str, str] = {
    "excluded": "Точечная статистика использует {usable_n} инцидент(ов) с точностью места 1–2 "
                "внутри зоны анализа. {excluded_text}",
    "small_n": "Пригодных инцидентов только {usable_n} (меньше {min_usable}): статистические "
               "очаги не рассчитываются, результаты были бы ненадёжны. Вместо этого показаны "
               "счёт по административным единицам и {n_recurring} повторяющихся мест (≥ "
               "{rec_incidents} инцидентов ≥ {rec_types} типов за {rec_days} дней).",
    "exploratory": "Gi* по сетке здесь носит ориентировочный характер ({usable_n} пригодных "
                   "инцидентов, около {per_nbhd:.1f} на окрестность из 7 ячеек): p-значения "
                   "нормального приближения занижены при редких данных. Основной результат – "
                   "кластеры DBSCAN с проверкой Монте-Карло.",
    "gistar": "Gi* на {n_cells} гексах по {cell_km:g} км: {n_hot} «горячих» ячеек проходят "
              "поправку Бенджамини–Хохберга (FDR) при q = {q}.",
    "emerging_too_few": "Для анализа формирующихся очагов нужно не менее {min_slices} "
                        "временных срезов и {min_incidents} пригодных инцидентов; в данных "
                        "{n_slices} срезов ({freq}) и {n_incidents} инцидентов. Классы "
                        "динамики не рассчитаны.",
    "emerging_small_n": "Анализ формирующихся очагов не проводился: слишком мало пригодных "
                        "инцидентов.",
    "emerging_done": "Формирующиеся очаги: {n_slices} срезов ({freq}), пространственно-"
                     "временной Gi* с лагом {time_lag}, BH q={q} для каждого среза, "
                     "Манн–Кендалл alpha={mk_alpha}: {n_pattern} ячеек с устойчивой картиной "
                     "очага.",
    "dbscan": "DBSCAN (радиус {eps_m:g} м, минимум {min_samples} инцидентов): {n_clusters} "
              "кластеров; {n_sig} крупнее, чем дало бы случайное размещение (Монте-Карло, "
              "{sims} симуляций, p ≤ {alpha}).",
    "dbscan_none": "DBSCAN (радиус {eps_m:g} м, минимум {min_samples} инцидентов) не нашёл "
                   "кластеров.",
}
EXCLUSION_REASONS_RU: dict[str, str] = {
    "region_only_precision_3": "точность места 3 (только регион): учтены только по "
                               "административным единицам",
    "unresolved_location": "нет координат или точности места: учтены только по "
                           "административным единицам",
    "outside_study_area": "координаты вне зоны анализа",
}


def note_text(note, lang: str = "en") -> str:
    """An ``analysis.notes.Note`` (or plain text) in ``lang``."""
    if lang != "ru" or not hasattr(note, "render"):
        return str(note)
    return note.render(ANALYSIS_NOTES_RU, EXCLUSION_REASONS_RU,
                       ("Исключены: ", "Ничего не исключено."))


def protection_text(report, lang: str = "en") -> str:
    """One line on the protection a ``sharing.report.ProtectionReport`` records, in ``lang``."""
    if report.mode != "public":
        return t("prot.internal", lang)
    dates = (t("prot.dates", lang, unit=t(f"prot.unit.{report.date_coarsen}", lang))
             if report.date_coarsen in ("week", "month") else "")
    if report.location == "settlement":
        return t("prot.public.settlement", lang, dates=dates)
    return t("prot.public.hex", lang, km=f"{(report.hex_m or 0) / 1000:g}", dates=dates)


def import_counts(report, lang: str = "en") -> dict[str, int]:
    """The counts of an ``incidents.report.ImportReport`` under translated labels."""
    return {t(f"rep.{key}", lang): int(value) for key, value in (
        ("rows_read", report.rows_read), ("inserted", report.inserted),
        ("updated", report.updated), ("duplicates", report.duplicates),
        ("rejected", len(report.rejected)), ("geocoded", report.geocoded),
        ("unresolved", report.unresolved), ("outside", report.outside_study_area),
        ("possible_dups", report.flagged_possible_duplicates))}


def t(key: str, lang: str = "en", **fmt) -> str:
    """The text for ``key`` in ``lang`` ('en' or 'ru'), formatted with ``fmt``."""
    if key == "disclaimer":
        return disclaimer(lang)
    en, ru = _S[key]
    text = ru if lang == "ru" and ru else en
    return text.format(**fmt) if fmt else text


def vocab(kind: str, value, lang: str = "en") -> str:
    """Translated label of a controlled-vocabulary ``value`` (the value itself if unknown)."""
    entry = VOCAB[kind].get(str(value))
    if entry is None:
        return str(value)
    return entry[1] if lang == "ru" else entry[0]


def vocab_map(kind: str, lang: str = "en") -> dict[str, str]:
    """``{value: label}`` for a whole vocabulary."""
    return {k: vocab(kind, k, lang) for k in VOCAB[kind]}


def keys() -> list[str]:
    """Every string key (for tests)."""
    return list(_S)
