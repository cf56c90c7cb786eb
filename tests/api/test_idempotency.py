"""``Idempotency-Key``: a retried request returns the first result and applies nothing twice."""
from __future__ import annotations

from tests.api.journey import API, ok
from tests.support import builders


def withdraw(caller, plan: dict, key: str, reason: str = "merged"):
    return caller.post(f"{API}/plans/{plan['id']}/events", headers={"Idempotency-Key": key},
                       json={"event": "withdraw", "version": plan["version"], "reason": reason})


def events_of(caller, plan_id: int) -> list[str]:
    page = ok(caller.get(f"{API}/audit", query_string={"plan_id": plan_id}))
    return [r["event"] for r in page["records"]]


def test_a_retried_event_returns_the_first_result_and_fires_once(coordinator, admin, board_a,
                                                                uow):
    plan = builders.plan(uow, board_a["id"])
    first = withdraw(coordinator, plan, "retry-1")
    again = withdraw(coordinator, plan, "retry-1")

    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert events_of(admin, plan["id"]) == ["plan.created", "withdraw"]


def test_a_retried_creation_creates_one_plan(coordinator, board_a):
    body = {"title": "CYPP", "period_start": "2011-04-01"}
    headers = {"Idempotency-Key": "create-1"}
    first = coordinator.post(f"{API}/boards/{board_a['id']}/plans", json=body, headers=headers)
    again = coordinator.post(f"{API}/boards/{board_a['id']}/plans", json=body, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert len(ok(coordinator.get(f"{API}/boards/{board_a['id']}/plans"))) == 1


def test_the_same_key_with_a_different_request_is_a_422(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    ok(withdraw(coordinator, plan, "key-2"))
    reused = withdraw(coordinator, plan, "key-2", reason="another reason")

    assert reused.status_code == 422
    assert reused.get_json()["error"]["code"] == "idempotency_key_reused"


def test_keys_belong_to_their_user(coordinator, user, board_a, uow):
    other = user("cody", "coordinator", board_a["id"])
    first_plan = builders.plan(uow, board_a["id"])
    ok(withdraw(coordinator, first_plan, "shared-key"))
    second_plan = builders.plan(uow, board_a["id"], start=builders.date(2014, 4, 1),
                                end=builders.date(2017, 3, 31))
    response = withdraw(other, second_plan, "shared-key")

    assert response.status_code == 200 and response.get_json()["id"] == second_plan["id"]


def test_a_refused_request_stores_nothing_so_its_retry_runs_again(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    body = {"event": "open_consultation", "version": plan["version"], "on": "2010-09-01"}
    headers = {"Idempotency-Key": "guarded"}
    refused = coordinator.post(f"{API}/plans/{plan['id']}/events", json=body, headers=headers)
    assert refused.status_code == 422

    builders.services.update_checklist_item(uow(), "tester", plan["id"], "needs_assessment",
                                            status="drafted", text="JSNA")
    builders.consultees(uow, plan["id"])
    retried = coordinator.post(f"{API}/plans/{plan['id']}/events", json=body, headers=headers)

    assert retried.status_code == 200, retried.get_json()
    assert retried.get_json()["state"] == "consultation"
