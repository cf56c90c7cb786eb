"""What operators ask of the service itself: is it ready, is a scheduler alive, and the
figures the metrics show (read from the database when scraped, so every process agrees).

Heartbeats are wall-clock instants (``Clock``, never a pinned ``CYPP_CLOCK``): they say
whether a process is alive now, not what day it is in the plan's world.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from lifecycle.clock import Clock
from lifecycle.db.migrate import applied_revisions, head_revisions
from lifecycle.db.schedule_tables import (
    deliveries,
    evaluation_incidents,
    reminders,
    scheduler_heartbeats,
)
from lifecycle.db.tables import audit_records
from lifecycle.db.uow import StoreUnavailable, UnitOfWork
from lifecycle.services.upsert import insert_or_update

WALL_CLOCK = Clock()
EVALUATION = "evaluation"
DISPATCH = "dispatch"


@dataclass(frozen=True)
class Readiness:
    """Whether the service can take traffic, and each check's finding in words."""

    ready: bool
    checks: dict[str, str]


def record_heartbeat(uow: UnitOfWork, job: str, worker: str, at: datetime | None = None) -> None:
    """Note that ``worker`` has just finished ``job`` (``at``: now, by the wall clock)."""
    with uow:
        insert_or_update(uow.session, scheduler_heartbeats,
                         [{"job": job, "worker": worker, "at": at or WALL_CLOCK.now()}], ["job"])
        uow.commit()


def check_readiness(uow: UnitOfWork, *, scheduler_expected: bool,
                    heartbeat_max_age: timedelta) -> Readiness:
    """Database reachable, schema at the migrations' head and, when a scheduler is expected,
    a heartbeat no older than ``heartbeat_max_age``."""
    try:
        with uow:
            applied = applied_revisions(uow.session.connection())
            at_head = applied == head_revisions()
            latest = uow.session.scalar(select(func.max(scheduler_heartbeats.c.at))) \
                if at_head else None
    except (SQLAlchemyError, StoreUnavailable) as error:
        return Readiness(False, {"database": f"unreachable ({type(error).__name__})"})
    checks = {"database": "reachable", "migrations": _migrations(applied)}
    if not at_head:
        return Readiness(False, checks)
    checks["scheduler"] = _heartbeat(latest, scheduler_expected, heartbeat_max_age)
    return Readiness(not scheduler_expected or checks["scheduler"].startswith("fresh"), checks)


def _migrations(applied: frozenset[str]) -> str:
    if applied == head_revisions():
        return "at head"
    if not applied:
        return "not migrated: run `cypp db upgrade`"
    return (f"at {', '.join(sorted(applied))}, head is {', '.join(sorted(head_revisions()))}: "
            "run `cypp db upgrade`")


def _heartbeat(latest: datetime | None, expected: bool, max_age: timedelta) -> str:
    if not expected:
        return "not expected"
    if latest is None:
        return "no heartbeat yet from any scheduler"
    age = WALL_CLOCK.now() - _aware(latest)
    if age > max_age:
        return f"stale: last heartbeat {int(age.total_seconds())} s ago"
    return f"fresh: last heartbeat {max(0, int(age.total_seconds()))} s ago"


def _aware(at: datetime) -> datetime:
    """SQLite returns naive datetimes; we store UTC."""
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def operational_figures(uow: UnitOfWork) -> dict:
    """Reminders by status, open incidents by kind, the last successful evaluation (wall
    clock, None if never) and the audit chain's length."""
    with uow:
        session = uow.session
        by_status = dict(session.execute(select(reminders.c.status, func.count()).group_by(
            reminders.c.status)).all())
        evaluations = session.scalar(select(func.count()).select_from(evaluation_incidents).where(
            evaluation_incidents.c.resolved_on.is_(None)))
        failed = session.scalar(select(func.count()).select_from(deliveries).where(
            deliveries.c.status == "failed"))
        evaluated = session.scalar(select(scheduler_heartbeats.c.at).where(
            scheduler_heartbeats.c.job == EVALUATION))
        audit_length = session.scalar(select(func.count()).select_from(audit_records))
    return {"reminders": by_status, "incidents": {"evaluation": evaluations, "delivery": failed},
            "last_evaluation": _aware(evaluated) if evaluated else None,
            "audit_records": audit_length}
