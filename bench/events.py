"""Plan events through the API against the same writes in raw SQL, side by side in one run.

    .venv/bin/python -m bench [postgresql+psycopg://postgres@127.0.0.1:5432] --only events

Creates (and drops) database ``cypp_bench_events`` on that server, migrates it, and seeds one
board per client, each with a coordinator, their token and one plan in consultation (its
checklist and ten consultees recorded, every invitee answered). Then it starts the service
under gunicorn with 4 sync workers on a free loopback port, and for 1, 4 and 16 clients
(threads, each on its own plan) fires ``close_consultation`` and ``reopen_consultation``
in turn for ``PHASE`` seconds: every request is an accepted transition with its audit
record. The baseline is psycopg doing exactly the writes of one event (the versioned UPDATE
of the plan row, then the hash-chained audit INSERT under the chain's lock, in one
transaction) at the same concurrencies, in the same run and database.

Figures: ``events_per_s_cN`` and ``sql_tx_per_s_cN``, their ratio ``transition_ratio_cN``,
``api_p99_ms_c4`` (the 99th percentile of an event's round trip with 4 clients) and
``rss_mb`` (the largest worker's resident memory after the load).
"""
from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import psycopg
from psycopg.types.json import Jsonb

from bench.databases import drop_database, fresh_database
from lifecycle import audit, services
from lifecycle.bootstrap import runtime
from lifecycle.clock import Clock
from lifecycle.db.migrate import upgrade
from lifecycle.services import access

TARGETS = {
    "transition_ratio_c1": (">=", 1 / 3, "x"),
    "transition_ratio_c4": (">=", 1 / 3, "x"),
    "transition_ratio_c16": (">=", 1 / 3, "x"),
    "api_p99_ms_c4": ("<=", 25, "ms"),
    "rss_mb": ("<=", 150, "MB"),
}
CLIENTS = (1, 4, 16)
PHASE = float(os.environ.get("CYPP_BENCH_PHASE", "10"))  # seconds per concurrency
WARM_UP = 2.0
DATABASE = "cypp_bench_events"
ON = "2010-11-05"  # every event's date: after the invitations and answers, never moving back
NEXT = {"consultation": ("close_consultation", {}),
        "finalising": ("reopen_consultation", {"reason": "late evidence"})}
ROOT = Path(__file__).resolve().parent.parent
CLOCK = Clock()


def seed(url: str, count: int) -> list[dict]:
    """``count`` boards through the services, each with a plan in consultation and a
    coordinator's token; per board: ``plan_id``, ``token``, ``version``, ``state``."""
    upgrade(url)
    rt = runtime(url)
    found = []
    for n in range(1, count + 1):
        board = services.create_board(rt.uow(), "bench", name=f"Bench Board {n}",
                                      authority=f"Benchshire {n} Council", pct=f"NHS Bench {n}")
        plan_id = services.create_plan(rt.uow(), "bench", board["id"], title="CYPP 2011",
                                       period_start=date(2011, 4, 1))["id"]
        services.update_checklist_item(rt.uow(), "bench", plan_id, "needs_assessment",
                                       status="drafted", text="JSNA")
        for letter in "abcefhjkl":
            services.add_consultee(rt.uow(), "bench", plan_id, category=letter,
                                   name=f"Consultee {letter}", invited_on=date(2010, 9, 1),
                                   response_due=date(2010, 10, 29),
                                   responded_on=date(2010, 10, 20))
        services.add_consultee(rt.uow(), "bench", plan_id, category="m", none_in_area=True,
                               note="none in the area")
        plan = services.fire_event(rt.uow(), "bench", plan_id, "open_consultation",
                                   on=date(2010, 9, 1))
        name = f"coordinator-{n}"
        access.create_user(rt.uow(), "bench", name=name, role="coordinator",
                           board_ids=[board["id"]])
        token = access.issue_token(rt.uow(), "bench", name)["token"]
        found.append({"plan_id": plan_id, "token": token, "version": plan["version"],
                      "state": plan["state"]})
    rt.engine.dispose()
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_service(url: str, port: int) -> subprocess.Popen:
    env = os.environ | {"CYPP_DATABASE_URL": url, "CYPP_SECRET_KEY": "bench-" + "x" * 32,
                        "WEB_CONCURRENCY": "4", "CYPP_THREADS": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py",
         "--worker-class", "sync", "--workers", "4", "--bind", f"127.0.0.1:{port}",
         "cli.wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the service did not start within 60 s")


def _fire(connection: http.client.HTTPConnection, plan: dict) -> bool:
    """Fire the plan's next event; whether it was accepted (the plan is updated either way)."""
    event, words = NEXT[plan["state"]]
    body = json.dumps({"event": event, "version": plan["version"], "on": ON} | words)
    headers = {"Authorization": f"Bearer {plan['token']}", "Content-Type": "application/json"}
    connection.request("POST", f"/api/v1/plans/{plan['plan_id']}/events", body, headers)
    response = connection.getresponse()
    answer = json.loads(response.read())
    if response.status != 200:
        connection.request("GET", f"/api/v1/plans/{plan['plan_id']}", headers=headers)
        answer = json.loads(connection.getresponse().read())
    plan["version"], plan["state"] = answer["version"], answer["state"]
    return response.status == 200


