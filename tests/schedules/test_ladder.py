"""The reminder ladder's arithmetic: which rungs fire when, catch-up, never early."""
from datetime import date, timedelta

import pytest

from lifecycle.rules.reminders import (
    Ladder,
    first_rung_on,
    next_rung_on,
    rungs_due,
    rungs_until,
)

DUE = date(2014, 5, 12)
LADDER = Ladder()


def test_the_default_ladder_fires_90_30_14_7_1_days_before_on_the_day_then_weekly():
    rungs = rungs_until(LADDER, DUE, DUE + timedelta(days=15), None)
    assert [(r.name, r.fire_on) for r in rungs] == [
        ("before:90", date(2014, 2, 11)), ("before:30", date(2014, 4, 12)),
        ("before:14", date(2014, 4, 28)), ("before:7", date(2014, 5, 5)),
        ("before:1", date(2014, 5, 11)), ("due", DUE),
        ("overdue:1", date(2014, 5, 13)), ("overdue:2", date(2014, 5, 20)),
        ("overdue:3", date(2014, 5, 27))]


def test_no_rung_fires_before_its_day():
    assert rungs_due(LADDER, DUE, date(2014, 2, 10), None).latest is None
    assert rungs_due(LADDER, DUE, date(2014, 2, 11), None).latest.name == "before:90"


def test_after_an_absence_only_the_latest_rung_is_due_and_the_older_are_skipped():
    due = rungs_due(LADDER, DUE, date(2014, 5, 6), after=date(2014, 4, 1))
    assert due.latest.name == "before:7"
    assert [r.name for r in due.skipped] == ["before:30", "before:14"]


def test_rungs_already_taken_are_not_due_again():
    assert rungs_due(LADDER, DUE, date(2014, 5, 6), after=date(2014, 5, 5)).latest is None


def test_a_long_absence_costs_one_step_per_missed_overdue_notice():
    due = rungs_due(LADDER, DUE, date(2014, 7, 1), after=date(2014, 5, 20))
    assert due.latest.name == "overdue:8"
    assert [r.name for r in due.skipped] == [f"overdue:{n}" for n in range(3, 8)]


def test_the_next_rung_is_the_first_day_after_today_that_fires():
    assert next_rung_on(LADDER, DUE, date(2013, 1, 1)) == date(2014, 2, 11)
    assert next_rung_on(LADDER, DUE, date(2014, 5, 11)) == DUE
    assert next_rung_on(LADDER, DUE, date(2014, 5, 13)) == date(2014, 5, 20)


def test_a_board_ladder_from_settings_is_sorted_and_may_stop_overdue_notices():
    ladder = Ladder.from_settings({"before": [7, 60], "on_due_date": False,
                                   "overdue_every_days": None})
    rungs = rungs_until(ladder, DUE, DUE + timedelta(days=30), None)
    assert [r.name for r in rungs] == ["before:60", "before:7"]
    assert Ladder.from_settings({"before": [0]}).check() == ["0 is not a positive number of days"]


@pytest.mark.parametrize("ladder", [LADDER, Ladder(before=(3, 60)), Ladder(before=()),
                                    Ladder(before=(), on_due_date=False),
                                    Ladder(before=(), on_due_date=False, overdue_every_days=None)])
def test_before_its_first_rung_nothing_is_due_and_the_first_rung_is_the_next(ladder):
    first = first_rung_on(ladder, DUE)
    rungs = rungs_until(ladder, DUE, DUE + timedelta(days=30), None)
    assert first == min((r.fire_on for r in rungs), default=None)
    if first is not None:
        day_before = first - timedelta(days=1)
        assert rungs_due(ladder, DUE, day_before, None).latest is None
        assert next_rung_on(ladder, DUE, day_before) == first
