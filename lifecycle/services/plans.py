"""Use cases for creating and reading plans."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput
from lifecycle.machine import PlanState
from lifecycle.model import ChecklistItem, Plan
from lifecycle.rules import checklist
from lifecycle.rules.plan_period import months_later
from lifecycle.rules.rulebooks import DEFAULT_PLAN_LENGTH_MONTHS
from lifecycle.services.common import (
    bounded_date,
    load_board,
    load_plan,
    record,
    require_actor,
)
from lifecycle.states import OUT_OF_CHAIN
from lifecycle.views import plan_summary, plan_view, review_view


def _chain(board_id: int, uow: UnitOfWork) -> list[Plan]:
    query = (select(Plan).where(Plan.board_id == board_id, Plan.state.not_in(OUT_OF_CHAIN))
             .order_by(Plan.sequence))
    return list(uow.session.scalars(query))


def _predecessor(uow: UnitOfWork, board_id: int, predecessor_id: int | None) -> Plan | None:
    chain = _chain(board_id, uow)
    if predecessor_id is None:
        return chain[-1] if chain else None
    predecessor = next((p for p in chain if p.id == predecessor_id), None)
    if predecessor is None:
        raise InvalidInput("predecessor_id is not a current plan of this board",
                           {"predecessor_id": ["Must be a plan of this board that is not withdrawn."]})
    if any(p.predecessor_id == predecessor_id for p in chain):
        raise InvalidInput("that plan already has a successor",
                           {"predecessor_id": ["A plan has at most one successor."]})
    return predecessor


def _default_period_end(board, period_start: date) -> date:
    """The rulebook's plan length, else the regulations' default (rules.rulebooks)."""
    switches = [s for s in board.rulebook_switches if s.effective_from <= period_start]
    months = switches[-1].plan_length_months if switches else DEFAULT_PLAN_LENGTH_MONTHS
    return months_later(period_start, months) - date.resolution


def create_plan(uow: UnitOfWork, actor: str, board_id: int, *, title: str, period_start: date,
                period_end: date | None = None, predecessor_id: int | None = None) -> dict:
    """A new plan in drafting, with its 14 reg 4 matters missing; it follows the board's chain."""
    actor = require_actor(actor)
    if not (title and title.strip()):
        raise InvalidInput("title is required", {"title": ["Missing data for required field."]})
    bounded_date(period_start, "period_start", required=True)
    bounded_date(period_end, "period_end")
    with uow:
        board = load_board(uow, board_id)
        period_end = bounded_date(period_end or _default_period_end(board, period_start),
                                  "period_end")
        if period_start >= period_end:
            raise InvalidInput("the plan period must start before it ends",
                               {"period_end": ["Must be after period_start."]})
        predecessor = _predecessor(uow, board_id, predecessor_id)
        if predecessor is not None and period_start <= predecessor.period_start:
            raise InvalidInput("a successor must start after its predecessor starts",
                               {"period_start": [f"Must be after {predecessor.period_start}."]})
        last = uow.session.scalar(select(Plan.sequence).where(Plan.board_id == board_id)
                                  .order_by(Plan.sequence.desc()).limit(1))
        plan = Plan(board=board, sequence=(last or 0) + 1, title=title.strip(),
                    period_start=period_start, period_end=period_end, predecessor=predecessor,
                    state=PlanState.drafting.value, revision=0, created_at=uow.clock.now(),
                    checklist=[ChecklistItem(key=m.key, status="missing", no_report_yet=False)
                               for m in checklist.MATTERS])
        uow.session.add(plan)
        uow.flush()
        record(uow, actor, "plan.created", board_id=board_id, plan_id=plan.id,
               to_state=plan.state, title=plan.title, period_start=period_start,
               period_end=period_end, predecessor_id=plan.predecessor_id)
        view = plan_view(plan)
        uow.commit()
        return view


def get_plan(uow: UnitOfWork, plan_id: int) -> dict:
    with uow:
        return plan_view(load_plan(uow, plan_id))


def list_plans(uow: UnitOfWork, board_id: int) -> list[dict]:
    with uow:
        load_board(uow, board_id)
        query = select(Plan).where(Plan.board_id == board_id).order_by(Plan.sequence)
        return [plan_summary(p) for p in uow.session.scalars(query)]


def list_reviews(uow: UnitOfWork, plan_id: int) -> list[dict]:
    with uow:
        plan = load_plan(uow, plan_id)
        return [review_view(r, plan) for r in plan.reviews]
