"""A consultee's category is one of the reg 7(1) letters, listed (it was a range)

``category BETWEEN 'a' AND 'p'`` let through more than the sixteen letters: on SQLite any
longer text that sorts between them ('ab'), on PostgreSQL under a linguistic collation
upper-case letters ('B' sorts between 'a' and 'p'). The list is the domain's
(``lifecycle.rules.consultees.CATEGORIES``), written out here as migrations are.

SQLite cannot change a CHECK in place, and Alembic's batch rebuild (copy, drop, rename)
fails because reminders refer to consultees and foreign keys are on. So on SQLite the table
is rebuilt by hand with foreign keys deferred to the commit: its rows are kept aside, the
table is dropped and made again with the new CHECK, and the rows go back in, which
satisfies every reminder that refers to them before the commit checks.

Revision ID: 0013_checks
Revises: 0012_audit
Create Date: 2026-11-29 17:00:00
"""
from alembic import op


revision = '0013_checks'
down_revision = '0012_audit'
branch_labels = None
depends_on = None

LETTERS = tuple('abcdefghijklmnop')
RANGE = "category BETWEEN 'a' AND 'p'"
LISTED = f"category IN ({', '.join(repr(letter) for letter in LETTERS)})"


def _replace_check(old: str, new: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _rebuild_sqlite(old, new)
        return
    op.drop_constraint(op.f('ck_consultees_category'), 'consultees', type_='check')
    op.create_check_constraint(op.f('ck_consultees_category'), 'consultees', new)


def _rebuild_sqlite(old: str, new: str) -> None:
    bind = op.get_bind()
    table_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'consultees'").scalar()
    rebuilt = table_sql.replace(f"CHECK ({old})", f"CHECK ({new})")
    if rebuilt == table_sql:
        raise RuntimeError(f"consultees has no CHECK ({old}) to replace")
    extras = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'consultees' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL").scalars().all()
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    bind.exec_driver_sql("CREATE TEMP TABLE consultees_kept AS SELECT * FROM consultees")
    bind.exec_driver_sql("DROP TABLE consultees")
    bind.exec_driver_sql(rebuilt)
    bind.exec_driver_sql("INSERT INTO consultees SELECT * FROM consultees_kept")
    bind.exec_driver_sql("DROP TABLE consultees_kept")
    for statement in extras:
        bind.exec_driver_sql(statement)


def upgrade() -> None:
    _replace_check(RANGE, LISTED)


def downgrade() -> None:
    _replace_check(LISTED, RANGE)
