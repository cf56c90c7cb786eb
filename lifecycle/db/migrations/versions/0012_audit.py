"""The audit log: an index per filter, checks of the chain, no TRUNCATE, an application role

Revision ID: 0012_audit
Revises: 0011_api
Create Date: 2026-11-29 17:00:00

On PostgreSQL, a BEFORE TRUNCATE trigger joins the row triggers that refuse UPDATE and
DELETE, and the role ``cypp_app`` (NOLOGIN; see README "Deployment") may read and write
every table but only INSERT and SELECT audit records. Roles belong to the whole server, so
the role is made once and kept on downgrade; its grants in this database are revoked.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_audit'
down_revision = '0011_api'
branch_labels = None
depends_on = None

APP_ROLE = "cypp_app"
INDEXES = {"ix_audit_records_board_id_id": ["board_id", "id"],
           "ix_audit_records_plan_id_id": ["plan_id", "id"],
           "ix_audit_records_actor_id": ["actor", "id"],
           "ix_audit_records_event_id": ["event", "id"],
           "ix_audit_records_at_id": ["at", "id"]}


def upgrade() -> None:
    op.drop_index("ix_audit_records_board_id", table_name="audit_records")
    op.drop_index("ix_audit_records_plan_id", table_name="audit_records")
    for name, columns in INDEXES.items():
        op.create_index(name, "audit_records", columns)
    op.create_table('audit_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('intact', sa.Boolean(), nullable=False),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('first_bad_id', sa.Integer(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_verifications'))
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
            FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()""")
        _create_app_role()
        _grant_app_role()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _revoke_app_role()
        op.execute("DROP TRIGGER IF EXISTS audit_records_no_truncate ON audit_records")
    op.drop_table('audit_verifications')
    for name in INDEXES:
        op.drop_index(name, table_name="audit_records")
    op.create_index("ix_audit_records_board_id", "audit_records", ["board_id"])
    op.create_index("ix_audit_records_plan_id", "audit_records", ["plan_id"])


def _create_app_role() -> None:
    """Make the role unless the server has it; another database (or a concurrent migration)
    may have made it first. A migrating user without CREATEROLE gets one clear error."""
    op.execute(f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} NOLOGIN;
            END IF;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'cannot create role {APP_ROLE}: run CREATE ROLE {APP_ROLE} NOLOGIN '
                                'as a superuser (or give the migrating user CREATEROLE), then '
                                'migrate again';
        END $$""")


def _grant_app_role() -> None:
    """Everything the service needs, nothing more: no DDL, no TRUNCATE, no migrations, and
    on the audit log only INSERT and SELECT. Tables later migrations make get the same."""
    op.execute(f"""
        DO $$
        BEGIN
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO {APP_ROLE}', current_schema());
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I '
                           'TO {APP_ROLE}', current_schema());
            EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {APP_ROLE}',
                           current_schema());
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, '
                           'DELETE ON TABLES TO {APP_ROLE}', current_schema());
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON '
                           'SEQUENCES TO {APP_ROLE}', current_schema());
        END $$""")
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM {APP_ROLE}")
    op.execute(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {APP_ROLE}")


def _revoke_app_role() -> None:
    op.execute(f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                RETURN;
            END IF;
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON TABLES FROM '
                           '{APP_ROLE}', current_schema());
            EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE ALL ON SEQUENCES FROM '
                           '{APP_ROLE}', current_schema());
            EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM {APP_ROLE}',
                           current_schema());
            EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {APP_ROLE}',
                           current_schema());
            EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM {APP_ROLE}', current_schema());
        END $$""")
