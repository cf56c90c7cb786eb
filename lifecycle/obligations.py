"""Obligations as of a date: what the Board had to publish or review, and by when.

Pure: computed from the facts the caller passes (no database, no clock).
Publication deadlines are reg 5 (``lifecycle.rules.deadlines``), review years
reg 8(1) (``lifecycle.rules.reviews``), annual reports s17A(3)(b)
(``lifecycle.rules.monitoring``); each obligation is computed under the
rulebook in force for it (``lifecycle.rules.rulebooks``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from lifecycle.rules.deadlines import (
    FIRST_PLAN,
    PublicationDeadline,
    is_overdue,
    publication_deadlines,
)
from lifecycle.rules.monitoring import ANNUAL_REPORT, months_for, report_due, report_years
from lifecycle.rules.reviews import (
    ANNUAL_REVIEW,
    Fulfilment,
    ReviewYear,
    fulfilment,
    review_years,
)
from lifecycle.rules.rulebooks import Rulebook

PENDING, MET, OVERDUE, NOT_REQUIRED = "pending", "met", "overdue", "not_required"
STATUSES = (PENDING, MET, OVERDUE, NOT_REQUIRED)
by_due_date = attrgetter("due_on", "key")  # the order obligations are listed in
# Obligations of a year: each belongs to the settings in force on the day its year begins.
YEARLY_KINDS = (ANNUAL_REVIEW, ANNUAL_REPORT)
NO_YEAR = (None, None)  # year_start, year_end of an obligation that is not a year's


class ReviewFact(NamedTuple):
    """A review of a plan; concluded by conclude_review or begin_revision."""

    review_id: int
    concluded_on: date | None


class PlanFacts(NamedTuple):
    """A plan in the chain: its period and when its first publication was complete.

    The facts of a board are named tuples, like its obligations: one object each (no
    ``__dict__``), and cheap to build for 10,000 boards a day."""

    plan_id: int
    period_start: date
    period_end: date
    published_on: date | None
    reviews: tuple[ReviewFact, ...] = ()


@dataclass(frozen=True)
class RulebookSpell:
    """A rulebook in force for a board from a date (the first is statutory-2010)."""

    rulebook: Rulebook
    effective_from: date


class AnnualReportFact(NamedTuple):
    """The Board's annual report for the year starting ``year_start`` (s17A(3)(b))."""

    report_id: int
    year_start: date
    published_on: date | None


@dataclass(frozen=True)
class BoardFacts:
    """A Board's plan chain (first plan first, withdrawn plans excluded) and its rulebooks;
    its annual reports and its ``annual_report_months`` settings (effective from, months)."""

    board_id: int
    plans: tuple[PlanFacts, ...]
    spells: tuple[RulebookSpell, ...]
    annual_reports: tuple[AnnualReportFact, ...] = ()
    report_months: tuple[tuple[date, int], ...] = ()


class Obligation(NamedTuple):
    """Something the Board must publish or review, by `due_on`, and how it stands.

    A named tuple, not a frozen dataclass: the daily evaluation makes some twenty per
    board (200,000 at 10,000 boards), and a frozen dataclass costs three times as much
    to build (each field goes through ``object.__setattr__``)."""

    key: str
    kind: str
    plan_id: int | None
    previous_plan_id: int | None
    due_on: date
    status: str
    met_on: date | None
    met_by: str | None
    late: bool
    citation: str
    rulebook: str
    reason: str | None
    year_start: date | None
    year_end: date | None


