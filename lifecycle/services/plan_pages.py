"""What each page about one plan shows, read in one call: the plan's heading with its board,
and the read models of that page (next action, dry-run checks, path, obligation timeline,
reminder log, audit trail). Reads only: nothing here changes a plan."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from lifecycle.db.uow import UnitOfWork
from lifecycle.machine import available_events
from lifecycle.model import Board, Plan
from lifecycle.obligations import MET, NOT_REQUIRED
from lifecycle.rules.urgency import countdown
from lifecycle.services.audit_log import list_audit
from lifecycle.services.checks import check_available_events, check_event
from lifecycle.services.common import load_board, load_plan
from lifecycle.services.dashboard import next_action
from lifecycle.services.obligations import plan_obligations
from lifecycle.services.plan_history import plan_path
from lifecycle.services.reminder_log import plan_reminders
from lifecycle.states import OUT_OF_CHAIN
from lifecycle.views import plan_summary

AUDIT_PAGE = 25


def plan_heading(uow: UnitOfWork, plan_id: int) -> dict:
    """The plan's summary (title, state, period, version, revision, published on), its
    board's name and today's date."""
    with uow:
        plan = load_plan(uow, plan_id)
        board = uow.session.get(Board, plan.board_id)
        return plan_summary(plan) | {"board_name": board.name, "today": uow.clock.today()}


def plan_overview(uow: UnitOfWork, plan_id: int) -> dict:
    """The overview: heading, the next action, every available event checked for today,
    and the path taken."""
    return {"plan": plan_heading(uow, plan_id), "next_action": next_action(uow, plan_id),
            "checks": check_available_events(uow, plan_id), "path": plan_path(uow, plan_id)}


def event_page(uow: UnitOfWork, plan_id: int, event: str, on: date | None = None, *,
               reason: str | None = None, outcome: str | None = None) -> dict:
    """An event's form: heading, whether the event is open from the plan's state, and the
    dry-run check of ``event`` dated ``on`` (default today) with the reason and outcome
    given so far."""
    heading = plan_heading(uow, plan_id)
    return {"plan": heading, "available": event in available_events(heading["state"]),
            "check": check_event(uow, plan_id, event, on, reason=reason, outcome=outcome)}


def _with_countdown(obligation: dict, today: date) -> dict:
    still_open = obligation["status"] not in (MET, NOT_REQUIRED)
    return obligation | {"countdown": countdown(obligation["due_on"], today) if still_open
                         else None}


def obligation_timeline(uow: UnitOfWork, plan_id: int) -> dict:
    """The plan's obligations by due date, each open one with its countdown."""
    heading = plan_heading(uow, plan_id)
    return {"plan": heading, "obligations": [
        _with_countdown(o, heading["today"]) for o in plan_obligations(uow, plan_id)]}


def reminder_page(uow: UnitOfWork, plan_id: int) -> dict:
    """The plan's reminder log with its heading."""
    return {"plan": plan_heading(uow, plan_id)} | plan_reminders(uow, plan_id)


def audit_trail(uow: UnitOfWork, plan_id: int, cursor: int | None = None) -> dict:
    """One page of the plan's audit records, oldest first, after ``cursor``."""
    return {"plan": plan_heading(uow, plan_id)} | list_audit(
        uow, {"plan_id": plan_id}, cursor=cursor, limit=AUDIT_PAGE)


def new_plan_page(uow: UnitOfWork, board_id: int) -> dict:
    """What the new-plan form offers: the board, and the plans a new plan may follow
    (current plans without a successor, latest first; the latest is the default)."""
    with uow:
        board = load_board(uow, board_id)
        chain = list(uow.session.scalars(select(Plan).where(
            Plan.board_id == board_id, Plan.state.not_in(OUT_OF_CHAIN))))
        followed = {p.predecessor_id for p in chain}
        candidates = sorted((p for p in chain if p.id not in followed),
                            key=lambda p: p.sequence, reverse=True)
        return {"board": {"id": board.id, "name": board.name}, "today": uow.clock.today(),
                "predecessors": [plan_summary(p) for p in candidates]}
