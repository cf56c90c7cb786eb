"""The daily evaluation on PostgreSQL at 1,000 and 10,000 boards (three plans each).

    .venv/bin/python -m bench [server] --only evaluation
    .venv/bin/python -m bench.evaluation [server]          (the same figures, this suite alone)

Creates databases cypp_bench_evaluation_1000 and cypp_bench_evaluation_10000 on the
server (dropped at the end) and times, with Python's garbage collector running as it
does in production: the first evaluation (every obligation stored), the daily run with
every board re-evaluated (median of ``RUNS``; its process CPU time too, the figure least
disturbed by a busy machine), the next day's run (only boards whose day has come) and a
repeat with nothing new.
"""
from __future__ import annotations

import gc
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import delete

from bench.databases import drop_database, fresh_database
from bench.seed import SEEDED_ON, seed
from lifecycle.bootstrap import runtime
from lifecycle.clock import FixedClock, instant_of
from lifecycle.db.schedule_tables import board_evaluations
from schedules.config import SchedulerSettings
from schedules.jobs import evaluate

TARGETS = {
    "sweep_10k_s": ("<=", 1.0, "s"),
    "sweep_repeat_s": ("<=", 0.5, "s"),
}
RUNS = 3  # daily runs with every board re-evaluated; the median is the figure
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def _timed(label: str, action) -> tuple[float, float]:
    """Wall-clock and process CPU seconds of one evaluation run."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"  {label:<46} {wall:7.3f} s  cpu {cpu:6.3f} s  ({result.boards} boards)", flush=True)
    return wall, cpu


def measure(server: str, count: int) -> dict[str, float]:
    """Seed ``count`` boards in a scratch database and time the evaluation runs."""
    name = f"cypp_bench_evaluation_{count}"
    url = fresh_database(server, name)
    started = time.perf_counter()
    seed(url, count)
    print(f"{count} boards, {3 * count} plans seeded in {time.perf_counter() - started:.1f} s")
    clock = FixedClock(instant_of(datetime.combine(SEEDED_ON, clock_time(7, 0))))
    rt, settings = runtime(url, clock), SchedulerSettings()
    run = lambda: evaluate(rt, settings, "bench")  # noqa: E731
    timings = {"first": _timed("first evaluation (stores every obligation)", run)[0]}
    daily = []
    for _ in range(RUNS):
        with rt.engine.begin() as c:  # forget every board's wake-up day: all are due
            c.execute(delete(board_evaluations))
        daily.append(_timed("daily evaluation, every board re-evaluated", run))
    timings["daily_all"] = statistics.median(wall for wall, _ in daily)
    timings["daily_all_best"] = min(wall for wall, _ in daily)
    timings["daily_all_cpu"] = statistics.median(cpu for _, cpu in daily)
    clock.advance_to(instant_of(datetime.combine(SEEDED_ON + timedelta(days=1),
                                                 clock_time(7, 0))))
    timings["next_day"] = _timed("next day (boards whose day has come)", run)[0]
    timings["repeat"] = _timed("repeat run, nothing new", run)[0]
    rt.engine.dispose()
    drop_database(server, name)
    return timings


def run(server: str) -> dict[str, float]:
    """The figures: ``sweep_*`` keys for ``bench/results.json``."""
    if not gc.isenabled():
        raise SystemExit("the evaluation is measured with the garbage collector running")
    small, large = measure(server, 1_000), measure(server, 10_000)
    return {
        "sweep_10k_s": large["daily_all"],
        "sweep_10k_best_s": large["daily_all_best"],
        "sweep_10k_cpu_s": large["daily_all_cpu"],
        "sweep_repeat_s": large["repeat"],
        "sweep_growth_1k_to_10k": large["daily_all"] / small["daily_all"],
        "sweep_1k_s": small["daily_all"],
        "sweep_first_10k_s": large["first"],
        "sweep_next_day_10k_s": large["next_day"],
    }


if __name__ == "__main__":
    for key, value in run(sys.argv[1] if len(sys.argv) > 1 else SERVER).items():
        print(f"  {key:<28} {value:12.3f}")
