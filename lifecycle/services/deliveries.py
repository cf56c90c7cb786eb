"""Deliveries of reminders: claimed by one dispatcher at a time, every attempt recorded,
retried with backoff, and an incident (never a silent drop) once attempts run out.

A claim is a lease: ``claimed_until`` lets another dispatcher take the delivery
over if the claimant dies. On PostgreSQL the claim query skips rows another
transaction holds (``FOR UPDATE SKIP LOCKED``); SQLite's BEGIN IMMEDIATE
serialises claimers instead. A dispatcher that dies after sending but before
recording leaves the lease to expire: the delivery is sent once more with the
same idempotency key, so the receiver can drop the copy.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update

from lifecycle.db.schedule_tables import (
    deliveries,
    delivery_attempts,
    notification_settings,
    reminders,
)
from lifecycle.db.tables import boards
from lifecycle.db.uow import UnitOfWork

RETRY_BASE = timedelta(seconds=60)
RETRY_CAP = timedelta(hours=6)
CLAIM_LEASE = timedelta(minutes=5)


def retry_delay(attempts: int, base: timedelta = RETRY_BASE) -> timedelta:
    """Exponential backoff after the n-th failed attempt: base, 2x base, 4x base ... capped."""
    return min(base * (2 ** (attempts - 1)), RETRY_CAP)


def claim_deliveries(uow: UnitOfWork, worker: str, *, limit: int = 50,
                     lease: timedelta = CLAIM_LEASE) -> list[dict]:
    """Claim up to ``limit`` deliveries that are due; each with its message and channel details."""
    with uow:
        now = uow.clock.now()
        query = (select(deliveries.c.id).where(
            deliveries.c.status == "pending", deliveries.c.next_attempt_at <= now,
            or_(deliveries.c.claimed_until.is_(None), deliveries.c.claimed_until < now))
            .order_by(deliveries.c.next_attempt_at, deliveries.c.id).limit(limit)
            .with_for_update(skip_locked=True))
        ids = list(uow.session.scalars(query))
        if not ids:
            return []
        uow.session.execute(update(deliveries).where(deliveries.c.id.in_(ids)).values(
            claimed_by=worker, claimed_until=now + lease))
        claimed = _claimed_rows(uow, ids)
        uow.commit()
        return claimed


def _claimed_rows(uow: UnitOfWork, ids: list[int]) -> list[dict]:
    query = select(
        deliveries.c.id, deliveries.c.channel, deliveries.c.recipient, deliveries.c.attempts,
        deliveries.c.idempotency_key, deliveries.c.reminder_id, reminders.c.message,
        notification_settings.c.webhook_secret,
    ).join(reminders, reminders.c.id == deliveries.c.reminder_id).outerjoin(
        notification_settings, notification_settings.c.board_id == deliveries.c.board_id,
    ).where(deliveries.c.id.in_(ids)).order_by(deliveries.c.id)
    return [dict(row) for row in uow.session.execute(query).mappings()]


def record_attempt(uow: UnitOfWork, worker: str, delivery_id: int, *, ok: bool,
                   error: str | None = None, retry_base: timedelta = RETRY_BASE) -> dict:
    """Record one attempt; delivered, retried later, or failed for good (an incident)."""
    with uow:
        now = uow.clock.now()
        row = uow.session.execute(select(deliveries).where(deliveries.c.id == delivery_id)
                                  .with_for_update()).mappings().one()
        attempts = row["attempts"] + 1
        uow.session.execute(delivery_attempts.insert().values(
            delivery_id=delivery_id, number=attempts, worker=worker, at=now, ok=ok, error=error))
        values = {"attempts": attempts, "claimed_by": None, "claimed_until": None,
                  "last_error": error}
        if row["status"] == "delivered":
            values = {"attempts": attempts}
        elif ok:
            values |= {"status": "delivered", "delivered_at": now}
        elif attempts >= row["max_attempts"]:
            values |= {"status": "failed"}
        else:
            values |= {"next_attempt_at": now + retry_delay(attempts, retry_base)}
        uow.session.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(values))
        _roll_up(uow, row["reminder_id"])
        uow.commit()
        return {"id": delivery_id, "status": values.get("status", row["status"]),
                "attempts": attempts, "channel": row["channel"], "recipient": row["recipient"]}


def _roll_up(uow: UnitOfWork, reminder_id: int) -> None:
    """A reminder is sent once every delivery is; failed if any delivery failed for good."""
    statuses = set(uow.session.scalars(select(deliveries.c.status).where(
        deliveries.c.reminder_id == reminder_id)))
    status = "failed" if "failed" in statuses else "sent" if statuses <= {
        "delivered", "cancelled"} else None
    if status:
        uow.session.execute(update(reminders).where(
            reminders.c.id == reminder_id, reminders.c.status == "pending").values(status=status))


def list_delivery_incidents(uow: UnitOfWork, board_ids: set[int] | None = None) -> list[dict]:
    """Deliveries that failed for good: what, to whom, how often, and the last error."""
    with uow:
        failed_at = select(func.max(delivery_attempts.c.at)).where(
            delivery_attempts.c.delivery_id == deliveries.c.id).scalar_subquery()
        query = select(
            deliveries.c.id, deliveries.c.board_id, boards.c.name.label("board_name"),
            deliveries.c.reminder_id, deliveries.c.channel, deliveries.c.recipient,
            deliveries.c.attempts, deliveries.c.last_error, reminders.c.message,
            failed_at.label("failed_at"),
        ).join(reminders, reminders.c.id == deliveries.c.reminder_id).join(
            boards, boards.c.id == deliveries.c.board_id,
        ).where(deliveries.c.status == "failed").order_by(deliveries.c.id)
        if board_ids is not None:
            query = query.where(deliveries.c.board_id.in_(board_ids))
        return [_incident(row) for row in uow.session.execute(query).mappings()]


def _incident(row) -> dict:
    message = row["message"] or {}
    return {"kind": "delivery", "delivery_id": row["id"], "board_id": row["board_id"],
            "board_name": row["board_name"], "reminder_id": row["reminder_id"],
            "channel": row["channel"], "recipient": row["recipient"],
            "attempts": row["attempts"], "last_error": row["last_error"],
            "failed_at": row["failed_at"], "subject": message.get("subject"),
            "obligation_key": message.get("obligation_key"), "rung": message.get("rung")}


def pending_count(uow: UnitOfWork, at: datetime | None = None) -> int:
    """How many deliveries wait to be sent (due by ``at`` if given)."""
    with uow:
        condition = deliveries.c.status == "pending"
        if at is not None:
            condition = and_(condition, deliveries.c.next_attempt_at <= at)
        return uow.session.scalar(select(func.count()).where(condition))
