"""Loading what the daily evaluation needs for many boards at once, with a handful of queries.

The ORM loads a plan with its checklist, consultees and channels; the evaluation
needs only the chain's dates, so this reads plain rows and hands them, shaped
like the mapped objects, to ``board_facts`` (the one place that turns a board
into ``BoardFacts``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from lifecycle.db.access_tables import user_boards, users
from lifecycle.db.schedule_tables import notification_settings
from lifecycle.db.tables import boards, plans, reviews, rulebook_switches
from lifecycle.machine import STEP_BY_EVENT
from lifecycle.obligations import BoardFacts
from lifecycle.rules.reminders import Ladder
from lifecycle.services.obligations import board_facts

DEFAULT_ROLES = ("coordinator",)
DEFAULT_MAX_ATTEMPTS = 5


@dataclass
class Recipient:
    """A user who hears about a board's reminders."""

    user_id: int
    role: str
    email: str | None


@dataclass
class BoardSnapshot:
    """One board as the evaluation sees it: facts, plan states and titles, notification settings."""

    board_id: int
    name: str
    facts: BoardFacts
    plans: dict[int, SimpleNamespace]
    ladder: Ladder = field(default_factory=Ladder)
    roles: tuple[str, ...] = DEFAULT_ROLES
    extra_recipients: tuple[str, ...] = ()
    webhook_url: str | None = None
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    users: list[Recipient] = field(default_factory=list)

    @property
    def recipients(self) -> list[Recipient]:
        return [u for u in self.users if u.role in self.roles]


def load_snapshots(session: Session, board_ids: list[int]) -> dict[int, BoardSnapshot]:
    """Snapshots of the given boards, keyed by id."""
    switches = defaultdict(list)
    for row in session.execute(select(rulebook_switches).where(
            rulebook_switches.c.board_id.in_(board_ids)).order_by(rulebook_switches.c.effective_from)):
        switches[row.board_id].append(row)
    chain = _plans(session, board_ids)
    snapshots = {}
    for row in session.execute(select(boards.c.id, boards.c.name, boards.c.review_basis)
                               .where(boards.c.id.in_(board_ids))):
        board = SimpleNamespace(id=row.id, review_basis=row.review_basis,
                                rulebook_switches=switches[row.id])
        board_plans = chain[row.id]
        snapshots[row.id] = BoardSnapshot(row.id, row.name, board_facts(board, board_plans),
                                          {p.id: p for p in board_plans})
    _settings(session, snapshots)
    _users(session, snapshots)
    return snapshots


def _plans(session: Session, board_ids: list[int]) -> dict[int, list[SimpleNamespace]]:
    by_plan = defaultdict(list)
    query = select(reviews.c.id, reviews.c.plan_id, reviews.c.concluded_on).join(
        plans, plans.c.id == reviews.c.plan_id).where(plans.c.board_id.in_(board_ids))
    for row in session.execute(query.order_by(reviews.c.id)):
        by_plan[row.plan_id].append(SimpleNamespace(id=row.id, concluded_on=row.concluded_on))
    chain = defaultdict(list)
    columns = (plans.c.id, plans.c.board_id, plans.c.sequence, plans.c.state, plans.c.title,
               plans.c.period_start, plans.c.period_end, plans.c.published_on)
    for row in session.execute(select(*columns).where(plans.c.board_id.in_(board_ids))):
        chain[row.board_id].append(SimpleNamespace(**row._asdict(), reviews=by_plan[row.id]))
    return chain


def _settings(session: Session, snapshots: dict[int, BoardSnapshot]) -> None:
    query = select(notification_settings).where(
        notification_settings.c.board_id.in_(list(snapshots)))
    for row in session.execute(query):
        snapshot = snapshots[row.board_id]
        snapshot.ladder = Ladder.from_settings(row.ladder)
        snapshot.roles = tuple(row.roles)
        snapshot.extra_recipients = tuple(row.extra_recipients)
        snapshot.webhook_url = row.webhook_url
        snapshot.max_attempts = row.max_attempts


def _users(session: Session, snapshots: dict[int, BoardSnapshot]) -> None:
    query = select(user_boards.c.board_id, users.c.id, users.c.role, users.c.email).join(
        users, users.c.id == user_boards.c.user_id).where(
        user_boards.c.board_id.in_(list(snapshots))).order_by(users.c.id)
    for row in session.execute(query):
        snapshots[row.board_id].users.append(Recipient(row.id, row.role, row.email))


def future_fact_dates(facts: BoardFacts, today: date) -> list[date]:
    """Dated facts after ``today`` (a replay walks through stored history): each may change
    what is known, so the board must be evaluated again on that day."""
    days = [s.effective_from for s in facts.spells]
    for plan in facts.plans:
        days.append(plan.published_on)
        days += [r.concluded_on for r in plan.reviews]
    return [d for d in days if d is not None and d > today]


def boards_awaiting_automatic_events(session: Session, today: date) -> list[int]:
    """Boards with a plan whose period has ended, or whose successor is published, that has
    not yet expired or been superseded (the conditions ``run_automatic_events`` acts on)."""
    expirable = [s.value for s in STEP_BY_EVENT["expire"].sources]
    supersedable = [s.value for s in STEP_BY_EVENT["supersede"].sources]
    successor = aliased(plans)
    published_successor = select(successor.c.id).where(
        successor.c.predecessor_id == plans.c.id, successor.c.published_on.is_not(None),
        successor.c.state != "withdrawn").exists()
    query = select(func.distinct(plans.c.board_id)).where(or_(
        and_(plans.c.state.in_(expirable), plans.c.period_end < today),
        and_(plans.c.state.in_(supersedable), published_successor)))
    return sorted(session.scalars(query))
