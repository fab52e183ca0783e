"""Strings of the add and edit forms' guards (stale form, another record, duplicate, busy
store): key → (English, Russian); merged into :data:`i18n.strings.STRINGS`."""

EDIT_STRINGS: dict[str, tuple[str, str]] = {
    "edit.stale": (
        "Not saved: {id} was changed (by another session, the command line or an import) "
        "since this form was opened. Both versions are below; your input is kept.",
        "Не сохранено: {id} изменён (в другом сеансе, из командной строки или импортом) "
        "после открытия формы. Обе версии ниже; ваш ввод сохранён."),
    "edit.changed_elsewhere": (
        "{id} has been changed elsewhere since this form was opened: saving would be "
        "refused. Load the stored record to edit it as it is now.",
        "{id} изменён в другом месте после открытия формы: сохранение будет отклонено. "
        "Загрузите сохранённую запись, чтобы править её текущую версию."),
    "edit.other_record": (
        "Not saved: this form was opened for {form_id}, but {id} is chosen now. Nothing "
        "was written to either. Your input for {form_id} is below.",
        "Не сохранено: форма была открыта для {form_id}, а сейчас выбран {id}. Ни одна "
        "запись не изменена. Ваш ввод для {form_id} ниже."),
    "edit.old_form": (
        "Not saved: this form showed {id} as it was before a change. Both versions are "
        "below; your input is kept.",
        "Не сохранено: форма показывала {id} до изменения. Обе версии ниже; ваш ввод "
        "сохранён."),
    "edit.col.field": ("Field", "Поле"),
    "edit.col.shown": ("When the form was opened", "При открытии формы"),
    "edit.col.stored": ("Stored now", "Сохранено сейчас"),
    "edit.col.mine": ("Your input", "Ваш ввод"),
    "edit.load_stored": ("Load the stored record", "Загрузить сохранённую запись"),
    "edit.overwrite": ("Save my input over it", "Сохранить мой ввод поверх"),
    "edit.dismiss": ("Dismiss", "Скрыть"),
    "edit.duplicate": (
        "Not saved: an identical incident is already stored as {id} (the same form sent "
        "twice?). Change something if this is another incident.",
        "Не сохранено: такой же инцидент уже сохранён как {id} (форма отправлена дважды?). "
        "Если это другой инцидент, измените что-нибудь."),
    "edit.busy_wait": (
        "The store is busy (an import may be running): waiting to save… {s} s",
        "Хранилище занято (возможно, идёт импорт): ожидание сохранения… {s} с"),
    "edit.busy_gave_up": (
        "Not saved: the store stayed busy for {s} s (an import may be running). Your "
        "input is still in the form: press Save again in a moment.",
        "Не сохранено: хранилище было занято {s} с (возможно, идёт импорт). Ваш ввод "
        "остался в форме: нажмите «Сохранить» ещё раз чуть позже."),
}
