"""Over HTTP: refusals for facts dated after the event, events out of order, publication before
approval and a closed consultation record; members record responses only; the dry-run check."""
from __future__ import annotations

from tests.api.journey import API, consult, fire, ok
from tests.api.test_errors import audit_count, error_of
from tests.support import builders


def consulting(coordinator, board_id: int) -> dict:
    plan = ok(coordinator.post(f"{API}/boards/{board_id}/plans", json={
        "title": "CYPP", "period_start": "2011-04-01", "period_end": "2014-03-31"}), 201)
    ok(coordinator.put(f"{API}/plans/{plan['id']}/checklist/needs_assessment",
                       json={"status": "drafted", "text": "JSNA"}))
    consult(coordinator, plan["id"], "2010-09-01", "2010-10-29", "2010-10-20")
    return fire(coordinator, plan, "open_consultation", "2010-09-01")


def test_close_consultation_names_the_response_dated_after_the_event(coordinator, board_a):
    plan = consulting(coordinator, board_a["id"])
    error = error_of(coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "close_consultation", "version": plan["version"], "on": "2010-10-01"}), 422)
    assert error["unmet"][0] == {
        "requirement": "Northshire LSCB's response is dated 2010-10-20, after this event "
                       "(2010-10-01)", "citation": "reg 7(1)(e)"}


def test_an_event_dated_before_the_previous_one_is_a_422_citing_the_product_rule(
        coordinator, board_a):
    plan = consulting(coordinator, board_a["id"])
    error = error_of(coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "close_consultation", "version": plan["version"], "on": "2010-08-31"}), 422)
    assert {"requirement": "close_consultation (2010-08-31) cannot be dated before the plan's "
                           "previous event, open_consultation on 2010-09-01",
            "citation": "product rule"} in error["unmet"]


def test_a_channel_dated_before_approval_is_a_422_naming_done_on(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    builders.to_state(uow, plan_id, "approved")
    error = error_of(coordinator.post(f"{API}/plans/{plan_id}/publication-channels", json={
        "channel": "pct_website", "url": "https://pct.example/cypp", "done_on": "2010-12-01"}),
        422)
    assert list(error["fields"]) == ["done_on"]
    assert "publication cannot precede approval" in error["fields"]["done_on"][0]


def test_the_guidance_8_45_items_are_recorded_like_the_other_channels(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    builders.to_state(uow, plan_id, "approved")
    recorded = ok(coordinator.post(f"{API}/plans/{plan_id}/publication-channels", json={
        "channel": "child_friendly_version", "url": "https://council.example/cypp-young",
        "done_on": "2011-03-15"}), 201)
    assert recorded["citation"] == "guidance 8.45"


def test_a_consultee_cannot_be_re_dated_after_consultation_closes(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    plan = builders.to_state(uow, plan_id, "finalising")
    lscb = plan["consultees"][0]["id"]
    error = error_of(coordinator.patch(f"{API}/plans/{plan_id}/consultees/{lscb}",
                                       json={"invited_on": "2010-08-01"}), 422)
    assert "fixed when consultation closes" in error["message"]
    assert "state" in error["fields"]


def test_a_member_records_a_response_but_cannot_move_the_invitation(member, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    lscb = builders.services.add_consultee(uow(), "tester", plan_id, category="e", name="LSCB",
                                           invited_on=builders.date(2010, 9, 1))["id"]
    path = f"{API}/plans/{plan_id}/consultees/{lscb}"
    error = error_of(member.patch(path, json={"invited_on": "2010-08-01", "name": "X"}), 403)
    assert set(error["fields"]) == {"invited_on", "name"}
    ok(member.patch(path, json={"declined": True, "summary": "No comment"}))


def test_the_check_route_reports_what_is_unmet_and_changes_nothing(coordinator, auditor,
                                                                   board_a):
    plan = consulting(coordinator, board_a["id"])
    audited = audit_count(auditor)
    check = ok(coordinator.get(f"{API}/plans/{plan['id']}/events/close_consultation/check",
                               query_string={"on": "2010-10-01"}))
    assert (check["event"], check["on"], check["allowed"]) == (
        "close_consultation", "2010-10-01", False)
    assert check["unmet"][0]["citation"] == "reg 7(1)(e)"
    allowed = ok(coordinator.get(f"{API}/plans/{plan['id']}/events/close_consultation/check",
                                 query_string={"on": "2010-11-05"}))
    assert allowed["allowed"] is True and allowed["unmet"] == []
    assert ok(coordinator.get(f"{API}/plans/{plan['id']}"))["version"] == plan["version"]
    assert audit_count(auditor) == audited


def test_the_check_route_for_an_event_not_available_now(member, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    check = ok(member.get(f"{API}/plans/{plan_id}/events/publish/check"))
    assert check["allowed"] is False
    assert check["unmet"][0]["requirement"].startswith("publish is not available while the "
                                                       "plan is drafting")


def test_the_check_route_answers_404_for_an_unknown_event(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    assert coordinator.get(f"{API}/plans/{plan_id}/events/launch/check").status_code == 404


def test_the_checks_route_lists_each_available_event(coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    checks = ok(coordinator.get(f"{API}/plans/{plan_id}/events/checks",
                                query_string={"on": "2010-09-01"}))
    assert [(c["event"], c["allowed"]) for c in checks] == [
        ("open_consultation", False), ("withdraw", False)]
    assert checks[0]["unmet"][0]["citation"] == "product rule (guidance 8.15)"
