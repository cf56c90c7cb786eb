"""The scheduler's wiring: two in-memory jobs with explicit ids and safe defaults, an
evaluation at start-up, and daily fire times on London's wall clock across DST changes."""
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from apscheduler.jobstores.memory import MemoryJobStore

from lifecycle.db import schedule_tables as st
from schedules.config import SchedulerSettings, settings_from_env
from schedules.jobs import DISPATCH_JOB, EVALUATION_JOB, evaluate
from schedules.runner import build, evaluation_trigger, start_in_background
from tests.schedules.support import rows
from tests.support import builders

LONDON = ZoneInfo("Europe/London")


def fire_times(settings: SchedulerSettings, start: datetime, count: int) -> list[datetime]:
    trigger, previous, now, times = evaluation_trigger(settings), None, start, []
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, now)
        times.append(previous)
        now = previous
    return times


def test_the_scheduler_holds_two_static_jobs_in_memory_with_safe_defaults(runtime):
    scheduler = build(runtime, SchedulerSettings())
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {EVALUATION_JOB, DISPATCH_JOB}
    for job in jobs.values():
        assert (job.coalesce, job.misfire_grace_time, job.max_instances) == (True, None, 1)
    assert isinstance(scheduler._jobstores["default"], MemoryJobStore)
    assert str(scheduler.timezone) == "Europe/London"
    assert jobs[DISPATCH_JOB].trigger.interval == timedelta(seconds=60)


def test_evaluation_time_and_timezone_come_from_the_environment():
    settings = settings_from_env({"CYPP_EVALUATION_TIME": "06:30", "CYPP_DISPATCH_SECONDS": "15"})
    assert (settings.evaluation_time, settings.timezone.key, settings.dispatch_seconds) == (
        clock_time(6, 30), "Europe/London", 15)
    assert not settings.smtp.enabled


def test_the_daily_evaluation_stays_at_seven_london_time_across_the_march_change():
    times = fire_times(SchedulerSettings(), datetime(2027, 3, 26, 12, tzinfo=LONDON), 4)
    assert [t.astimezone(LONDON).strftime("%d %H:%M") for t in times] == [
        "27 07:00", "28 07:00", "29 07:00", "30 07:00"]
    assert [t.utcoffset() for t in times] == [timedelta(0), timedelta(hours=1),
                                              timedelta(hours=1), timedelta(hours=1)]


def test_the_daily_evaluation_stays_at_seven_london_time_across_the_october_change():
    times = fire_times(SchedulerSettings(), datetime(2027, 10, 29, 12, tzinfo=LONDON), 4)
    assert [t.astimezone(LONDON).date() for t in times] == [
        date(2027, 10, 30), date(2027, 10, 31), date(2027, 11, 1), date(2027, 11, 2)]
    assert {t.astimezone(LONDON).hour for t in times} == {7}


def test_a_time_in_the_repeated_october_hour_fires_twice_and_raises_nothing_twice(
        uow, runtime):
    builders.board(uow)
    settings = SchedulerSettings(evaluation_time=clock_time(1, 30))
    times = fire_times(settings, datetime(2010, 10, 30, 12, tzinfo=LONDON), 3)
    assert [t.astimezone(LONDON).date() for t in times] == [date(2010, 10, 31)] * 2 + [
        date(2010, 11, 1)]
    raised = []
    for instant in times:
        runtime.clock.advance_to(instant)
        raised += [r["rung"] for r in evaluate(runtime, settings).reminders]
    assert len(rows(runtime, st.obligation_states)) == 1
    assert raised == []


def test_started_in_the_background_it_evaluates_at_start_up(committing_runtime):
    builders.board(lambda: committing_runtime.uow())
    scheduler = start_in_background(committing_runtime, SchedulerSettings())
    try:
        deadline = time.monotonic() + 10
        while not rows(committing_runtime, st.obligation_states) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.shutdown()
    assert [r["key"] for r in rows(committing_runtime, st.obligation_states)] == [
        "first_plan_publication"]
