"""The audit log at a million records on PostgreSQL: ``cypp audit verify`` and a page of
``GET /api/v1/audit``.

    .venv/bin/python -m bench [server] --only audit

Creates (and drops) the database cypp_bench_audit_1m on the server, loads 1,000,000
hash-chained records by COPY (hashes from ``lifecycle.audit.chained_hash``, the function the
service uses; 2,000 boards, 8,000 plans, 500 actors, one record about every eight minutes
from 2011), then times:

- ``audit_verify_1m_s``: ``verify_audit_log``, what ``cypp audit verify`` runs (one process
  per CPU walking a part of the chain each; ``audit_verify_1m_cpu_s`` counts them all);
- ``audit_page_<filter>_p99_ms``: GET /api/v1/audit?limit=100 through the Flask app (its test
  client, an auditor's bearer token), filtered by a board, by a month (from/to) and by an
  actor with no records, each over ``REQUESTS`` requests after a warm-up; and
  ``audit_page_p99_ms``, the worst of the three.

``audit_verify_1m_cpu_s`` and ``audit_page_cpu_median_ms`` are this process's own CPU time
(the database's excluded): on a busy machine they say more than the wall-clock figures.
"""
from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from bench.databases import fresh_database
from cli.app import create_app
from lifecycle.audit import GENESIS, chained_hash
from lifecycle.bootstrap import runtime
from lifecycle.clock import FixedClock
from lifecycle.db.migrate import upgrade
from lifecycle.services import access
from lifecycle.services.audit_log import verify_audit_log

TARGETS = {"audit_verify_1m_s": ("<=", 10, "s"), "audit_page_p99_ms": ("<=", 20, "ms"),
           "audit_page_board_p99_ms": ("<=", 20, "ms"), "audit_page_month_p99_ms": ("<=", 20, "ms"),
           "audit_page_no_actor_p99_ms": ("<=", 20, "ms")}
RECORDS = 1_000_000
BOARDS, PLANS_PER_BOARD, ACTORS = 2_000, 4, 500
FIRST = datetime(2011, 1, 1, tzinfo=timezone.utc)
STEP = timedelta(minutes=8)  # a million records run to 2026
REQUESTS, WARM_UP = 200, 20
MOVES = (("start_review", "in_force", "under_review"), ("begin_revision", "under_review", "revising"),
         ("open_consultation", "drafting", "consultation"), ("approve", "finalising", "approved"),
         ("publish", "approved", "in_force"), ("conclude_review", "under_review", "in_force"))
COLUMNS = ("id", "at", "actor", "board_id", "plan_id", "event", "from_state", "to_state",
           "payload", "prev_hash", "hash")


def _records(count: int):
    """``count`` chained records as COPY rows: every sixth a fact about a board, the rest
    lifecycle events on its plans."""
    picks = random.Random(2011)
    prev = GENESIS
    for record_id in range(1, count + 1):
        at = FIRST + STEP * record_id
        board_id = picks.randrange(1, BOARDS + 1)
        actor = f"actor-{picks.randrange(ACTORS)}"
        if record_id % 6 == 0:
            plan_id, event, from_state, to_state = None, "board.settings", None, None
            payload = {"review_basis": "financial"}
        else:
            plan_id = (board_id - 1) * PLANS_PER_BOARD + picks.randrange(PLANS_PER_BOARD) + 1
            event, from_state, to_state = MOVES[record_id % len(MOVES)]
            payload = {"on": at.date().isoformat(), "reason": f"bench {record_id}"}
        digest = chained_hash(record_id, at, actor, board_id, plan_id, event, from_state,
                              to_state, payload, prev)
        yield (record_id, at, actor, board_id, plan_id, event, from_state, to_state,
               json.dumps(payload), prev, digest)
        prev = digest


