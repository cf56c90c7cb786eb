"""Fixtures shared by every suite: a real database (SQLite file or a fresh PostgreSQL
database per run), migrated by Alembic, and units of work on an injectable clock.

``CYPP_TEST_DATABASE_URL`` names a PostgreSQL server (e.g.
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); a fresh database is
created on it for the run and dropped afterwards. Unset: a SQLite file.
"""
from __future__ import annotations

import os
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from lifecycle.clock import FixedClock, instant_of
from lifecycle.db.engine import database_url, make_engine
from lifecycle.db.migrate import upgrade
from lifecycle.db.orm import start_mappers
from lifecycle.db.tables import metadata
from lifecycle.db.uow import UnitOfWork

# Webhook secrets are stored encrypted (lifecycle.sealing); the suite's processes share a key.
os.environ.setdefault("CYPP_SECRETS_KEY", "Rk9SLVRFU1RTLU9OTFktbm90LWEtcmVhbC1rZXktLS0=")


def _fresh_postgres(server_url: str) -> tuple[str, callable]:
    server = make_url(database_url({"CYPP_DATABASE_URL": server_url}))
    name = f"cypp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return server.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(scope="session")
def database_url_for_tests(tmp_path_factory):
    """A migrated, empty database for this run."""
    server = os.environ.get("CYPP_TEST_DATABASE_URL", "").strip()
    if server:
        url, drop = _fresh_postgres(server)
    else:
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('db') / 'cypp-test.db'}", lambda: None
    upgrade(url)
    yield url
    drop()


@pytest.fixture(scope="session")
def engine(database_url_for_tests):
    start_mappers()
    engine = make_engine(database_url_for_tests)
    yield engine
    engine.dispose()


@pytest.fixture
def is_postgres(engine) -> bool:
    return engine.dialect.name == "postgresql"


@pytest.fixture
def clock() -> FixedClock:
    """Today is 25 November 2026 unless a test moves the clock."""
    return FixedClock(instant_of(date(2026, 11, 25)))


@pytest.fixture
def connection(engine):
    """One outer transaction per test, rolled back at the end (SQLAlchemy's savepoint recipe)."""
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def uow(connection, clock):
    """A factory of units of work whose commits are savepoints inside the test's transaction."""
    sessions = sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                            expire_on_commit=False)
    return lambda: UnitOfWork(sessions, clock)


@pytest.fixture
def committing_uow(engine, clock):
    """Units of work that really commit (for tests about transactions between sessions).

    Every table is emptied afterwards. The audit log refuses TRUNCATE by a trigger; the
    test server's superuser sets the replica role for that one transaction, which fires no
    ordinary trigger.
    """
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    yield lambda: UnitOfWork(sessions, clock)
    names = ", ".join(t.name for t in reversed(metadata.sorted_tables))
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            c.execute(text("SET LOCAL session_replication_role = replica"))
            c.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(metadata.sorted_tables):
                c.execute(table.delete())


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the run's kind with no schema yet (for CLI and process tests)."""
    server = os.environ.get("CYPP_TEST_DATABASE_URL", "").strip()
    if not server:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    url, drop = _fresh_postgres(server)
    yield url
    drop()
