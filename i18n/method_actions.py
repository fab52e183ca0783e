"""Method notes of the before/after evaluation of actions (Markdown, English and Russian);
the same text as docs/action-evaluation.md."""

METHOD_NOTES: dict[str, str] = {
    "en": """\
**What is counted.** Incidents of the categories the action targets, inside its area: the
action's point or road/canal segment widened by the radius (default 3 km), or for a
settlement the circle of the action's own radius. Distances are measured in metres in the
project's equal-area projection. Incidents marked duplicate or rejected, without coordinates,
or located only to the region (precision 3) are left out; in public views only public records
count.

**Windows.** The same length before the start and after the end (default 12 months each).
When the data do not reach that far on one side, both windows are shortened to the same
length. An action not ended yet, or not started by the end of the data, has no after window.

**The ratio.** After ÷ before, with an exact 95 % interval: given the total, the number after
follows a binomial distribution (the conditional test for two Poisson counts; checked against
`scipy.stats.binomtest`).

**The comparison.** The same ratio in the rest of the study area over the same windows, and
the ratio of the two (ratio of ratios, exact conditional interval). A region-wide calm —
after a treaty, say — lowers both, and is then not credited to the action.

**Verdict.** *Too few to judge* below 10 incidents before and after together (no p-values
below that). *Fewer* / *more* only when the interval of the ratio and that of the ratio of
ratios both lie below / above 1; otherwise *no clear change*.

**Limits.** An association, not proof that the action caused it. Incidents may move to the
next crossing or village just outside the radius (displacement) — look at the map around it.
Reporting changes: a new monitor, a group that reports more once it exists, or a quieter
press change counts without any change on the ground. Other events in the same months (a
treaty, a road closure, a season) act on the area too; the comparison catches those that act
on the whole study area, not local ones. Small areas give small numbers: wide intervals are
the honest answer.
""",
    "ru": """\
**Что считается.** Инциденты тех категорий, на которые направлено действие, внутри его зоны:
точка или участок дороги/канала, расширенные на радиус (по умолчанию 3 км), а для населённого
пункта — круг собственного радиуса действия. Расстояния — в метрах в равновеликой проекции
проекта. Не учитываются инциденты, отмеченные как дубликаты или отклонённые, без координат
или привязанные только к региону (точность 3); в открытых представлениях учитываются только
открытые записи.

**Окна.** Одинаковой длины до начала и после окончания (по умолчанию по 12 месяцев). Если
данные с одной стороны не доходят так далеко, оба окна сокращаются до одной длины. У действия,
которое ещё не закончилось или не началось к концу данных, окна «после» нет.

**Отношение.** После ÷ до, с точным 95 % интервалом: при известной сумме число «после»
распределено биномиально (условный тест для двух пуассоновских счётчиков; проверено по
`scipy.stats.binomtest`).

**Сравнение.** То же отношение в остальной части зоны анализа за те же окна и отношение двух
отношений (с точным условным интервалом). Общее затишье в регионе — например, после договора —
снижает оба и тогда не приписывается действию.

**Вывод.** «Слишком мало, чтобы судить» — если до и после вместе меньше 10 инцидентов (ниже
этого p-значения не приводятся). «Меньше» / «больше» — только если интервал отношения и
интервал отношения отношений оба ниже / выше 1; иначе — «явных изменений нет».

**Ограничения.** Это связь, а не доказательство, что причина — действие. Инциденты могут
переместиться к соседнему переходу или селу сразу за радиусом (смещение) — смотрите карту
вокруг. Изменения в сообщениях: новый наблюдатель, группа, которая с появлением начинает
сообщать больше, или затихшая пресса меняют счёт без изменений на месте. Другие события тех же
месяцев (договор, закрытие дороги, сезон) тоже действуют на зону; сравнение улавливает те, что
действуют на всю зону анализа, но не местные. Малые зоны дают малые числа: широкие интервалы —
честный ответ.
""",
}
