"""Clients racing one plan on the real server (gunicorn, 4 workers x 4 threads, PostgreSQL):
one event on one version wins once; one Idempotency-Key applies once (issue 11)."""
from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from lifecycle import services
from lifecycle.services.audit_log import list_audit, verify_audit_log
from tests.proofs.conftest import postgres_only
from tests.support import builders
from tests.support.http import call
from tests.support.server import start_gunicorn

pytestmark = [postgres_only, pytest.mark.slow]
CLIENTS = 16


@pytest.fixture
def server(served_database, tmp_path):
    running = start_gunicorn(served_database, tmp_path, workers=4, threads=4)
    yield running
    running.stop()


def _race(url: str, token: str, body: dict, headers: dict | None = None) -> list[tuple]:
    """``CLIENTS`` threads sending the same request at once; their (status, body) answers."""
    start = threading.Barrier(CLIENTS, timeout=30)

    def attempt(_):
        start.wait()
        return call(url, "POST", token, body, headers)
    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(attempt, range(CLIENTS)))


def _events(runtime, plan_id: int) -> Counter:
    records = list_audit(runtime.uow(), {"plan_id": plan_id}, None, 500)["records"]
    return Counter(r["event"] for r in records)


def _in_force_plan(runtime, board_id: int) -> dict:
    plan_id = builders.plan(runtime.uow, board_id)["id"]
    return builders.to_state(runtime.uow, plan_id, "in_force")


def test_sixteen_clients_racing_one_event_one_wins_the_rest_are_409(server, runtime,
                                                                     coordinator):
    board_id, token = coordinator
    plan = _in_force_plan(runtime, board_id)
    body = {"event": "start_review", "version": plan["version"], "on": "2012-01-10"}

    answers = _race(f"{server.api}/plans/{plan['id']}/events", token, body)

    statuses = Counter(status for status, _ in answers)
    assert statuses == {200: 1, 409: CLIENTS - 1}, answers
    assert _events(runtime, plan["id"])["start_review"] == 1
    after = services.get_plan(runtime.uow(), plan["id"])
    assert (after["state"], after["version"], len(after["reviews"])) == \
        ("under_review", plan["version"] + 1, 1)
    assert verify_audit_log(runtime.uow())["intact"]


def _racing_one_key(server, runtime, coordinator) -> tuple[dict, list[tuple]]:
    board_id, token = coordinator
    plan = _in_force_plan(runtime, board_id)
    body = {"event": "start_review", "version": plan["version"], "on": "2012-01-10"}
    answers = _race(f"{server.api}/plans/{plan['id']}/events", token, body,
                    {"Idempotency-Key": "race-one-key"})
    return plan, answers


def test_sixteen_retries_with_one_idempotency_key_have_one_effect(server, runtime, coordinator):
    plan, answers = _racing_one_key(server, runtime, coordinator)

    assert all(status in (200, 409) for status, _ in answers), answers
    winners = [body for status, body in answers if status == 200]
    assert winners and all(body == winners[0] for body in winners)  # the first result, replayed
    assert winners[0]["state"] == "under_review"
    assert _events(runtime, plan["id"])["start_review"] == 1
    after = services.get_plan(runtime.uow(), plan["id"])
    assert (after["version"], len(after["reviews"])) == (plan["version"] + 1, 1)
    assert verify_audit_log(runtime.uow())["intact"]


def test_every_retry_with_one_idempotency_key_gets_the_replay_or_in_progress(
        server, runtime, coordinator):
    _, answers = _racing_one_key(server, runtime, coordinator)

    codes = Counter((status, body["error"]["code"] if status != 200 else "applied")
                    for status, body in answers)
    assert set(codes) <= {(200, "applied"), (409, "idempotency_key_in_progress")}, codes
