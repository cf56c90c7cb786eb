"""The daily evaluation on an injected clock: obligations persisted, reminders raised once,
on their day, the catch-up rule after an absence, overdue the day after, met late."""
import gc
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from lifecycle.db import schedule_tables as st
from lifecycle.db.tables import boards
from lifecycle.obligations import Obligation
from lifecycle.services.evaluation import STATE_FIELDS, fingerprint
from lifecycle.services.schedule_facts import among
from schedules import jobs
from schedules.config import SchedulerSettings, SmtpSettings
from schedules.jobs import dispatch, evaluate, run_evaluation
from tests.schedules.support import add_user, day, free_port, rows, settings_for
from tests.support import builders

EMAIL_ON = SchedulerSettings(smtp=SmtpSettings(host="127.0.0.1", port=free_port()))


def walk(runtime, start: date, end: date, settings=EMAIL_ON) -> list[tuple[date, str, str]]:
    """Evaluate once a day from ``start`` to ``end``; (day, obligation key, rung) raised."""
    raised = []
    on = start
    while on <= end:
        day(runtime.clock, on)
        result = evaluate(runtime, settings)
        raised += [(on, r["obligation_key"], r["rung"]) for r in result.reminders]
        on += timedelta(days=1)
    return raised


def published_plan(uow, clock) -> tuple[int, int]:
    """A board whose first plan (2011-2014) was published on 15 March 2011."""
    board = builders.board(uow)
    plan = builders.plan(uow, board["id"])
    builders.to_state(uow, plan["id"], "in_force")
    return board["id"], plan["id"]


KINDS = {  # obligation key (for plan {plan}), first and last day walked, due date
    "first_plan_publication": (date(2010, 12, 1), date(2011, 4, 9), date(2011, 4, 1)),
    "successor_plan_publication:after:{plan}": (
        date(2014, 2, 1), date(2014, 5, 20), date(2014, 5, 12)),
    "annual_review:{plan}:2011-04-01": (date(2011, 12, 1), date(2012, 4, 8), date(2012, 3, 31)),
    # s17A(3)(b): six months after 2011/12 ends, by default.
    "annual_report:2011-04-01": (date(2012, 7, 1), date(2012, 10, 8), date(2012, 9, 30)),
}


@pytest.mark.parametrize("template", list(KINDS))
def test_each_deadline_kind_crosses_every_rung_of_its_ladder_on_the_day(uow, runtime, template):
    board_id = builders.board(uow)["id"]
    start, end, due = KINDS[template]
    plan_id = None
    if template != "first_plan_publication":
        plan_id = builders.plan(uow, board_id)["id"]
        builders.to_state(uow, plan_id, "in_force")
    key = template.format(plan=plan_id)
    raised = [(on, rung) for on, k, rung in walk(runtime, start, end) if k == key]
    assert raised == [(due - timedelta(days=n), f"before:{n}") for n in (90, 30, 14, 7, 1)] + [
        (due, "due"), (due + timedelta(days=1), "overdue:1"), (due + timedelta(days=8), "overdue:2")]


def test_an_obligation_turns_overdue_the_day_after_its_due_date(uow, runtime):
    board_id = builders.board(uow)["id"]
    walk(runtime, date(2011, 4, 1), date(2011, 4, 1))
    [state] = rows(runtime, st.obligation_states, board_id=board_id)
    assert (state["status"], state["changed_on"]) == ("pending", date(2011, 4, 1))
    walk(runtime, date(2011, 4, 2), date(2011, 4, 2))
    [state] = rows(runtime, st.obligation_states, board_id=board_id)
    assert (state["status"], state["changed_on"]) == ("overdue", date(2011, 4, 2))


def test_a_plan_published_late_meets_its_obligation_late_and_stops_the_reminders(
        uow, runtime, clock):
    board_id = builders.board(uow)["id"]
    add_user(runtime, "cora", board_id, mail="cora@northshire.example")
    plan = builders.plan(uow, board_id)
    day(clock, date(2011, 4, 5))
    builders.to_state(uow, plan["id"], "approved")
    walk(runtime, date(2011, 3, 30), date(2011, 4, 5))
    assert rows(runtime, st.deliveries, status="pending")
    builders.publication(uow, plan["id"], date(2011, 4, 5))
    builders.fire(uow, plan["id"], "publish", on=date(2011, 4, 5))
    walk(runtime, date(2011, 4, 6), date(2011, 4, 30))
    state = rows(runtime, st.obligation_states, key="first_plan_publication")[0]
    assert (state["status"], state["met_on"], state["late"]) == ("met", date(2011, 4, 5), True)
    assert not rows(runtime, st.deliveries, status="pending")
    assert [(r["rung"], r["status"]) for r in rows(runtime, st.reminders)
            if r["status"] != "skipped"] == [("before:7", "cancelled"), ("before:1", "cancelled"),
                                             ("due", "cancelled"),
                                             ("overdue:1", "cancelled")]


