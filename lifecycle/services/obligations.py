"""Use cases that list statutory obligations, computed from the stored facts."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import lazyload, raiseload, selectinload

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput, NotFound
from lifecycle.model import AnnualReport, Board, Plan
from lifecycle.obligations import (
    ANNUAL_REVIEW,
    OVERDUE,
    PENDING,
    STATUSES,
    AnnualReportFact,
    BoardFacts,
    Obligation,
    PlanFacts,
    ReviewFact,
    RulebookSpell,
    not_yet_in_force,
    obligations_as_of,
)
from lifecycle.rules.composition import BOARD_COMPOSITION, unrepresented
from lifecycle.rules.composition import CITATION as COMPOSITION_CITATION
from lifecycle.rules.deadlines import FIRST_PLAN
from lifecycle.rules.monitoring import ANNUAL_REPORT, DUE_DATE_SET_BY_THE_BOARD
from lifecycle.rules.reminders import days_left, next_action
from lifecycle.rules.rulebooks import local_policy, statutory_2010
from lifecycle.rules.urgency import overdue_first
from lifecycle.services.common import bounded_date, load_board, load_plan
from lifecycle.states import OUT_OF_CHAIN
from lifecycle.views import ObligationReport, ObligationView


def settings_spells(board) -> tuple[RulebookSpell, ...]:
    """The board's rulebooks and year bases over time, each from its effective date: the
    statutory rulebook on the basis the board was created with, then every rulebook switch
    and change of basis in date order (a change of basis keeps the rulebook in force)."""
    spells = [_statutory_spell(board.review_basis)]
    changes = sorted([(s.effective_from, 0, s) for s in board.rulebook_switches]
                     + [(c.effective_from, 1, c) for c in board.review_basis_changes],
                     key=lambda change: change[:2])
    for effective_from, is_basis, change in changes:
        rulebook = replace(spells[-1].rulebook, review_basis=change.review_basis) if is_basis \
            else local_policy(name=change.rulebook, plan_length_months=change.plan_length_months,
                              successor_grace_days=change.successor_grace_days,
                              review_basis=change.review_basis)
        if spells[-1].effective_from == effective_from:
            spells.pop()
        spells.append(RulebookSpell(rulebook, effective_from))
    return tuple(spells)


@cache  # every board starts with one of these two spells
def _statutory_spell(review_basis: str) -> RulebookSpell:
    statutory = statutory_2010(review_basis)
    return RulebookSpell(statutory, statutory.in_force_from)


def board_facts(board: Board, plans: list[Plan], reports=()) -> BoardFacts:
    """What the obligations engine needs to know of a board: its chain and its rulebooks, its
    annual reports (rows with ``id``, ``year_start``, ``published_on``) and report settings."""
    spells = settings_spells(board)
    chain = sorted((p for p in plans if p.state not in OUT_OF_CHAIN),
                   key=lambda p: p.sequence)
    return BoardFacts(
        board_id=board.id, spells=tuple(spells),
        annual_reports=tuple([AnnualReportFact(r.id, r.year_start, r.published_on)
                              for r in reports]),
        report_months=tuple([(s.effective_from, s.months)
                             for s in board.annual_report_settings]),
        plans=tuple([
        PlanFacts(p.id, p.period_start, p.period_end, p.published_on,
                  tuple([ReviewFact(r.id, r.concluded_on) for r in p.reviews]))
        for p in chain]))


def _plans_with_reviews():
    """Plans with only what obligations read (their reviews), not every fact of each plan."""
    return select(Plan).options(raiseload("*"), selectinload(Plan.reviews))


def _boards_with_rulebooks():
    return select(Board).options(lazyload("*"), selectinload(Board.rulebook_switches),
                                 selectinload(Board.review_basis_changes),
                                 selectinload(Board.annual_report_settings))


def _reports_of(uow: UnitOfWork, board_ids) -> dict[int, list[AnnualReport]]:
    """The boards' annual reports, by board (what their obligations read)."""
    found: dict[int, list[AnnualReport]] = {}
    query = select(AnnualReport).options(raiseload("*"))
    if board_ids is not None:
        query = query.where(AnnualReport.board_id.in_(board_ids))
    for report in uow.session.scalars(query):
        found.setdefault(report.board_id, []).append(report)
    return found


