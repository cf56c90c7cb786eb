"""Year-basis changes with their effective dates; incidents of boards whose evaluation failed

Revision ID: 0006_settings_effective
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_settings_effective'
down_revision = '0005_event_dating'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('review_basis_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('review_basis', sa.String(length=20), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.CheckConstraint("review_basis IN ('financial', 'plan')", name=op.f('ck_review_basis_changes_review_basis')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_review_basis_changes_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_basis_changes')),
    sa.UniqueConstraint('board_id', 'effective_from', name=op.f('uq_review_basis_changes_board_id'))
    )
    with op.batch_alter_table('review_basis_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_basis_changes_board_id'), ['board_id'], unique=False)

    op.create_table('evaluation_incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('first_failed_on', sa.Date(), nullable=False),
    sa.Column('last_failed_on', sa.Date(), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_evaluation_incidents_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_incidents'))
    )
    with op.batch_alter_table('evaluation_incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_incidents_board_id'), ['board_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evaluation_incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_incidents_board_id'))
    op.drop_table('evaluation_incidents')
    with op.batch_alter_table('review_basis_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_basis_changes_board_id'))
    op.drop_table('review_basis_changes')
