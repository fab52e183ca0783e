"""What every store in the project's database shares: the engine opened on the URL (default
:func:`settings.database_url`) and the schema upgraded to the code's (Alembic)."""
from __future__ import annotations

import settings
from incidents import migrations
from incidents.database import open_engine


class DatabaseStore:
    """A store in the project's database (incidents, registry, actions, reviews)."""

    def __init__(self, url: str | None = None):
        self.url = url or settings.database_url()
        self.engine = open_engine(self.url)
        migrations.upgrade(self.engine)

    def close(self) -> None:
        """Release database connections."""
        self.engine.dispose()