def test_a_scheduler_back_after_30_days_sends_only_the_latest_rung_and_skips_the_rest(
        uow, runtime, smtp_server):
    board_id = builders.board(uow)["id"]
    add_user(runtime, "cora", board_id, mail="cora@northshire.example")
    settings = settings_for(smtp_server)
    walk(runtime, date(2011, 2, 28), date(2011, 3, 2), settings)
    dispatch(runtime, settings)
    raised = walk(runtime, date(2011, 4, 1), date(2011, 4, 1), settings)
    dispatch(runtime, settings)
    assert raised == [(date(2011, 4, 1), "first_plan_publication", "due")]
    skipped = rows(runtime, st.reminders, status="skipped")
    assert [r["rung"] for r in skipped] == ["before:14", "before:7", "before:1"]
    assert all("superseded by due of 2011-04-01" in r["reason"] for r in skipped)
    subjects = smtp_server.mailbox.subjects("cora@northshire.example")
    assert [s.split(" Publication of the Board's first plan ")[1] for s in subjects] == [
        "due in 32 days (reg 5(1))", "due in 30 days (reg 5(1))", "due today (reg 5(1))"]
    [state] = rows(runtime, st.obligation_states, board_id=board_id)
    assert state["status"] == "pending" and state["last_rung_on"] == date(2011, 4, 1)


def test_obligations_missed_while_stopped_are_all_brought_up_to_date(uow, runtime, clock):
    board_id, plan_id = published_plan(uow, clock)
    walk(runtime, date(2012, 3, 1), date(2012, 3, 1))
    walk(runtime, date(2012, 4, 1), date(2012, 4, 1))
    states = {r["key"]: r["status"] for r in rows(runtime, st.obligation_states,
                                                  board_id=board_id)}
    assert states == {"first_plan_publication": "met",
                      f"annual_review:{plan_id}:2011-04-01": "overdue",
                      f"annual_review:{plan_id}:2012-04-01": "pending",
                      f"annual_review:{plan_id}:2013-04-01": "pending",
                      f"successor_plan_publication:after:{plan_id}": "pending",
                      "annual_report:2011-04-01": "pending",
                      "annual_report:2012-04-01": "pending",
                      "annual_report:2013-04-01": "pending"}


def test_no_reminder_is_raised_or_sent_before_its_day(uow, runtime, smtp_server):
    board_id = builders.board(uow)["id"]
    add_user(runtime, "cora", board_id, mail="cora@northshire.example")
    settings = settings_for(smtp_server)
    day(runtime.clock, date(2010, 12, 31), hour=23)
    assert evaluate(runtime, settings).reminders == []
    assert dispatch(runtime, settings) == []
    assert smtp_server.mailbox.messages == []
    day(runtime.clock, date(2011, 1, 1), hour=0)
    assert [r["rung"] for r in evaluate(runtime, settings).reminders] == ["before:90"]


def test_evaluating_twice_on_one_day_raises_nothing_twice(uow, runtime):
    builders.board(uow)
    assert len(walk(runtime, date(2011, 1, 1), date(2011, 1, 1))) == 1
    assert walk(runtime, date(2011, 1, 1), date(2011, 1, 1)) == []
    assert len(rows(runtime, st.reminders)) == 1


def test_the_evaluation_runs_with_the_garbage_collector_on_and_leaves_nothing_frozen(
        uow, runtime, monkeypatch):
    published_plan(uow, runtime.clock)
    seen = []

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return run_evaluation(*args, **kwargs)

    monkeypatch.setattr(jobs, "run_evaluation", watched)
    day(runtime.clock, date(2012, 1, 10))
    assert evaluate(runtime, EMAIL_ON).boards == 1
    assert seen == [True]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_chunk_of_boards_reads_the_same_rows_as_a_range_and_with_gaps(uow):
    ids = [builders.board(uow)["id"] for _ in range(5)]
    with_gap = ids[:1] + ids[2:]

    def found(wanted) -> list[int]:
        unit = uow()
        with unit:
            return sorted(unit.session.scalars(select(boards.c.id).where(
                among(boards.c.id, wanted))))

    assert found(ids) == ids
    assert found(reversed(ids)) == ids
    assert found(with_gap) == with_gap
    assert found(ids[1:2]) == ids[1:2]


def test_the_fingerprint_of_a_board_changes_with_every_stored_field_of_an_obligation():
    obligation = Obligation(
        key="annual_review:7:2011-04-01", kind="annual_review", plan_id=7, previous_plan_id=None,
        due_on=date(2012, 3, 31), status="met", met_on=date(2012, 1, 16),
        met_by="review 3 concluded", late=False, citation="reg 8(1)", rulebook="statutory-2010",
        reason=None, year_start=date(2011, 4, 1), year_end=date(2012, 3, 31))
    other = {"key": "annual_review:8:2011-04-01", "kind": "annual_report", "plan_id": None,
             "due_on": date(2012, 4, 1), "status": "pending", "met_on": None,
             "met_by": "review 4 concluded", "late": True, "citation": "reg 8(2)",
             "reason": "no longer required"}
    assert set(other) == {"key", *STATE_FIELDS}
    seen = {fingerprint([obligation])}
    for field, value in other.items():
        seen.add(fingerprint([obligation._replace(**{field: value})]))
    assert len(seen) == len(other) + 1
    assert fingerprint([obligation]) == fingerprint([obligation._replace()])
    assert fingerprint([obligation, obligation]) != fingerprint([obligation])
