"""The reminder ladder: on which days a Board is reminded of an obligation, and what to do next.

Pure date arithmetic. The default ladder is 90, 30, 14, 7 and 1 days before the
due date, on the due date, then an overdue notice the day the deadline is
breached (reg 5: "on or before D" is breached from D+1) and weekly after that
until the obligation is met. A scheduler that was away catches up with the
latest rung that has come due; the older ones it missed are skipped, never sent
late one after another, and nothing fires before its day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from lifecycle.rules.deadlines import FIRST_PLAN, SUCCESSOR_PLAN
from lifecycle.rules.monitoring import ANNUAL_REPORT
from lifecycle.states import STATES, states_where

DEFAULT_BEFORE = (90, 30, 14, 7, 1)
OVERDUE_EVERY_DAYS = 7
DUE_RUNG = "due"
# How a raised reminder ends (a rung missed while the scheduler was away is skipped, never
# sent late), how each delivery of it goes, and by which channels it goes besides in-app.
REMINDER_STATUSES = ("pending", "sent", "skipped", "cancelled", "failed")
DELIVERY_STATUSES = ("pending", "delivered", "failed", "cancelled")
DELIVERY_CHANNELS = ("email", "webhook")


@dataclass(frozen=True)
class Ladder:
    """A board's reminder ladder: days before the due date, the due day, weekly overdue."""

    before: tuple[int, ...] = DEFAULT_BEFORE
    on_due_date: bool = True
    overdue_every_days: int | None = OVERDUE_EVERY_DAYS

    @classmethod
    def from_settings(cls, value: dict | None) -> Ladder:
        """The ladder stored in a board's settings (missing keys take the default)."""
        value = value or {}
        every = value.get("overdue_every_days", OVERDUE_EVERY_DAYS)
        return cls(before=tuple(sorted({int(d) for d in value.get("before", DEFAULT_BEFORE)},
                                       reverse=True)),
                   on_due_date=bool(value.get("on_due_date", True)),
                   overdue_every_days=int(every) if every else None)

    @cached_property  # asked for every open obligation of every board, every day
    def first_rung_days(self) -> int | None:
        """Days from the due date to the first rung (negative: before it); None if no rung."""
        days = [-max(self.before)] if self.before else []
        if self.on_due_date:
            days.append(0)
        if self.overdue_every_days:
            days.append(1)
        return min(days, default=None)

    def as_settings(self) -> dict:
        return {"before": list(self.before), "on_due_date": self.on_due_date,
                "overdue_every_days": self.overdue_every_days}

    def check(self) -> list[str]:
        """What is wrong with the ladder, if anything."""
        problems = [f"{d} is not a positive number of days" for d in self.before if d <= 0]
        if self.overdue_every_days is not None and self.overdue_every_days <= 0:
            problems.append("overdue notices need a positive interval")
        return problems


class Rung(NamedTuple):
    """One step of the ladder for one obligation: its name and the day it fires (a named
    tuple: the daily evaluation works out the rungs of every open obligation)."""

    name: str
    fire_on: date


class RungsDue(NamedTuple):
    """What a scheduler should do today: send ``latest``, record ``skipped`` as missed."""

    latest: Rung | None
    skipped: tuple[Rung, ...] = ()


def rungs_until(ladder: Ladder, due_on: date, today: date, after: date | None) -> list[Rung]:
    """The rungs of an obligation due on ``due_on`` that fire after ``after`` and by ``today``."""
    rungs = [Rung(f"before:{d}", due_on - timedelta(days=d)) for d in ladder.before]
    if ladder.on_due_date:
        rungs.append(Rung(DUE_RUNG, due_on))
    rungs += _overdue_rungs(ladder, due_on, today, after)
    return [r for r in rungs if r.fire_on <= today and (after is None or r.fire_on > after)]


def _overdue_rungs(ladder: Ladder, due_on: date, today: date, after: date | None) -> list[Rung]:
    every = ladder.overdue_every_days
    first = due_on + timedelta(days=1)
    if every is None or today < first:
        return []
    # Start at the last notice on or before ``after`` so a long absence costs one step each.
    start = 0 if after is None or after < first else (after - first).days // every
    last = (today - first).days // every
    return [Rung(f"overdue:{n + 1}", first + timedelta(days=n * every))
            for n in range(start, last + 1)]


def rungs_due(ladder: Ladder, due_on: date, today: date, after: date | None) -> RungsDue:
    """The catch-up rule: of the rungs come due since ``after``, send only the latest."""
    rungs = rungs_until(ladder, due_on, today, after)
    if not rungs:
        return RungsDue(None)
    return RungsDue(rungs[-1], tuple(rungs[:-1]))


def first_rung_on(ladder: Ladder, due_on: date) -> date | None:
    """The day the first rung of an obligation due on ``due_on`` fires (None: the ladder
    is empty). Before it nothing is due, and it is the next rung."""
    days = ladder.first_rung_days
    return None if days is None else due_on + timedelta(days=days)


def next_rung_on(ladder: Ladder, due_on: date, today: date) -> date | None:
    """The first day after ``today`` on which a rung of this obligation fires."""
    days = [due_on - timedelta(days=d) for d in ladder.before]
    if ladder.on_due_date:
        days.append(due_on)
    first = due_on + timedelta(days=1)
    if ladder.overdue_every_days:
        every = ladder.overdue_every_days
        days.append(first if today < first else
                    first + timedelta(days=((today - first).days // every + 1) * every))
    return min((d for d in days if d > today), default=None)


def days_left(due_on: date, today: date) -> int:
    """Days until the due date (negative once it has passed)."""
    return (due_on - today).days


# What the Board does next while its plan is in a state: the state table's words.
NEXT_ACTION_BY_STATE = {None: "create the plan and open its preparation"} | {
    state.value: row.next_step for state, row in STATES.items()}
REVIEW_STEP = "open and conclude this year's review under reg 8(1) (or publish its successor)"
REVIEWING = states_where("reviewing")
REPORT_STEP = ("record monitoring of each co-operating partner (s17A(3)(a)), then prepare and "
               "publish the annual report on the year (s17A(3)(b))")


def next_step(kind: str | None, plan_state: str | None) -> str:
    """The next step, in plain words, given the obligation due next (``kind``, None if nothing
    is due) and the state of the plan it concerns."""
    if kind in (FIRST_PLAN, SUCCESSOR_PLAN):
        return NEXT_ACTION_BY_STATE.get(plan_state, "publish the plan under reg 6")
    if kind == ANNUAL_REPORT:
        return REPORT_STEP
    if kind is not None and plan_state not in REVIEWING:
        return REVIEW_STEP
    return NEXT_ACTION_BY_STATE[plan_state]


def next_action(kind: str, plan_state: str | None, plan_id: int | None) -> str:
    """The next step that meets the obligation, naming the plan it concerns (the Board's
    annual report is about the year, not one plan)."""
    step = next_step(kind, plan_state)
    if kind == ANNUAL_REPORT:
        return step
    return step if plan_id is None else f"plan {plan_id}: {step}"


def alarm_rungs(ladder: Ladder, due_on: date, today: date) -> list[Rung]:
    """The rungs a calendar shows as alarms from ``today`` on: every ladder day still to come
    and, of the weekly overdue notices, only the next one (the feed is fetched again before
    the one after)."""
    horizon = max(due_on, today) + timedelta(days=ladder.overdue_every_days or 1)
    rungs = rungs_until(ladder, due_on, horizon, today - timedelta(days=1))
    overdue = [r for r in rungs if r.fire_on > due_on]
    return [r for r in rungs if r.fire_on <= due_on] + overdue[:1]
