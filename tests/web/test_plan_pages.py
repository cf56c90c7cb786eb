"""The plan pages through Flask's test client: the overview without Graphviz, bad input on
the event form, and a member who posts an event anyway."""
from __future__ import annotations

import pytest

from cli.app import create_app
from lifecycle import services
from lifecycle.services import access
from tests.support import builders
from tests.web.test_records import PASSWORD, Client


@pytest.fixture
def app(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock,
                       "RATELIMIT_ENABLED": False})


@pytest.fixture
def plan_id(uow):
    board = builders.board(uow)
    plan = builders.plan(uow, board["id"])
    for name, role in (("cath", "coordinator"), ("mo", "member")):
        access.create_user(uow(), "tester", name=name, role=role, board_ids=[board["id"]],
                           password=PASSWORD)
    return plan["id"]


def test_without_graphviz_the_overview_lists_the_path_in_words(app, plan_id, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # Graphviz's dot is outside this service
    page = Client(app, "cath").get(f"/plans/{plan_id}")
    assert page.status_code == 200
    assert 'id="diagram-unavailable"' in page.text and "<svg" not in page.text
    assert "<li>Drafting (from " in page.text


def test_an_impossible_date_on_the_event_form_is_named_and_nothing_changes(app, uow, plan_id):
    client = Client(app, "cath")
    version = services.get_plan(uow(), plan_id)["version"]
    answer = client.post(f"/plans/{plan_id}/events/withdraw", data={
        "on-day": "31", "on-month": "2", "on-year": "2014", "reason": "Duplicate",
        "version": str(version), "step": "continue"})
    assert answer.status_code == 400
    assert "Enter a real date, for example 1 4 2014." in answer.text
    assert "Duplicate" in answer.text
    assert services.get_plan(uow(), plan_id)["state"] == "drafting"


def test_a_date_after_today_is_refused_by_the_service_with_the_field_named(app, uow, plan_id):
    client = Client(app, "cath")
    version = services.get_plan(uow(), plan_id)["version"]
    answer = client.post(f"/plans/{plan_id}/events/withdraw", data={
        "on": "2099-01-01", "reason": "Duplicate", "version": str(version), "step": "confirm"})
    assert answer.status_code == 400
    assert "Must not be later than" in answer.text
    assert services.get_plan(uow(), plan_id)["state"] == "drafting"


def test_a_member_may_not_post_an_event(app, uow, plan_id):
    client = Client(app, "mo")
    assert client.get(f"/plans/{plan_id}").status_code == 200
    answer = client.post(f"/plans/{plan_id}/events/withdraw", data={
        "reason": "Not mine to withdraw", "version": "1", "step": "confirm"})
    assert answer.status_code == 403
    assert services.get_plan(uow(), plan_id)["state"] == "drafting"


def test_an_unknown_event_is_a_missing_page(app, plan_id):
    assert Client(app, "cath").get(f"/plans/{plan_id}/events/launch").status_code == 404