def seed(url: str, count: int = RECORDS) -> None:
    """Migrate ``url`` and load ``count`` chained records with COPY (the secondary indexes
    dropped meanwhile and made again after: faster than keeping them up row by row), then
    analyse."""
    upgrade(url)
    engine = create_engine(url)
    with engine.begin() as c:
        indexes = c.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_records' "
            "AND indexname <> 'pk_audit_records'")).all()
        for name, _ in indexes:
            c.execute(text(f'DROP INDEX "{name}"' if not name.startswith("uq_") else
                           f'ALTER TABLE audit_records DROP CONSTRAINT "{name}"'))
        with c.connection.driver_connection.cursor() as cursor, cursor.copy(
                f"COPY audit_records ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in _records(count):
                copy.write_row(row)
        for name, definition in indexes:
            c.execute(text(definition if not name.startswith("uq_") else
                           f'ALTER TABLE audit_records ADD CONSTRAINT "{name}" UNIQUE (hash)'))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE audit_records"))
    engine.dispose()


def _cpu_with_children() -> float:
    """This process's CPU seconds and those of its finished child processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _p99(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))] * 1000


def _page_p99(client, headers: dict, queries: list[dict], cpu: list[float]) -> float:
    """The p99 of the requests' wall time; each request's own CPU time goes in ``cpu``."""
    for query in queries[:WARM_UP]:
        client.get("/api/v1/audit", query_string=query, headers=headers)
    timings = []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        answer = client.get("/api/v1/audit", query_string=query, headers=headers)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert answer.status_code == 200, answer.text
    return _p99(timings)


def _pages(url: str) -> dict[str, float]:
    clock = FixedClock(datetime(2026, 11, 29, 12, tzinfo=timezone.utc))
    rt = runtime(url, clock)
    access.create_user(rt.uow(), "bench", name="bench-auditor", role="auditor")
    token = access.issue_token(rt.uow(), "bench", "bench-auditor")["token"]
    client = create_app({"TESTING": True, "RUNTIME": rt}).test_client()
    headers = {"Authorization": f"Bearer {token}"}
    picks = random.Random(29)
    months = [date(picks.randrange(2011, 2026), picks.randrange(1, 13), 1)
              for _ in range(REQUESTS)]
    cpu: list[float] = []
    figures = {
        "audit_page_board_p99_ms": _page_p99(client, headers, [
            {"limit": 100, "board_id": picks.randrange(1, BOARDS + 1)} for _ in range(REQUESTS)],
            cpu),
        "audit_page_month_p99_ms": _page_p99(client, headers, [
            {"limit": 100, "from": m.isoformat(),
             "to": ((m + timedelta(days=31)).replace(day=1) - timedelta(days=1)).isoformat()}
            for m in months], cpu),
        "audit_page_no_actor_p99_ms": _page_p99(client, headers, [
            {"limit": 100, "actor": f"nobody-{n}"} for n in range(REQUESTS)], cpu),
        # The client's own CPU per request: what a busy machine inflates least.
        "audit_page_cpu_median_ms": sorted(cpu)[len(cpu) // 2] * 1000,
    }
    rt.engine.dispose()
    return figures


def run(server: str) -> dict[str, float]:
    url = fresh_database(server, "cypp_bench_audit_1m")
    started = time.perf_counter()
    seed(url)
    print(f"{RECORDS:,} audit records loaded in {time.perf_counter() - started:.1f} s")
    rt = runtime(url, FixedClock(datetime(2026, 11, 29, tzinfo=timezone.utc)))
    started, started_cpu = time.perf_counter(), _cpu_with_children()
    report = verify_audit_log(rt.uow(), workers=os.cpu_count() or 1)  # as `cypp audit verify`
    figures = {"audit_verify_1m_s": time.perf_counter() - started,
               "audit_verify_1m_cpu_s": _cpu_with_children() - started_cpu}
    rt.engine.dispose()
    assert report["intact"] and report["records"] == RECORDS, report
    figures |= _pages(url)
    figures["audit_page_p99_ms"] = max(figures[k] for k in (
        "audit_page_board_p99_ms", "audit_page_month_p99_ms", "audit_page_no_actor_p99_ms"))
    return figures


if __name__ == "__main__":
    for key, value in run(sys.argv[1] if len(sys.argv) > 1
                          else "postgresql+psycopg://postgres@127.0.0.1:5432").items():
        print(f"{key:<28} {value:10.3f}")