def obligations_as_of(board: BoardFacts, as_of: date) -> list[Obligation]:
    """Every obligation of the board as it stood on `as_of`, ordered by due date then key;
    none before the first rulebook commenced (docs/rules.md, reg 1).

    Each spell (a rulebook, or a year basis, from a date) owns the review years that
    begin inside it; years that began before a change keep the rules and basis in force
    when they began. A rulebook change closes the old rulebook's later obligations
    ("not required"); a change of basis alone only re-cuts the years still to begin.
    """
    if not_yet_in_force(board, as_of):
        return []
    known = _known_on(board, as_of)
    spells = [s for i, s in enumerate(board.spells) if i == 0 or s.effective_from <= as_of]
    if len(spells) == 1:  # most boards, every day: one rulebook, one basis
        commenced = spells[0].rulebook.in_force_from  # nothing is due before (_not_yet_due)
        obligations = [o for o in _under_rulebook(known, spells[0].rulebook, as_of, "")
                       if commenced is None or o.due_on >= commenced]
        return sorted(obligations, key=by_due_date)
    heads = _rulebook_heads(spells)
    obligations = []
    for index, spell in enumerate(spells):
        head = heads[index]
        suffix = "" if head == 0 else f"@{spell.rulebook.name}:{spells[head].effective_from}"
        following = spells[index + 1] if index + 1 < len(spells) else None
        ended_by = next((spells[j] for j in range(index + 1, len(spells)) if heads[j] == j), None)
        for obligation in _under_rulebook(known, spell.rulebook, as_of, suffix):
            if obligation.kind in YEARLY_KINDS:
                kept = _review_owned(obligation, spell, index, following, ended_by)
            else:
                kept = _publication_owned(obligation, spell, index == head, ended_by)
            if kept is not None:
                obligations.append(kept)
    return sorted(obligations, key=by_due_date)


def _rulebook_heads(spells: list[RulebookSpell]) -> list[int]:
    """For each spell, the index of the spell where its rulebook began (a change of year
    basis alone continues the rulebook: same publication deadlines, same keys)."""
    heads: list[int] = []
    for index, spell in enumerate(spells):
        previous = spells[heads[-1]].rulebook if heads else None
        same = previous is not None and spell.rulebook == replace(
            previous, review_basis=spell.rulebook.review_basis)
        heads.append(heads[-1] if same else index)
    return heads


def _not_yet_due(obligation: Obligation, spell: RulebookSpell) -> bool:
    """Nothing is due under a rulebook before it is in force."""
    commenced = spell.rulebook.in_force_from
    return commenced is not None and obligation.due_on < commenced


def _publication_owned(obligation: Obligation, spell: RulebookSpell, is_head: bool,
                       ended_by: RulebookSpell | None) -> Obligation | None:
    """Publication deadlines belong to the rulebook (whatever the year basis): due inside
    its spell, or closed by the next rulebook."""
    if not is_head or _not_yet_due(obligation, spell):
        return None
    if spell.rulebook.in_force_from is None and obligation.due_on < spell.effective_from:
        return None
    if ended_by is not None and obligation.due_on >= ended_by.effective_from:
        return _closed_by(obligation, ended_by)
    return obligation


def _review_owed_by_spell(obligation: Obligation, spell: RulebookSpell, index: int) -> bool:
    if index == 0:
        return not _not_yet_due(obligation, spell)
    return obligation.year_start >= spell.effective_from


def _review_owned(obligation: Obligation, spell: RulebookSpell, index: int,
                  following: RulebookSpell | None,
                  ended_by: RulebookSpell | None) -> Obligation | None:
    """A review year belongs to the spell in which it begins; one beginning after a change
    of rulebook is closed (never silently dropped), after a change of basis it is re-cut."""
    if not _review_owed_by_spell(obligation, spell, index):
        return None
    if following is not None and obligation.year_start >= following.effective_from:
        return _closed_by(obligation, following) if following is ended_by else None
    return obligation


def not_yet_in_force(board: BoardFacts, as_of: date) -> str | None:
    """Why the board owes nothing on `as_of`, when its first rulebook had not yet commenced."""
    return board.spells[0].rulebook.not_yet_in_force(as_of) if board.spells else None


def _known_on(board: BoardFacts, as_of: date) -> BoardFacts:
    """The board's facts as they stood on `as_of`: later publications and conclusions unknown."""
    if not _recorded_after(board, as_of):  # the daily run: every fact is in the past
        return board

    def known(day: date | None) -> date | None:
        return day if day is not None and day <= as_of else None

    def later(day: date | None) -> bool:
        return day is not None and day > as_of

    def plan_on(plan: PlanFacts) -> PlanFacts:
        # Most plans have nothing after as_of (the daily run): keep them as they are.
        if not later(plan.published_on) and not any(later(r.concluded_on) for r in plan.reviews):
            return plan
        return plan._replace(published_on=known(plan.published_on),
                             reviews=tuple(r._replace(concluded_on=known(r.concluded_on))
                                           for r in plan.reviews))

    plans = tuple(plan_on(plan) for plan in board.plans)
    reports = board.annual_reports
    if any(later(r.published_on) for r in reports):
        reports = tuple(r._replace(published_on=known(r.published_on)) for r in reports)
    if reports is board.annual_reports and all(new is old for new, old
                                               in zip(plans, board.plans)):
        return board
    return replace(board, plans=plans, annual_reports=reports)


