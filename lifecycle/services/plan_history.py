"""The path a plan has taken through its lifecycle, read from the audit log: each state it
entered, on which day, by which event, who fired it and why."""
from __future__ import annotations

from datetime import date, timezone

from sqlalchemy import select

from lifecycle.clock import LONDON
from lifecycle.db.tables import audit_records, plans
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound


def _step(row) -> dict:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=timezone.utc)
    on = row.payload.get("on")
    return {"event": row.event, "from_state": row.from_state, "to_state": row.to_state,
            "on": date.fromisoformat(on) if on else at.astimezone(LONDON).date(),
            "at": at.astimezone(timezone.utc), "actor": row.actor,
            "reason": row.payload.get("reason")}


def plan_path(uow: UnitOfWork, plan_id: int) -> dict:
    """The plan's current state and every step it took, oldest first (``on``: the date in
    England the event is dated; creation counts as entering drafting)."""
    with uow:
        state = uow.session.scalar(select(plans.c.state).where(plans.c.id == plan_id))
        if state is None:
            raise NotFound(f"plan {plan_id} does not exist")
        rows = uow.session.execute(
            select(audit_records.c.event, audit_records.c.from_state, audit_records.c.to_state,
                   audit_records.c.at, audit_records.c.actor, audit_records.c.payload)
            .where(audit_records.c.plan_id == plan_id, audit_records.c.to_state.is_not(None))
            .order_by(audit_records.c.id)).all()
        return {"plan_id": plan_id, "state": state, "steps": [_step(r) for r in rows]}
