"""The schema is made only by Alembic migrations, and they match the tables the code maps."""
import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect

from lifecycle.db import access_tables, monitoring_tables, schedule_tables  # noqa: F401
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


def _values(sql: str) -> set[str]:
    """The quoted values a CHECK names, however the database spells the rest of it."""
    return set(re.findall(r"'([^']*)'", sql))


def _declared_checks() -> dict[tuple[str, str], set[str]]:
    checks = {}
    for table in metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                name = conv_name(constraint, table)
                checks[table.name, name] = _values(str(constraint.sqltext))
    return checks


def conv_name(constraint, table) -> str:
    """The constraint's name after the metadata's naming convention (ck_<table>_<name>)."""
    name = str(constraint.name)
    return name if name.startswith(f"ck_{table.name}_") else f"ck_{table.name}_{name}"


def test_the_migrated_check_constraints_are_the_declared_ones(engine):
    """Every CHECK the migrations made is one the tables declare, with the same values: the
    tables build their lists from the domain's enums, so the database refuses exactly what
    the domain does not know (alembic's compare_metadata does not look at CHECKs)."""
    inspector = inspect(engine)
    migrated = {(table, c["name"]): _values(c["sqltext"])
                for table in inspector.get_table_names() if table != "alembic_version"
                for c in inspector.get_check_constraints(table)}
    assert migrated == _declared_checks()


def test_the_check_lists_are_the_domains_enums():
    from lifecycle import obligations
    from lifecycle.access import ROLES
    from lifecycle.machine import PlanState
    from lifecycle.rules import checklist, consultees, publication, reminders
    from lifecycle.rules.composition import PARTNER_TYPES
    from lifecycle.rules.monitoring import ASSESSMENTS
    from lifecycle.rules.rulebooks import REVIEW_BASES

    checks = _declared_checks()
    assert checks["plans", "ck_plans_state"] == {s.value for s in PlanState}
    assert checks["users", "ck_users_role"] == set(ROLES)
    letters = list(consultees.BY_LETTER)
    assert letters == [chr(c) for c in range(ord(letters[0]), ord(letters[-1]) + 1)]
    assert checks["consultees", "ck_consultees_category"] == {letters[0], letters[-1]}
    assert checks["checklist_items", "ck_checklist_items_status"] == set(checklist.STATUSES)
    assert checks["publication_channels", "ck_publication_channels_channel"] == set(
        publication.BY_NAME)
    assert checks["relevant_partners", "ck_relevant_partners_partner_type"] == set(PARTNER_TYPES)
    assert checks["monitoring_entries", "ck_monitoring_entries_assessment"] == set(ASSESSMENTS)
    assert checks["obligation_states", "ck_obligation_states_status"] == set(obligations.STATUSES)
    assert checks["reminders", "ck_reminders_status"] == set(reminders.REMINDER_STATUSES)
    assert checks["deliveries", "ck_deliveries_status"] == set(reminders.DELIVERY_STATUSES)
    assert checks["deliveries", "ck_deliveries_channel"] == set(reminders.DELIVERY_CHANNELS)
    for table in ("boards", "rulebook_switches", "review_basis_changes"):
        assert checks[table, f"ck_{table}_review_basis"] == set(REVIEW_BASES)
