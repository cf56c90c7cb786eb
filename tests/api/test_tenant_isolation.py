"""A user sees only their boards: every route, found in the URL map, answers 404 for another
board's resources and leaks nothing of them in listings. A new route cannot skip this test."""
from __future__ import annotations

import re
from datetime import date

import pytest

from api.auth import PUBLIC_ENDPOINTS
from lifecycle import services
from lifecycle.services import calendar_tokens
from tests.support import builders

ACTIONS = ("GET", "POST", "PUT", "PATCH", "DELETE")
OTHER_NAME = "Southshire"


@pytest.fixture
def resources(uow, board_a, board_b):
    """Path arguments naming each board's own plan, member, consultee and checklist item."""
    def of(board: dict) -> dict:
        published = builders.plan(uow, board["id"])["id"]  # a report year for an annual report
        builders.to_state(uow, published, "in_force")
        plan = builders.plan(uow, board["id"], start=date(2014, 4, 1), end=date(2017, 3, 31))
        member = services.add_member(uow(), "tester", board["id"], organisation="Police",
                                     partner_type="police", statutory=True,
                                     joined_on=date(2010, 4, 1))
        consultee = services.add_consultee(uow(), "tester", plan["id"], category="e",
                                           name="LSCB")
        calendar = calendar_tokens.issue_calendar_token(uow(), "tester", board["id"], "Outlook")
        report = services.create_annual_report(uow(), "tester", board["id"],
                                               year_start=date(2011, 4, 1))
        partner = services.add_relevant_partner(uow(), "tester", board["id"], name="Probation",
                                                partner_type="probation")
        return {"board_id": board["id"], "plan_id": plan["id"], "member_id": member["id"],
                "partner_id": partner["id"],
                "consultee_id": consultee["id"], "key": "needs_assessment",
                "event": "open_consultation", "token_id": calendar["id"],
                "report_id": report["id"]}
    return {"own": of(board_a), "other": of(board_b)}


def routes(app) -> list[tuple[str, str, str]]:
    """(rule, method, endpoint) for every API route, public ones included."""
    return sorted((rule.rule, method, rule.endpoint) for rule in app.url_map.iter_rules()
                  for method in rule.methods & set(ACTIONS)
                  if rule.endpoint not in PUBLIC_ENDPOINTS and rule.rule.startswith("/api/"))


def fill(rule: str, args: dict) -> str:
    def value(match):
        name = match.group(1).split(":")[-1]
        assert name in args, f"{rule}: teach this test what {name!r} of another board is"
        return str(args[name])
    return re.sub(r"<([^>]+)>", value, rule)


def leaks(body, other_board_id: int) -> bool:
    """Whether a JSON body mentions the other board (its id as a board_id, or its name)."""
    if isinstance(body, dict):
        return body.get("board_id") == other_board_id or any(
            leaks(v, other_board_id) for v in body.values())
    if isinstance(body, list):
        return any(leaks(v, other_board_id) for v in body)
    return isinstance(body, str) and OTHER_NAME in body


def is_public(app, endpoint: str) -> bool:
    view = app.view_functions[endpoint]
    return getattr(getattr(view, "view_class", view), "public", False)


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_every_route_hides_another_boards_resources(app, role, request, resources):
    caller = request.getfixturevalue(role)
    checked = []
    for rule, method, endpoint in routes(app):
        scoped = "<" in rule
        response = caller.open(method, fill(rule, resources["other"]), json={})
        body = response.get_json(silent=True)
        if scoped:
            expected = {401, 404} if is_public(app, endpoint) else {404}
            assert response.status_code in expected, (method, rule, response.status_code, body)
            own = caller.open(method, fill(rule, resources["own"]), json={})
            assert own.status_code != 404, (method, rule, "own board's resource is hidden too")
        elif method == "GET":
            assert response.status_code in (200, 403), (method, rule, response.status_code)
        else:
            assert response.status_code == 403, (method, rule, response.status_code)
        assert not leaks(body, resources["other"]["board_id"]), (method, rule, body)
        checked.append((method, rule))
    assert len(checked) >= 20


def test_the_board_list_and_obligations_show_only_the_callers_boards(coordinator, resources,
                                                                      board_a):
    boards = coordinator.get("/api/v1/boards").get_json()
    assert [b["id"] for b in boards] == [board_a["id"]]
    obligations = coordinator.get("/api/v1/obligations").get_json()
    assert obligations and {o["board_id"] for o in obligations} == {board_a["id"]}


def test_admins_and_auditors_see_every_board(admin, auditor, resources):
    for caller in (admin, auditor):
        boards = caller.get("/api/v1/boards").get_json()
        assert len(boards) == 2
        other_plan = resources["other"]["plan_id"]
        assert caller.get(f"/api/v1/plans/{other_plan}").status_code == 200
