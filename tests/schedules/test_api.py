"""The scheduler over HTTP: a user's notifications feed, incidents for those who may see
them, and the board's calendar feed with its token in the URL."""
from datetime import date

import icalendar
import pytest

from cli.app import create_app
from lifecycle.services import access, calendar_tokens
from lifecycle.services.notification_settings import update_notification_settings
from schedules.jobs import dispatch, evaluate
from tests.schedules.support import day, settings_for
from tests.support import builders


@pytest.fixture
def client(uow, clock):
    return create_app({"TESTING": True, "UOW_FACTORY": uow, "CLOCK": clock}).test_client()


@pytest.fixture
def boards(uow):
    return (builders.board(uow)["id"],
            builders.board(uow, name="Southshire Children's Trust Board")["id"])


def token_for(uow, name: str, role: str, *board_ids: int) -> dict:
    user = access.create_user(uow(), "tester", name=name, role=role, board_ids=list(board_ids))
    return {"id": user["id"], "token": access.issue_token(uow(), "tester", name)["token"]}


def bearer(who: dict) -> dict:
    return {"Authorization": f"Bearer {who['token']}"}


def test_a_coordinator_reads_their_feed_and_marks_it_read(uow, runtime, client, boards):
    cora = token_for(uow, "cora", "coordinator", boards[0])
    token_for(uow, "sam", "coordinator", boards[1])
    day(runtime.clock, date(2011, 1, 1))
    evaluate(runtime, settings_for(None))
    feed = client.get("/api/v1/notifications", headers=bearer(cora)).get_json()
    assert [n["board_id"] for n in feed] == [boards[0]]
    assert "due in 90 days" in feed[0]["subject"]
    marked = client.post(f"/api/v1/boards/{boards[0]}/notifications/read", json={},
                         headers=bearer(cora))
    assert marked.status_code == 200 and [n["id"] for n in marked.get_json()] == [feed[0]["id"]]
    unread = client.get("/api/v1/notifications?unread=true", headers=bearer(cora)).get_json()
    assert unread == []
    other = client.post(f"/api/v1/boards/{boards[1]}/notifications/read", json={},
                        headers=bearer(cora))
    assert other.status_code == 404


def test_incidents_show_to_coordinators_and_auditors_but_not_members(
        uow, runtime, client, boards, webhook_receiver):
    receiver = webhook_receiver(failures=99)
    update_notification_settings(uow(), "tester", boards[0], webhook_url=receiver.url,
                                 webhook_secret="s", max_attempts=1)
    day(runtime.clock, date(2011, 1, 1))
    evaluate(runtime, settings_for(None))
    dispatch(runtime, settings_for(None))
    coordinator = token_for(uow, "cora", "coordinator", boards[0])
    outsider = token_for(uow, "sam", "coordinator", boards[1])
    member = token_for(uow, "mo", "member", boards[0])
    auditor = token_for(uow, "audrey", "auditor")
    for who in (coordinator, auditor):
        [incident] = client.get("/api/v1/incidents", headers=bearer(who)).get_json()
        assert (incident["board_id"], incident["channel"]) == (boards[0], "webhook")
    assert client.get("/api/v1/incidents", headers=bearer(outsider)).get_json() == []
    assert client.get(f"/api/v1/boards/{boards[0]}/incidents",
                      headers=bearer(outsider)).status_code == 404
    assert client.get("/api/v1/incidents", headers=bearer(member)).status_code == 403


def calendar_token(uow, board_id: int) -> str:
    return calendar_tokens.issue_calendar_token(uow(), "tester", board_id, "Outlook")["token"]


