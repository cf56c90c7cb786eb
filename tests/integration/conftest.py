"""The `cypp` command line as a user runs it: a real process on a fresh, migrated database."""
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from lifecycle import audit
from lifecycle.db.engine import make_engine, session_factory

CYPP = str(Path(sys.executable).parent / "cypp")


@pytest.fixture
def cypp(fresh_database_url, tmp_path):
    def run(*args, clock="2026-11-25", check=True, env=None):
        env = os.environ | {"CYPP_DATABASE_URL": fresh_database_url, "CYPP_CLOCK": clock} | (
            env or {})
        done = subprocess.run([CYPP, *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=120)
        if check and done.returncode != 0:
            raise AssertionError(f"cypp {' '.join(args)} failed: {done.stderr}")
        return done
    run("db", "upgrade")
    return run


@pytest.fixture
def tamper(fresh_database_url):
    """Run SQL on the audit log as someone who got past its triggers."""
    engine = create_engine(fresh_database_url)

    def run(*statements):
        with engine.begin() as c:
            if engine.dialect.name == "postgresql":
                c.execute(text("SET LOCAL session_replication_role = replica"))
            for statement in statements:
                c.execute(text(statement) if isinstance(statement, str) else statement)
    yield run
    engine.dispose()


@pytest.fixture
def add_records(fresh_database_url):
    """``add_records(n)``: n more records at the head of the chain, as the service writes them."""
    engine = make_engine(fresh_database_url)
    sessions = session_factory(engine)

    def add(count: int) -> None:
        with sessions() as session, session.begin():
            for n in range(count):
                audit.append(session, at=datetime(2026, 11, 25, 9, n, tzinfo=timezone.utc),
                             actor="tester", event="board.updated", board_id=1,
                             payload={"n": n, "name": "Northshire Children\u2019s Trust Board"})
    yield add
    engine.dispose()
