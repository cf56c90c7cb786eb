"""The API as a real server on loopback, against a database that really commits."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cli.app import create_app
from lifecycle.bootstrap import Runtime
from lifecycle.db.migrate import upgrade
from lifecycle.services import access
from lifecycle.services.audit_log import list_audit, verify_audit_log
from tests.support import builders
from tests.support.http import call, serve

CYPP = str(Path(sys.executable).parent / "cypp")


@pytest.fixture
def committed(engine, clock, committing_uow):
    """A runtime whose units of work commit (tables emptied after the test)."""
    return Runtime(engine, clock)


@pytest.fixture
def base_url(committed):
    url, stop = serve(create_app({"RUNTIME": committed}))
    yield url
    stop()


def test_a_token_issued_by_the_cli_opens_the_api(base_url, committed, database_url_for_tests,
                                                 tmp_path):
    board = builders.board(committed.uow)
    env = os.environ | {"CYPP_DATABASE_URL": database_url_for_tests, "CYPP_CLOCK": "2026-11-25"}

    def cypp(*args):
        return subprocess.run([CYPP, *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=120, check=True).stdout
    cypp("users", "create", "cora", "--role", "coordinator", "--board", str(board["id"]))
    token = cypp("tokens", "issue", "cora")

    assert len(token.splitlines()) == 1 and token.startswith("cypp_")
    assert "cora\tcoordinator\tboards: " + str(board["id"]) in cypp("users", "list")
    status, boards = call(f"{base_url}/boards", token=token.strip())
    assert status == 200 and [b["id"] for b in boards] == [board["id"]]
    assert call(f"{base_url}/boards")[0] == 401


def _racing_withdrawals(base_url, committed, clients: int) -> tuple[dict, list]:
    """``clients`` copies of one keyed withdraw at once; the plan and every answer."""
    board = builders.board(committed.uow)
    plan = builders.plan(committed.uow, board["id"])
    access.create_user(committed.uow(), "tester", name="cora", role="coordinator",
                       board_ids=[board["id"]])
    token = access.issue_token(committed.uow(), "tester", "cora")["token"]
    body = {"event": "withdraw", "version": plan["version"], "reason": "merged"}

    def attempt(_):
        return call(f"{base_url}/plans/{plan['id']}/events", "POST", token, body,
                    {"Idempotency-Key": f"race-{clients}"})
    with ThreadPoolExecutor(clients) as pool:
        return plan, list(pool.map(attempt, range(clients)))


def test_racing_retries_with_one_idempotency_key_fire_the_event_once(base_url, committed):
    plan, answers = _racing_withdrawals(base_url, committed, 6)

    assert all(status in (200, 409) for status, _ in answers), answers
    assert [a for a in answers if a[0] == 200][0][1]["state"] == "withdrawn"
    records = list_audit(committed.uow(), {"plan_id": plan["id"]}, None, 500)["records"]
    assert [r["event"] for r in records] == ["plan.created", "withdraw"]
    assert verify_audit_log(committed.uow())["intact"]


@pytest.mark.postgres_only
@pytest.mark.skipif(not os.environ.get("CYPP_TEST_DATABASE_URL", "").strip(),
                    reason="needs PostgreSQL (concurrent writers)")
def test_twenty_racing_copies_of_one_keyed_event_replay_or_wait_and_never_conflict(
        base_url, committed):
    plan, answers = _racing_withdrawals(base_url, committed, 20)

    codes = [(status, (answer.get("error") or {}).get("code")) for status, answer in answers]
    assert all(code in ((200, None), (409, "idempotency_key_in_progress"))
               for code in codes), codes
    assert all(a["state"] == "withdrawn" for status, a in answers if status == 200)
    records = list_audit(committed.uow(), {"plan_id": plan["id"]}, None, 500)["records"]
    assert [r["event"] for r in records] == ["plan.created", "withdraw"]


def test_the_service_answers_503_while_its_database_is_missing_and_recovers_by_itself(tmp_path):
    home = tmp_path / "later"
    url = f"sqlite:///{home / 'cypp.db'}"
    base, stop = serve(create_app({"DATABASE_URL": url}))
    try:
        status, body = call(f"{base}/boards", token="cypp_anything")
        assert status == 503 and body["error"]["code"] == "store_unavailable"
        home.mkdir()
        upgrade(url)
        assert call(f"{base}/boards", token="cypp_anything")[0] == 401
    finally:
        stop()


def test_cypp_serve_listens_on_the_given_port(database_url_for_tests, tmp_path):
    env = os.environ | {"CYPP_DATABASE_URL": database_url_for_tests}
    process = subprocess.Popen([CYPP, "serve", "--port", "0"], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = _port_from(process)
        status, spec = call(f"http://127.0.0.1:{port}/api/v1/openapi.json")
        assert status == 200 and spec["info"]["title"] == "CYPP lifecycle"
    finally:
        process.terminate()
        process.wait(10)


def _port_from(process) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "Running on http://127.0.0.1:" in line:
            return int(line.rsplit(":", 1)[1].strip().split("/")[0])
        if process.poll() is not None:
            break
    raise AssertionError("cypp serve did not start")
