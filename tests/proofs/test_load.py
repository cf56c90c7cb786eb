"""A bounded load run on the real server (gunicorn, 4 workers, PostgreSQL on loopback):
32 clients for 60 s, mixed reads (plans, obligations, audit, dashboard) and events; no
answer other than 200, 409 or 422, the audit log agrees with the plans afterwards and its
chain verifies; the figures are printed, not asserted (issue 11)."""
from __future__ import annotations

import os
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from lifecycle.model import AuditRecord, Plan
from lifecycle.services import access
from tests.proofs.conftest import postgres_only
from tests.support import builders, load
from tests.support.server import cypp, start_gunicorn

pytestmark = [postgres_only, pytest.mark.slow]
SECONDS = float(os.environ.get("CYPP_LOAD_SECONDS") or 60)  # shorter for a local try
CLIENTS, BOARDS, WORKERS = 32, 4, 4
ON = "2012-01-10"
NEXT = {"in_force": {"event": "start_review", "on": ON},
        "under_review": {"event": "conclude_review", "on": ON, "outcome": "no_revision_needed",
                         "reason": "on track"}}


class Workload:
    """What the clients ask: 40 % events on a plan (each client knows the last version it
    saw), the rest reads of a plan, its board's obligations, the audit log, the dashboard."""

    def __init__(self, plans: dict[int, dict], token: str, auditor: str):
        self.plans, self.token, self.auditor = plans, token, auditor
        self.lock = threading.Lock()
        self.accepted = Counter()

    def __call__(self, client: int, rng) -> load.Request:
        plan_id = rng.choice(list(self.plans))
        pick = rng.random()
        if pick < 0.4:
            return self._event(plan_id)
        if pick < 0.6:
            return load.Request("GET", f"/api/v1/plans/{plan_id}", self.token,
                                then=lambda s, body: self._saw(plan_id, s, body))
        if pick < 0.75:
            board_id = self.plans[plan_id]["board_id"]
            return load.Request("GET", f"/api/v1/boards/{board_id}/obligations", self.token)
        if pick < 0.9:
            return load.Request("GET", f"/api/v1/audit?limit=50&plan_id={plan_id}", self.auditor)
        return load.Request("GET", "/api/v1/dashboard", self.token)

    def _event(self, plan_id: int) -> load.Request:
        with self.lock:
            seen = dict(self.plans[plan_id])
        body = NEXT.get(seen["state"], NEXT["in_force"]) | {"version": seen["version"]}

        def then(status, answer):
            if status == 200:
                with self.lock:
                    self.accepted[body["event"]] += 1
            self._saw(plan_id, status, answer)
        return load.Request("POST", f"/api/v1/plans/{plan_id}/events", self.token, body, then)

    def _saw(self, plan_id: int, status: int, answer) -> None:
        """Remember the newest state and version an answer shows (a 409 carries them)."""
        current = answer if status == 200 else (answer or {}).get("error", {}).get("current") \
            if isinstance(answer, dict) else None
        if not current or "version" not in current:
            return
        with self.lock:
            if current["version"] >= self.plans[plan_id]["version"]:
                self.plans[plan_id] |= {"state": current["state"], "version": current["version"]}


def test_thirty_two_clients_for_a_minute_get_no_errors_but_409_and_422(
        runtime, served_database, tmp_path, capsys):
    boards = [builders.board(runtime.uow, name=f"Board {n}")["id"] for n in range(BOARDS)]
    plans = {}
    for board_id in boards:
        plan_id = builders.plan(runtime.uow, board_id)["id"]
        view = builders.to_state(runtime.uow, plan_id, "in_force")
        plans[plan_id] = {"board_id": board_id, "state": view["state"],
                          "version": view["version"]}
    access.create_user(runtime.uow(), "tester", name="cora", role="coordinator", board_ids=boards)
    access.create_user(runtime.uow(), "tester", name="aude", role="auditor")
    token = access.issue_token(runtime.uow(), "tester", "cora")["token"]
    auditor = access.issue_token(runtime.uow(), "tester", "aude")["token"]
    workload = Workload(plans, token, auditor)
    server = start_gunicorn(served_database, tmp_path, workers=WORKERS)
    try:
        figures = load.run(server.root, workload, clients=CLIENTS, seconds=SECONDS)
    finally:
        server.stop()
    with capsys.disabled():
        print(f"\nload run, {CLIENTS} clients, gunicorn {WORKERS} workers: {figures.report()}")

    assert set(figures.statuses) <= {200, 409, 422}, figures.statuses
    with runtime.uow() as unit:
        audited = Counter(dict(unit.session.execute(
            select(AuditRecord.event, func.count()).where(AuditRecord.actor == "cora")
            .group_by(AuditRecord.event)).all()))
        for plan_id in plans:
            plan = unit.session.get(Plan, plan_id)
            last = unit.session.scalars(select(AuditRecord).where(
                AuditRecord.plan_id == plan_id, AuditRecord.to_state.is_not(None))
                .order_by(AuditRecord.id.desc()).limit(1)).one()
            assert (last.to_state, last.payload["version"]) == (plan.state, plan.version)
    assert audited == workload.accepted  # every event answered 200 is audited, once
    verified = cypp(served_database, "audit", "verify", cwd=tmp_path)
    assert verified.returncode == 0, verified.stderr
