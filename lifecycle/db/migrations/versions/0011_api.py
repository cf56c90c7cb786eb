"""The installation's identity (one row), for calendar UIDs unique per installation

Revision ID: 0011_api
Revises: 0007_page_services
Create Date: 2026-11-29 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_api'
down_revision = '0010_ops'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'installation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('installation_id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_installation_single_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_installation')),
        sa.UniqueConstraint('installation_id', name=op.f('uq_installation_installation_id')),
    )


def downgrade() -> None:
    op.drop_table('installation')
