"""Fixtures of the proofs: a migrated database of the run's kind that really commits, the
runtime the test writes through, and a coordinator's API token for the real server."""
from __future__ import annotations

import os
from datetime import date

import pytest

from lifecycle.bootstrap import Runtime
from lifecycle.clock import FixedClock, instant_of
from lifecycle.db.engine import make_engine
from lifecycle.db.migrate import upgrade
from lifecycle.services import access
from tests.support import builders

POSTGRES = bool(os.environ.get("CYPP_TEST_DATABASE_URL", "").strip())
# Concurrent sessions and server processes, row locks, a killed connection's rollback:
# what a database server does and a SQLite file does not.
postgres_only = pytest.mark.skipif(not POSTGRES, reason="needs PostgreSQL (set "
                                   "CYPP_TEST_DATABASE_URL): concurrent sessions, server "
                                   "processes, row locks or killed connections")


@pytest.fixture
def served_database(fresh_database_url):
    """A fresh, migrated database for one server (dropped afterwards)."""
    upgrade(fresh_database_url)
    return fresh_database_url


@pytest.fixture
def runtime(served_database):
    """Units of work that commit to ``served_database``, today 25 November 2026."""
    engine = make_engine(served_database)
    yield Runtime(engine, FixedClock(instant_of(date(2026, 11, 25))))
    engine.dispose()


@pytest.fixture
def coordinator(runtime):
    """A board and its coordinator: (board id, API token)."""
    board_id = builders.board(runtime.uow)["id"]
    access.create_user(runtime.uow(), "tester", name="cora", role="coordinator",
                       board_ids=[board_id])
    return board_id, access.issue_token(runtime.uow(), "tester", "cora")["token"]
