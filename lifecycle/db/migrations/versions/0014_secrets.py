"""Webhook secrets encrypted at rest (Fernet under CYPP_SECRETS_KEY): the column widens to
hold a token and every plain secret is encrypted. With plain secrets stored and no key set,
the upgrade stops and says so: no secret stays readable in the database.

Revision ID: 0014_secrets
Revises: 0013_checks
Create Date: 2026-11-29 17:00:00
"""
from alembic import op
import sqlalchemy as sa

from lifecycle import sealing


revision = '0014_secrets'
down_revision = '0013_checks'
branch_labels = None
depends_on = None

settings = sa.table('notification_settings', sa.column('board_id', sa.Integer),
                    sa.column('webhook_secret', sa.String))


def _secrets(bind) -> list:
    return bind.execute(sa.select(settings.c.board_id, settings.c.webhook_secret)
                        .where(settings.c.webhook_secret.is_not(None))).all()


def _rewrite(bind, convert) -> None:
    for board_id, stored in _secrets(bind):
        new = convert(stored)
        if new != stored:
            bind.execute(settings.update().where(settings.c.board_id == board_id)
                         .values(webhook_secret=new))


def _width(length: int) -> None:
    with op.batch_alter_table('notification_settings') as batch:  # SQLite copies the table
        batch.alter_column('webhook_secret', type_=sa.String(length=length),
                           existing_nullable=True)


def upgrade() -> None:
    bind = op.get_bind()
    _width(1000)
    plain = [row for row in _secrets(bind) if not sealing.is_sealed(row.webhook_secret)]
    if plain:
        try:
            sealing.seal('')
        except sealing.SecretsKeyMissing:
            raise RuntimeError(
                f'{len(plain)} webhook secret(s) are stored in plain text and '
                f'{sealing.ENV} is not set: set it (make a key with {sealing.MAKE_ONE}) '
                f'and run the upgrade again') from None
        _rewrite(bind, lambda s: s if sealing.is_sealed(s) else sealing.seal(s))


def downgrade() -> None:
    bind = op.get_bind()
    _rewrite(bind, sealing.unseal)
    _width(200)
