"""Obligations over HTTP: one board's as of a date, and the overdue ones across boards."""
from __future__ import annotations

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
