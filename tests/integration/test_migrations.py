"""The schema is made only by Alembic migrations, and they match the tables the code maps."""
import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect, text

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
    assert checks["consultees", "ck_consultees_category"] == set(consultees.BY_LETTER)
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


def test_the_listed_category_check_keeps_consultees_that_reminders_refer_to(fresh_database_url):
    """0013_checks rebuilds consultees on SQLite; the rows and the reminders that refer to
    them survive it both ways, and a category outside reg 7(1)'s letters is refused."""
    from alembic import command
    from sqlalchemy.exc import DBAPIError

    from lifecycle.db.engine import make_engine
    from lifecycle.db.migrate import alembic_config
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0011_api")
    engine = make_engine(fresh_database_url)
    rows = [
        "INSERT INTO authorities (id, name) VALUES (1, 'Northshire')",
        "INSERT INTO boards (id, name, authority_id, pct, review_basis, created_at) "
        "VALUES (1, 'Board', 1, 'PCT', 'financial', '2011-01-01 00:00:00')",
        "INSERT INTO plans (id, board_id, sequence, title, period_start, period_end, state, "
        "version, revision, created_at) VALUES (1, 1, 1, 'Plan', '2011-04-01', '2014-03-31', "
        "'consultation', 1, 0, '2011-01-01 00:00:00')",
        "INSERT INTO consultees (id, plan_id, category, name, declined, none_in_area) "
        "VALUES (1, 1, 'e', 'LSCB', false, false)",
        "INSERT INTO reminders (id, board_id, consultee_id, rung, fire_on, status, created_at) "
        "VALUES (1, 1, 1, 'due', '2011-02-01', 'pending', '2011-01-01 00:00:00')",
    ]
    try:
        with engine.begin() as c:
            for row in rows:
                c.execute(text(row))
        engine.dispose()
        command.upgrade(config, "head")
        with engine.connect() as c:
            assert c.execute(text("SELECT consultee_id FROM reminders")).scalar() == 1
            assert c.execute(text("SELECT category FROM consultees")).scalar() == "e"
        for wrong in ("B", "ab"):
            with pytest.raises(DBAPIError), engine.begin() as c:  # CHECK (or PG: length)
                c.execute(text("INSERT INTO consultees (plan_id, category, name, declined, "
                               f"none_in_area) VALUES (1, '{wrong}', 'x', false, false)"))
        engine.dispose()
        command.downgrade(config, "0011_api")
        with engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM consultees")).scalar() == 1
    finally:
        engine.dispose()
