"""Accounts (admin): who may sign in with which role, what an unsigned visitor sees, and
the latest sign-in attempts. The same operations as ``python -m incidents users``; the
store checks the admin right again (incidents.accounts)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n import reason_text, t
from incidents.access import ROLE_NAMES, Principal
from incidents.accounts import AccountError, AccountStore
from incidents.deployment import ANONYMOUS_CHOICES, anonymous_view, set_anonymous_view
from ui import auth, resources, state
from ui.choices import key_label, labelled
from ui.plain import literal
from ui.table_view import show_table

lang = state.lang()
me = resources.principal()
me.require("accounts")  # the navigation offers this page to admins only
engine = resources.store().engine
accounts = AccountStore(engine)
st.title(t("acc.title", lang))
rows = accounts.list(me)
if auth.is_local():
    st.info(t("acc.local", lang))
state.show_saved("accounts")


def _done(text: str) -> None:
    state.saved("accounts", text)


if rows:
    show_table(pd.DataFrame([{
        "name": a.name, "role": t(f"role.{a.role.label}", lang), "email": a.email or "",
        "state": t("acc.disabled" if a.disabled else "acc.active", lang),
        "password": "✓" if a.has_password else ""} for a in rows]), lang, width="stretch")

st.subheader(t("acc.add", lang))
with st.form("acc_add_form"):
    c1, c2 = st.columns(2)
    name = c1.text_input(t("auth.account", lang), max_chars=64, key="acc_new_name")
    roles = ROLE_NAMES if rows else ("admin",)  # the first account is an admin
    role = c2.selectbox(t("acc.role", lang), roles, index=len(roles) - 1 if not rows else 0,
                        format_func=labelled("acc_new_role", roles, key_label("role"), lang,
                                             drop=True), key="acc_new_role")
    password = c1.text_input(t("auth.password", lang), type="password", key="acc_new_pw")
    email = c2.text_input(t("acc.email", lang), key="acc_new_email")
    add = st.form_submit_button(t("acc.add_go", lang), type="primary")
if add:
    try:
        added = accounts.add(name, role, me, password=password or None, email=email or None)
        if auth.is_local():  # the first account: this session goes on signed in as it
            auth.adopt(Principal(added.name, added.role))
        state.forget("acc_new_")
        _done(t("acc.added", lang, name=literal(name)))
    except AccountError as err:
        st.error(literal(reason_text(err.reason, lang)))

if rows:
    st.subheader(t("acc.change", lang))
    names = [a.name for a in rows]
    who = st.selectbox(t("auth.account", lang), names, key="acc_who")
    current = next(a for a in rows if a.name == who)
    c1, c2, c3 = st.columns(3)
    new_role = c1.selectbox(t("acc.role", lang), ROLE_NAMES,
                            index=ROLE_NAMES.index(current.role.label),
                            format_func=labelled("acc_role", ROLE_NAMES, key_label("role"),
                                                 lang, drop=True), key="acc_role")
    try:
        if c1.button(t("acc.set_role", lang), key="acc_set_role"):
            accounts.set_role(who, new_role, me)
            _done(t("acc.changed", lang, name=literal(who)))
        if c2.button(t("acc.enable" if current.disabled else "acc.disable", lang),
                     key="acc_toggle"):
            accounts.disable(who, me, disabled=not current.disabled)
            _done(t("acc.changed", lang, name=literal(who)))
        new_pw = c3.text_input(t("acc.new_password", lang), type="password", key="acc_pw")
        if c3.button(t("acc.reset", lang), key="acc_reset") and new_pw:
            accounts.reset_password(who, new_pw, me)
            _done(t("acc.changed", lang, name=literal(who)))
    except AccountError as err:
        st.error(literal(reason_text(err.reason, lang)))

    st.subheader(t("acc.anonymous", lang))
    choice = anonymous_view(engine)
    picked = st.radio(t("acc.anonymous", lang), ANONYMOUS_CHOICES, key="acc_anon",
                      index=ANONYMOUS_CHOICES.index(choice), label_visibility="collapsed",
                      format_func=labelled("acc_anon", ANONYMOUS_CHOICES,
                                           key_label("acc.anon"), lang, drop=True))
    if picked != choice:
        set_anonymous_view(engine, picked, me)
        _done(t("acc.anon_saved", lang))

    with st.expander(t("acc.sign_ins", lang)):
        log = accounts.sign_ins(me, limit=100)
        if log:
            show_table(pd.DataFrame(log).drop(columns="sign_in_id"), lang, width="stretch")
