"""The Board's s17A(3) duties: monitoring entries, annual reports, annual_report_months

Revision ID: 0008_monitoring
Revises: 0007_page_services
Create Date: 2026-11-25 16:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_monitoring'
down_revision = '0007_page_services'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'monitoring_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('monitored_on', sa.Date(), nullable=False),
        sa.Column('assessment', sa.String(length=20), nullable=False),
        sa.Column('evidence', sa.Text(), nullable=False),
        sa.Column('recorded_by', sa.String(length=200), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("assessment IN ('in_accordance', 'partly', 'not_in_accordance')",
                           name=op.f('ck_monitoring_entries_assessment')),
        sa.ForeignKeyConstraint(['board_id'], ['boards.id'],
                                name=op.f('fk_monitoring_entries_board_id_boards')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'],
                                name=op.f('fk_monitoring_entries_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_monitoring_entries')),
    )
    op.create_index(op.f('ix_monitoring_entries_member_id'), 'monitoring_entries',
                    ['member_id'], unique=False)
    op.create_index('ix_monitoring_entries_board_id_monitored_on', 'monitoring_entries',
                    ['board_id', 'monitored_on'], unique=False)
    op.create_table(
        'annual_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('year_start', sa.Date(), nullable=False),
        sa.Column('year_end', sa.Date(), nullable=False),
        sa.Column('governance_assessment', sa.Text(), nullable=True),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('url', sa.String(length=500), nullable=True),
        sa.Column('contents', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('year_start < year_end', name=op.f('ck_annual_reports_year_order')),
        sa.CheckConstraint('(published_on IS NULL) = (url IS NULL)',
                           name=op.f('ck_annual_reports_published_with_url')),
        sa.ForeignKeyConstraint(['board_id'], ['boards.id'],
                                name=op.f('fk_annual_reports_board_id_boards')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_reports')),
        sa.UniqueConstraint('board_id', 'year_start', name=op.f('uq_annual_reports_board_id')),
    )
    op.create_table(
        'annual_report_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('months', sa.Integer(), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.CheckConstraint('months BETWEEN 1 AND 24', name=op.f('ck_annual_report_settings_months')),
        sa.ForeignKeyConstraint(['board_id'], ['boards.id'],
                                name=op.f('fk_annual_report_settings_board_id_boards')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_annual_report_settings')),
        sa.UniqueConstraint('board_id', 'effective_from',
                            name=op.f('uq_annual_report_settings_board_id')),
    )


def downgrade() -> None:
    op.drop_table('annual_report_settings')
    op.drop_table('annual_reports')
    op.drop_index('ix_monitoring_entries_board_id_monitored_on', table_name='monitoring_entries')
    op.drop_index(op.f('ix_monitoring_entries_member_id'), table_name='monitoring_entries')
    op.drop_table('monitoring_entries')
