"""Which scheduler process leads the daily evaluation.

PostgreSQL: a session advisory lock, held for the evaluation on its own
connection and released after (a process that dies drops its connection and
the lock with it). SQLite: a lease row in ``scheduler_leases`` that expires, so
a dead leader's lease lapses. A process that does not lead skips the
evaluation: another is doing it. Dispatch needs no leader (claims are leases).
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import or_, select, text, update

from lifecycle.bootstrap import Runtime
from lifecycle.db.schedule_tables import scheduler_leases
from lifecycle.services.upsert import insert_ignoring_duplicates

log = logging.getLogger("cypp.scheduler")
EVALUATION_LOCK = 7_215_2011
LEASE = timedelta(minutes=30)


@contextmanager
def leading(runtime: Runtime, name: str, holder: str) -> Iterator[bool]:
    """Yields True while this process leads ``name``; False if another process does."""
    if runtime.engine.dialect.name == "postgresql":
        with _advisory(runtime) as held:
            yield held
        return
    held = _take_lease(runtime, name, holder)
    try:
        yield held
    finally:
        if held:
            _release_lease(runtime, name, holder)


@contextmanager
def _advisory(runtime: Runtime) -> Iterator[bool]:
    with runtime.engine.connect() as connection:
        held = connection.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                  {"key": EVALUATION_LOCK}).scalar()
        connection.commit()
        try:
            yield bool(held)
        finally:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": EVALUATION_LOCK})
                connection.commit()


def _take_lease(runtime: Runtime, name: str, holder: str) -> bool:
    uow = runtime.uow()
    with uow:
        now = uow.clock.now()
        insert_ignoring_duplicates(uow.session, scheduler_leases, [
            {"name": name, "holder": holder, "expires_at": now + LEASE}])
        taken = uow.session.execute(update(scheduler_leases).where(
            scheduler_leases.c.name == name,
            or_(scheduler_leases.c.holder == holder, scheduler_leases.c.expires_at < now))
            .values(holder=holder, expires_at=now + LEASE)).rowcount
        current = uow.session.scalar(select(scheduler_leases.c.holder).where(
            scheduler_leases.c.name == name))
        uow.commit()
    if not taken:
        log.info("%s is led by %s; this process (%s) skips it", name, current, holder)
    return bool(taken)


def _release_lease(runtime: Runtime, name: str, holder: str) -> None:
    uow = runtime.uow()
    with uow:
        uow.session.execute(update(scheduler_leases).where(
            scheduler_leases.c.name == name, scheduler_leases.c.holder == holder)
            .values(expires_at=uow.clock.now() - timedelta(seconds=1)))
        uow.commit()
