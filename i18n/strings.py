"""The app's and web map's strings: key → (English, Russian); the data pages' strings are
in :mod:`i18n.strings_pages`, the edit guards' in :mod:`i18n.strings_edits`."""
from i18n.strings_edits import EDIT_STRINGS
from i18n.strings_pages import PAGE_STRINGS
from i18n.strings_sides import SIDE_STRINGS

STRINGS: dict[str, tuple[str, str]] = {
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
    "demo.mixed_banner": ("The store also holds SYNTHETIC DEMO incidents (not real events) "
                          "beside your own: each says so in its source and notes. Remove "
                          "them on the Data & sources page.",
                          "Помимо ваших инцидентов в хранилище есть СИНТЕТИЧЕСКИЕ ДЕМО-"
                          "инциденты (не реальные события): это указано в их источнике и "
                          "заметках. Удалите их на странице «Данные и источники»."),
    "demo.mixed_short": ("Includes SYNTHETIC DEMO incidents – not real events",
                         "Включает СИНТЕТИЧЕСКИЕ ДЕМО-инциденты – не реальные события"),
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
    "flt.shown": ("{n} of {total} {total:plural:incident|incidents} {n:plural:matches|match} "
                  "the filters",
                  "{n} из {total} {total:plural:инцидента|инцидентов|инцидентов|инцидента} "
                  "{n:plural:соответствует|соответствуют|соответствуют|соответствуют} "
                  "фильтрам"),
    "flt.link": ("The page address holds these filters: copy it to share this view.",
                 "Адрес страницы содержит эти фильтры: скопируйте его, чтобы поделиться видом."),
    "flt.all": ("all", "все"),
    # an empty multiple choice in a form (Streamlit's own placeholder is English)
    "form.none_chosen": ("none chosen yet", "пока не выбраны"),
    # map page
    "map.title": ("Border map", "Карта границы"),
    "map.basemap": ("Basemap", "Подложка"),
    "map.basemap.none": ("No basemap (works offline)", "Без подложки (работает офлайн)"),
    "map.basemap.osm": ("OpenStreetMap tiles (needs internet)",
                        "Тайлы OpenStreetMap (нужен интернет)"),
    "map.basemap.local": ("Local basemap (offline, from the data folder)",
                          "Локальная подложка (офлайн, из папки данных)"),
    "map.month": ("Month shown (playback)", "Показанный месяц (воспроизведение)"),
    "map.month.all": ("All months", "Все месяцы"),
    "map.play": ("Play months", "Проиграть по месяцам"),
    "map.play_help": ("Steps through the months one by one; the map shows that month only.",
                      "Показывает месяцы по очереди; на карте – только выбранный месяц."),
    "map.timeline": ("Incidents per month by category", "Инциденты по месяцам и категориям"),
    "map.clicked": ("Selected incident", "Выбранный инцидент"),
    "map.click_hint": ("Click an incident symbol for its details.",
                       "Нажмите на символ инцидента, чтобы увидеть подробности."),
    "map.after_map": ("The monthly chart and the downloads appear once the map has loaded.",
                      "Помесячный график и загрузки появятся, когда карта загрузится."),
    "map.aggregated": ("{shown} incidents match, more than {n}: the map shows how many lie "
                       "in each {km} km area instead of one symbol each (counts under 3 as "
                       "“1–2”). Narrow the filter or pick a month to see single incidents.",
                       "Фильтру соответствует {shown} "
                       "{shown:plural:инцидент|инцидента|инцидентов|инцидента}, больше {n}: "
                       "карта показывает, сколько их в каждой ячейке {km} км, а не каждый по "
                       "отдельности (меньше 3 — "
                       "«1–2»). Сузьте фильтр или выберите месяц, чтобы увидеть отдельные "
                       "инциденты."),
    "map.cells_outside": ("{n} {n:plural:incident|incidents} outside the country areas "
                          "{n:plural:is|are} not counted in any cell.",
                          "{n} {n:plural:инцидент|инцидента|инцидентов|инцидента} вне "
                          "территорий стран {n:plural:не учтён|не учтены|не учтены|не учтены} ни в "
                          "одной ячейке."),
    "map.count": ("Incidents on the map", "Инцидентов на карте"),
    "chart.per_month": ("Incidents per month", "Инцидентов за месяц"),
    "hs.count": ("Incidents in this hotspot", "Инцидентов в очаге"),
    "hs.col.n": ("Incidents", "Инцидентов"),
    "map.layers_hint": ("Switch layers with the layer button (top right of the map).",
                        "Слои включаются кнопкой слоёв (справа вверху на карте)."),
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
    "prot.internal": ("Protection: INTERNAL — exact locations and dates as stored; for "
                      "authorised staff only, do not share.",
                      "Защита: ВНУТРЕННИЙ режим — точные места и даты как в базе; только для "
                      "уполномоченных сотрудников, не распространять."),
    "prot.public": ("Protection: PUBLIC — {where}{dates}; names, notes and other personal "
                    "fields removed.",
                    "Защита: ПУБЛИЧНЫЙ режим — {where}{dates}; имена, примечания и другие "
                    "личные поля удалены."),
    "prot.where.hex": ("incidents counted in {km} km hexagons cut along the line, enclave edges "
                       "and disputed areas; cells with fewer than 3 shown as '1–2'",
                       "инциденты подсчитаны в гексах {km} км, разрезанных по линии границы, "
                       "краям анклавов и спорным участкам; ячейки меньше 3 показаны как «1–2»"),
    "prot.where.settlement": ("locations moved to the nearest settlement on the same side of "
                              "the line",
                              "места перенесены в ближайший населённый пункт на той же "
                              "стороне линии"),
    "prot.where.exact": ("exact locations", "точные места"),
    "prot.dates": ("; dates rounded to the {unit}", "; даты округлены до {unit}"),
    "prot.unit.week": ("week", "недели"),
    "prot.unit.month": ("month", "месяца"),
    "map.show_analysis": ("Show hotspots and pairs", "Показать очаги и пары"),
    "map.show_analysis_help": ("Hotspot clusters, Gi* hex cells, communities and recommended pairs "
                               "for the current filters. They are computed once the incidents "
                               "are drawn, so they appear a moment after each filter change. "
                               "Switch off to see the incidents only.",
                               "Кластеры очагов, гексы Gi*, сообщества и рекомендуемые пары для "
                               "текущих фильтров. Они считаются после того, как нарисованы "
                               "инциденты, и появляются чуть позже после каждой смены фильтра. "
                               "Выключите, чтобы видеть только инциденты."),
    "map.finding_hotspots": ("Finding hotspots and pairs for these filters…",
                             "Поиск очагов и пар для этих фильтров…"),
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
    "dl.file.pdf": ("PDF (print)", "PDF (для печати)"),
    "dl.file.png": ("PNG (image)", "PNG (изображение)"),
    "lang.name.en": ("English", "английский"),
    "lang.name.ru": ("Russian", "русский"),
    "lang.name.ky": ("Kyrgyz", "кыргызский"),
    "lang.name.tg": ("Tajik", "таджикский"),
    "dl.map_title": ("Map title", "Заголовок карты"),
    "dl.extent": ("Map extent", "Охват карты"),
    "dl.extent.data": ("All data shown", "Все показанные данные"),
    "dl.extent.area": ("Named area", "Именованный район"),
    "dl.extent.hotspot": ("A hotspot", "Очаг"),
    "dl.extent.bbox": ("Typed box", "Заданный прямоугольник"),
    "dl.extent.bbox_help": ("min_lon,min_lat,max_lon,max_lat (degrees, WGS 84)",
                            "мин_долгота,мин_широта,макс_долгота,макс_широта (градусы, WGS 84)"),
    "dl.extent.no_hotspots": ("No hotspots for these filters", "Нет очагов для этих фильтров"),
    "dl.prepare_print": ("Prepare print map", "Подготовить карту для печати"),
    "dl.prepare_brief": ("Prepare hotspot brief (PDF)", "Подготовить справку по очагу (PDF)"),
    "dl.prepare_html": ("Prepare offline map (HTML)", "Подготовить офлайн-карту (HTML)"),
    "dl.shown_map": ("The map exactly as shown on screen, as one offline file (HTML)",
                     "Карта в точности как на экране, одним офлайн-файлом (HTML)"),
    "dl.prepare_shown": ("Prepare the map as shown (HTML)",
                         "Подготовить карту как на экране (HTML)"),
    "dl.download": ("Download {name}", "Скачать {name}"),
    "dl.export_title": ("Export these incidents (data file)",
                        "Экспорт этих инцидентов (файл данных)"),
    "dl.prepare_export": ("Prepare the file", "Подготовить файл"),
    "dl.fmt.csv": ("CSV (public: ZIP with the protection report)",
                   "CSV (открыто: ZIP с отчётом о защите)"),
    "dl.fmt.geojson": ("GeoJSON (web maps, QGIS)", "GeoJSON (веб-карты, QGIS)"),
    "dl.fmt.gpkg": ("GeoPackage (QGIS, ArcGIS)", "GeoPackage (для QGIS, ArcGIS)"),
    "dl.fmt.kml": ("KML (Google Earth)", "KML (для Google Earth)"),
    "dl.fmt.xlsx": ("Excel (XLSX)", "таблица Excel (XLSX)"),
    "map.download_png": ("Download print map (PNG)", "Скачать карту для печати (PNG)"),
    "map.download_pdf": ("Download hotspot brief (PDF)", "Скачать справку по очагу (PDF)"),
    "map.month_month": ("Month", "Месяц"),
    "map.clustered": ("{n} {n:plural:incident|incidents}: shown as clusters (zoom in to split "
                      "them).",
                      "{n} {n:plural:инцидент|инцидента|инцидентов|инцидента}: показаны "
                      "кластерами (приблизьте, чтобы разделить)."),
    # layer names (map and legend)
    "layer.countries": ("Countries (OSM)", "Страны (OSM)"),
    "layer.kgtj": ("KG–TJ border line (OSM, December 2017: before the 2025 treaty)",
                   "Линия границы КР–ТДж (OSM, декабрь 2017 г.: до договора 2025 г.)"),
    "layer.other_borders": ("Other borders (KG–UZ, TJ–UZ)", "Другие границы (КР–УЗ, ТДж–УЗ)"),
    "layer.enclaves": ("Enclaves", "Анклавы"),
    "layer.disagreement": ("Derived: OSM vs Natural Earth disagree",
                           "Производный слой: OSM и Natural Earth расходятся"),
    "layer.claims": ("Official claims overlap (both COD-AB files)",
                     "Пересечение официальных границ (оба файла COD-AB)"),
    "layer.districts": ("Districts (COD-AB)", "Районы (COD-AB)"),
    "layer.curated": ("Curated segments/sites (user layer)",
                      "Участки/объекты пользователя (курируемый слой)"),
    "layer.settlements": ("Settlements (border gazetteer, GeoNames, user places)",
                          "Населённые пункты (пограничный справочник, GeoNames, файл "
                          "пользователя)"),
    "layer.place_labels": ("Border village names (border gazetteer; zoom in for villages)",
                           "Названия приграничных сёл (пограничный справочник; сёла — при "
                           "увеличении)"),
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
    "legend.cluster": ("incidents close together: n of them (click to zoom in)",
                       "инциденты рядом друг с другом: n штук (нажмите, чтобы приблизить)"),
    "legend.cells": ("beyond {n} incidents: how many lie in each {km} km area (under 3: "
                     "“1–2”)",
                     "более {n} инцидентов: сколько их в каждой ячейке {km} км (меньше 3: "
                     "«1–2»)"),
    "legend.joint": ("joint working group", "совместная рабочая группа"),
    "legend.parallel": ("parallel work (armed incidents nearby)",
                        "параллельная работа (вооружённые инциденты рядом)"),
    "legend.curated": ("curated: {status}", "курируемый: {status}"),
    "legend.community": ("mechanism: {status}", "механизм: {status}"),
    "tip.disagreement": ("derived: OSM vs Natural Earth disagree – OSM: {osm}, Natural Earth: "
                         "{ne}, {area:.2f} km²",
                         "производный: OSM и Natural Earth расходятся – OSM: {osm}, "
                         "Natural Earth: {ne}, {area:.2f} км²"),
    "tip.enclave": ("{name}: enclave of {owner} inside {host}, {area:.1f} km²",
                    "{name}: анклав {owner} внутри {host}, {area:.1f} км²"),
    "tip.segment": ("{sid} ({pair}), {km:.1f} km", "{sid} ({pair}), {km:.1f} км"),
    "tip.claims": ("claimed by both official datasets: {kg} (KG) / {tj} (TJ), {area:.2f} km²",
                   "в обоих официальных наборах: {kg} (КР) / {tj} (ТДж), {area:.2f} км²"),
    "tip.cell": ("Incidents in this {km} km area: {label}",
                 "Инцидентов в этой ячейке {km} км: {label}"),
    "tip.cell_contested": ("of them with a contested side: {label}",
                           "из них со спорной стороной: {label}"),
    "tip.cluster": ("Hotspot #{rank}: {n} {n:plural:incident|incidents}, score {score}",
                    "Очаг №{rank}: {n} {n:plural:инцидент|инцидента|инцидентов|инцидента}, "
                    "балл {score}"),
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
    "card.border_dist": ("Distance to the KG–TJ line (+ Kyrgyz side, − Tajik side)",
                         "Расстояние до линии КР–ТДж (+ кыргызская сторона, − таджикская)"),
    "card.dist_kg": ("+{m} m: on the Kyrgyz side of the line",
                     "+{m} м: на кыргызской стороне линии"),
    "card.dist_tj": ("−{m} m: on the Tajik side of the line",
                     "−{m} м: на таджикской стороне линии"),
    "inc.dist_help": ("Distance to the KG–TJ line in metres, signed: positive on the Kyrgyz "
                      "side, negative on the Tajik side.",
                      "Расстояние до линии КР–ТДж в метрах со знаком: плюс – на кыргызской "
                      "стороне, минус – на таджикской."),
    # attribution
    "attr.geonames": ("Places: GeoNames (CC BY 4.0)", "Населённые пункты: GeoNames (CC BY 4.0)"),
    "attr.gazetteer": ("Border villages: encyclopaedia pages (CC BY-SA), cited per row in "
                       "data/gazetteer",
                       "Приграничные сёла: энциклопедические статьи (CC BY-SA), ссылка на "
                       "каждую строку в data/gazetteer"),
    "attr.cod": ("Districts: OCHA COD-AB via HDX", "Районы: OCHA COD-AB через HDX"),
    "attr.curated": ("Curated layer: user-supplied", "Курируемый слой: от пользователя"),
    "attr.incidents": ("Incidents: {sources}", "Инциденты: {sources}"),
    "attr.osm_tiles": ("Tiles © OpenStreetMap contributors", "Тайлы © участники OpenStreetMap"),
    "attr.local_tiles": ("Basemap: {name}, user-supplied tiles {attribution}",
                         "Подложка: {name}, тайлы пользователя {attribution}"),
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
    "unit.m": ("m", "м"),
    "unit.km": ("km", "км"),
    "hs.col.dist": ("Distance to line", "Расстояние до линии"),
    "hs.select": ("Hotspot to review", "Очаг для просмотра"),
    "hs.none": ("No hotspot clusters with these filters and parameters.",
                "С этими фильтрами и параметрами кластеров-очагов нет."),
    "hs.trend": ("Monthly incidents in this hotspot", "Инциденты очага по месяцам"),
    "hs.emerging": ("Emerging-hotspot class", "Класс динамики очага"),
    "hs.pairs": ("Recommended pairs", "Рекомендуемые пары"),
    "hs.why_full": ("Why each pair (full text)", "Почему эти пары (полный текст)"),
    "hs.pairs_of": ("Pairs recommended for {id}: {n}.", "Пары, рекомендованные для {id}: {n}."),
    "hs.pairs_all": ("All recommended pairs ({n})", "Все рекомендованные пары ({n})"),
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
    # generic
    "gen.none": ("none", "нет"),
    "gen.error": ("Something went wrong: {err}", "Произошла ошибка: {err}"),
    "gen.small_n": ("Only {n} usable {n:plural:incident|incidents} (< 30): no statistical "
                    "hotspots; counts and recurrence are shown instead.",
                    "Только {n} {n:plural:пригодный инцидент|пригодных инцидента|пригодных "
                    "инцидентов|пригодного инцидента} (< 30): статистические очаги не "
                    "вычисляются; показаны количества и повторяемость."),
}
STRINGS.update(PAGE_STRINGS)
STRINGS.update(EDIT_STRINGS)
STRINGS.update(SIDE_STRINGS)
from i18n.strings_actions import ACTION_STRINGS  # noqa: E402
from i18n.strings_auth import AUTH_STRINGS  # noqa: E402
from i18n.strings_import_report import IMPORT_REPORT_STRINGS  # noqa: E402
from i18n.strings_print import PRINT_STRINGS  # noqa: E402
from i18n.strings_protection import PROTECTION_STRINGS  # noqa: E402

STRINGS.update(ACTION_STRINGS)
STRINGS.update(AUTH_STRINGS)
STRINGS.update(IMPORT_REPORT_STRINGS)
STRINGS.update(PRINT_STRINGS)
STRINGS.update(PROTECTION_STRINGS)
