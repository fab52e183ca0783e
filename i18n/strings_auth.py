"""Strings of signing in, roles and the Accounts page: key → (English, Russian); merged into
:data:`i18n.strings.STRINGS`."""

AUTH_STRINGS: dict[str, tuple[str, str]] = {
    "nav.sign_in": ("Sign in", "Вход"),
    "nav.accounts": ("Accounts", "Учётные записи"),
    "auth.title": ("Sign in", "Вход"),
    "auth.account": ("Account", "Учётная запись"),
    "auth.password": ("Password", "Пароль"),
    "auth.sign_in": ("Sign in", "Войти"),
    "auth.sign_out": ("Sign out", "Выйти"),
    "auth.sso": ("Sign in with your organisation", "Войти через вашу организацию"),
    "auth.bad": ("Wrong account name or password.", "Неверное имя учётной записи или пароль."),
    "auth.locked": ("Too many failed sign-ins: try again in {minutes} "
                    "{minutes:plural:minute|minutes}.",
                    "Слишком много неудачных попыток входа: повторите через {minutes} мин."),
    "auth.expired": ("Your session ended after a period without activity: sign in again.",
                     "Сеанс завершён после периода бездействия: войдите снова."),
    "auth.account_ended": ("An administrator disabled or removed your account: this session "
                           "has ended.",
                           "Администратор отключил или удалил вашу учётную запись: сеанс "
                           "завершён."),
    "auth.unmapped": ("Your organisation account has no role here yet: ask an administrator "
                      "to add your e-mail address.",
                      "У вашей учётной записи организации пока нет роли здесь: попросите "
                      "администратора добавить ваш адрес электронной почты."),
    "auth.signed_as": ("Signed in as {account} ({role})", "Вы вошли как {account} ({role})"),
    "auth.denied": ("Not saved: your role ({role}) does not allow this; it needs the {need} "
                    "role.",
                    "Не сохранено: ваша роль ({role}) этого не позволяет; нужна роль «{need}»."),
    "role.viewer": ("viewer", "наблюдатель"),
    "role.member": ("member", "участник"),
    "role.editor": ("editor", "редактор"),
    "role.admin": ("admin", "администратор"),
    "acc.title": ("Accounts", "Учётные записи"),
    "acc.local": ("No account exists: the app runs in local single-user mode (only this "
                  "computer can open it, and you are its administrator). Creating the first "
                  "account (an administrator) turns sign-in on for everyone.",
                  "Учётных записей нет: приложение работает в локальном однопользовательском "
                  "режиме (открыть его можно только на этом компьютере, и вы — его "
                  "администратор). Первая созданная учётная запись (администратор) включает "
                  "вход для всех."),
    "acc.add": ("Add an account", "Добавить учётную запись"),
    "acc.add_go": ("Add", "Добавить"),
    "acc.added": ("Account {name} added.", "Учётная запись {name} добавлена."),
    "acc.role": ("Role", "Роль"),
    "acc.email": ("E-mail for the organisation's sign-in (optional)",
                  "Эл. почта для входа через организацию (необязательно)"),
    "acc.change": ("Change an account", "Изменить учётную запись"),
    "acc.set_role": ("Set the role", "Назначить роль"),
    "acc.disable": ("Disable", "Отключить"),
    "acc.enable": ("Enable", "Включить"),
    "acc.new_password": ("New password", "Новый пароль"),
    "acc.reset": ("Set the password", "Задать пароль"),
    "acc.changed": ("Account {name} changed.", "Учётная запись {name} изменена."),
    "acc.active": ("active", "активна"),
    "acc.disabled": ("disabled", "отключена"),
    "acc.anonymous": ("What a visitor who has not signed in sees",
                      "Что видит посетитель, не выполнивший вход"),
    "acc.anon.signin": ("Only the sign-in page", "Только страницу входа"),
    "acc.anon.viewer": ("The public map (the viewer's view) and the sign-in page",
                        "Публичную карту (вид наблюдателя) и страницу входа"),
    "acc.anon_saved": ("Saved.", "Сохранено."),
    "acc.sign_ins": ("Latest sign-in attempts", "Последние попытки входа"),
}
