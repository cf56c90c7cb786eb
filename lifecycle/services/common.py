"""Helpers every use case shares: loading by id, fact dates, the audit entry."""
from __future__ import annotations

from datetime import date

from lifecycle import audit
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import Board, Plan
from lifecycle.rules.rulebooks import statutory_2010

# The rulebook whose bounds every accepted date must respect (docs/rules.md "Time").
_BOUNDS = statutory_2010()


def load_board(uow: UnitOfWork, board_id: int) -> Board:
    board = uow.session.get(Board, board_id)
    if board is None:
        raise NotFound(f"board {board_id} does not exist")
    return board


def load_plan(uow: UnitOfWork, plan_id: int) -> Plan:
    plan = uow.session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"plan {plan_id} does not exist")
    return plan


def bounded_date(value: date | None, field: str, *, required: bool = False) -> date | None:
    """A date the service accepts: within the rulebook's bounds, else invalid input naming
    the field (no date may break the service)."""
    if value is None:
        if required:
            raise InvalidInput(f"{field} is required", {field: ["Missing data for required field."]})
        return None
    if not isinstance(value, date):
        raise InvalidInput(f"{field} must be a date", {field: ["Not a valid date."]})
    problem = _BOUNDS.date_problem(value)
    if problem:
        raise InvalidInput(f"{field} {value} is outside the dates this service accepts: "
                           f"{problem}", {field: [problem]})
    return value


def fact_date(uow: UnitOfWork, value: date | None, field: str, *, default_today: bool = False,
              required: bool = False) -> date | None:
    """A fact's date may be earlier than the day it is recorded, never later than today."""
    if value is None and default_today:
        return uow.clock.today()
    if bounded_date(value, field, required=required) is None:
        return None
    today = uow.clock.today()
    if value > today:
        raise InvalidInput(f"{field} {value} is later than today ({today}); facts are recorded "
                           "once they have happened", {field: [f"Must not be later than {today}."]})
    return value


def record(uow: UnitOfWork, actor: str, event: str, *, board_id=None, plan_id=None,
           from_state=None, to_state=None, **payload) -> None:
    """Write the audit entry for this unit of work's change."""
    uow.flush()
    audit.append(uow.session, at=uow.clock.now(), actor=actor, event=event, board_id=board_id,
                 plan_id=plan_id, from_state=from_state, to_state=to_state, payload=payload)


def require_actor(actor: str | None) -> str:
    if not actor or not actor.strip():
        raise InvalidInput("an actor is required", {"actor": ["Name who is making the change."]})
    return actor.strip()


MAX_PER_PAGE = 200


def check_paging(page: int, per_page: int) -> None:
    """A page number from 1 and a page size of 1-``MAX_PER_PAGE``, or ``InvalidInput``."""
    problems = {}
    if page < 1:
        problems["page"] = ["Must be at least 1."]
    if not 1 <= per_page <= MAX_PER_PAGE:
        problems["per_page"] = [f"Must be 1-{MAX_PER_PAGE}."]
    if problems:
        raise InvalidInput("invalid paging", problems)
