"""Chasing consultees through the reminder machinery: a reminder is about an obligation or
a consultee

Revision ID: 0007_page_services
Revises: 0003
Create Date: 2026-11-25 15:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_page_services'
down_revision = '0006_settings_effective'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consultee_id', sa.Integer(), nullable=True))
        batch_op.alter_column('obligation_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_reminders_consultee_id_consultees'),
                                    'consultees', ['consultee_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_reminders_consultee_id'), ['consultee_id'],
                              unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_reminders_consultee_id'),
                                          ['consultee_id', 'rung'])
        batch_op.create_check_constraint(
            batch_op.f('ck_reminders_subject'),
            '(obligation_id IS NULL) <> (consultee_id IS NULL)')


def downgrade() -> None:
    op.execute('DELETE FROM notifications WHERE reminder_id IN '
               '(SELECT id FROM reminders WHERE consultee_id IS NOT NULL)')
    op.execute('DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT d.id FROM deliveries d '
               'JOIN reminders r ON r.id = d.reminder_id WHERE r.consultee_id IS NOT NULL)')
    op.execute('DELETE FROM deliveries WHERE reminder_id IN '
               '(SELECT id FROM reminders WHERE consultee_id IS NOT NULL)')
    op.execute('DELETE FROM reminders WHERE consultee_id IS NOT NULL')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_reminders_subject'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_reminders_consultee_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_reminders_consultee_id'))
        batch_op.drop_constraint(batch_op.f('fk_reminders_consultee_id_consultees'),
                                 type_='foreignkey')
        batch_op.alter_column('obligation_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('consultee_id')