def obligation_title(kind: str, year_start: date | None, year_end: date | None) -> str:
    """The obligation in words."""
    if kind == ANNUAL_REVIEW:
        return f"Annual review of the plan for the year {year_start} to {year_end}"
    if kind == ANNUAL_REPORT:
        return (f"Annual report on the plan for the year {year_start} to {year_end} "
                f"({DUE_DATE_SET_BY_THE_BOARD})")
    if kind == FIRST_PLAN:
        return "Publication of the Board's first plan"
    if kind == BOARD_COMPOSITION:
        return "Board composition: a representative of each body the Board must include"
    return "Publication of the successor plan"


def concerns_plan(obligation: Obligation, plan_id: int) -> bool:
    """Whether the obligation is shown with this plan: it is the plan's own, or the successor
    this plan needs and nobody has started yet."""
    return obligation.plan_id == plan_id or (
        obligation.plan_id is None and obligation.previous_plan_id == plan_id)


ORDERS = ("urgency", "due_on")


def obligation_view(board_id: int, obligation: Obligation, as_of: date | None = None,
                    plans: dict | None = None) -> ObligationView:
    """An obligation in plain values, with its title; given ``as_of`` also ``days_left`` and,
    while it is open, the ``next_action`` that meets it (the reminders' next step, for the
    state of the plan it concerns, from ``plans``: id to plan)."""
    view = ObligationView(board_id=board_id, **obligation._asdict(), title=obligation_title(
        obligation.kind, obligation.year_start, obligation.year_end))
    if as_of is None:
        return view
    plan = (plans or {}).get(obligation.plan_id)
    step = next_action(obligation.kind, plan.state if plan else None, obligation.plan_id) \
        if obligation.status in (PENDING, OVERDUE) else None
    view["days_left"], view["next_action"] = days_left(obligation.due_on, as_of), step
    return view


def _ordered(obligations: list, order: str) -> list:
    """By due date (``due_on``), or everything overdue first and then by due date
    (``urgency``)."""
    if order not in ORDERS:
        raise InvalidInput(f"order must be one of {', '.join(ORDERS)}",
                           {"order": [f"Must be one of: {', '.join(ORDERS)}."]})
    if order == "due_on":
        return sorted(obligations, key=lambda o: o.due_on)
    return sorted(obligations, key=lambda o: overdue_first(o.status, o.due_on))


def _statuses(statuses) -> frozenset[str] | None:
    """The statuses asked for (one, several, or None: all); an unknown one is refused."""
    if statuses is None:
        return None
    wanted = frozenset([statuses] if isinstance(statuses, str) else statuses)
    unknown = sorted(wanted - set(STATUSES))
    if unknown:
        raise InvalidInput(f"status: unknown {', '.join(unknown)}",
                           {"status": [f"Must be one of: {', '.join(STATUSES)}."]})
    return wanted or None


def board_obligations(uow: UnitOfWork, board_id: int, as_of: date | None = None,
                      plan_id: int | None = None) -> list[ObligationView]:
    """Every obligation of a board as it stood on ``as_of`` (default today), by due date;
    only those concerning ``plan_id`` if given (``NotFound`` if it is not the board's)."""
    return board_obligation_report(uow, board_id, as_of, plan_id)["obligations"]


def board_obligation_report(uow: UnitOfWork, board_id: int, as_of: date | None = None,
                            plan_id: int | None = None, *, statuses=None,
                            order: str = "due_on") -> ObligationReport:
    """A board's obligations as of a date (those concerning ``plan_id`` if given; with one of
    ``statuses`` if given), in ``order`` (``ORDERS``), and a notice when none can be due yet
    because the regulations were not in force on it (docs/rules.md, reg 1)."""
    statuses = _statuses(statuses)
    with uow:
        as_of = bounded_date(as_of, "as_of") or uow.clock.today()
        return obligation_report_in(uow, load_board(uow, board_id), as_of, plan_id,
                                    statuses=statuses, order=order)


