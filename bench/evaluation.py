"""Time the daily evaluation on PostgreSQL: 10,000 boards / 30,000 plans, and 1,000 boards.

    .venv/bin/python -m bench.evaluation [postgresql+psycopg://postgres@127.0.0.1:5432]

Creates (and drops) databases cypp_bench_1000 and cypp_bench_10000 on that server and prints:
the first evaluation (every obligation stored), a daily run that re-evaluates every board,
the next day's run (only boards whose day has come), a repeat with nothing new, and the
1,000 vs 10,000 ratio.
"""
from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import create_engine, delete, text

from bench.seed import SEEDED_ON, seed
from lifecycle.bootstrap import runtime
from lifecycle.clock import FixedClock, instant_of
from lifecycle.db.schedule_tables import board_evaluations
from schedules.config import SchedulerSettings
from schedules.jobs import evaluate


def _database(server: str, name: str) -> str:
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


def _timed(label: str, action) -> float:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"  {label:<48} {elapsed:7.3f} s  ({result.boards} boards evaluated)")
    return elapsed


def measure(server: str, count: int) -> dict:
    """Seed ``count`` boards and time the evaluation runs; the timings."""
    url = _database(server, f"cypp_bench_{count}")
    started = time.perf_counter()
    seed(url, count)
    print(f"{count} boards, {3 * count} plans seeded in {time.perf_counter() - started:.1f} s")
    clock = FixedClock(instant_of(datetime.combine(SEEDED_ON, clock_time(7, 0))))
    rt, settings = runtime(url, clock), SchedulerSettings()
    run = lambda: evaluate(rt, settings, "bench")  # noqa: E731
    timings = {"first": _timed("first evaluation (stores every obligation)", run)}
    with rt.engine.begin() as c:
        c.execute(delete(board_evaluations))
    timings["daily_all"] = _timed("daily evaluation, every board re-evaluated", run)
    clock.advance_to(instant_of(datetime.combine(SEEDED_ON + timedelta(days=1),
                                                 clock_time(7, 0))))
    timings["next_day"] = _timed("next day (boards whose day has come)", run)
    timings["repeat"] = _timed("repeat run, nothing new", run)
    rt.engine.dispose()
    return timings


def main(server: str) -> None:
    small, large = measure(server, 1_000), measure(server, 10_000)
    print(f"daily evaluation, 10,000 boards: {large['daily_all']:.3f} s (target <= 2 s)")
    print(f"repeat with nothing new, 10,000 boards: {large['repeat']:.3f} s (target <= 0.5 s)")
    print(f"10,000 / 1,000 boards: first {large['first'] / small['first']:.1f}x, "
          f"daily {large['daily_all'] / small['daily_all']:.1f}x (linear: 10x)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgresql+psycopg://postgres@127.0.0.1:5432")
