"""A worker SIGKILLed between an event's state change and its commit leaves no trace: after
the restart the plan and the audit log agree and the hash chain verifies (issue 11)."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from sqlalchemy import text

from lifecycle import services
from lifecycle.services.audit_log import list_audit
from tests.proofs.conftest import postgres_only
from tests.support import builders
from tests.support.http import call
from tests.support.server import cypp, start_gunicorn, wait_for

pytestmark = [postgres_only, pytest.mark.slow]


def _wait_for_pid(marker, seconds: float = 30) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text())
        time.sleep(0.05)
    raise AssertionError("the worker never reached the pause before commit")


def _plan_records(runtime, plan_id: int) -> list[dict]:
    return list_audit(runtime.uow(), {"plan_id": plan_id}, None, 500)["records"]


def _chain_lock_holders(runtime) -> int:
    with runtime.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                              "AND granted AND database = (SELECT oid FROM pg_database "
                              "WHERE datname = current_database())")).scalar()


def _assert_agree(records: list[dict], plan: dict) -> None:
    """The plan's last state change in the audit log is where the plan stands."""
    last = [r for r in records if r["to_state"]][-1]
    assert (last["to_state"], last["payload"]["version"]) == (plan["state"], plan["version"])


def test_a_worker_killed_before_its_commit_leaves_the_event_wholly_absent(
        runtime, coordinator, served_database, tmp_path):
    board_id, token = coordinator
    plan_id = builders.plan(runtime.uow, board_id)["id"]
    builders.to_state(runtime.uow, plan_id, "in_force")
    before = services.get_plan(runtime.uow(), plan_id)
    records_before = _plan_records(runtime, plan_id)
    marker = tmp_path / "paused-before-commit"
    server = start_gunicorn(served_database, tmp_path, workers=1,
                            CYPP_TEST_PAUSE_BEFORE_COMMIT=str(marker))
    body = {"event": "start_review", "version": before["version"], "on": "2012-01-10"}
    url = f"{server.api}/plans/{plan_id}/events"
    answers = []

    def fire():
        try:
            answers.append(call(url, "POST", token, body))
        except OSError as lost:  # the connection dies with the worker
            answers.append(lost)
    try:
        client = threading.Thread(target=fire)
        client.start()
        worker = _wait_for_pid(marker)
        # Held there: the change is written but not committed, the chain lock is taken.
        assert services.get_plan(runtime.uow(), plan_id)["state"] == "in_force"
        assert _chain_lock_holders(runtime) == 1
        os.kill(worker, signal.SIGKILL)
        client.join(30)
        assert answers and not isinstance(answers[0], tuple), answers  # no answer was given
        wait_for(f"{server.root}/healthz")  # gunicorn's master starts a new worker

        status, after = call(f"{server.api}/plans/{plan_id}", token=token)
        assert status == 200
        assert (after["state"], after["version"], after["reviews"]) == \
            (before["state"], before["version"], [])
        records = _plan_records(runtime, plan_id)
        assert records == records_before
        _assert_agree(records, after)
        assert _chain_lock_holders(runtime) == 0
        verified = cypp(served_database, "audit", "verify", cwd=tmp_path)
        assert verified.returncode == 0, verified.stderr

        status, fired = call(url, "POST", token, body)  # the marker is there: no pause now
        assert status == 200 and fired["state"] == "under_review", fired
        assert fired["version"] == before["version"] + 1
    finally:
        server.stop()
    records = _plan_records(runtime, plan_id)
    assert [r["event"] for r in records].count("start_review") == 1
    _assert_agree(records, services.get_plan(runtime.uow(), plan_id))
    verified = cypp(served_database, "audit", "verify", cwd=tmp_path)
    assert verified.returncode == 0 and "intact" in verified.stdout, verified
