"""Rulebooks: the statutory 2010 regulations, or a Board's local policy after them.

docs/rules.md "Rulebooks and effective dates": the CYPP regulations were later revoked and Boards
carried on with plans as local policy, so a Board may be moved, from a date,
onto a local-policy rulebook with its own cadence. Every number a rule uses
(deadline dates, grace periods, the draft commencement date) is a field here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

FINANCIAL_YEAR, PLAN_YEAR = "financial", "plan"
REVIEW_BASES = (FINANCIAL_YEAR, PLAN_YEAR)
# Every date the service accepts lies within these bounds (docs/rules.md "Time").
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)

STATUTORY_2010 = "statutory-2010"
LOCAL_POLICY = "local-policy"
LOCAL_POLICY_CITATION = "local policy"

# The defaults every other layer reads (services, schemas, forms, the command line): a new
# Board reviews on the financial year; a plan runs three years (no prescribed duration;
# guidance 8.46: "typically three years"); a successor is due within six weeks (reg 5(2)).
DEFAULT_REVIEW_BASIS = FINANCIAL_YEAR
DEFAULT_PLAN_LENGTH_MONTHS = 36
DEFAULT_SUCCESSOR_GRACE_DAYS = 42


@dataclass(frozen=True)
class Rulebook:
    """The cadence a Board's plans follow, and what each obligation cites."""

    name: str
    review_basis: str
    successor_grace_days: int
    plan_length_months: int | None
    first_plan_due: date | None
    in_force_from: date | None
    first_plan_citation: str
    successor_citation: str
    review_citation: str
    annual_report_citation: str = "s17A(3)(b)"
    earliest_date: date = EARLIEST_DATE
    latest_date: date = LATEST_DATE

    def __post_init__(self) -> None:
        if self.review_basis not in REVIEW_BASES:
            raise ValueError(
                f"review basis must be one of {REVIEW_BASES}, not {self.review_basis!r}")

    def not_yet_in_force(self, day: date) -> str | None:
        """Why nothing is due on ``day`` under this rulebook, if it had not yet commenced."""
        if self.in_force_from is None or day >= self.in_force_from:
            return None
        return (f"the regulations ({self.name}) are not yet in force on {day}: they come into "
                f"force on {self.in_force_from}, and nothing is due before then")

    def date_problem(self, day: date) -> str | None:
        """Why ``day`` is outside the dates this service accepts, if it is."""
        if self.earliest_date <= day <= self.latest_date:
            return None
        return f"Must be between {self.earliest_date} and {self.latest_date}."


@cache  # immutable, and asked for once per board in every evaluation
def statutory_2010(review_basis: str = DEFAULT_REVIEW_BASIS) -> Rulebook:
    """The draft 2010 regulations: first plan by 1 April 2011 (reg 5(1)), successors
    within 6 weeks of the previous period's end (reg 5(2)), reviews under reg 8(1)."""
    return Rulebook(
        name=STATUTORY_2010,
        review_basis=review_basis,
        successor_grace_days=DEFAULT_SUCCESSOR_GRACE_DAYS,
        plan_length_months=DEFAULT_PLAN_LENGTH_MONTHS,
        first_plan_due=date(2011, 4, 1),
        # The draft's bracketed commencement date, "[1 April 2010]".
        in_force_from=date(2010, 4, 1),
        first_plan_citation="reg 5(1)",
        successor_citation="reg 5(2)",
        review_citation="reg 8(1)",
    )


def local_policy(name: str = LOCAL_POLICY,
                 plan_length_months: int = DEFAULT_PLAN_LENGTH_MONTHS,
                 successor_grace_days: int = DEFAULT_SUCCESSOR_GRACE_DAYS,
                 review_basis: str = DEFAULT_REVIEW_BASIS) -> Rulebook:
    """A Board's own cadence after the regulations: no first-plan deadline, every
    obligation cites "local policy"."""
    return Rulebook(
        name=name,
        review_basis=review_basis,
        successor_grace_days=successor_grace_days,
        plan_length_months=plan_length_months,
        first_plan_due=None,
        in_force_from=None,
        first_plan_citation=LOCAL_POLICY_CITATION,
        successor_citation=LOCAL_POLICY_CITATION,
        review_citation=LOCAL_POLICY_CITATION,
        annual_report_citation=LOCAL_POLICY_CITATION,
    )
