"""Each error class answers the one JSON shape, names what was wrong, and changes nothing."""
from __future__ import annotations

import pytest

from cli.app import create_app
from lifecycle.services import access
from tests.api.journey import API, ok
from tests.support import builders


def error_of(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(True))
    body = response.get_json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"])
    return body["error"]


def audit_count(caller) -> int:
    return len(ok(caller.get(f"{API}/audit", query_string={"limit": 500}))["records"])


def test_an_unknown_field_is_a_400_naming_it(coordinator, board_a):
    error = error_of(coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "2011-04-01", "colour": "blue"}), 400)
    assert error["fields"] == {"colour": ["Unknown field."]}


def test_a_date_that_is_not_iso_is_a_400_naming_the_field(coordinator, board_a):
    error = error_of(coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "01/04/2011"}), 400)
    assert list(error["fields"]) == ["period_start"]


def test_a_body_that_is_not_json_is_a_400(coordinator, board_a):
    error = error_of(coordinator.post(f"{API}/boards/{board_a['id']}/plans", data="{title",
                                      headers={"Content-Type": "application/json"}), 400)
    assert error["code"] == "invalid"


def test_a_rule_over_several_fields_broken_is_a_422_with_the_field(coordinator, board_a):
    error = error_of(coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "2014-04-01", "period_end": "2011-03-31"}), 422)
    assert error["fields"] == {"period_end": ["Must be after period_start."]}


def test_an_unknown_query_parameter_is_a_400(auditor):
    error = error_of(auditor.get(f"{API}/audit", query_string={"colour": "blue"}), 400)
    assert error["fields"] == {"colour": ["Unknown field."]}


def test_no_token_is_a_401_asking_for_a_bearer_token(anonymous, board_a):
    response = anonymous.get(f"{API}/boards/{board_a['id']}")
    assert error_of(response, 401)["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_an_unknown_token_is_a_401(client):
    response = client.get(f"{API}/boards", headers={"Authorization": "Bearer cypp_nonsense"})
    error_of(response, 401)


def test_a_revoked_token_is_a_401(uow, coordinator):
    assert ok(coordinator.get(f"{API}/boards"))
    access.revoke(uow(), "tester", "cora")
    error_of(coordinator.get(f"{API}/boards"), 401)


def test_a_member_firing_an_event_is_a_403(member, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    error = error_of(member.post(f"{API}/plans/{plan['id']}/events",
                                 json={"event": "withdraw", "version": 1, "reason": "x"}), 403)
    assert error["code"] == "forbidden"


def test_an_unknown_plan_is_a_404(admin):
    assert error_of(admin.get(f"{API}/plans/999999"), 404)["code"] == "not_found"


def test_an_unknown_route_is_a_404_in_the_same_shape(admin):
    error_of(admin.get(f"{API}/nowhere"), 404)


def test_a_method_a_route_does_not_have_is_a_405_in_the_same_shape(admin, board_a):
    error_of(admin.open("DELETE", f"{API}/boards/{board_a['id']}"), 405)


def test_a_stale_version_is_a_409_with_the_current_state_and_version(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    builders.fire(uow, plan["id"], "withdraw", reason="duplicate")
    error = error_of(coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "withdraw", "version": plan["version"], "reason": "again"}), 409)
    assert error["code"] == "conflict"
    assert error["current"] == {"state": "withdrawn", "version": plan["version"] + 1}


def test_an_event_not_allowed_from_the_state_is_a_409(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    error = error_of(coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "publish", "version": plan["version"]}), 409)
    assert error["code"] == "event_not_allowed"


def test_a_guard_refusal_is_a_422_listing_every_unmet_requirement_with_its_citation(
        coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    error = error_of(coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "open_consultation", "version": plan["version"], "on": "2010-09-01"}), 422)
    assert error["code"] == "requirements_unmet"
    citations = {u["citation"] for u in error["unmet"]}
    assert {"product rule (guidance 8.15)", "reg 7(1)(e)", "reg 7(1)(k)",
            "reg 7(1)(l)"} <= citations
    assert all(u["requirement"] for u in error["unmet"])
    assert isinstance(error["warnings"], list)


def test_a_refused_request_writes_nothing(coordinator, admin, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    before = audit_count(admin)
    coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "open_consultation", "version": plan["version"], "on": "2010-09-01"})
    coordinator.post(f"{API}/plans/{plan['id']}/consultees", json={"category": "e"})
    assert audit_count(admin) == before
    assert ok(admin.get(f"{API}/plans/{plan['id']}"))["version"] == plan["version"]


@pytest.mark.parametrize("url", ["postgresql+psycopg://postgres@127.0.0.1:1/cypp",
                                 "sqlite:////nonexistent-directory/cypp.db"])
def test_a_database_that_is_down_is_a_503_saying_so(url):
    client = create_app({"TESTING": True, "DATABASE_URL": url}).test_client()
    response = client.get(f"{API}/boards", headers={"Authorization": "Bearer cypp_x"})
    error = error_of(response, 503)
    assert error["code"] == "store_unavailable" and "database" in error["message"]
    assert response.headers["Retry-After"]
