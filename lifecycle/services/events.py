"""Firing lifecycle events: guard, state change, effects and audit in one transaction."""
from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import defaultload, joinedload, lazyload, selectinload

from lifecycle import test_hooks
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import Conflict, EventNotAllowed, NotFound, PreconditionFailed
from lifecycle.machine import STEP_BY_EVENT, EventContext, PlanState, fire
from lifecycle.model import Board, Plan
from lifecycle.services.common import fact_date, record, require_actor
from lifecycle.services.obligations import plan_board_obligations
from lifecycle.states import OUT_OF_CHAIN
from lifecycle.views import plan_etag, plan_view

SYSTEM = "system"


@cache
def _event_query(lock: bool):
    """What an event loads up front: the plan and its board (one query), and what the plan
    document every answer carries reads (``plan_view``: its collections and the board's
    members), one query each. The rest (joint authorities and PCTs, relevant partners,
    acknowledgements) loads when a guard or effect first reads it, so an event pays only
    for what it reads. Built once: SQLAlchemy then keys its compiled form without walking
    the options again on every event."""
    query = select(Plan).where(Plan.id == bindparam("plan_id")).options(
        joinedload(Plan.board).joinedload(Board.authority),
        defaultload(Plan.board).lazyload("*"),
        defaultload(Plan.board).selectinload(Board.members),
        selectinload(Plan.checklist), selectinload(Plan.consultees),
        selectinload(Plan.channels), selectinload(Plan.reviews),
        selectinload(Plan.revisions), lazyload(Plan.acknowledgements))
    return query.with_for_update(of=Plan) if lock else query


def load_event_plan(uow: UnitOfWork, plan_id: int, *, lock: bool = False) -> Plan:
    """The plan an event or its dry-run check judges (see ``_event_query``). An event takes the
    plan's row ``lock`` (FOR UPDATE OF plans): what it reads of the plan next (reviews,
    revisions...) is then as it stood when the lock was granted, and a concurrent event on the
    plan waits for the commit and finds the new version (409), never a half-seen plan."""
    plan = uow.session.scalar(_event_query(lock), {"plan_id": plan_id})
    if plan is None:
        raise NotFound(f"plan {plan_id} does not exist")
    return plan


def _successor(uow: UnitOfWork, plan: Plan) -> Plan | None:
    query = select(Plan).where(Plan.predecessor_id == plan.id,
                               Plan.state.not_in(OUT_OF_CHAIN))
    return uow.session.scalar(query)


def _apply(uow: UnitOfWork, plan: Plan, event: str, ctx: EventContext) -> dict:
    """Fire one event on a loaded plan and write its audit record; returns the warnings."""
    before = plan.state
    _, findings = fire(event, ctx)
    uow.flush()
    warnings = [{"requirement": w.requirement, "citation": w.citation} for w in findings.warnings]
    record(uow, ctx.actor, event, board_id=plan.board_id, plan_id=plan.id, from_state=before,
           to_state=plan.state, on=ctx.on, reason=ctx.reason, outcome=ctx.outcome,
           version=plan.version, warnings=warnings)
    return {"warnings": warnings}


def _lock_predecessor(uow: UnitOfWork, plan: Plan) -> None:
    """Publishing supersedes the predecessor, so take its row lock now, before the audit
    chain's: the order an event on the predecessor takes them (otherwise the two deadlock)."""
    if plan.predecessor_id is not None:
        uow.session.execute(select(Plan.id).where(Plan.id == plan.predecessor_id)
                            .with_for_update())


def _supersede_predecessor(uow: UnitOfWork, plan: Plan) -> None:
    """Publishing a successor supersedes its predecessor in the same transaction."""
    predecessor = plan.predecessor
    if predecessor is None or PlanState(predecessor.state) not in STEP_BY_EVENT["supersede"].sources:
        return
    ctx = EventContext(plan=predecessor, today=uow.clock.today(), on=plan.published_on,
                       actor=SYSTEM, successor=plan,
                       reason=f"plan {plan.id} published on {plan.published_on}")
    _apply(uow, predecessor, "supersede", ctx)


def event_context(uow: UnitOfWork, plan: Plan, on: date, actor: str, **words) -> EventContext:
    """What a guard of a user event on ``plan`` dated ``on`` may read (firing and the
    dry-run check build it here, so both judge alike)."""
    return EventContext(plan=plan, today=uow.clock.today(), on=on, actor=actor,
                        obligations=lambda: plan_board_obligations(uow, plan, on), **words)


