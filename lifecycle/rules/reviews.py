"""Annual review (reg 8(1)): which years need a review of a plan, and what meets it.

The Board must review its plan "in each year in which the Board is not
required to publish a plan". "Year" is not defined in the regulations; each
Board chooses a basis (docs/rules.md, reg 8(1)):

- financial: 1 April - 31 March;
- plan: anniversaries of the period start of the plan under review, extended
  backwards before it; an anniversary of 29 February is 1 March in a common year.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple, Protocol

from lifecycle.rules.deadlines import PublicationDeadline
from lifecycle.rules.rulebooks import FINANCIAL_YEAR, PLAN_YEAR

ONE_DAY = timedelta(days=1)
ANNUAL_REVIEW = "annual_review"
OWED = ("pending", "overdue")


class ConcludedReview(Protocol):
    """What a review contributes: who it is and when (if yet) it was concluded."""

    review_id: int
    concluded_on: date | None


class ReviewYear(NamedTuple):
    """One year of a basis, first and last day inclusive (a named tuple: the daily
    evaluation makes tens of thousands)."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class Fulfilment(NamedTuple):
    """The record that met a review year's obligation."""

    met_on: date
    met_by: str


def _anniversary(period_start: date, years_after: int) -> date:
    year = period_start.year + years_after
    if (period_start.month, period_start.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return period_start.replace(year=year)


@lru_cache(maxsize=4096)  # the daily evaluation asks for the same few years 30,000 times
def year_containing(day: date, basis: str, period_start: date) -> ReviewYear:
    """The year of `basis` that contains `day`; `period_start` anchors the plan basis."""
    if basis == FINANCIAL_YEAR:
        start_year = day.year if day.month >= 4 else day.year - 1
        return ReviewYear(date(start_year, 4, 1), date(start_year + 1, 3, 31))
    years_after = day.year - period_start.year
    if _anniversary(period_start, years_after) > day:
        years_after -= 1
    return ReviewYear(_anniversary(period_start, years_after),
                      _anniversary(period_start, years_after + 1) - ONE_DAY)


def next_year_start(today: date, basis: str, period_start: date | None) -> date:
    """The first day of the next year of ``basis`` after ``today``: when a change of
    settings takes effect unless the Board names a date. Without a plan to anchor the
    plan basis there are no years yet, and the change takes effect today."""
    if basis == PLAN_YEAR and period_start is None:
        return today
    return year_containing(today, basis, period_start or today).end + ONE_DAY


def is_publication_year(year: ReviewYear, deadlines: Iterable[PublicationDeadline]) -> bool:
    """A deadline falls inside the year, or an earlier one is still unmet when it
    begins - unless that deadline's plan was published before the year began."""
    for deadline in deadlines:  # a loop, not any(): this runs for every year of every plan
        if deadline.due_on <= year.end and not deadline.published_before(year.start):
            return True
    return False


def review_years(published_on: date, period_start: date, basis: str,
                 successor: PublicationDeadline,
                 deadlines: Iterable[PublicationDeadline]) -> list[ReviewYear]:
    """The review years of a plan published on `published_on`: after the year of its
    publication, not publication years, and beginning before its successor is published."""
    deadlines = tuple(deadlines)
    years = []
    year = year_containing(published_on, basis, period_start)
    while True:
        year = year_containing(year.end + ONE_DAY, basis, period_start)
        # From here on every year begins once the plan is superseded, or after the
        # successor's deadline with it still unmet (a publication year): none is reviewed.
        superseded = successor.published_on is not None and successor.published_on <= year.start
        if year.start > successor.due_on or superseded:
            return years
        if not is_publication_year(year, deadlines):
            years.append(year)


def fulfilment(year: ReviewYear, reviews: Iterable[ConcludedReview],
               successor: PublicationDeadline) -> Fulfilment | None:
    """The record that meets a review year: the earliest review of the plan concluded in
    it, or the successor's publication in it (guidance 8.57); failing both, the first
    such record after the year ends meets it late, so an overdue year can still be met."""
    candidates = [(r.concluded_on, r) for r in reviews
                  if r.concluded_on is not None and r.concluded_on >= year.start]
    if successor.published_on is not None and successor.published_on >= year.start:
        candidates.append((successor.published_on, None))
    if not candidates:
        return None
    inside = [c for c in candidates if c[0] <= year.end]
    # The record is worded only once chosen: this runs for every review year of every board.
    met_on, review = min(inside or candidates, key=itemgetter(0))
    if review is None:
        return Fulfilment(met_on, f"plan {successor.plan_id} (successor) published")
    return Fulfilment(met_on, f"review {review.review_id} concluded")


def review_owed(obligations, plan_id: int, on: date) -> bool:
    """Whether a review year of the plan has begun by ``on`` and is still unmet: what lets
    a plan whose period has ended be reviewed (docs/rules.md, reg 8(1))."""
    return any(o.kind == ANNUAL_REVIEW and o.plan_id == plan_id and o.met_on is None
               and o.status in OWED and o.year_start <= on for o in obligations)