def _api_client(port: int, plan: dict, until: float, latencies: list, errors: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while (started := time.perf_counter()) < until:
        accepted = _fire(connection, plan)
        (latencies if accepted else errors).append(time.perf_counter() - started)
    connection.close()


def _sql_event(connection: psycopg.Connection, plan: dict) -> None:
    """One event's writes: the versioned UPDATE, then the audit record chained to the head."""
    event, words = NEXT[plan["state"]]
    to_state = "finalising" if plan["state"] == "consultation" else "consultation"
    with connection.transaction(), connection.cursor() as cur:
        cur.execute("UPDATE plans SET state = %s, version = %s, last_event = %s "
                    "WHERE plans.id = %s AND plans.version = %s",
                    (to_state, plan["version"] + 1, event, plan["plan_id"], plan["version"]))
        if cur.rowcount != 1:
            raise RuntimeError(f"plan {plan['plan_id']} is not at version {plan['version']}")
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (audit._CHAIN_LOCK,))
        head = cur.execute("SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1").fetchone()
        record = SimpleNamespace(
            id=head[0] + 1, at=CLOCK.now(), actor="bench", event=event,
            board_id=plan["board_id"], plan_id=plan["plan_id"], from_state=plan["state"],
            to_state=to_state, prev_hash=head[1],
            payload={"on": ON, "reason": words.get("reason"), "outcome": None,
                     "version": plan["version"] + 1, "warnings": []})
        cur.execute("INSERT INTO audit_records (id, at, actor, board_id, plan_id, event, "
                    "from_state, to_state, payload, prev_hash, hash) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (record.id, record.at, record.actor, record.board_id, record.plan_id,
                     record.event, record.from_state, record.to_state, Jsonb(record.payload),
                     record.prev_hash, audit.digest(record)))
    plan["version"], plan["state"] = plan["version"] + 1, to_state


def _sql_client(dsn: str, plan: dict, until: float, latencies: list, errors: list) -> None:
    with psycopg.connect(dsn) as connection:
        while (started := time.perf_counter()) < until:
            _sql_event(connection, plan)
            latencies.append(time.perf_counter() - started)


def _phase(client, target, plans: list[dict], clients: int, seconds: float) -> tuple[float, list]:
    """Run ``clients`` threads of ``client`` for ``seconds``; accepted per second, latencies."""
    latencies, errors = [], []
    until = time.perf_counter() + seconds
    threads = [threading.Thread(target=client, args=(target, plans[n], until, latencies, errors))
               for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        print(f"  {len(errors)} requests refused with {clients} clients")
    return len(latencies) / elapsed, latencies


def _worker_rss_mb(server: subprocess.Popen) -> float:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes += [int(line.split()[1]) / 1024 for line in status.splitlines()
                  if line.startswith("VmRSS:")]
    return max(sizes)


def _p99_ms(latencies: list[float]) -> float:
    return statistics.quantiles(latencies, n=100)[98] * 1000


def run(server: str) -> dict[str, float]:
    """Seed, serve, then at 1, 4 and 16 clients load the API and raw SQL; the figures."""
    url = fresh_database(server, DATABASE)
    started = time.perf_counter()
    plans = seed(url, max(CLIENTS))
    print(f"  {len(plans)} boards and plans seeded in {time.perf_counter() - started:.1f} s")
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as c:
        for plan in plans:
            plan["board_id"] = c.execute("SELECT board_id FROM plans WHERE id = %s",
                                         (plan["plan_id"],)).fetchone()[0]
    port = _free_port()
    service = _start_service(url, port)
    dsn = url.replace("postgresql+psycopg", "postgresql")
    figures = {}
    try:
        _phase(_api_client, port, plans, 4, WARM_UP)
        for clients in CLIENTS:  # each ratio from two phases run back to back
            rate, latencies = _phase(_api_client, port, plans, clients, PHASE)
            figures[f"events_per_s_c{clients}"] = rate
            figures[f"api_p99_ms_c{clients}"] = _p99_ms(latencies)
            sql_rate, sql_latencies = _phase(_sql_client, dsn, plans, clients, PHASE)
            figures[f"sql_tx_per_s_c{clients}"] = sql_rate
            figures[f"transition_ratio_c{clients}"] = rate / sql_rate
            print(f"  {clients:>2} clients: API {rate:7.1f} events/s, p99 "
                  f"{figures[f'api_p99_ms_c{clients}']:.1f} ms; SQL {sql_rate:7.1f} tx/s, "
                  f"p99 {_p99_ms(sql_latencies):.1f} ms", flush=True)
        figures["rss_mb"] = _worker_rss_mb(service)
    finally:
        service.terminate()
        service.wait(30)
    drop_database(server, DATABASE)
    return {key: figures[key] for key in sorted(figures)}


if __name__ == "__main__":
    print(run(sys.argv[1] if len(sys.argv) > 1 else "postgresql+psycopg://postgres@127.0.0.1:5432"))
