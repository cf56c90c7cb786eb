"""Scheduler heartbeats: when each job last finished, for readiness and metrics

Revision ID: 0010_ops
Revises: 0007_page_services
Create Date: 2026-11-26 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_ops'
down_revision = '0009_joint_boards'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scheduler_heartbeats',
    sa.Column('job', sa.String(length=60), nullable=False),
    sa.Column('worker', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('job', name=op.f('pk_scheduler_heartbeats'))
    )


def downgrade() -> None:
    op.drop_table('scheduler_heartbeats')
