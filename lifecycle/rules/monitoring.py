"""Monitoring and the annual report (Children Act 2004 s17A(3); guidance 8.47-8.49, 8.60).

s17A(3)(a): the Board monitors how far the bodies whose co-operation the plan
sets out act in accordance with it. A **co-operating partner** for a year is a
Board member on any day of that year while a published plan's period was
running (docs/rules.md, s17A(3)).

s17A(3)(b): it prepares and publishes an annual report about that year. Report
years are the years on the Board's basis that overlap the period of a
published plan. The Act fixes no date: the Board sets ``annual_report_months``
(default 6), and a report is due on the last day of that month after its year
ends (2011/12 -> 30 September 2012).
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple, Protocol

from lifecycle.errors import Findings
from lifecycle.rules.reviews import ONE_DAY, ReviewYear, year_containing

MONITORING_CITATION = "s17A(3)(a)"
ANNUAL_REPORT = "annual_report"
ANNUAL_REPORT_CITATION = "s17A(3)(b)"
GOVERNANCE_CITATION = "guidance 8.48"
REVIEW_IN_REPORT_CITATION = "guidance 8.60"
ASSESSMENTS = ("in_accordance", "partly", "not_in_accordance")
DEFAULT_REPORT_MONTHS = 6
DUE_DATE_SET_BY_THE_BOARD = "due date set by the Board"


class PublishedPeriod(Protocol):
    """A plan as these rules read it: its period and when (if yet) it was published."""

    plan_id: int
    period_start: date
    period_end: date
    published_on: date | None


class Membership(Protocol):
    """A Board member's seat: held from ``joined_on`` to ``left_on`` (inclusive, open if None)."""

    id: int
    joined_on: date
    left_on: date | None


class ReportYear(NamedTuple):
    """A year the Board reports on, and the (last published) plan whose period it overlaps."""

    year: ReviewYear
    plan_id: int


def _overlap(a_start: date, a_end: date | None, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and (a_end is None or a_end >= b_start)


def _published(plans: Iterable[PublishedPeriod]) -> list[PublishedPeriod]:
    return [p for p in plans if p.published_on is not None]


def co_operating_partners(year: ReviewYear, members: Iterable[Membership],
                          plans: Iterable[PublishedPeriod]) -> list[int]:
    """The ids of the members who were on the Board on a day of ``year`` on which a published
    plan's period was running (s17A(3)(a)), in the order given."""
    running = [(max(p.period_start, year.start), min(p.period_end, year.end))
               for p in _published(plans) if _overlap(p.period_start, p.period_end,
                                                      year.start, year.end)]
    return [m.id for m in members
            if any(_overlap(m.joined_on, m.left_on, start, end) for start, end in running)]


def report_years(plans: Sequence[PublishedPeriod], basis: str,
                 not_before: date | None = None) -> list[ReportYear]:
    """The report years of a plan chain (s17A(3)(b)), by start: every year of ``basis`` that
    overlaps a published plan's period and ends on or after ``not_before`` (the duty's
    commencement). On the plan basis a plan's years are anniversaries of its own period
    start; years of different plans that begin on the same day are one report year."""
    found: dict[date, ReportYear] = {}
    for plan in _published(plans):
        for year in _period_years(plan.period_start, plan.period_end, basis):
            if not_before is None or year.end >= not_before:
                found[year.start] = ReportYear(year, plan.plan_id)
    return [found[start] for start in sorted(found)]


@lru_cache(maxsize=1024)  # every board's chain runs over much the same periods
def _period_years(period_start: date, period_end: date, basis: str) -> tuple[ReviewYear, ...]:
    """The years of ``basis`` that overlap a plan's period, first to last."""
    years = []
    year = year_containing(period_start, basis, period_start)
    while year.start <= period_end:
        years.append(year)
        year = year_containing(year.end + ONE_DAY, basis, period_start)
    return tuple(years)


@lru_cache(maxsize=1024)  # a handful of (year end, months) pairs, asked 90,000 times a day
def report_due(year_end: date, months: int) -> date:
    """The last day of the ``months``-th month after the month in which the year ends."""
    index = year_end.year * 12 + year_end.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def months_for(year_end: date, settings: Iterable[tuple[date, int]]) -> int:
    """The Board's ``annual_report_months`` for a year ending on ``year_end``: the last
    setting effective on or before that day (a change never moves a year already ended)."""
    months = DEFAULT_REPORT_MONTHS
    for effective_from, value in sorted(settings) if settings else ():
        if effective_from <= year_end:
            months = value
    return months


def publication_findings(year: ReviewYear, published_on: date, unmonitored: Iterable[str],
                         has_governance_assessment: bool, has_review: bool) -> Findings:
    """What publishing the report for ``year`` on ``published_on`` needs: the year has ended,
    and every co-operating partner (named in ``unmonitored`` if it has no entry dated in the
    year) was monitored; warnings for the governance assessment and the year's review."""
    findings = Findings()
    findings.require(published_on > year.end,
                     f"the report is about the year {year.start} to {year.end}, which has not "
                     f"ended by {published_on}", ANNUAL_REPORT_CITATION)
    for name in unmonitored:
        findings.require(False, f"{name} is a co-operating partner in the year {year.start} to "
                                f"{year.end} and has no monitoring entry dated in it",
                         ANNUAL_REPORT_CITATION)
    findings.warn(has_governance_assessment,
                  "the Chief Executive's and Leader's assessment of governance and partnership "
                  "arrangements is not recorded", GOVERNANCE_CITATION)
    findings.warn(has_review, f"no review of the plan was concluded in the year {year.start} "
                              f"to {year.end}, so none is published in the report",
                  REVIEW_IN_REPORT_CITATION)
    return findings
