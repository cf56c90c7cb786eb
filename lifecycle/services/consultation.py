"""The consultee tracker of a plan (reg 7) and chasing a consultee who has not replied.

A chase is a reminder like the scheduler's: queued in the same tables, so the dispatcher
delivers it through the board's channels (in-app, email, webhook) after the request, and
audited in the same transaction.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from lifecycle.db.schedule_tables import reminders
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import Conflict, InvalidInput, NotFound
from lifecycle.rules import chasing
from lifecycle.rules.composition import partner_names
from lifecycle.rules.consultees import BY_LETTER, CATEGORIES, consultee_records_present
from lifecycle.rules.urgency import countdown
from lifecycle.services.common import load_plan, record, require_actor
from lifecycle.services.reminders import queue_reminder
from lifecycle.services.schedule_facts import among, load_snapshots
from lifecycle.views import consultee_view

CHASE = "consultee_chase"


def _requirements(found) -> list[dict]:
    return [{"requirement": r.requirement, "citation": r.citation} for r in found]


def _chases(uow: UnitOfWork, ids: list[int]) -> dict[int, list[dict]]:
    found = defaultdict(list)
    if ids:
        query = select(reminders.c.consultee_id, reminders.c.id, reminders.c.fire_on,
                       reminders.c.status).where(among(reminders.c.consultee_id, ids))
        for row in uow.session.execute(query.order_by(reminders.c.id)):
            found[row.consultee_id].append({"reminder_id": row.id, "on": row.fire_on,
                                            "status": row.status})
    return found


def _tracked(consultee, today: date, chases: list[dict], partners: set[str]) -> dict:
    return consultee_view(consultee, partners) | {
        "reply": chasing.reply_status(consultee, today), "chases": chases,
        "may_chase": chasing.chase_refusal(consultee, today) is None}


def consultee_tracker(uow: UnitOfWork, plan_id: int) -> dict:
    """The plan's consultees by reg 7(1) category, the mandatory categories still missing,
    and who has not replied by the due date as of today."""
    with uow:
        today = uow.clock.today()
        plan = load_plan(uow, plan_id)
        consulted = plan.plan_consultees
        chases = _chases(uow, [c.id for c in consulted])
        partners = partner_names(plan.board.members)
        tracked = {c.id: _tracked(c, today, chases[c.id], partners) for c in consulted}
        present = consultee_records_present(consulted, plan.board.authority_names)
        categories = [{"letter": k.letter, "who": k.who, "citation": k.citation,
                       "rule": k.rule, "mandatory": k.mandatory,
                       "consultees": [tracked[c.id] for c in consulted
                                      if c.category == k.letter]} for k in CATEGORIES]
        return {"plan_id": plan_id, "board_id": plan.board_id, "title": plan.title,
                "state": plan.state, "today": today,
                "categories": categories, "mandatory_missing": _requirements(present.unmet),
                "warnings": _requirements(present.warnings),
                "not_replied": [v for v in tracked.values()
                                if v["reply"] == chasing.NOT_REPLIED]}


def _chase_message(snapshot, plan, consultee, today: date) -> dict:
    category = BY_LETTER[consultee.category]
    due = consultee.response_due
    when = countdown(due, today) if due else "no response date set"
    return {
        "board_id": snapshot.board_id, "board_name": snapshot.name, "plan_id": plan.id,
        "plan_title": plan.title, "kind": CHASE, "consultee_id": consultee.id,
        "obligation": f"Consultation response from {consultee.name} ({category.who})",
        "due_on": due.isoformat() if due else "not set",
        "days_left": (due - today).days if due else "", "citation": category.citation,
        "next_action": f"ask {consultee.name} for its response to the consultation on "
                       f"plan {plan.id}",
        "subject": f"{snapshot.name}: chase {consultee.name} for its consultation response, "
                   f"{when} ({category.citation})",
    }


def chase_consultee(uow: UnitOfWork, actor: str, plan_id: int, consultee_id: int, *,
                    email: bool = False) -> dict:
    """Queue a reminder to chase a consultee who has not replied, through the board's
    channels (email only if ``email``: the caller knows whether SMTP is set), and audit it.

    ``InvalidInput`` for a consultee who has answered or was never invited."""
    actor = require_actor(actor)
    with uow:
        today = uow.clock.today()
        plan = load_plan(uow, plan_id)
        consultee = next((c for c in plan.consultees if c.id == consultee_id), None)
        if consultee is None:
            raise NotFound(f"consultee {consultee_id} of plan {plan_id} does not exist")
        refusal = chasing.chase_refusal(consultee, today)
        if refusal:
            raise InvalidInput(f"cannot chase: {refusal}", {"consultee_id": [
                f"Only a consultee invited and not yet answered can be chased: {refusal}."]})
        snapshot = load_snapshots(uow.session, [plan.board_id])[plan.board_id]
        rung = f"chase:{len(_chases(uow, [consultee_id])[consultee_id]) + 1}"
        message = _chase_message(snapshot, plan, consultee, today)
        queued = queue_reminder(uow, snapshot, {"consultee_id": consultee_id, "rung": rung,
                                                "fire_on": today}, message, email=email)
        if queued is None:
            raise Conflict("someone chased this consultee at the same moment; reload")
        record(uow, actor, "consultee.chased", board_id=plan.board_id, plan_id=plan_id,
               consultee_id=consultee_id, name=consultee.name, reminder_id=queued["reminder_id"],
               rung=rung, deliveries=queued["deliveries"])
        uow.commit()
        return {"consultee_id": consultee_id, "name": consultee.name,
                "reminder_id": queued["reminder_id"],
                "rung": rung, "chased_on": today, "deliveries": queued["deliveries"],
                "in_app": len(snapshot.recipients), "subject": message["subject"]}
