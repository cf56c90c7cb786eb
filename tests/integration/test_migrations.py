"""The schema is made only by Alembic migrations, and they match the tables the code maps."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from lifecycle.db.tables import metadata


def test_the_migrated_schema_matches_the_mapped_tables(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_migrations_run_up_and_down_and_up_again(fresh_database_url):
    from alembic import command

    from lifecycle.db.migrate import alembic_config
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
