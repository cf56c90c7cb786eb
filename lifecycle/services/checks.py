"""The dry-run check: what firing an event on a date would find, changing nothing.

It runs the very guard ``fire_event`` runs (``machine.check`` reads the one
lifecycle table), inside a unit of work that is never committed: no state,
no effects, no audit record.
"""
from __future__ import annotations

from datetime import date

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound
from lifecycle.machine import EVENTS, available_events, check
from lifecycle.services.common import fact_date
from lifecycle.services.events import event_context, load_event_plan


def _requirements(requirements) -> list[dict]:
    return [{"requirement": r.requirement, "citation": r.citation} for r in requirements]


def _check(uow: UnitOfWork, plan, event: str, on: date, **words) -> dict:
    findings = check(event, event_context(uow, plan, on, "check", **words))
    return {"event": event, "on": on, "allowed": findings.ok,
            "unmet": _requirements(findings.unmet), "warnings": _requirements(findings.warnings)}


def check_event(uow: UnitOfWork, plan_id: int, event: str, on: date | None = None, *,
                reason: str | None = None, outcome: str | None = None) -> dict:
    """Whether ``event`` dated ``on`` (default today), with the ``reason`` and ``outcome``
    given, would be accepted, and why not."""
    if event not in EVENTS:
        raise NotFound(f"no event {event!r}; events are: {', '.join(EVENTS)}")
    with uow:
        on = fact_date(uow, on, "on", default_today=True)
        return _check(uow, load_event_plan(uow, plan_id), event, on, reason=reason, outcome=outcome)


def check_available_events(uow: UnitOfWork, plan_id: int, on: date | None = None) -> list[dict]:
    """The check of every user event available from the plan's state, in the table's order."""
    with uow:
        on = fact_date(uow, on, "on", default_today=True)
        plan = load_event_plan(uow, plan_id)
        return [_check(uow, plan, event, on) for event in available_events(plan.state)]
