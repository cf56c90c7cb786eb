"""Reg 2: the plan period the Board chooses, and how plans follow one another."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from lifecycle.errors import Findings


def plan_period_valid(plan) -> Findings:
    """A period set, starting before it ends; a successor starts after its predecessor starts."""
    findings = Findings()
    findings.require(plan.period_start is not None and plan.period_end is not None,
                     "the plan period is not set", "reg 2")
    if plan.period_start and plan.period_end:
        findings.require(plan.period_start < plan.period_end,
                         "the plan period must start before it ends", "reg 2")
    if plan.predecessor is not None and plan.period_start:
        findings.require(plan.period_start > plan.predecessor.period_start,
                         "a successor plan must start after its predecessor starts",
                         "product rule")
    return findings


def months_later(day: date, months: int) -> date:
    """The same day ``months`` later; a day the month lacks becomes the 1st of the next month.

    Matches the anniversary rule of docs/rules.md (reg 8(1)): 29 February falls on 1 March in a common year.
    """
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    if day.day <= last:
        return date(year, month, day.day)
    return date(year, month, last) + timedelta(days=1)
