"""Strings of the three sides (issue 16): popups, legend, the reviewer's side, the
reference line and re-enrichment (en, ru)."""

SIDE_STRINGS: dict[str, tuple[str, str]] = {
    "pop.side": ("Side", "Сторона"),
    "pop.side_src": ("source says", "источник:"),
    "pop.side_settlement": ("settlement", "населённый пункт:"),
    "pop.side_line": ("line says", "линия:"),
    "pop.side_contested": ("side contested", "сторона оспаривается"),
    "legend.contested": ("side contested: the source, the village and the line disagree, or "
                         "claimed by both (dashed ring)",
                         "сторона оспаривается: источник, село и линия расходятся или "
                         "участок заявлен обеими сторонами (пунктирное кольцо)"),
    "legend.contested_hotspot": ("hotspot holding incidents whose side is contested (dashed "
                                 "black outline)",
                                 "очаг с инцидентами, сторона которых оспаривается (чёрный "
                                 "пунктирный контур)"),
    "side.header": ("Which side", "Какая сторона"),
    "side.explain": ("The side is resolved reviewer > settlement named by the source > reported "
                     "country > line; the line is {line}.",
                     "Сторона определяется так: проверяющий > населённый пункт из источника > "
                     "страна по источнику > линия; линия: {line}."),
    "side.review": ("Set the side (reviewer)", "Указать сторону (проверяющий)"),
    "side.review_side": ("Side", "Сторона"),
    "side.review_user": ("Your name (for the side review history)",
                         "Ваше имя (для истории проверки стороны)"),
    "side.review_none": ("no reviewer's side", "без решения проверяющего"),
    "side.review_reason": ("Reason (kept in the history)", "Причина (сохраняется в истории)"),
    "side.review_save": ("Save the side", "Сохранить сторону"),
    "side.review_saved": ("Side saved.", "Сторона сохранена."),
    "side.review_need_reason": ("Give a reason for the side.", "Укажите причину."),
    "side.contested_count": ("{n} of {total} {total:plural:incident|incidents}: side "
                             "contested",
                             "{n} из {total} {total:plural:инцидента|инцидентов|инцидентов|"
                             "инцидента}: сторона оспаривается"),
    "inc.side_reported": ("Side the reporter gives (not a verdict)",
                          "Сторона по словам сообщившего (не заключение)"),
    "inc.side_unknown": ("not said", "не указана"),
    "inc.categories": ("Categories as they will be written (value or rule → category): check "
                       "before importing",
                       "Категории, как они будут записаны (значение или правило → категория): "
                       "проверьте перед импортом"),
    "hs.as_of": ("Analysis date", "Дата анализа"),
    "hs.as_of_help": ("Recency, emerging classes and the armed-incident window count back from "
                      "this day. Default: today, or the end of the date filter when earlier.",
                      "От этой даты отсчитываются давность, классы новых очагов и окно "
                      "вооружённых инцидентов. По умолчанию: сегодня или конец периода "
                      "фильтра, если он раньше."),
    "hs.as_of_now": ("Analysis date: {date} (change it under the parameters).",
                     "Дата анализа: {date} (изменить можно в параметрах)."),
    "map.as_of": ("Hotspots and pairs as of {date}: the analysis date (today, or the end of the "
                  "date filter when earlier; set it on the Hotspots page)",
                  "Очаги и пары на {date}: дата анализа (сегодня или конец периода фильтра, "
                  "если он раньше; её можно задать на странице очагов)"),
    "data.line": ("Reference line behind the sides", "Опорная линия для сторон"),
    "data.line_now": ("Now: {line}.", "Сейчас: {line}."),
    "data.line_upload": ("A newer line (GeoJSON: polygons with property side, or lines with "
                         "left_side)",
                         "Более новая линия (GeoJSON: полигоны со свойством `side` или линии "
                         "со свойством `left_side`)"),
    "layer.user_line": ("Newer reference line (user-supplied)",
                        "Более новая опорная линия (от пользователя)"),
    "legend.user_line": ("Newer line: {line}", "Более новая линия: {line}"),
    "tip.user_line": ("Sides follow this line where it reaches: {line}",
                      "Стороны определяются по этой линии там, где она проведена: {line}"),
    "attr.user_line": ("Newer line: {line}, source: {source}",
                       "Более новая линия: {line}, источник: {source}"),
    "data.line_name": ("Name of the line", "Название линии"),
    "data.line_date": ("Its date (YYYY, YYYY-MM or YYYY-MM-DD)", "Её дата (ГГГГ, ГГГГ-ММ или "
                       "ГГГГ-ММ-ДД)"),
    "data.line_source": ("Its source (who digitised it, from which document)",
                         "Источник (кто оцифровал, по какому документу)"),
    "data.line_save": ("Use this line", "Использовать эту линию"),
    "data.line_remove": ("Back to the shipped 2017 line", "Вернуть линию 2017 г."),
    "data.reenrich": ("Recompute every incident's sides and enrichment",
                      "Пересчитать стороны и привязку всех инцидентов"),
    "data.reenrich_done": ("Recomputed: {text}", "Пересчитано: {text}"),
    "reenrich.line": ("reference line: {line}", "опорная линия: {line}"),
    "reenrich.rows": ("{rows} {rows:plural:incident|incidents} recomputed; {changed} changed",
                      "пересчитано инцидентов: {rows}; изменено: {changed}"),
    "reenrich.columns": ("changed columns: {cols}", "изменённые столбцы: {cols}"),
    "reenrich.side": ("side {change}: {n}", "сторона {change}: {n}"),
    "reenrich.contested": ("contested: {before} before, {after} after",
                           "сторона оспаривается: было {before}, стало {after}"),
}

# Russian twin of incidents.sides.SUMMARY_EN (why the side of a hotspot's incidents is
# contested); {line} is the reference line, e.g. "линия (декабрь 2017 г.)".
SIDE_SUMMARY_RU: dict[str, str] = {
    "head": "{n} из {total} {total:plural:инцидента|инцидентов|инцидентов|инцидента}: сторона "
            "оспаривается",
    "none": "{n} из {total} {total:plural:инцидента|инцидентов|инцидентов|инцидента}: "
            "сторона не оспаривается",
    "settlement": "населённый пункт: {side}",
    "source": "источник: {side}",
    "line": "{line}: {side}",
    "KG": "кыргызская сторона",
    "TJ": "таджикская сторона",
    "UZ": "узбекская сторона",
    "claims": "в пределах официальных притязаний обеих стран",
    "lines_differ": "там, где линии OSM и Natural Earth расходятся",
}
