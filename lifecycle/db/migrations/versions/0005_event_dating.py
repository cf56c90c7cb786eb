"""Events in date order (plans remember their last accepted event) and guidance 8.45's
publication items (child-friendly version, dissemination to those consulted)

Revision ID: 0005_event_dating
Revises: 0003
"""
import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0005_event_dating'
down_revision = '0004_people'
branch_labels = None
depends_on = None

_OLD = ("authority_website", "pct_website", "partner_website", "public_place")
_NEW = _OLD + ("child_friendly_version", "disseminated_to_consultees")


def _channel_check(channels) -> str:
    return f"channel IN ({', '.join(repr(c) for c in channels)})"


def _replace_channel_check(channels) -> None:
    with op.batch_alter_table('publication_channels', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_publication_channels_channel'), type_='check')
        batch_op.create_check_constraint('channel', _channel_check(channels))


def _backfill_last_events() -> None:
    """Each plan's latest accepted event, read from the audit log (its payload holds ``on``)."""
    bind = op.get_bind()
    audit = sa.table('audit_records', sa.column('id', sa.Integer), sa.column('plan_id', sa.Integer),
                     sa.column('event', sa.String), sa.column('to_state', sa.String),
                     sa.column('payload', sa.JSON))
    plans = sa.table('plans', sa.column('id', sa.Integer), sa.column('last_event', sa.String),
                     sa.column('last_event_on', sa.Date))
    latest: dict = {}
    rows = bind.execute(sa.select(audit.c.plan_id, audit.c.event, audit.c.payload)
                        .where(audit.c.plan_id.is_not(None), audit.c.to_state.is_not(None))
                        .order_by(audit.c.id))
    for plan_id, event, payload in rows:
        payload = json.loads(payload) if isinstance(payload, str) else payload
        on = (payload or {}).get('on')
        if on and (plan_id not in latest or on >= latest[plan_id][1]):
            latest[plan_id] = (event, on)
    for plan_id, (event, on) in latest.items():
        bind.execute(plans.update().where(plans.c.id == plan_id).values(
            last_event=event, last_event_on=date.fromisoformat(on[:10])))


def upgrade() -> None:
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_event', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('last_event_on', sa.Date(), nullable=True))
    _backfill_last_events()
    _replace_channel_check(_NEW)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM publication_channels WHERE channel IN "
                       "('child_friendly_version', 'disseminated_to_consultees')"))
    _replace_channel_check(_OLD)
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('last_event_on')
        batch_op.drop_column('last_event')
