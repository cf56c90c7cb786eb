"""The records pages through Flask's test client: what the services refuse reaches the page,
whatever the form offered (a member's consultee form, a chase of someone who answered, the
plan's contents once it is in force)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from cli.app import create_app
from lifecycle import services
from lifecycle.services import access
from tests.support import builders

PASSWORD = "records-test-password"


@pytest.fixture
def app(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock,
                       "RATELIMIT_ENABLED": False})


@pytest.fixture
def plan(uow):
    board = builders.board(uow)
    plan = builders.plan(uow, board["id"])
    consultee = services.add_consultee(uow(), "tester", plan["id"], category="k",
                                       name="Schools Forum", invited_on=date(2010, 9, 1),
                                       response_due=date(2010, 10, 29))
    for name, role in (("cath", "coordinator"), ("mo", "member")):
        access.create_user(uow(), "tester", name=name, role=role, board_ids=[board["id"]],
                           password=PASSWORD)
    return {"id": plan["id"], "consultee_id": consultee["id"]}


class Client:
    """A signed-in test client that sends the page's CSRF token with every form."""

    def __init__(self, app, name: str):
        self.client = app.test_client()
        page = self.client.get("/sign-in")
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.post("/sign-in", data={"name": name, "password": PASSWORD})
        assert answer.status_code == 302, answer.text

    def get(self, path: str):
        return self.client.get(path)

    def post(self, path: str, data: dict | None = None, **kwargs):
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kwargs)


def signed_in(app, name: str) -> Client:
    return Client(app, name)


def test_a_member_who_posts_a_consultees_name_is_refused_by_the_service(app, uow, plan):
    client = signed_in(app, "mo")
    page = client.get(f"/plans/{plan['id']}/consultees/{plan['consultee_id']}")
    assert 'name="responded_on-day"' in page.text and 'name="name"' not in page.text
    answer = client.post(f"/plans/{plan['id']}/consultees/{plan['consultee_id']}",
                         data={"name": "Renamed Forum", "summary": "Agrees"})
    assert answer.status_code == 400
    assert "you may record responses only" in answer.text
    consultee = services.get_plan(uow(), plan["id"])["consultees"][0]
    assert consultee["name"] == "Schools Forum" and consultee["summary"] is None


def test_chasing_a_consultee_who_has_responded_shows_the_services_refusal(app, uow, plan):
    services.update_consultee(uow(), "tester", plan["id"], plan["consultee_id"],
                              responded_on=date(2010, 10, 1))
    client = signed_in(app, "cath")
    answer = client.post(f"/plans/{plan['id']}/consultees/{plan['consultee_id']}/chase",
                         follow_redirects=True)
    assert "Cannot chase: Schools Forum has already responded" in answer.text


def test_a_member_may_not_chase_or_change_the_contents(app, plan):
    client = signed_in(app, "mo")
    assert client.post(f"/plans/{plan['id']}/consultees/{plan['consultee_id']}/chase"
                       ).status_code == 403
    assert client.get(f"/plans/{plan['id']}/contents/workforce").status_code == 403


def test_the_contents_of_a_plan_in_force_cannot_change_and_the_page_says_why(app, uow, plan):
    builders.to_state(uow, plan["id"], "in_force")
    client = signed_in(app, "cath")
    answer = client.post(f"/plans/{plan['id']}/contents/workforce",
                         data={"status": "drafted", "text": "New training offer"})
    assert answer.status_code == 400
    assert "cannot change the plan&#39;s contents while the plan is in_force" in answer.text
    assert "New training offer" in answer.text
