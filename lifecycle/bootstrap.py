"""Wires the database and the clock into units of work for an entrypoint (CLI, API, scheduler)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from lifecycle.clock import Clock, clock_from_env
from lifecycle.db.engine import database_url, make_engine, session_factory
from lifecycle.db.uow import UnitOfWork


@dataclass
class Runtime:
    """One process's database engine and clock; ``uow()`` opens a unit of work on them."""

    engine: Engine
    clock: Clock

    def __post_init__(self):
        self._sessions = session_factory(self.engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._sessions, self.clock)


def runtime(url: str | None = None, clock: Clock | None = None) -> Runtime:
    """The runtime from the environment (``CYPP_DATABASE_URL``, ``CYPP_CLOCK``) unless given."""
    return Runtime(make_engine(url or database_url()), clock or clock_from_env())
