"""No date can break the service: every date it accepts lies within the rulebook's bounds
(1 January 2000 - 31 December 2100); any other is a 400 naming the field (a 422 when the
date is one the service derived from valid input)."""
import pytest

from tests.api.journey import API, new_plan, ok
from tests.support import builders

BOUNDS = ["Must be between 2000-01-01 and 2100-12-31."]


def refused_field(response, status: int = 400) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()["error"]["fields"]


@pytest.mark.parametrize("field, value", [("period_end", "9999-12-31"),
                                          ("period_start", "1999-12-31")])
def test_a_plan_period_outside_the_bounds_is_refused_naming_the_field(
        coordinator, board_a, field, value):
    body = {"title": "CYPP", "period_start": "2011-04-01", "period_end": "2014-03-31"}
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans", json=body | {field: value})
    assert refused_field(response) == {field: BOUNDS}


def test_a_default_period_end_past_the_bounds_is_a_422(coordinator, board_a):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "2100-06-01"})
    assert refused_field(response, 422) == {"period_end": BOUNDS}


def test_an_event_dated_before_the_bounds_is_refused_naming_on(coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    response = coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "withdraw", "reason": "merged", "on": "1999-01-01", "version": plan["version"]})
    assert refused_field(response) == {"on": BOUNDS}


def test_a_response_due_date_past_the_bounds_is_refused(coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    response = coordinator.post(f"{API}/plans/{plan['id']}/consultees", json={
        "category": "e", "name": "LSCB", "invited_on": "2010-09-01",
        "response_due": "9999-12-31"})
    assert refused_field(response) == {"response_due": BOUNDS}


@pytest.mark.parametrize("name", ["from", "to"])
def test_an_audit_filter_outside_the_bounds_is_refused_naming_it(auditor, name):
    response = auditor.get(f"{API}/audit", query_string={name: "9999-12-31"})
    assert refused_field(response) == {name: BOUNDS}


def test_a_rulebook_switch_outside_the_bounds_is_refused(admin, board_a):
    response = admin.patch(f"{API}/boards/{board_a['id']}", json={
        "rulebook": {"effective_from": "9999-12-31"}})
    assert refused_field(response) == {"rulebook": {"effective_from": BOUNDS}}


def test_obligations_and_calendar_answer_after_a_refused_far_future_plan(
        coordinator, board_a, uow):
    coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "2011-04-01", "period_end": "9999-12-31"})
    builders.to_state(uow, builders.plan(uow, board_a["id"])["id"], "in_force")
    ok(coordinator.get(f"{API}/boards/{board_a['id']}/obligations"))
    assert coordinator.get(f"{API}/boards/{board_a['id']}/calendar.ics").status_code == 200
