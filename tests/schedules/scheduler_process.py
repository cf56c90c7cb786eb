"""A scheduler process for the multi-process tests, on its own engine and its own clock.

``python -m tests.schedules.scheduler_process URL SMTP_PORT`` reads one ISO date per
line on stdin, runs the evaluation job and one dispatch at 07:00 London that day, and
answers ``done``. With ``--kill-after-send`` it claims the due deliveries, sends the
first and kills itself before recording it (a crash between send and record).
"""
from __future__ import annotations

import os
import signal
import sys
from datetime import date, datetime

from lifecycle.bootstrap import runtime
from lifecycle.clock import FixedClock, instant_of
from lifecycle.services.deliveries import claim_deliveries
from schedules.config import SchedulerSettings, SmtpSettings
from schedules.jobs import dispatch, evaluate, worker_name
from schedules.notifiers import send


def at_seven(day: date) -> datetime:
    return instant_of(datetime(day.year, day.month, day.day, 7, 0))


def main(argv: list[str]) -> None:
    url, port = argv[1], int(argv[2])
    clock = FixedClock(at_seven(date(2010, 1, 1)))
    rt = runtime(url, clock)
    settings = SchedulerSettings(smtp=SmtpSettings(host="127.0.0.1", port=port, timeout=5))
    worker = worker_name()
    for line in sys.stdin:
        clock.advance_to(at_seven(date.fromisoformat(line.strip())))
        if "--kill-after-send" in argv:
            first = claim_deliveries(rt.uow(), worker)[0]
            send(settings, first, clock.now())
            os.kill(os.getpid(), signal.SIGKILL)
        evaluate(rt, settings, worker)
        dispatch(rt, settings, worker)
        print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv)
