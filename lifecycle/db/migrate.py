"""Schema changes go through Alembic only: ``cypp db upgrade`` and the test fixtures call this."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` (default CYPP_DATABASE_URL) up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


@cache
def head_revisions() -> frozenset[str]:
    """The revisions ``cypp db upgrade`` brings a database to (read once per process)."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def applied_revisions(connection: Connection) -> frozenset[str]:
    """The revisions the database on ``connection`` is at (empty when never migrated)."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())
