"""Accounts and roles (issue 18): ``accounts`` (name, role, Argon2id hash or NULL for
single sign-on only, e-mail, disabled), ``sign_ins`` (the sign-in log behind the rate
limit; never a password) and ``app_settings`` (deployment choices an admin makes in the
app, e.g. what an unsigned visitor sees).

Revision ID: 0009_accounts
Revises: 0008_sides
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_accounts"
down_revision = "0008_sides"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = set(sa.inspect(op.get_bind()).get_table_names())  # a store stamped back: kept
    if "accounts" not in have:
        _accounts()
    if "sign_ins" not in have:
        _sign_ins()
    if "app_settings" not in have:
        op.create_table(
            "app_settings",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text()),
        )


def _accounts() -> None:
    op.create_table(
        "accounts",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text()),
        sa.Column("email", sa.String(254), unique=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def _sign_ins() -> None:
    op.create_table(
        "sign_ins",
        sa.Column("sign_in_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False, index=True),
        sa.Column("account", sa.String(64)),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("app_settings")
    op.drop_table("sign_ins")
    op.drop_table("accounts")
