"""Read models for people: the dashboard of a user's boards and a plan's next-action card.

The dashboard is paged over boards and sized for every board of the country: the order
comes from the obligation states the daily evaluation stores (one query), and only the
page's boards are loaded and their obligations computed now, with the same loader and
the same pure function as the evaluation (``load_snapshots``, ``obligations_as_of``).
A board the scheduler has not evaluated yet is listed first, so nothing is hidden.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select

from lifecycle.access import Caller, boards_of
from lifecycle.db.schedule_tables import board_evaluations, obligation_states
from lifecycle.db.tables import boards, plans
from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import NotFound
from lifecycle.obligations import OVERDUE, PENDING, Obligation, obligations_as_of
from lifecycle.rules import reminders as reminder_rules
from lifecycle.rules.urgency import countdown, deadline_words, mark, urgency_key
from lifecycle.services.common import MAX_PER_PAGE, check_paging  # noqa: F401 (the API's bound)
from lifecycle.services.obligations import concerns_plan, obligation_title
from lifecycle.services.schedule_facts import BoardSnapshot, among, load_snapshots

OPEN = (PENDING, OVERDUE)


def due_view(obligation: Obligation, today: date) -> dict:
    """An obligation still to be met, as a person reads it: what, by when, how pressing."""
    rag = mark(obligation.due_on, today)
    return {"key": obligation.key, "kind": obligation.kind, "plan_id": obligation.plan_id,
            "title": obligation_title(obligation.kind, obligation.year_start,
                                      obligation.year_end),
            "due_on": obligation.due_on, "deadline": deadline_words(obligation.due_on),
            "citation": obligation.citation, "status": obligation.status,
            "days_left": (obligation.due_on - today).days,
            "countdown": countdown(obligation.due_on, today),
            "mark": {"rag": rag.rag, "words": rag.words}}


def _open_obligations(snapshot: BoardSnapshot, today: date) -> list[Obligation]:
    found = [o for o in obligations_as_of(snapshot.facts, today) if o.status in OPEN]
    return sorted(found, key=lambda o: urgency_key(o.due_on))


def _ordered_board_ids(uow: UnitOfWork, visible: set[int] | None, page: int,
                       per_page: int) -> tuple[list[int], int]:
    """One page of the visible boards, most pressing first, and how many there are."""
    next_due = (select(obligation_states.c.board_id,
                       func.min(obligation_states.c.due_on).label("due_on"))
                .where(obligation_states.c.status.in_(OPEN))
                .group_by(obligation_states.c.board_id).subquery())
    query = (select(boards.c.id)
             .outerjoin(board_evaluations, board_evaluations.c.board_id == boards.c.id)
             .outerjoin(next_due, next_due.c.board_id == boards.c.id))
    counted = select(func.count()).select_from(boards)
    if visible is not None:
        query, counted = (query.where(among(boards.c.id, visible)),
                          counted.where(among(boards.c.id, visible)))
    query = query.order_by(case((board_evaluations.c.board_id.is_(None), 0), else_=1),
                           case((next_due.c.due_on.is_(None), 1), else_=0),
                           next_due.c.due_on, boards.c.id)
    ids = list(uow.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return ids, uow.session.scalar(counted)


def _plan_entry(plan, obligations: list[Obligation], today: date) -> dict:
    due = next((o for o in obligations if concerns_plan(o, plan.id)), None)
    return {"plan_id": plan.id, "sequence": plan.sequence, "title": plan.title,
            "state": plan.state, "period_start": plan.period_start,
            "period_end": plan.period_end,
            "next_obligation": due_view(due, today) if due else None}


def _board_entry(snapshot: BoardSnapshot, today: date) -> dict:
    obligations = _open_obligations(snapshot, today)
    entries = [_plan_entry(p, obligations, today) for p in snapshot.plans.values()]
    entries.sort(key=lambda e: (urgency_key(e["next_obligation"] and
                                            e["next_obligation"]["due_on"]), e["sequence"]))
    first = obligations[0] if obligations else None
    return {"board_id": snapshot.board_id, "board_name": snapshot.name,
            "next_obligation": due_view(first, today) if first else None, "plans": entries}


def dashboard(uow: UnitOfWork, user: Caller, page: int = 1, per_page: int = 50) -> dict:
    """One page of the boards ``user`` may see, most pressing first (overdue, then soonest
    due, then nothing due), each with its plans' states, periods and next obligations."""
    check_paging(page, per_page)
    with uow:
        today = uow.clock.today()
        ids, total = _ordered_board_ids(uow, boards_of(user), page, per_page)
        snapshots = load_snapshots(uow.session, ids) if ids else {}
        entries = [_board_entry(snapshots[board_id], today) for board_id in ids]
        entries.sort(key=lambda e: urgency_key(e["next_obligation"] and
                                               e["next_obligation"]["due_on"]))
        return {"today": today, "page": page, "per_page": per_page, "total": total,
                "pages": -(-total // per_page), "boards": entries}


def board_of_plan(uow: UnitOfWork, plan_id: int) -> int:
    """The board a plan belongs to (``NotFound`` if there is no such plan)."""
    board_id = uow.session.scalar(select(plans.c.board_id).where(plans.c.id == plan_id))
    if board_id is None:
        raise NotFound(f"plan {plan_id} does not exist")
    return board_id


def next_action(uow: UnitOfWork, plan_id: int) -> dict:
    """The one thing to do next on a plan: the step in plain words, and the obligation it
    serves (the plan's soonest unmet one) with its deadline, citation and countdown."""
    with uow:
        today = uow.clock.today()
        board_id = board_of_plan(uow, plan_id)
        snapshot = load_snapshots(uow.session, [board_id])[board_id]
        plan = snapshot.plans[plan_id]
        due = next((o for o in _open_obligations(snapshot, today)
                    if concerns_plan(o, plan_id)), None)
        # The step is that of the plan the obligation is about: a successor not yet
        # created is "create the plan".
        subject = snapshot.plans.get(due.plan_id) if due else plan
        step = reminder_rules.next_step(due.kind if due else None,
                                        subject.state if subject else None)
        return {"plan_id": plan_id, "board_id": board_id, "title": plan.title,
                "state": plan.state, "today": today, "action": step,
                "obligation": due_view(due, today) if due else None}
