"""Publication deadlines (reg 5): by when each plan in a Board's chain must be published.

reg 5(1): the first plan on or before the rulebook's first-plan date.
reg 5(2): each later plan no later than the grace period (6 weeks) after the
end of the previous plan's period. "On or before D" is met by a publication
dated D and breached from D+1 (docs/rules.md, reg 5).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from lifecycle.rules.rulebooks import Rulebook

FIRST_PLAN = "first_plan_publication"
SUCCESSOR_PLAN = "successor_plan_publication"


class PlanInChain(Protocol):
    """What the deadlines need to know about a plan."""

    plan_id: int
    period_end: date
    published_on: date | None


class PublicationDeadline(NamedTuple):
    """A date by which a plan must be published, and when (if yet) it was."""

    kind: str
    due_on: date
    citation: str
    plan_id: int | None
    previous_plan_id: int | None
    published_on: date | None

    def published_before(self, day: date) -> bool:
        """The plan was published before `day` began."""
        return self.published_on is not None and self.published_on < day


def successor_due(rulebook: Rulebook, previous_period_end: date) -> date:
    """The last day on which the successor of a plan ending on `previous_period_end` is on time."""
    return previous_period_end + timedelta(days=rulebook.successor_grace_days)


def is_overdue(due_on: date, on: date) -> bool:
    """A deadline "on or before due_on" is breached from the day after."""
    return on > due_on


def first_plan(chain: Sequence[PlanInChain]) -> PlanInChain | None:
    """The Board's first *published* plan (docs/rules.md, reg 5): a draft abandoned before
    it, withdrawn or not, does not count. Before any is published, the chain's first plan
    stands for it."""
    published = [p for p in chain if p.published_on is not None]
    if published:
        return min(published, key=lambda p: p.published_on)
    return chain[0] if chain else None


def publication_deadlines(rulebook: Rulebook,
                          chain: Sequence[PlanInChain]) -> list[PublicationDeadline]:
    """The first-plan deadline (if the rulebook has one) and a successor deadline
    for every published plan in the chain (first plan first)."""
    deadlines = []
    if rulebook.first_plan_due is not None:
        first = first_plan(chain)
        deadlines.append(PublicationDeadline(
            FIRST_PLAN, rulebook.first_plan_due, rulebook.first_plan_citation,
            plan_id=first.plan_id if first else None, previous_plan_id=None,
            published_on=first.published_on if first else None))
    for previous, successor in zip(chain, [*chain[1:], None]):
        if previous.published_on is None:
            continue
        deadlines.append(PublicationDeadline(
            SUCCESSOR_PLAN, successor_due(rulebook, previous.period_end),
            rulebook.successor_citation,
            plan_id=successor.plan_id if successor else None,
            previous_plan_id=previous.plan_id,
            published_on=successor.published_on if successor else None))
    return deadlines
