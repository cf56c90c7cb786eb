"""The scheduler's tables: obligation states, reminders, deliveries, attempts, notifications,
settings, leases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 13:24:00.509133
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scheduler_leases',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('holder', sa.String(length=80), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_leases'))
    )
    op.create_table('scheduler_marks',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_marks'))
    )
    op.create_table('board_evaluations',
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('evaluated_on', sa.Date(), nullable=False),
    sa.Column('wake_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_board_evaluations_board_id_boards')),
    sa.PrimaryKeyConstraint('board_id', name=op.f('pk_board_evaluations'))
    )
    op.create_table('notification_settings',
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('ladder', sa.JSON(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('extra_recipients', sa.JSON(), nullable=False),
    sa.Column('webhook_url', sa.String(length=500), nullable=True),
    sa.Column('webhook_secret', sa.String(length=200), nullable=True),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.CheckConstraint('max_attempts >= 1', name=op.f('ck_notification_settings_max_attempts')),
    sa.CheckConstraint('webhook_url IS NULL OR webhook_secret IS NOT NULL', name=op.f('ck_notification_settings_webhook_signed')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_notification_settings_board_id_boards')),
    sa.PrimaryKeyConstraint('board_id', name=op.f('pk_notification_settings'))
    )
    op.create_table('obligation_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=True),
    sa.Column('met_by', sa.String(length=200), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('citation', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('last_rung_on', sa.Date(), nullable=True),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'met', 'overdue', 'not_required')", name=op.f('ck_obligation_states_status')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_obligation_states_board_id_boards')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_obligation_states')),
    sa.UniqueConstraint('board_id', 'key', name=op.f('uq_obligation_states_board_id'))
    )
    op.create_table('reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('obligation_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('rung', sa.String(length=40), nullable=False),
    sa.Column('fire_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('message', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'sent', 'skipped', 'cancelled', 'failed')", name=op.f('ck_reminders_status')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_reminders_board_id_boards')),
    sa.ForeignKeyConstraint(['obligation_id'], ['obligation_states.id'], name=op.f('fk_reminders_obligation_id_obligation_states')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders')),
    sa.UniqueConstraint('obligation_id', 'rung', name=op.f('uq_reminders_obligation_id'))
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminders_board_id'), ['board_id'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=500), nullable=False),
    sa.Column('idempotency_key', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.CheckConstraint("channel IN ('email', 'webhook')", name=op.f('ck_deliveries_channel')),
    sa.CheckConstraint("status IN ('pending', 'delivered', 'failed', 'cancelled')", name=op.f('ck_deliveries_status')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_deliveries_board_id_boards')),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminders.id'], name=op.f('fk_deliveries_reminder_id_reminders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_deliveries_idempotency_key')),
    sa.UniqueConstraint('reminder_id', 'channel', 'recipient', name=op.f('uq_deliveries_reminder_id'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_board_id'), ['board_id'], unique=False)
        batch_op.create_index('ix_deliveries_due', ['status', 'next_attempt_at'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_notifications_board_id_boards')),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminders.id'], name=op.f('fk_notifications_reminder_id_reminders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('user_id', 'reminder_id', name=op.f('uq_notifications_user_id'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_id', ['user_id', 'id'], unique=False)

    op.create_table('delivery_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('worker', sa.String(length=80), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], name=op.f('fk_delivery_attempts_delivery_id_deliveries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_attempts'))
    )
    with op.batch_alter_table('delivery_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_attempts_delivery_id'), ['delivery_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('delivery_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delivery_attempts_delivery_id'))

    op.drop_table('delivery_attempts')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_id')

    op.drop_table('notifications')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_deliveries_due')
        batch_op.drop_index(batch_op.f('ix_deliveries_board_id'))

    op.drop_table('deliveries')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminders_board_id'))

    op.drop_table('reminders')
    op.drop_table('obligation_states')
    op.drop_table('notification_settings')
    op.drop_table('board_evaluations')
    op.drop_table('scheduler_marks')
    op.drop_table('scheduler_leases')
