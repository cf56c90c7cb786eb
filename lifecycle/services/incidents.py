"""Incidents: what the service could not do by itself and a person must look at.

A delivery that kept failing is one (``lifecycle.services.deliveries``); a board whose
daily evaluation raised is another. The scheduler evaluates each board in isolation,
records the failing board here and goes on with every other; the incident stays open
until the board evaluates cleanly again.
"""
from __future__ import annotations

from sqlalchemy import select, update

from lifecycle.db.schedule_tables import evaluation_incidents
from lifecycle.db.tables import boards
from lifecycle.db.uow import UnitOfWork
from lifecycle.services.deliveries import list_delivery_incidents
from lifecycle.services.schedule_facts import among

MAX_ERROR = 2000


def record_evaluation_failure(uow: UnitOfWork, board_id: int, error: str) -> dict:
    """Open (or extend) the incident of a board whose evaluation raised today."""
    with uow:
        today, error = uow.clock.today(), error[:MAX_ERROR]
        open_row = uow.session.execute(select(evaluation_incidents).where(
            evaluation_incidents.c.board_id == board_id,
            evaluation_incidents.c.resolved_on.is_(None))).mappings().first()
        if open_row is None:
            uow.session.execute(evaluation_incidents.insert().values(
                board_id=board_id, first_failed_on=today, last_failed_on=today, failures=1,
                error=error, at=uow.clock.now()))
            failures = 1
        else:
            failures = open_row["failures"] + (open_row["last_failed_on"] != today)
            uow.session.execute(update(evaluation_incidents).where(
                evaluation_incidents.c.id == open_row["id"]).values(
                last_failed_on=today, failures=failures, error=error, at=uow.clock.now()))
        uow.commit()
        return {"board_id": board_id, "failures": failures, "error": error}


def resolve_incidents(uow: UnitOfWork, board_ids: list[int]) -> None:
    """Close the open evaluation incidents of boards that evaluated cleanly (inside the
    caller's unit of work: one statement per chunk of boards)."""
    if board_ids:
        uow.session.execute(update(evaluation_incidents).where(
            among(evaluation_incidents.c.board_id, board_ids),
            evaluation_incidents.c.resolved_on.is_(None)).values(resolved_on=uow.clock.today()))


def list_incidents(uow: UnitOfWork, board_ids: set[int] | None = None) -> list[dict]:
    """Open incidents: boards whose evaluation fails, then deliveries that failed for good."""
    evaluations = _evaluation_incidents(uow, board_ids)
    return evaluations + list_delivery_incidents(uow, board_ids)


def _evaluation_incidents(uow: UnitOfWork, board_ids: set[int] | None) -> list[dict]:
    with uow:
        query = select(evaluation_incidents, boards.c.name.label("board_name")).join(
            boards, boards.c.id == evaluation_incidents.c.board_id).where(
            evaluation_incidents.c.resolved_on.is_(None)).order_by(evaluation_incidents.c.id)
        if board_ids is not None:
            query = query.where(evaluation_incidents.c.board_id.in_(board_ids))
        return [{"kind": "evaluation", "board_id": row["board_id"],
                 "board_name": row["board_name"], "last_error": row["error"],
                 "failed_at": row["at"], "attempts": row["failures"],
                 "subject": f"daily evaluation of board {row['board_id']} failed since "
                            f"{row['first_failed_on']}"}
                for row in uow.session.execute(query).mappings()]
