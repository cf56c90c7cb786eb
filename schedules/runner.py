"""Scheduler wiring: two static in-memory jobs on APScheduler 3, evaluation at start-up.

Each process holds its own jobs in memory (``coalesce=True``,
``misfire_grace_time=None``, ``max_instances=1``, an explicit timezone): a
persistent job store cannot be shared between processes (APScheduler's FAQ), and
our own tables already hold what matters. Several processes may run; the
evaluation is led by one (``schedules.leader``) and deliveries are claimed.
"""
from __future__ import annotations

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from lifecycle.bootstrap import Runtime
from lifecycle.clock import Clock
from schedules.config import SchedulerSettings, settings_from_env
from schedules.jobs import DISPATCH_JOB, EVALUATION_JOB, dispatch, evaluate, worker_name

JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": None, "max_instances": 1}


def evaluation_trigger(settings: SchedulerSettings) -> CronTrigger:
    """Every day at the evaluation time, on the wall clock of ``settings.timezone``."""
    at = settings.evaluation_time
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=settings.timezone)


def configure(scheduler: BaseScheduler, runtime: Runtime, settings: SchedulerSettings) -> None:
    """Add the two jobs; the evaluation also runs as soon as the scheduler starts."""
    worker = worker_name()
    scheduler.add_job(evaluate, evaluation_trigger(settings), id=EVALUATION_JOB,
                      name="daily evaluation", args=(runtime, settings, worker),
                      next_run_time=Clock().now(), replace_existing=True, **JOB_DEFAULTS)
    scheduler.add_job(dispatch, IntervalTrigger(seconds=settings.dispatch_seconds,
                                                timezone=settings.timezone),
                      id=DISPATCH_JOB, name="dispatch", args=(runtime, settings, worker),
                      replace_existing=True, **JOB_DEFAULTS)


def build(runtime: Runtime, settings: SchedulerSettings | None = None, *,
          blocking: bool = False) -> BaseScheduler:
    """A configured, not yet started scheduler."""
    settings = settings or settings_from_env()
    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(timezone=settings.timezone, job_defaults=JOB_DEFAULTS,
                     jobstores={"default": MemoryJobStore()})
    configure(scheduler, runtime, settings)
    return scheduler


def start_in_background(runtime: Runtime, settings: SchedulerSettings | None = None
                        ) -> BackgroundScheduler:
    """Start the jobs in this process's background (``cypp serve --with-scheduler``; the
    command has set up the logs)."""
    scheduler = build(runtime, settings)
    scheduler.start()
    return scheduler