def fire_event(uow: UnitOfWork, actor: str, plan_id: int, event: str, *, on: date | None = None,
               reason: str | None = None, outcome: str | None = None,
               expected_version: int | None = None, expected_etags: frozenset[str] | None = None,
               automatic: bool = False) -> dict:
    """Fire a user event on a plan; the plan view plus any guidance-level warnings.

    ``expected_etags``: the plan must still be one of these documents (``plan_etag``).
    Raises ``EventNotAllowed`` (wrong state or an automatic event), ``GuardRefused``
    (every unmet requirement, cited), ``Conflict`` (stale version) or ``PreconditionFailed``
    (the plan changed since that entity tag); none changes anything.
    """
    actor = require_actor(actor)
    step = STEP_BY_EVENT.get(event)
    if step is not None and step.automatic and not automatic:
        raise EventNotAllowed(f"{event} is automatic: the service fires it when its condition holds")
    with uow:
        on = fact_date(uow, on, "on", default_today=True)
        plan = load_event_plan(uow, plan_id, lock=True)
        if event == "publish":
            _lock_predecessor(uow, plan)
        _check_unchanged(plan, expected_version, expected_etags)
        ctx = event_context(uow, plan, on, actor, reason=reason, outcome=outcome)
        result = _apply(uow, plan, event, ctx)
        if event == "publish":
            _supersede_predecessor(uow, plan)
        _automatic_event(uow, plan, on)
        test_hooks.pause_before_commit(uow)
        uow.commit()  # before the view: the audit chain stays locked until the commit
        return plan_view(plan) | result


def _check_unchanged(plan: Plan, expected_version: int | None,
                     expected_etags: frozenset[str] | None) -> None:
    """Optimistic locking: the version the caller saw, or the document (entity tag) it read."""
    current = {"state": plan.state, "version": plan.version}
    if expected_version is not None and expected_version != plan.version:
        raise Conflict(f"plan {plan.id} is at version {plan.version}, not {expected_version}",
                       current=current)
    if expected_etags is not None:
        etag = plan_etag(plan_view(plan))
        if etag not in expected_etags:
            raise PreconditionFailed(f"plan {plan.id} has changed since you read it (its "
                                     f"entity tag is now {etag}); read it again",
                                     current=current | {"etag": etag})


def run_automatic_events(uow: UnitOfWork, board_id: int | None = None) -> list[dict]:
    """Expire every plan whose period has ended (and supersede any left behind); what was fired."""
    fired = []
    with uow:
        today = uow.clock.today()
        query = select(Plan).where(Plan.state.in_(
            [s.value for s in STEP_BY_EVENT["expire"].sources + STEP_BY_EVENT["supersede"].sources]))
        if board_id is not None:
            query = query.where(Plan.board_id == board_id)
        for plan in uow.session.scalars(query).all():
            done = _automatic_event(uow, plan, today)
            if done is not None:
                fired.append(done)
        uow.commit()
    return fired


def _automatic_event(uow: UnitOfWork, plan: Plan, today: date) -> dict | None:
    """Supersede or expire the plan if its condition holds on ``today`` (the table says from
    which states); what was fired. Also run after every user event with that event's date,
    so a review concluded after the period returns the plan to expired at once."""
    state = PlanState(plan.state)
    supersedable = state in STEP_BY_EVENT["supersede"].sources
    successor = _successor(uow, plan) if supersedable else None
    if successor is not None and successor.published_on is not None:
        event, on = "supersede", successor.published_on
    elif state in STEP_BY_EVENT["expire"].sources and plan.period_end < today:
        event, on = "expire", _expiry_date(plan)
    else:
        return None
    ctx = EventContext(plan=plan, today=today, on=on, actor=SYSTEM, successor=successor)
    _apply(uow, plan, event, ctx)
    return {"plan_id": plan.id, "board_id": plan.board_id, "event": event, "on": on}


def _expiry_date(plan: Plan) -> date:
    """The day after the period, or the plan's last dated step if a review or revision
    carried it past that day (events stay in date order)."""
    days = [plan.period_end + date.resolution, plan.published_on]
    days += [d for r in plan.reviews for d in (r.opened_on, r.concluded_on)]
    days += [r.published_on for r in plan.revisions]
    return max(d for d in days if d is not None)
