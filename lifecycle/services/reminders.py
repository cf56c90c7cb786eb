"""Reminders: raised once per (obligation, rung), fanned out to one delivery per channel and
recipient, and one in-app notification per board user; skipped or cancelled with a reason.

Raising happens inside the evaluation's unit of work; the unique constraints on
``reminders`` and ``deliveries`` make a second raise of the same rung a no-op.
"""
from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select, update

from lifecycle.db.schedule_tables import deliveries, notifications, reminders
from lifecycle.db.uow import UnitOfWork
from lifecycle.obligations import Obligation
from lifecycle.rules.reminders import Rung, RungsDue, days_left, next_action
from lifecycle.rules.urgency import countdown
from lifecycle.services.obligations import obligation_title
from lifecycle.services.schedule_facts import BoardSnapshot
from lifecycle.services.upsert import insert_if_new, insert_ignoring_duplicates


def compose(snapshot: BoardSnapshot, obligation: Obligation, rung: Rung, today: date) -> dict:
    """What a reminder says: board, plan, obligation, due date, days left, citation, next step."""
    plan = snapshot.plans.get(obligation.plan_id)
    left = days_left(obligation.due_on, today)
    title = obligation_title(obligation.kind, obligation.year_start, obligation.year_end)
    when = countdown(obligation.due_on, today)
    return {
        "board_id": snapshot.board_id, "board_name": snapshot.name,
        "plan_id": obligation.plan_id, "plan_title": plan.title if plan else None,
        "obligation_key": obligation.key, "kind": obligation.kind, "obligation": title,
        "due_on": obligation.due_on.isoformat(), "days_left": left,
        "citation": obligation.citation, "rung": rung.name, "fire_on": rung.fire_on.isoformat(),
        "next_action": next_action(obligation.kind, plan.state if plan else None,
                                   obligation.plan_id),
        "subject": f"{snapshot.name}: {title} {when} ({obligation.citation})",
    }


def record_skipped(uow: UnitOfWork, obligation_id: int, board_id: int,
                   due: RungsDue) -> list[Rung]:
    """Record the rungs a scheduler missed as skipped, naming the rung sent instead."""
    now = uow.clock.now()
    reason = (f"missed while the scheduler was not running; superseded by {due.latest.name} "
              f"of {due.latest.fire_on}")
    insert_ignoring_duplicates(uow.session, reminders, [
        {"obligation_id": obligation_id, "board_id": board_id, "rung": r.name,
         "fire_on": r.fire_on, "status": "skipped", "reason": reason, "created_at": now}
        for r in due.skipped])
    return list(due.skipped)


def raise_reminder(uow: UnitOfWork, snapshot: BoardSnapshot, obligation: Obligation,
                   obligation_id: int, rung: Rung, *, email: bool) -> dict | None:
    """Create the reminder for this rung with its deliveries and notifications, unless it
    already exists; what was raised (None if another process raised it first)."""
    message = compose(snapshot, obligation, rung, uow.clock.today())
    return queue_reminder(uow, snapshot, {"obligation_id": obligation_id, "rung": rung.name,
                                          "fire_on": rung.fire_on}, message, email=email)


def queue_reminder(uow: UnitOfWork, snapshot: BoardSnapshot, reminder: dict, message: dict, *,
                   email: bool) -> dict | None:
    """Store a reminder (``reminder``: its obligation or consultee, rung and day) with one
    delivery per channel and recipient and one in-app notification per board user, for the
    dispatcher to send; what was queued (None if that rung already exists)."""
    now = uow.clock.now()
    reminder_id = insert_if_new(uow.session, reminders, reminder | {
        "board_id": snapshot.board_id, "status": "pending", "message": message,
        "created_at": now})
    if reminder_id is None:
        return None
    targets = _targets(snapshot, email=email)
    insert_ignoring_duplicates(uow.session, deliveries, [
        {"reminder_id": reminder_id, "board_id": snapshot.board_id, "channel": channel,
         "recipient": recipient, "idempotency_key": idempotency_key(reminder_id, channel, recipient),
         "status": "pending", "attempts": 0, "max_attempts": snapshot.max_attempts,
         "next_attempt_at": now} for channel, recipient in targets])
    insert_ignoring_duplicates(uow.session, notifications, [
        {"user_id": user.user_id, "reminder_id": reminder_id, "board_id": snapshot.board_id,
         "subject": message["subject"], "body": _notification_body(message), "created_at": now}
        for user in snapshot.recipients])
    if not targets:
        _set_reminder_status(uow, reminder_id, "sent", "in-app only: no email or webhook set")
    return {"reminder_id": reminder_id, "deliveries": len(targets)} | message


def _targets(snapshot: BoardSnapshot, *, email: bool) -> list[tuple[str, str]]:
    targets = []
    if email:
        addresses = [u.email for u in snapshot.recipients if u.email]
        addresses += list(snapshot.extra_recipients)
        targets += [("email", a) for a in dict.fromkeys(a.strip().lower() for a in addresses)]
    if snapshot.webhook_url:
        targets.append(("webhook", snapshot.webhook_url))
    return targets


def _notification_body(message: dict) -> str:
    return (f"{message['obligation']} - due {message['due_on']} ({message['citation']}). "
            f"Next: {message['next_action']}.")


def idempotency_key(reminder_id: int, channel: str, recipient: str) -> str:
    """Stable for a delivery: a receiver that sees it twice drops the second copy."""
    digest = hashlib.sha256(f"{channel}:{recipient}".encode()).hexdigest()[:16]
    return f"cypp-reminder-{reminder_id}-{channel}-{digest}"


def _set_reminder_status(uow: UnitOfWork, reminder_id: int, status: str, reason: str) -> None:
    uow.session.execute(update(reminders).where(reminders.c.id == reminder_id)
                        .values(status=status, reason=reason))


def cancel_reminders(uow: UnitOfWork, obligation_id: int, reason: str) -> None:
    """Stop undelivered reminders of an obligation that is met or no longer required."""
    pending = select(reminders.c.id).where(reminders.c.obligation_id == obligation_id,
                                           reminders.c.status == "pending")
    uow.session.execute(update(deliveries).where(
        deliveries.c.reminder_id.in_(pending), deliveries.c.status == "pending")
        .values(status="cancelled", last_error=reason, claimed_by=None, claimed_until=None))
    uow.session.execute(update(reminders).where(
        reminders.c.obligation_id == obligation_id, reminders.c.status == "pending")
        .values(status="cancelled", reason=reason))

