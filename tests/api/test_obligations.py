"""Obligations over HTTP: one board's as of a date, and the overdue ones across boards."""
from __future__ import annotations

from datetime import date

import pytest

from lifecycle import services
from tests.api.journey import API, ok
from tests.support import builders

FIELDS = {"kind", "plan_id", "due_on", "status", "met_on", "citation", "reason"}


def test_a_boards_obligations_as_of_a_date_carry_their_citations(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    builders.to_state(uow, plan["id"], "in_force")
    found = ok(coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                               query_string={"as_of": "2011-06-01"}))
    first = found[0]
    assert FIELDS <= set(first)
    assert (first["status"], first["met_on"], first["citation"]) == (
        "met", "2011-03-15", "reg 5(1)")


def test_overdue_obligations_across_boards_filter_by_status_and_due_date(admin, board_a,
                                                                         board_b, uow):
    builders.to_state(uow, builders.plan(uow, board_a["id"])["id"], "in_force")
    overdue = ok(admin.get(f"{API}/obligations", query_string={
        "status": "overdue", "due_before": "2011-05-01", "as_of": "2011-06-01"}))
    assert [(o["board_id"], o["due_on"]) for o in overdue] == [(board_b["id"], "2011-04-01")]


def test_an_obligation_status_outside_the_list_is_a_400(admin):
    response = admin.get(f"{API}/obligations", query_string={"status": "late"})
    assert response.status_code == 400
    assert list(response.get_json()["error"]["fields"]) == ["status"]


def test_start_review_of_an_expired_plan_with_no_review_year_owed_is_refused(uow, admin):
    plan_id = builders.plan_in_state(uow, "in_force")
    for on in (date(2012, 1, 10), date(2012, 6, 1), date(2013, 6, 1)):
        builders.fire(uow, plan_id, "start_review", on=on)
        builders.fire(uow, plan_id, "conclude_review", on=on, outcome="no_revision_needed",
                      reason="on track")
    services.run_automatic_events(uow())
    plan = admin.get(f"{API}/plans/{plan_id}").get_json()
    assert plan["state"] == "expired" and "start_review" in plan["available_events"]
    refused = admin.post(f"{API}/plans/{plan_id}/events", json={
        "event": "start_review", "on": "2014-06-01", "version": plan["version"]})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["unmet"] == [{
        "citation": "reg 8(1)", "requirement": "the plan period ended on 2014-03-31 and none of "
                                               "its review years is owed and unmet on 2014-06-01"}]


def test_obligations_before_commencement_are_empty_and_say_the_regulations_are_not_in_force(
        coordinator, board_a):
    response = coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                               query_string={"as_of": "2010-03-31"})
    assert (response.status_code, response.get_json()) == (200, [])
    assert "not yet in force" in response.headers["Obligations-Notice"]
    on_the_day = coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                                 query_string={"as_of": "2010-04-01"})
    assert "Obligations-Notice" not in on_the_day.headers and len(on_the_day.get_json()) == 1


@pytest.mark.parametrize("as_of", ["1999-12-31", "2101-01-01", "9999-12-31"])
def test_an_as_of_date_outside_the_rulebooks_bounds_is_refused_naming_the_field(
        coordinator, board_a, as_of):
    response = coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                               query_string={"as_of": as_of})
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {
        "as_of": ["Must be between 2000-01-01 and 2100-12-31."]}


def test_a_boards_obligations_list_the_overdue_first_then_by_due_date(coordinator, board_a,
                                                                      uow):
    plan = builders.plan(uow, board_a["id"])
    builders.to_state(uow, plan["id"], "in_force")
    found = ok(coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                               query_string={"as_of": "2013-06-01"}))
    statuses = [o["status"] for o in found]
    overdue = statuses.count("overdue")
    assert overdue and set(statuses[:overdue]) == {"overdue"}
    assert "overdue" not in statuses[overdue:]
    for part in (found[:overdue], found[overdue:]):
        assert [o["due_on"] for o in part] == sorted(o["due_on"] for o in part)
    by_date = ok(coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                                 query_string={"as_of": "2013-06-01", "order": "due_on"}))
    assert [o["due_on"] for o in by_date] == sorted(o["due_on"] for o in found)


def test_a_boards_obligations_take_several_statuses(coordinator, board_a, uow):
    plan = builders.plan(uow, board_a["id"])
    builders.to_state(uow, plan["id"], "in_force")
    url = f"{API}/boards/{board_a['id']}/obligations"
    every = ok(coordinator.get(url, query_string={"as_of": "2013-06-01"}))
    some = ok(coordinator.get(f"{url}?as_of=2013-06-01&status=met&status=pending"))
    assert {o["status"] for o in some} == {"met", "pending"}
    assert len(some) == len([o for o in every if o["status"] in ("met", "pending")])
    assert coordinator.get(f"{url}?status=met&status=late").status_code == 400


def test_each_open_obligation_says_the_next_action_and_the_days_left(coordinator, board_a,
                                                                     uow):
    plan = builders.plan(uow, board_a["id"])
    builders.to_state(uow, plan["id"], "in_force")
    found = ok(coordinator.get(f"{API}/boards/{board_a['id']}/obligations",
                               query_string={"as_of": "2014-05-02"}))
    successor = next(o for o in found if o["kind"] == "successor_plan_publication")
    assert (successor["days_left"], successor["status"]) == (10, "pending")
    assert successor["next_action"] == "create the plan and open its preparation"
    first = next(o for o in found if o["kind"] == "first_plan_publication")
    assert first["next_action"] is None and first["days_left"] < 0
    review = next(o for o in found if o["status"] == "overdue")
    assert review["next_action"].startswith(f"plan {plan['id']}: open and conclude")
