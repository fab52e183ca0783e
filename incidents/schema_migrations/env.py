"""Alembic environment of the incident store: always run through incidents.migrations,
which hands over an open connection (no URL or logging configuration is read here)."""
from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
