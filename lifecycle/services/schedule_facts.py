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
from typing import NamedTuple

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import Session, aliased

from lifecycle.db.access_tables import user_boards, users
from lifecycle.db.monitoring_tables import annual_report_settings, annual_reports
from lifecycle.db.schedule_tables import notification_settings
from lifecycle.db.tables import boards, plans, review_basis_changes, reviews, rulebook_switches
from lifecycle.machine import STEP_BY_EVENT
from lifecycle.obligations import BoardFacts
from lifecycle.rules.reminders import Ladder
from lifecycle.services.obligations import board_facts
from lifecycle.states import OUT_OF_CHAIN

DEFAULT_ROLES = ("coordinator",)
DEFAULT_MAX_ATTEMPTS = 5


class ChainReview(NamedTuple):
    """A review as ``board_facts`` reads it."""

    id: int
    concluded_on: date | None


class ChainReport(NamedTuple):
    """An annual report as ``board_facts`` reads it."""

    id: int
    year_start: date
    published_on: date | None


class ChainPlan(NamedTuple):
    """A plan as ``board_facts`` and the reminders read it: a row of ``plans`` and its
    reviews, oldest first."""

    id: int
    board_id: int
    sequence: int
    state: str
    title: str
    period_start: date
    period_end: date
    published_on: date | None
    reviews: list[ChainReview]


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
    plans: dict[int, ChainPlan]
    ladder: Ladder = field(default_factory=Ladder)
    roles: tuple[str, ...] = DEFAULT_ROLES
    extra_recipients: tuple[str, ...] = ()
    webhook_url: str | None = None
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    users: list[Recipient] = field(default_factory=list)

    @property
    def recipients(self) -> list[Recipient]:
        return [u for u in self.users if u.role in self.roles]


def among(column, ids):
    """``column IN ids``, the ids written into the SQL: a thousand bound parameters cost
    more to bind, parse and plan than they save. Ids without a gap (a chunk of the daily
    run, when every board is due) are a range: two parameters, no list to render."""
    ids = sorted(set(ids))
    if len(ids) > 2 and isinstance(ids[0], int) and ids[-1] - ids[0] + 1 == len(ids):
        return column.between(ids[0], ids[-1])
    return column.in_(bindparam(None, ids, expanding=True, literal_execute=True))


def load_snapshots(session: Session, board_ids: list[int]) -> dict[int, BoardSnapshot]:
    """Snapshots of the given boards, keyed by id."""
    switches = defaultdict(list)
    for row in session.execute(select(rulebook_switches).where(
            among(rulebook_switches.c.board_id, board_ids))
            .order_by(rulebook_switches.c.effective_from)):
        switches[row.board_id].append(row)
    bases = defaultdict(list)
    for row in session.execute(select(review_basis_changes).where(
            among(review_basis_changes.c.board_id, board_ids))):
        bases[row.board_id].append(row)
    chain = _plans(session, board_ids)
    reports, report_settings = _annual_reports(session, board_ids)
    snapshots = {}
    query = select(boards.c.id, boards.c.name, boards.c.review_basis).where(
        among(boards.c.id, board_ids))
    for board_id, name, review_basis in session.execute(query).all():
        board = SimpleNamespace(id=board_id, review_basis=review_basis,
                                rulebook_switches=switches[board_id],
                                review_basis_changes=bases[board_id],
                                annual_report_settings=report_settings[board_id])
        board_plans = chain[board_id]
        facts = board_facts(board, board_plans, reports[board_id])
        snapshots[board_id] = BoardSnapshot(board_id, name, facts, {p.id: p for p in board_plans})
    _settings(session, snapshots)
    _users(session, snapshots)
    return snapshots


def _plans(session: Session, board_ids: list[int]) -> dict[int, list[ChainPlan]]:
    """The boards' plans with their reviews, by board.

    Rows are unpacked by position: reading a SQLAlchemy Row by attribute costs ten
    times as much, and this reads a hundred thousand rows a day."""
    by_plan = defaultdict(list)
    query = select(reviews.c.id, reviews.c.plan_id, reviews.c.concluded_on).join(
        plans, plans.c.id == reviews.c.plan_id).where(among(plans.c.board_id, board_ids))
    for review_id, plan_id, concluded_on in session.execute(query.order_by(reviews.c.id)).all():
        by_plan[plan_id].append(ChainReview(review_id, concluded_on))
    chain = defaultdict(list)
    columns = [plans.c[name] for name in ChainPlan._fields if name != "reviews"]
    query = select(*columns).where(among(plans.c.board_id, board_ids))
    for plan_id, board_id, *fields in session.execute(query).all():
        chain[board_id].append(ChainPlan(plan_id, board_id, *fields, reviews=by_plan[plan_id]))
    return chain


def _annual_reports(session: Session, board_ids: list[int]) -> tuple[dict, dict]:
    """The boards' annual reports and their ``annual_report_months`` settings, by board."""
    reports = defaultdict(list)
    query = select(annual_reports.c.board_id, annual_reports.c.id, annual_reports.c.year_start,
                   annual_reports.c.published_on).where(
        among(annual_reports.c.board_id, board_ids))
    for board_id, *fields in session.execute(query).all():
        reports[board_id].append(ChainReport(*fields))
    settings = defaultdict(list)
    query = select(annual_report_settings).where(
        among(annual_report_settings.c.board_id, board_ids)).order_by(
        annual_report_settings.c.effective_from)
    for row in session.execute(query):
        settings[row.board_id].append(row)
    return reports, settings


def _settings(session: Session, snapshots: dict[int, BoardSnapshot]) -> None:
    query = select(notification_settings).where(among(notification_settings.c.board_id, snapshots))
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
        among(user_boards.c.board_id, snapshots)).order_by(users.c.id)
    for row in session.execute(query):
        snapshots[row.board_id].users.append(Recipient(row.id, row.role, row.email))


def future_fact_dates(facts: BoardFacts, today: date) -> list[date]:
    """Dated facts after ``today`` (a replay walks through stored history): each may change
    what is known, so the board must be evaluated again on that day."""
    days = [s.effective_from for s in facts.spells]
    for plan in facts.plans:
        days.append(plan.published_on)
        days += [r.concluded_on for r in plan.reviews]
    days += [r.published_on for r in facts.annual_reports]
    days += [effective_from for effective_from, _ in facts.report_months]
    return [d for d in days if d is not None and d > today]


def boards_awaiting_automatic_events(session: Session, today: date) -> list[int]:
    """Boards with a plan whose period has ended, or whose successor is published, that has
    not yet expired or been superseded (the conditions ``run_automatic_events`` acts on)."""
    expirable = [s.value for s in STEP_BY_EVENT["expire"].sources]
    supersedable = [s.value for s in STEP_BY_EVENT["supersede"].sources]
    successor = aliased(plans)
    # IN rather than a correlated EXISTS: PostgreSQL estimates the EXISTS form so dear
    # that it JIT-compiles the query, which then costs ten times what it runs in.
    published_successor = plans.c.id.in_(select(successor.c.predecessor_id).where(
        successor.c.published_on.is_not(None), successor.c.state.not_in(OUT_OF_CHAIN)))
    query = select(func.distinct(plans.c.board_id)).where(or_(
        and_(plans.c.state.in_(expirable), plans.c.period_end < today),
        and_(plans.c.state.in_(supersedable), published_successor)))
    return sorted(session.scalars(query))