def test_the_calendar_feed_lists_every_obligation_with_the_ladders_alarms(
        uow, clock, client, boards):
    plan = builders.plan(uow, boards[0])
    builders.to_state(uow, plan["id"], "in_force")
    clock.advance_to(date(2013, 11, 1))
    token = calendar_token(uow, boards[0])
    response = client.get(f"/api/v1/boards/{boards[0]}/calendar.ics?token={token}")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    events = {str(e["uid"]).split(".board-")[0]: e for e in calendar.walk("VEVENT")
              if ".overdue." not in str(e["uid"])}
    assert set(events) == {"first_plan_publication", f"successor_plan_publication:after:"
                           f"{plan['id']}"} | {f"annual_review:{plan['id']}:{y}-04-01"
                                               for y in (2011, 2012, 2013)} | {
                               f"annual_report:{y}-04-01" for y in (2011, 2012, 2013)}
    successor = events[f"successor_plan_publication:after:{plan['id']}"]
    assert successor.decoded("dtstart") == date(2014, 5, 12)
    assert "reg 5(2)" in str(successor["summary"])
    assert len(successor.walk("VALARM")) == 7  # 90, 30, 14, 7, 1 days, due day, first overdue
    assert events["first_plan_publication"].walk("VALARM") == []
    report = events["annual_report:2011-04-01"]
    assert report.decoded("dtstart") == date(2012, 9, 30)
    assert "s17A(3)(b)" in str(report["summary"])
    assert "due date set by the Board" in " ".join(str(report["summary"]).split())


def test_the_calendar_feed_needs_a_token_and_hides_other_boards(uow, client, boards):
    cora = token_for(uow, "cora", "coordinator", boards[0])
    token = calendar_token(uow, boards[0])
    assert client.get(f"/api/v1/boards/{boards[0]}/calendar.ics").status_code == 401
    assert client.get(f"/api/v1/boards/{boards[0]}/calendar.ics?token=wrong").status_code == 401
    assert client.get(f"/api/v1/boards/{boards[1]}/calendar.ics?token={token}").status_code == 401
    other = client.get(f"/api/v1/boards/{boards[1]}/calendar.ics", headers=bearer(cora))
    assert other.status_code == 404
    assert client.post(f"/api/v1/boards/{boards[0]}/calendar.ics?token={token}"
                       ).status_code == 405


def test_a_users_api_token_in_the_calendar_url_is_refused_but_works_as_a_bearer_header(
        uow, client, boards):
    cora = token_for(uow, "cora", "coordinator", boards[0])
    feed = f"/api/v1/boards/{boards[0]}/calendar.ics"
    assert client.get(f"{feed}?token={cora['token']}").status_code == 401
    assert client.get(feed, headers=bearer(cora)).status_code == 200


def test_a_coordinator_creates_lists_and_revokes_a_calendar_token_over_the_api(
        uow, client, boards):
    cora = token_for(uow, "cora", "coordinator", boards[0])
    mo = token_for(uow, "mo", "member", boards[0])
    tokens = f"/api/v1/boards/{boards[0]}/calendar-tokens"
    created = client.post(tokens, json={"name": "Outlook"}, headers=bearer(cora))
    assert created.status_code == 201, created.get_json()
    issued = created.get_json()
    assert issued["token"].startswith("cal_") and issued["url"].endswith(issued["token"])
    assert client.get(issued["url"]).status_code == 200
    [listed] = client.get(tokens, headers=bearer(cora)).get_json()
    assert listed["name"] == "Outlook" and "token" not in listed and listed["revoked_at"] is None
    assert client.post(tokens, json={"name": "Mine"}, headers=bearer(mo)).status_code == 403
    revoked = client.post(f"{tokens}/{issued['id']}/revoke", headers=bearer(cora))
    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    assert client.get(issued["url"]).status_code == 401


def test_a_calendar_token_needs_a_name(uow, client, boards):
    cora = token_for(uow, "cora", "coordinator", boards[0])
    answer = client.post(f"/api/v1/boards/{boards[0]}/calendar-tokens", json={},
                         headers=bearer(cora))
    assert answer.status_code == 400 and "name" in answer.get_json()["error"]["fields"]
