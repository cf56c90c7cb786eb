"""What a client generator relies on: 415 for a body that is not JSON, 413 for one too large,
every write that moves a plan's version answers with it, the plan's ETag and If-Match (412),
and Location on what a POST creates."""
from __future__ import annotations

from tests.api.journey import API, complete_checklist, consult, fire, new_plan, ok
from tests.support import builders


def test_a_body_that_is_not_json_is_a_415_saying_so(coordinator, board_a):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans",
                                data="title=CYPP&period_start=2011-04-01",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    error = response.get_json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "application/json" in error["message"] and "x-www-form-urlencoded" in error["message"]
    assert "Missing data" not in str(error)


def test_a_json_body_without_a_content_type_is_a_415_too(coordinator, board_a):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans",
                                data='{"title": "CYPP", "period_start": "2011-04-01"}')
    assert response.status_code == 415


def test_a_body_over_a_megabyte_is_a_413(coordinator, board_a):
    response = coordinator.post(f"{API}/boards/{board_a['id']}/plans",
                                json={"title": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


def test_recording_the_approval_answers_the_new_version_so_the_next_event_is_accepted(
        coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    ok(coordinator.put(f"{API}/plans/{plan['id']}/checklist/needs_assessment",
                       json={"status": "drafted", "text": "JSNA"}))
    consult(coordinator, plan["id"], "2010-09-01", "2010-10-29", "2010-10-20")
    plan = fire(coordinator, plan, "open_consultation", "2010-09-01")
    plan = fire(coordinator, plan, "close_consultation", "2010-11-05")
    complete_checklist(coordinator, plan["id"])
    approval = ok(coordinator.post(f"{API}/plans/{plan['id']}/approval",
                                   json={"approved_on": "2011-01-27", "minute_ref": "CTB/1"}))
    assert approval["version"] == plan["version"] + 1
    approved = fire(coordinator, {"id": plan["id"], "version": approval["version"]}, "approve",
                    "2011-01-27")
    assert approved["state"] == "approved"


def test_a_plan_read_carries_a_strong_etag_and_answers_304_while_it_is_current(
        coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    url = f"{API}/plans/{plan['id']}"
    first = coordinator.get(url)
    etag = first.headers["ETag"]
    assert etag.startswith(f'"{plan["version"]}-') and not etag.startswith("W/")
    assert coordinator.get(url, headers={"If-None-Match": etag}).status_code == 304
    ok(coordinator.post(f"{url}/consultees", json={"category": "e", "name": "LSCB"}), 201)
    changed = coordinator.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_if_match_stands_in_for_version_and_a_stale_one_is_a_412(coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    url = f"{API}/plans/{plan['id']}"
    etag = coordinator.get(url).headers["ETag"]
    ok(coordinator.post(f"{url}/consultees", json={"category": "e", "name": "LSCB"}), 201)
    stale = coordinator.post(f"{url}/events", json={"event": "withdraw", "reason": "merged"},
                             headers={"If-Match": etag})
    assert stale.status_code == 412
    body = stale.get_json()["error"]
    assert body["code"] == "precondition_failed" and body["current"]["state"] == "drafting"
    current = coordinator.get(url).headers["ETag"]
    done = coordinator.post(f"{url}/events", json={"event": "withdraw", "reason": "merged"},
                            headers={"If-Match": current})
    assert done.status_code == 200 and done.get_json()["state"] == "withdrawn"
    assert done.headers["ETag"] == coordinator.get(url).headers["ETag"]


def test_an_event_without_version_or_if_match_is_a_422_naming_version(coordinator, board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    response = coordinator.post(f"{API}/plans/{plan['id']}/events", json={"event": "withdraw"})
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["version"]


def test_a_stale_version_is_still_a_409(coordinator, uow, board_a):
    plan = builders.plan(uow, board_a["id"])
    response = coordinator.post(f"{API}/plans/{plan['id']}/events",
                                json={"event": "withdraw", "version": plan["version"] + 5})
    assert response.status_code == 409


def test_what_a_post_creates_is_named_in_location(admin, coordinator, board_a):
    board = admin.post(f"{API}/boards", json={
        "name": "Eastshire CTB", "authority": "Eastshire County Council", "pct": "NHS East"})
    assert board.headers["Location"].endswith(f"/api/v1/boards/{board.get_json()['id']}")
    plan = coordinator.post(f"{API}/boards/{board_a['id']}/plans", json={
        "title": "CYPP", "period_start": "2011-04-01"})
    location = plan.headers["Location"]
    assert location.endswith(f"/api/v1/plans/{plan.get_json()['id']}")
    assert coordinator.get(location).status_code == 200
    consultee = coordinator.post(f"{location}/consultees", json={"category": "e",
                                                                 "name": "LSCB"})
    assert consultee.headers["Location"].endswith(
        f"/consultees/{consultee.get_json()['id']}")
