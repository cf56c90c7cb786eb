"""The reminder log of a plan: each rung of each of its obligations - sent, failed, skipped,
cancelled or pending - with the reason and every channel it went through, read from the
scheduler's tables; rungs still to come are listed as pending with the day they fire."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select

from lifecycle.db.schedule_tables import deliveries, notifications, obligation_states, reminders
from lifecycle.db.tables import consultees
from lifecycle.db.uow import UnitOfWork
from lifecycle.obligations import Obligation, obligations_as_of
from lifecycle.rules.reminders import Ladder, next_rung_on, rungs_until
from lifecycle.services.dashboard import OPEN, board_of_plan
from lifecycle.services.obligations import concerns_plan, obligation_title
from lifecycle.services.schedule_facts import among, load_snapshots

DELIVERY_COLUMNS = ("reminder_id", "channel", "recipient", "status", "attempts", "last_error",
                    "delivered_at")
REMINDER_COLUMNS = ("id", "obligation_id", "consultee_id", "rung", "fire_on", "status", "reason",
                    "message")


def _reason(row, channels: list[dict]) -> str:
    if row["reason"]:
        return row["reason"]
    if row["status"] == "failed":
        return "; ".join(c["last_error"] for c in channels if c["status"] == "failed")
    return {"pending": "queued for delivery", "sent": "delivered"}.get(row["status"], "")


def _channels(uow: UnitOfWork, ids: list[int]) -> dict[int, list[dict]]:
    """Each reminder's deliveries, and its in-app notifications as one channel."""
    found = defaultdict(list)
    if not ids:
        return found
    query = select(*[deliveries.c[n] for n in DELIVERY_COLUMNS]).where(
        among(deliveries.c.reminder_id, ids)).order_by(deliveries.c.id)
    for row in uow.session.execute(query).mappings():
        found[row["reminder_id"]].append({k: v for k, v in row.items() if k != "reminder_id"})
    query = select(notifications.c.reminder_id, func.count()).where(
        among(notifications.c.reminder_id, ids)).group_by(notifications.c.reminder_id)
    for reminder_id, count in uow.session.execute(query):
        found[reminder_id].append({"channel": "in_app", "recipient": f"{count} board user(s)",
                                   "status": "delivered", "attempts": 1, "last_error": None,
                                   "delivered_at": None})
    return found


def _rung_view(row, channels: list[dict]) -> dict:
    return {"reminder_id": row["id"], "rung": row["rung"], "fire_on": row["fire_on"],
            "status": row["status"], "reason": _reason(row, channels), "channels": channels}


def _coming(ladder: Ladder, obligation: Obligation, today: date, raised: set[str]) -> list[dict]:
    """The rungs still to fire (up to the next overdue notice), not raised yet."""
    if obligation.status not in OPEN:
        return []
    horizon = max(obligation.due_on + timedelta(days=1),
                  next_rung_on(ladder, obligation.due_on, today) or today)
    return [{"reminder_id": None, "rung": r.name, "fire_on": r.fire_on, "status": "pending",
             "reason": f"not yet raised: fires on {r.fire_on}", "channels": []}
            for r in rungs_until(ladder, obligation.due_on, horizon, today - timedelta(days=1))
            if r.name not in raised]


def _reminder_rows(uow: UnitOfWork, column, ids) -> list:
    if not ids:
        return []
    query = select(*[reminders.c[n] for n in REMINDER_COLUMNS]).where(
        among(column, ids)).order_by(reminders.c.fire_on, reminders.c.id)
    return list(uow.session.execute(query).mappings())


def _stored_ids(uow: UnitOfWork, board_id: int, keys: list[str]) -> dict[str, int]:
    if not keys:
        return {}
    query = select(obligation_states.c.key, obligation_states.c.id).where(
        obligation_states.c.board_id == board_id, among(obligation_states.c.key, keys))
    return dict(uow.session.execute(query).all())


def plan_reminders(uow: UnitOfWork, plan_id: int) -> dict:
    """Every rung of every obligation of the plan, and every chase of its consultees."""
    with uow:
        today = uow.clock.today()
        board_id = board_of_plan(uow, plan_id)
        snapshot = load_snapshots(uow.session, [board_id])[board_id]
        found = [o for o in obligations_as_of(snapshot.facts, today) if concerns_plan(o, plan_id)]
        stored = _stored_ids(uow, board_id, [o.key for o in found])
        consultee_ids = list(uow.session.scalars(select(consultees.c.id).where(
            consultees.c.plan_id == plan_id)))
        rows = _reminder_rows(uow, reminders.c.obligation_id, list(stored.values()))
        chase_rows = _reminder_rows(uow, reminders.c.consultee_id, consultee_ids)
        channels = _channels(uow, [r["id"] for r in rows + chase_rows])
        by_obligation = defaultdict(list)
        for row in rows:
            by_obligation[row["obligation_id"]].append(_rung_view(row, channels[row["id"]]))
        entries = []
        for o in found:
            raised = by_obligation.get(stored.get(o.key), [])
            coming = _coming(snapshot.ladder, o, today, {r["rung"] for r in raised})
            entries.append({"key": o.key, "kind": o.kind, "due_on": o.due_on,
                            "status": o.status, "citation": o.citation,
                            "title": obligation_title(o.kind, o.year_start, o.year_end),
                            "rungs": raised + coming})
        chases = [_rung_view(r, channels[r["id"]]) | {"consultee_id": r["consultee_id"]}
                  for r in chase_rows]
        return {"plan_id": plan_id, "today": today, "obligations": entries, "chases": chases}
