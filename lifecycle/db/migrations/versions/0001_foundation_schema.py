"""foundation schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 13:17:09.077052

On PostgreSQL a trigger keeps the audit log append-only.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('event', sa.String(length=60), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=True),
    sa.Column('to_state', sa.String(length=20), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_records')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_records_hash'))
    )
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_records_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_records_plan_id'), ['plan_id'], unique=False)

    op.create_table('authorities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_authorities')),
    sa.UniqueConstraint('name', name=op.f('uq_authorities_name'))
    )
    op.create_table('boards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.Column('pct', sa.String(length=200), nullable=False),
    sa.Column('authority_website', sa.String(length=500), nullable=True),
    sa.Column('pct_website', sa.String(length=500), nullable=True),
    sa.Column('review_basis', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("review_basis IN ('financial', 'plan')", name=op.f('ck_boards_review_basis')),
    sa.ForeignKeyConstraint(['authority_id'], ['authorities.id'], name=op.f('fk_boards_authority_id_authorities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boards'))
    )
    op.create_table('members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('partner_type', sa.String(length=60), nullable=False),
    sa.Column('statutory', sa.Boolean(), nullable=False),
    sa.Column('representative', sa.String(length=200), nullable=True),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.CheckConstraint('left_on IS NULL OR left_on >= joined_on', name=op.f('ck_members_left_after_joining')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_members_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_members'))
    )
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_members_board_id'), ['board_id'], unique=False)

    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('approval_minute_ref', sa.String(length=200), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('drafting', 'consultation', 'finalising', 'approved', 'in_force', 'under_review', 'revising', 'expired', 'superseded', 'withdrawn')", name=op.f('ck_plans_state')),
    sa.CheckConstraint('period_start < period_end', name=op.f('ck_plans_period_order')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_plans_board_id_boards')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['plans.id'], name=op.f('fk_plans_predecessor_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('board_id', 'sequence', name=op.f('uq_plans_board_id'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_board_id'), ['board_id'], unique=False)

    op.create_table('rulebook_switches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('rulebook', sa.String(length=100), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('plan_length_months', sa.Integer(), nullable=False),
    sa.Column('successor_grace_days', sa.Integer(), nullable=False),
    sa.Column('review_basis', sa.String(length=20), nullable=False),
    sa.CheckConstraint("review_basis IN ('financial', 'plan')", name=op.f('ck_rulebook_switches_review_basis')),
    sa.CheckConstraint('plan_length_months > 0 AND successor_grace_days >= 0', name=op.f('ck_rulebook_switches_cadence')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_rulebook_switches_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rulebook_switches')),
    sa.UniqueConstraint('board_id', 'effective_from', name=op.f('uq_rulebook_switches_board_id'))
    )
    with op.batch_alter_table('rulebook_switches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rulebook_switches_board_id'), ['board_id'], unique=False)

    op.create_table('acknowledgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('change_id', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_acknowledgements_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acknowledgements')),
    sa.UniqueConstraint('plan_id', 'revision', 'change_id', name=op.f('uq_acknowledgements_plan_id'))
    )
    with op.batch_alter_table('acknowledgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acknowledgements_plan_id'), ['plan_id'], unique=False)

    op.create_table('checklist_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('document_url', sa.String(length=500), nullable=True),
    sa.Column('report_ref', sa.String(length=500), nullable=True),
    sa.Column('report_date', sa.Date(), nullable=True),
    sa.Column('no_report_yet', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('missing', 'drafted', 'complete')", name=op.f('ck_checklist_items_status')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_checklist_items_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_items')),
    sa.UniqueConstraint('plan_id', 'key', name=op.f('uq_checklist_items_plan_id'))
    )
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checklist_items_plan_id'), ['plan_id'], unique=False)

    op.create_table('publication_channels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.CheckConstraint("channel IN ('authority_website', 'pct_website', 'partner_website', 'public_place')", name=op.f('ck_publication_channels_channel')),
    sa.CheckConstraint('url IS NOT NULL OR place IS NOT NULL', name=op.f('ck_publication_channels_url_or_place')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_publication_channels_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_channels'))
    )
    with op.batch_alter_table('publication_channels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_channels_plan_id'), ['plan_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('concluded_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.CheckConstraint('concluded_on IS NULL OR concluded_on >= opened_on', name=op.f('ck_reviews_concluded_after_opening')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_reviews_plan_id_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews'))
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_plan_id'), ['plan_id'], unique=False)

    op.create_table('consultees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=1), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('invited_on', sa.Date(), nullable=True),
    sa.Column('response_due', sa.Date(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('declined', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('none_in_area', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("category BETWEEN 'a' AND 'p'", name=op.f('ck_consultees_category')),
    sa.CheckConstraint('none_in_area OR name IS NOT NULL', name=op.f('ck_consultees_named_unless_none')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_consultees_plan_id_plans')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_consultees_review_id_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultees'))
    )
    with op.batch_alter_table('consultees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultees_plan_id'), ['plan_id'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('begun_on', sa.Date(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_revisions_plan_id_plans')),
    sa.ForeignKeyConstraint(['review_id'], ['reviews.id'], name=op.f('fk_revisions_review_id_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_revisions_plan_id'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revisions_plan_id'), ['plan_id'], unique=False)


    _protect_audit_log()

def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_records_append_only ON audit_records")
        op.execute("DROP FUNCTION IF EXISTS refuse_audit_change()")
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revisions_plan_id'))

    op.drop_table('revisions')
    with op.batch_alter_table('consultees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultees_plan_id'))

    op.drop_table('consultees')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_plan_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('publication_channels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_channels_plan_id'))

    op.drop_table('publication_channels')
    with op.batch_alter_table('checklist_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checklist_items_plan_id'))

    op.drop_table('checklist_items')
    with op.batch_alter_table('acknowledgements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acknowledgements_plan_id'))

    op.drop_table('acknowledgements')
    with op.batch_alter_table('rulebook_switches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rulebook_switches_board_id'))

    op.drop_table('rulebook_switches')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_board_id'))

    op.drop_table('plans')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_members_board_id'))

    op.drop_table('members')
    op.drop_table('boards')
    op.drop_table('authorities')
    with op.batch_alter_table('audit_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_records_plan_id'))
        batch_op.drop_index(batch_op.f('ix_audit_records_board_id'))

    op.drop_table('audit_records')


def _protect_audit_log() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""
        CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP;
        END $$""")
    op.execute("""
        CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()""")
