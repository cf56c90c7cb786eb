"""Profile one plan event through the app: the SQL statements and transactions it takes,
and (``--profile``) where its time goes, by pyinstrument.

    .venv/bin/python -m bench.event_profile [postgresql+psycopg://postgres@127.0.0.1:5432] [--profile]

Seeds one board with a plan in consultation (as ``bench.events`` does) in database
``cypp_bench_event_profile``, fires ``close_consultation`` / ``reopen_consultation`` through
the Flask test client (the whole request: token, scope, use case, answer) and drops the
database. Not part of ``make bench``: it is for looking, not for figures.
"""
from __future__ import annotations

import argparse
import time

from sqlalchemy import event

from bench.databases import drop_database, fresh_database
from bench.events import NEXT, ON, seed
from cli.app import create_app
from lifecycle.bootstrap import runtime

DATABASE = "cypp_bench_event_profile"
EVENTS = 200


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.event_profile")
    parser.add_argument("server", nargs="?", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    args = parser.parse_args()
    url = fresh_database(args.server, DATABASE)
    plan = seed(url, 1)[0]
    rt = runtime(url)
    client = create_app({"RUNTIME": rt}).test_client()
    headers = {"Authorization": f"Bearer {plan['token']}"}

    def fire() -> None:
        name, words = NEXT[plan["state"]]
        answer = client.post(f"/api/v1/plans/{plan['plan_id']}/events", headers=headers,
                             json={"event": name, "version": plan["version"], "on": ON} | words)
        assert answer.status_code == 200, answer.get_json()
        plan["version"], plan["state"] = answer.get_json()["version"], answer.get_json()["state"]

    for _ in range(10):
        fire()  # warm: mappers configured, statements cached, the token's use noted
    statements, transactions = [], []
    event.listen(rt.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_: statements.append(statement))
    event.listen(rt.engine, "begin", lambda _c: transactions.append(1))
    fire()
    print(f"one event: {len(statements)} statements in {len(transactions)} transaction(s)")
    for statement in statements:
        print("   ", " ".join(statement.split())[:110])
    started, cpu = time.perf_counter(), time.process_time()
    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.0005)
        profiler.start()
    for _ in range(EVENTS):
        fire()
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False))
    print(f"{EVENTS} events: {(time.perf_counter() - started) / EVENTS * 1000:.1f} ms each, "
          f"{(time.process_time() - cpu) / EVENTS * 1000:.1f} ms of it on this process's CPU")
    rt.engine.dispose()
    drop_database(args.server, DATABASE)


if __name__ == "__main__":
    main()
