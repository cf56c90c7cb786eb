"""How pressing a deadline is, in words: the countdown, the red/amber/green mark and the order
a dashboard lists obligations in.

Product rules for people reading a page or a reminder, on top of reg 5's "on or before D",
which is breached from D+1 (``lifecycle.rules.deadlines.is_overdue``). A deadline that
passed with nothing done is "overdue", never hidden.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.obligations import OVERDUE as OVERDUE_STATUS
from lifecycle.rules.deadlines import is_overdue

AMBER_WITHIN_DAYS = 30


@dataclass(frozen=True)
class Mark:
    """A red/amber/green mark that also says what it means (never colour alone)."""

    rag: str
    words: str


OVERDUE = Mark("red", "overdue")
DUE_SOON = Mark("amber", f"due within {AMBER_WITHIN_DAYS} days")
FINE = Mark("green", "fine")


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def countdown(due_on: date, today: date) -> str:
    """"due in 12 days", "due today" or "overdue by 3 days"."""
    left = (due_on - today).days
    if left == 0:
        return "due today"
    return f"due in {_days(left)}" if left > 0 else f"overdue by {_days(-left)}"


def mark(due_on: date | None, today: date) -> Mark:
    """Red once the deadline is breached, amber within 30 days of it, else green (also when
    nothing is due)."""
    if due_on is None:
        return FINE
    if is_overdue(due_on, today):
        return OVERDUE
    return DUE_SOON if (due_on - today).days <= AMBER_WITHIN_DAYS else FINE


def deadline_words(due_on: date) -> str:
    """The legal deadline as a person reads it: "on or before 12 May 2014"."""
    return f"on or before {due_on.day} {due_on:%B %Y}"


def urgency_key(due_on: date | None) -> tuple:
    """Sort key: everything overdue first, then soonest due; nothing due last.

    Overdue obligations are exactly those due before today, so earliest-due-first puts
    them all ahead of the pending ones, the longest overdue first."""
    return (due_on is None, due_on or date.max)


def overdue_first(status: str, due_on: date) -> tuple:
    """Sort key for a list of obligations: every overdue one first, then by due date."""
    return (status != OVERDUE_STATUS, due_on)
