"""Use cases of s17A(3)(a): recording how far each co-operating partner acts in accordance
with the plan, and listing those entries by year and member."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import raiseload, selectinload

from lifecycle.db.uow import UnitOfWork
from lifecycle.errors import InvalidInput
from lifecycle.model import AnnualReport, Board, Member, MonitoringEntry, Plan
from lifecycle.obligations import NOT_REQUIRED, BoardFacts, obligations_as_of
from lifecycle.rules.monitoring import ANNUAL_REPORT, ASSESSMENTS
from lifecycle.rules.reviews import ReviewYear, year_containing
from lifecycle.services.common import (
    bounded_date,
    check_paging,
    fact_date,
    load_board,
    record,
    require_actor,
)
from lifecycle.services.obligations import board_facts


def entry_view(entry: MonitoringEntry, member: Member) -> dict:
    """A monitoring entry as people read it (``on`` is the day it was made)."""
    return {"id": entry.id, "board_id": entry.board_id, "member_id": entry.member_id,
            "organisation": member.organisation, "on": entry.monitored_on,
            "assessment": entry.assessment, "evidence": entry.evidence,
            "recorded_by": entry.recorded_by, "recorded_at": entry.recorded_at}


def _member_of(board: Board, member_id: int) -> Member:
    member = next((m for m in board.members if m.id == member_id), None)
    if member is None:
        raise InvalidInput(f"member {member_id} is not a member of board {board.id}",
                           {"member_id": ["Must be a member of this board."]})
    return member


def record_monitoring(uow: UnitOfWork, actor: str, board_id: int, *, member_id: int, on: date,
                      assessment: str, evidence: str) -> dict:
    """Record how far a Board member's body acted in accordance with the plan, as seen on
    ``on`` (not later than today), with the evidence (s17A(3)(a)); audited."""
    actor = require_actor(actor)
    if assessment not in ASSESSMENTS:
        raise InvalidInput(f"assessment must be one of {', '.join(ASSESSMENTS)}",
                           {"assessment": [f"Must be one of: {', '.join(ASSESSMENTS)}."]})
    if not (evidence and evidence.strip()):
        raise InvalidInput("evidence is required", {"evidence": ["Say what the assessment "
                                                                 "rests on."]})
    with uow:
        fact_date(uow, on, "on", required=True)
        board = load_board(uow, board_id)
        member = _member_of(board, member_id)
        entry = MonitoringEntry(board_id=board_id, member_id=member_id, monitored_on=on,
                                assessment=assessment, evidence=evidence.strip(),
                                recorded_by=actor, recorded_at=uow.clock.now())
        uow.session.add(entry)
        uow.flush()
        view = entry_view(entry, member)
        record(uow, actor, "monitoring.recorded", board_id=board_id,
               entry={k: v for k, v in view.items() if k != "recorded_at"})
        uow.commit()
        return view


def list_monitoring(uow: UnitOfWork, board_id: int, *, year_start: date | None = None,
                    member_id: int | None = None, page: int = 1, per_page: int = 50) -> dict:
    """The board's monitoring entries, newest first, paged; only those dated in the year
    beginning ``year_start`` (on the board's year basis) and of ``member_id`` if given."""
    check_paging(page, per_page)
    with uow:
        board = load_board(uow, board_id)
        query = select(MonitoringEntry).where(MonitoringEntry.board_id == board_id)
        year = None
        if year_start is not None:
            year = board_year(uow, board, year_start)
            query = query.where(MonitoringEntry.monitored_on.between(year.start, year.end))
        if member_id is not None:
            _member_of(board, member_id)
            query = query.where(MonitoringEntry.member_id == member_id)
        total = uow.session.scalar(select(func.count()).select_from(query.subquery()))
        entries = uow.session.scalars(query.order_by(
            MonitoringEntry.monitored_on.desc(), MonitoringEntry.id.desc())
            .limit(per_page).offset((page - 1) * per_page))
        members = {m.id: m for m in board.members}
        return {"board_id": board_id, "year_start": year.start if year else None,
                "year_end": year.end if year else None, "page": page, "per_page": per_page,
                "total": total, "pages": -(-total // per_page),
                "entries": [entry_view(e, members[e.member_id]) for e in entries]}



def board_plans(uow: UnitOfWork, board_id: int) -> list[Plan]:
    """The board's plans with their reviews (what the report years and the report read)."""
    return list(uow.session.scalars(select(Plan).options(
        raiseload("*"), selectinload(Plan.reviews)).where(Plan.board_id == board_id)))


def current_facts(uow: UnitOfWork, board: Board, plans: list[Plan]) -> BoardFacts:
    """The board's obligation facts as stored now (plans, reports, settings)."""
    reports = uow.session.scalars(select(AnnualReport).options(raiseload("*")).where(
        AnnualReport.board_id == board.id))
    return board_facts(board, plans, list(reports))


def report_year(facts: BoardFacts, year_start: date, today: date) -> ReviewYear | None:
    """The board's report year beginning ``year_start``, if it has one (s17A(3)(b))."""
    return next((ReviewYear(o.year_start, o.year_end) for o in obligations_as_of(facts, today)
                 if o.kind == ANNUAL_REPORT and o.year_start == year_start
                 and o.status != NOT_REQUIRED), None)


def board_year(uow: UnitOfWork, board: Board, year_start: date) -> ReviewYear:
    """The year of the board's basis (in force on ``year_start``) that begins on it: a report
    year, or else the year of that basis; invalid input naming ``year_start`` otherwise."""
    bounded_date(year_start, "year_start", required=True)
    plans = board_plans(uow, board.id)
    facts = current_facts(uow, board, plans)
    found = report_year(facts, year_start, uow.clock.today())
    if found is not None:
        return found
    spell = [s for s in facts.spells if s.effective_from <= year_start] or facts.spells[:1]
    basis = spell[-1].rulebook.review_basis
    started = sorted((p.period_start for p in facts.plans if p.period_start <= year_start),
                     reverse=True)
    anchor = started[0] if started else (facts.plans[0].period_start if facts.plans
                                         else year_start)
    year = year_containing(year_start, basis, anchor)
    if year.start != year_start:
        raise InvalidInput(f"year_start {year_start} does not begin a year on the board's "
                           f"{basis} basis (that year begins {year.start})",
                           {"year_start": [f"Must be the first day of a year; {year.start}?"]})
    return year
