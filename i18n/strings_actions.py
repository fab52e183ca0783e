"""Strings of the Actions page, the before/after evaluation and the follow-up list:
key → (English, Russian); merged into :data:`i18n.strings.STRINGS`."""

ACTION_STRINGS: dict[str, tuple[str, str]] = {
    "nav.actions": ("Actions & follow-up", "Действия и контроль"),
    "act.title": ("Actions of the working groups", "Действия рабочих групп"),
    "act.illustrative": ("Actions marked illustrative are invented for the demo; only their "
                         "settlements are real.",
                         "Действия с отметкой «иллюстрация» придуманы для демо; реальны "
                         "только населённые пункты."),
    "act.table": ("Actions and their before/after evaluation",
                  "Действия и оценка «до/после»"),
    "act.none": ("No actions recorded yet. Add one below or import a CSV.",
                 "Действий пока нет. Добавьте действие ниже или импортируйте CSV."),
    "act.title_col": ("Action", "Действие"),
    "act.before": ("Before", "До"),
    "act.after": ("After", "После"),
    "act.rest": ("Rest of area: after/before", "Остальная зона: после/до"),
    "act.verdict": ("Verdict", "Вывод"),
    "act.select": ("Action to look at", "Действие для просмотра"),
    "act.params": ("Evaluation parameters", "Параметры оценки"),
    "act.radius": ("Radius around the place (m)", "Радиус вокруг места (м)"),
    "act.window": ("Window before and after (months)", "Окно до и после (месяцев)"),
    "act.min_total": ("Fewest incidents to judge (before + after)",
                      "Минимум инцидентов для вывода (до + после)"),
    "act.chart": ("Targeted incidents per month around the action",
                  "Инциденты целевых категорий по месяцам вокруг действия"),
    "act.chart_of": ("Chart of the action", "График действия"),
    "act.period": ("action", "действие"),
    "act.count": ("Incidents", "Инциденты"),
    "act.women": ("Women taking part (number)", "Участвовало женщин (число)"),
    "act.youth": ("Young people taking part (number)", "Участвовало молодёжи (число)"),
    "act.count_help": ("Leave it empty when not recorded; 0 means none took part.",
                       "Оставьте пустым, если не записано; 0 — никто не участвовал."),
    "act.window_before": ("before", "до"),
    "act.window_after": ("after", "после"),
    "act.add": ("Add or edit an action", "Добавить или изменить действие"),
    "act.edit_id": ("Action", "Действие"),
    "act.new_entry": ("new action", "новое действие"),
    "act.community": ("Community", "Сообщество"),
    "act.partner": ("Other side's community (joint / parallel)",
                    "Сообщество другой стороны (совместно / параллельно)"),
    "act.categories": ("Problem targeted (incident categories)",
                       "Проблема (категории инцидентов)"),
    "act.no_end": ("No end date yet", "Дата окончания пока не известна"),
    "act.err.title": ("a title is required", "нужно название"),
    "act.csv": ("Actions as a CSV file", "Действия в файле CSV"),
    "act.csv_help": ("Download, edit in a spreadsheet and import again; rows with a problem "
                     "are listed with their row, field and reason, and can be downloaded to "
                     "fix.",
                     "Скачайте, исправьте в таблице и импортируйте снова; строки с ошибками "
                     "перечислены с номером строки, полем и причиной, их можно скачать для "
                     "исправления."),
    "act.csv_dl": ("Download actions (CSV)", "Скачать действия (CSV)"),
    "act.eval_dl": ("Download the evaluation (CSV)", "Скачать оценку (CSV)"),
    "act.csv_upload": ("Actions CSV to import", "CSV с действиями для импорта"),
    "act.csv_import": ("Import", "Импортировать"),
    "act.csv_done": ("{n} {n:plural:action|actions} added, {bad} rejected.",
                     "Добавлено действий: {n}, отклонено: {bad}."),
    "act.history": ("Change history of this action", "История изменений действия"),
    "act.method": ("How the before/after comparison works, and its limits",
                   "Как устроено сравнение «до/после» и его ограничения"),
    "act.near_hotspot": ("What was done here", "Что здесь было сделано"),
    "act.no_near": ("No recorded action near this hotspot.",
                    "Рядом с этим очагом действий не записано."),
    # evaluation sentences (i18n.followup.evaluation_text)
    "ev.too_few": ("{n_before} before, {n_after} after: too few to judge (fewer than "
                   "{min_total} in all).",
                   "{n_before} до, {n_after} после: слишком мало, чтобы судить (меньше "
                   "{min_total} всего)."),
    "ev.not_started": ("Not started by the end of the data: nothing to compare yet.",
                       "Не начато к концу данных: сравнивать пока нечего."),
    "ev.not_ended": ("Not ended yet: the after window begins when the action ends.",
                     "Ещё не завершено: окно «после» начнётся, когда действие закончится."),
    "ev.no_data_before": ("The data do not reach before the start: no before window.",
                          "Данные не доходят до начала действия: окна «до» нет."),
    "ev.no_data_after": ("The data do not reach past the end yet: no after window.",
                         "Данные пока не заходят за окончание действия: окна «после» нет."),
    "ev.result": ("{n_before} before, {n_after} after ({days} days each): after/before "
                  "{rr} (95% CI {lo}–{hi}); rest of the study area {comp}; ratio of ratios "
                  "{ror} (95% CI {rlo}–{rhi}). Verdict: {verdict}.",
                  "{n_before} до, {n_after} после (по {days} дн.): после/до {rr} (95% ДИ "
                  "{lo}–{hi}); остальная зона {comp}; отношение отношений {ror} (95% ДИ "
                  "{rlo}–{rhi}). Вывод: {verdict}."),
    "ev.comparison_too": ("The rest of the study area changed the same way: the change is not "
                          "credited to the action.",
                          "В остальной зоне изменилось так же: изменение не приписывается "
                          "действию."),
    "ev.no_comparison": ("Too few incidents in the rest of the study area to compare.",
                         "В остальной зоне слишком мало инцидентов для сравнения."),
    # follow-up (Monday list)
    "fu.title": ("What changed since the last review", "Что изменилось после рассмотрения"),
    "fu.none": ("Nothing changed since the last reviews.",
                "После последних рассмотрений ничего не изменилось."),
    "fu.since": ("Changes since (empty: each subject's last review)",
                 "Изменения с даты (пусто: с последнего рассмотрения)"),
    "fu.review": ("Mark a pair or a hotspot reviewed", "Отметить пару или очаг как рассмотренные"),
    "fu.kind": ("Pair or hotspot", "Пара или очаг"),
    "fu.subject": ("Which one", "Какой"),
    "fu.decision": ("Decision", "Решение"),
    "fu.why": ("Why", "Почему"),
    "fu.on": ("Reviewed on", "Дата рассмотрения"),
    "fu.save": ("Record the review", "Записать решение"),
    "fu.saved": ("Review recorded.", "Решение записано."),
    "fu.err.why": ("Say why not now.", "Укажите, почему не сейчас."),
    "fu.no_subjects": ("No hotspots or pairs with the current filters.",
                       "С текущими фильтрами нет очагов и пар."),
    "ch.new_incidents": ("Hotspot {subject}: {n} new {n:plural:incident|incidents} since "
                         "{since} ({detail}).",
                         "Очаг {subject}: новых инцидентов с {since}: {n} ({detail})."),
    "ch.now_parallel": ("Pair {subject} (hotspot {hotspot}): now parallel — armed incidents: "
                        "{detail}; last decision: {decision}.",
                        "Пара {subject} (очаг {hotspot}): теперь параллельно — вооружённые "
                        "инциденты: {detail}; последнее решение: {decision}."),
    "ch.now_intensifying": ("Hotspot {subject}: now intensifying (at the review: {before}).",
                            "Очаг {subject}: теперь усиливается (при рассмотрении: {before})."),
    "ch.never_reviewed.hotspot": ("Hotspot {subject}: never reviewed.",
                                  "Очаг {subject}: ещё не рассматривался."),
    "ch.never_reviewed.pair": ("Pair {subject} (hotspot {hotspot}): never reviewed.",
                               "Пара {subject} (очаг {hotspot}): ещё не рассматривалась."),
    "ch.kind.pair": ("Pair", "Пара"),
    "ch.kind.hotspot": ("Hotspot", "Очаг"),
}