def _recorded_after(board: BoardFacts, as_of: date) -> bool:
    """Whether a publication, conclusion or report of the board is dated after `as_of`."""
    for plan in board.plans:
        if plan.published_on is not None and plan.published_on > as_of:
            return True
        for review in plan.reviews:
            if review.concluded_on is not None and review.concluded_on > as_of:
                return True
    return any(r.published_on is not None and r.published_on > as_of
               for r in board.annual_reports)


def _closed_by(obligation: Obligation, following: RulebookSpell) -> Obligation:
    reason = f"rulebook changed to {following.rulebook.name} on {following.effective_from}"
    return obligation._replace(status=NOT_REQUIRED, met_on=None, met_by=None, late=False,
                               reason=reason)


def _under_rulebook(board: BoardFacts, rulebook: Rulebook, as_of: date,
                    suffix: str) -> list[Obligation]:
    deadlines = publication_deadlines(rulebook, board.plans)
    obligations = [_publication(d, rulebook, as_of, suffix) for d in deadlines]
    successors = {d.previous_plan_id: d for d in deadlines if d.kind != FIRST_PLAN}
    for plan in board.plans:
        if plan.published_on is None:
            continue
        successor = successors[plan.plan_id]
        for year in review_years(plan.published_on, plan.period_start, rulebook.review_basis,
                                 successor, deadlines):
            met = fulfilment(year, plan.reviews, successor)
            obligations.append(_obligation(
                f"{ANNUAL_REVIEW}:{plan.plan_id}:{year.start}{suffix}", ANNUAL_REVIEW,
                plan.plan_id, None, year.end, met, rulebook.review_citation, rulebook,
                as_of, year))
    return obligations + _annual_reports(board, rulebook, as_of, suffix)


def _annual_reports(board: BoardFacts, rulebook: Rulebook, as_of: date,
                    suffix: str) -> list[Obligation]:
    """One report per report year, due ``annual_report_months`` after it ends (s17A(3)(b))."""
    published = {r.year_start: r for r in board.annual_reports if r.published_on is not None}
    obligations = []
    for found in report_years(board.plans, rulebook.review_basis, rulebook.in_force_from):
        year = found.year
        report = published.get(year.start)
        met = Fulfilment(report.published_on, f"annual report {report.report_id} published") \
            if report else None
        due_on = report_due(year.end, months_for(year.end, board.report_months))
        obligations.append(_obligation(
            f"{ANNUAL_REPORT}:{year.start}{suffix}", ANNUAL_REPORT, found.plan_id, None, due_on,
            met, rulebook.annual_report_citation, rulebook, as_of, year))
    return obligations


def _publication(deadline: PublicationDeadline, rulebook: Rulebook, as_of: date,
                 suffix: str) -> Obligation:
    key = deadline.kind if deadline.kind == FIRST_PLAN else \
        f"{deadline.kind}:after:{deadline.previous_plan_id}"
    met = None
    if deadline.published_on is not None:
        met = Fulfilment(deadline.published_on, f"plan {deadline.plan_id} published")
    return _obligation(key + suffix, deadline.kind, deadline.plan_id, deadline.previous_plan_id,
                       deadline.due_on, met, deadline.citation, rulebook, as_of, None)


def _obligation(key: str, kind: str, plan_id: int | None, previous_plan_id: int | None,
                due_on: date, met: Fulfilment | None, citation: str, rulebook: Rulebook,
                as_of: date, year: ReviewYear | None) -> Obligation:
    # Positional: some 200,000 are built a day, and keywords cost a third more.
    year_start, year_end = year if year is not None else NO_YEAR
    if met is None:
        status = OVERDUE if is_overdue(due_on, as_of) else PENDING
        return Obligation(key, kind, plan_id, previous_plan_id, due_on, status, None, None, False,
                          citation, rulebook.name, None, year_start, year_end)
    met_on, met_by = met
    return Obligation(key, kind, plan_id, previous_plan_id, due_on, MET, met_on, met_by,
                      is_overdue(due_on, met_on), citation, rulebook.name, None, year_start,
                      year_end)