def obligation_report_in(uow: UnitOfWork, board: Board, as_of: date, plan_id: int | None = None,
                         *, statuses: frozenset[str] | None = None,
                         order: str = "due_on") -> ObligationReport:
    """``board_obligation_report`` inside the caller's unit of work."""
    plans = list(uow.session.scalars(_plans_with_reviews().where(Plan.board_id == board.id)))
    if plan_id is not None and plan_id not in {p.id for p in plans}:
        raise NotFound(f"plan {plan_id} of board {board.id} does not exist")
    facts = board_facts(board, plans, _reports_of(uow, [board.id]).get(board.id, []))
    by_id = {p.id: p for p in plans}
    obligations = obligations_as_of(facts, as_of)
    if plan_id is None and obligations:
        in_force = [s for s in facts.spells if s.effective_from <= as_of] or facts.spells[:1]
        obligations = with_composition(obligations, board, as_of, in_force[-1].rulebook.name)
    found = [o for o in obligations
             if (plan_id is None or concerns_plan(o, plan_id))
             and (statuses is None or o.status in statuses)]
    return ObligationReport(as_of=as_of, notice=not_yet_in_force(facts, as_of),
                            obligations=[obligation_view(board.id, o, as_of, by_id)
                                         for o in _ordered(found, order)])


def with_composition(obligations: list[Obligation], board: Board, as_of: date,
                     rulebook: str) -> list[Obligation]:
    """The board's obligations and, while a body it must include is unrepresented on
    ``as_of``, a ``board_composition`` finding (s12A(2)): overdue since the earliest gap
    began, as far as the records tell. It is about the Board, not a plan, so the plan
    timelines and the daily reminders leave it out."""
    gaps = unrepresented(board.authority_names, board.relevant_partners, board.members, as_of)
    if not gaps:
        return obligations
    since = min((g.since for g in gaps if g.since is not None), default=as_of)
    finding = Obligation(
        key=BOARD_COMPOSITION, kind=BOARD_COMPOSITION, plan_id=None, previous_plan_id=None,
        due_on=since, status=OVERDUE, met_on=None, met_by=None, late=False,
        citation=COMPOSITION_CITATION, rulebook=rulebook,
        reason="; ".join(g.requirement.requirement for g in gaps), year_start=None,
        year_end=None)
    return sorted([*obligations, finding], key=lambda o: (o.due_on, o.key))


def plan_obligations(uow: UnitOfWork, plan_id: int,
                     as_of: date | None = None) -> list[ObligationView]:
    """The plan's obligations as a timeline, by due date: the board's obligations that
    concern it (``concerns_plan``), with status, met_on/met_by and citation."""
    with uow:
        board_id = load_plan(uow, plan_id).board_id
    return board_obligations(uow, board_id, as_of, plan_id=plan_id)


def plan_board_obligations(uow: UnitOfWork, plan: Plan, on: date) -> list:
    """The obligations of a plan's board as of ``on``, inside the caller's unit of work
    (what a guard reads when it needs them)."""
    plans = list(uow.session.scalars(_plans_with_reviews().where(Plan.board_id == plan.board_id)))
    reports = _reports_of(uow, [plan.board_id]).get(plan.board_id, [])
    return obligations_as_of(board_facts(plan.board, plans, reports), on)


def find_obligations(uow: UnitOfWork, *, status=None, due_before: date | None = None,
                     as_of: date | None = None,
                     board_ids: set[int] | None = None) -> list[ObligationView]:
    """Obligations across boards, filtered by status (one or several) and due date (e.g.
    everything overdue)."""
    statuses = _statuses(status)
    with uow:
        as_of = bounded_date(as_of, "as_of") or uow.clock.today()
        bounded_date(due_before, "due_before")
        query = _boards_with_rulebooks().order_by(Board.id)
        if board_ids is not None:
            query = query.where(Board.id.in_(board_ids))
        boards = list(uow.session.scalars(query))
        plans_by_board: dict[int, list[Plan]] = {}
        plan_query = _plans_with_reviews()
        if board_ids is not None:
            plan_query = plan_query.where(Plan.board_id.in_(board_ids))
        for plan in uow.session.scalars(plan_query):
            plans_by_board.setdefault(plan.board_id, []).append(plan)
        reports = _reports_of(uow, board_ids)
        found = []
        for board in boards:
            plans = plans_by_board.get(board.id, [])
            by_id = {p.id: p for p in plans}
            facts = board_facts(board, plans, reports.get(board.id, []))
            for o in obligations_as_of(facts, as_of):
                if (statuses is None or o.status in statuses) and (
                        due_before is None or o.due_on < due_before):
                    found.append(obligation_view(board.id, o, as_of, by_id))
        return found
