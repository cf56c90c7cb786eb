"""Each board's obligation fingerprint (obligation_digests): the daily evaluation reads a
board's stored obligation states only when its obligations differ from those last stored.
No row is made here: a board without one has its states read and compared once, as before.

Revision ID: 0015_obligation_digests
Revises: 0014_secrets
Create Date: 2026-11-30 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015_obligation_digests'
down_revision = '0014_secrets'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('obligation_digests',
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_obligation_digests_board_id_boards')),
    sa.PrimaryKeyConstraint('board_id', name=op.f('pk_obligation_digests'))
    )


def downgrade() -> None:
    op.drop_table('obligation_digests')
