"""Joint Boards and Board composition

Revision ID: 0009_joint_boards
Revises: 0007_page_services
Create Date: 2026-11-29 14:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_joint_boards'
down_revision = '0008_monitoring'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('joint_authorities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authorities.id'], name=op.f('fk_joint_authorities_authority_id_authorities')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_joint_authorities_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_authorities')),
    sa.UniqueConstraint('board_id', 'authority_id', name=op.f('uq_joint_authorities_board_id'))
    )
    with op.batch_alter_table('joint_authorities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_authorities_board_id'), ['board_id'], unique=False)

    op.create_table('joint_pcts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_joint_pcts_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_pcts')),
    sa.UniqueConstraint('board_id', 'name', name=op.f('uq_joint_pcts_board_id'))
    )
    with op.batch_alter_table('joint_pcts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_pcts_board_id'), ['board_id'], unique=False)

    op.create_table('relevant_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('partner_type', sa.String(length=60), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.CheckConstraint("partner_type IN ('district_council', 'pct', 'police', 'probation', 'youth_offending_team', 'maintained_school', 'fe_college', 'non_maintained_special_school', 'academy', 'short_stay_school', 'jobcentre_plus', 'strategic_health_authority')", name=op.f('ck_relevant_partners_partner_type')),
    sa.CheckConstraint('since IS NULL OR ended_on IS NULL OR ended_on > since', name=op.f('ck_relevant_partners_ended_after')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_relevant_partners_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relevant_partners')),
    sa.UniqueConstraint('board_id', 'name', name=op.f('uq_relevant_partners_board_id'))
    )
    with op.batch_alter_table('relevant_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relevant_partners_board_id'), ['board_id'], unique=False)

    op.create_table('member_authorities',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('authority_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['authority_id'], ['authorities.id'], name=op.f('fk_member_authorities_authority_id_authorities')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_authorities_member_id_members')),
    sa.PrimaryKeyConstraint('member_id', 'authority_id', name=op.f('pk_member_authorities'))
    )
    op.create_table('member_partners',
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_partners_member_id_members')),
    sa.ForeignKeyConstraint(['partner_id'], ['relevant_partners.id'], name=op.f('fk_member_partners_partner_id_relevant_partners')),
    sa.PrimaryKeyConstraint('member_id', 'partner_id', name=op.f('pk_member_partners'))
    )
    with op.batch_alter_table('member_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_partners_partner_id'), ['partner_id'], unique=False)

    with op.batch_alter_table('consultees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authority', sa.String(length=200), nullable=True))

    with op.batch_alter_table('publication_channels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation', sa.String(length=200), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('publication_channels', schema=None) as batch_op:
        batch_op.drop_column('organisation')

    with op.batch_alter_table('consultees', schema=None) as batch_op:
        batch_op.drop_column('authority')

    with op.batch_alter_table('member_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_partners_partner_id'))

    op.drop_table('member_partners')
    op.drop_table('member_authorities')
    with op.batch_alter_table('relevant_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relevant_partners_board_id'))

    op.drop_table('relevant_partners')
    with op.batch_alter_table('joint_pcts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_pcts_board_id'))

    op.drop_table('joint_pcts')
    with op.batch_alter_table('joint_authorities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_authorities_board_id'))

    op.drop_table('joint_authorities')
