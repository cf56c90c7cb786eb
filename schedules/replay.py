"""``cypp replay``: run the scheduler's jobs day by day on a simulated clock over the stored
data, and tell what happened: obligations raised, met or breached, reminders, automatic events.

The replay runs inside one outer transaction that is rolled back at the end, so
the stored data and the live scheduler's tables are left exactly as they were.
With ``deliver`` the reminders also go out through the real channels.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import sessionmaker
from tqdm import tqdm

from lifecycle.clock import FixedClock, instant_of
from lifecycle.db import schedule_tables as st
from lifecycle.db.tables import audit_records
from lifecycle.db.uow import UnitOfWork
from lifecycle.machine import EVENTS
from schedules.config import SchedulerSettings
from schedules.jobs import dispatch, run_evaluation, worker_name


@dataclass
class ReplayRuntime:
    """A runtime whose units of work are savepoints inside the replay's transaction."""

    engine: Engine
    clock: FixedClock
    sessions: sessionmaker

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.clock)


def _clear(connection, board_id: int | None) -> None:
    """Start from nothing: the replay rebuilds the scheduler's tables from the facts."""
    for table in (st.notifications, st.delivery_attempts, st.deliveries, st.reminders,
                  st.obligation_digests, st.obligation_states, st.board_evaluations,
                  st.scheduler_marks):
        statement = delete(table)
        if board_id is not None and "board_id" in table.c:
            statement = statement.where(table.c.board_id == board_id)
        elif board_id is not None and table is st.delivery_attempts:
            statement = statement.where(table.c.delivery_id.in_(
                select(st.deliveries.c.id).where(st.deliveries.c.board_id == board_id)))
        connection.execute(statement)


def _recorded_events(connection, board_id: int | None) -> dict[date, list[str]]:
    """Lifecycle events already in the audit log, by the day they took effect: the story so far."""
    query = select(audit_records).where(audit_records.c.event.in_(EVENTS))
    if board_id is not None:
        query = query.where(audit_records.c.board_id == board_id)
    by_day = defaultdict(list)
    for row in connection.execute(query):
        on = date.fromisoformat(row.payload.get("on") or row.at.date().isoformat())
        by_day[on].append(f"board {row.board_id}  event     {row.event} plan {row.plan_id} "
                          f"({row.from_state} -> {row.to_state}, recorded)")
    return by_day


def _lines(day: date, result, recorded: list[str]) -> list[str]:
    lines = [f"{day}  {text}" for text in recorded]
    for e in result.events:
        lines.append(f"{day}  board {e['board_id']}  event     {e['event']} plan {e['plan_id']}")
    for c in result.changes:
        what = {"met": "met late" if c["late"] else "met", "overdue": "breached",
                "not_required": "dropped"}.get(c["to"], "raised" if c["from"] is None else c["to"])
        lines.append(f"{day}  board {c['board_id']}  {what:<9} {c['key']} (due {c['due_on']})")
    for r in result.reminders:
        lines.append(f"{day}  board {r['board_id']}  reminder  {r['rung']:<10} {r['subject']}")
    for s in result.skipped:
        lines.append(f"{day}  board {s['board_id']}  skipped   {s['rung']:<10} {s['key']}")
    return lines


def replay(engine: Engine, start: date, end: date, settings: SchedulerSettings, *,
           board_id: int | None = None, deliver: bool = False,
           echo: Callable[[str], None] = tqdm.write) -> dict:
    """Replay the jobs from ``start`` to ``end`` inclusive; counts of what happened."""
    counts = defaultdict(int)
    clock = FixedClock(instant_of(start))
    with engine.connect() as connection:
        outer = connection.begin()
        _clear(connection, board_id)
        recorded = _recorded_events(connection, board_id)
        runtime = ReplayRuntime(engine, clock, sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False))
        worker = worker_name()
        days = (end - start).days + 1
        for offset in tqdm(range(days), desc="replay", unit="day"):
            day = start + timedelta(days=offset)
            clock.advance_to(day)
            result = run_evaluation(runtime, settings, {board_id} if board_id else None)
            for line in _lines(day, result, recorded.get(day, [])):
                echo(line)
            counts["reminders"] += len(result.reminders)
            counts["skipped"] += len(result.skipped)
            counts["status_changes"] += len(result.changes)
            counts["events"] += len(result.events) + len(recorded.get(day, []))
            if deliver:
                counts["deliveries"] += len(dispatch(runtime, settings, worker))
        outer.rollback()
    return dict(counts)
