"""Alembic environment: migrates the database named by the caller (or CYPP_DATABASE_URL)."""
from alembic import context

from lifecycle.db import (
    access_tables,  # noqa: F401,E402  (registers its tables on metadata)
    monitoring_tables,  # noqa: F401,E402  (the s17A(3) duties' tables)
    schedule_tables,  # noqa: F401,E402  (the scheduler's tables)
)
from lifecycle.db.engine import database_url, make_engine
from lifecycle.db.tables import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
