"""Read models for a board's pages: the board with its plans, its members over time and its
settings, read in one unit of work."""
from __future__ import annotations

from sqlalchemy import select

from lifecycle.db.uow import UnitOfWork
from lifecycle.model import Plan
from lifecycle.rules.rulebooks import REVIEW_BASES
from lifecycle.services.boards import default_effective_from
from lifecycle.services.common import load_board
from lifecycle.services.notification_settings import settings_of
from lifecycle.views import board_view, member_view, plan_summary, relevant_partner_view


def _rulebooks(board: dict, today) -> list[dict]:
    """The statutory rulebook, then each switch, each marked whether it is in use today."""
    switches = sorted(board["rulebooks"], key=lambda s: s["effective_from"])
    started = [s for s in switches if s["effective_from"] <= today]
    current = started[-1] if started else None
    return [{"rulebook": "statutory-2010", "effective_from": None, "current": current is None}] + [
        s | {"current": s is current} for s in switches]


def board_overview(uow: UnitOfWork, board_id: int) -> dict:
    """A board's page: its details, plans (oldest first), members over time (current ones,
    then those who have left, each by joining date), its rulebooks and year basis with the
    dates they take effect (and when a change would if no date is named), its reminder
    settings, and its relevant partners with the members representing each today (s12A(2))."""
    with uow:
        today = uow.clock.today()
        board = load_board(uow, board_id)
        view = board_view(board, today)
        plans = uow.session.scalars(select(Plan).where(Plan.board_id == board_id)
                                    .order_by(Plan.sequence))
        members = sorted((member_view(m) for m in board.members),
                         key=lambda m: (m["joined_on"], m["organisation"]))
        return {"today": today, "board": view,
                "plans": [plan_summary(p) for p in plans],
                "current_members": [m for m in members
                                    if m["left_on"] is None or m["left_on"] > today],
                "past_members": [m for m in members
                                 if m["left_on"] is not None and m["left_on"] <= today],
                "relevant_partners": [relevant_partner_view(p, board.members, today)
                                      for p in board.relevant_partners],
                "member_names": {m["id"]: m["organisation"] for m in members},
                "rulebooks": _rulebooks(view, today),
                "basis_changes": sorted(view["review_basis_changes"],
                                        key=lambda c: c["effective_from"]),
                "first_basis": board.review_basis,
                "notifications": settings_of(uow, board_id),
                "default_effective_from": {basis: default_effective_from(uow, board_id, basis)
                                           for basis in REVIEW_BASES}}
