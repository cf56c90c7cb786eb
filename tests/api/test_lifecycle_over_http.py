"""A plan's whole life through the API: creation, consultation, publication, review,
revision, and superseded by its successor."""
from __future__ import annotations

from tests.api.journey import API, fire, new_plan, ok, publish_channels, to_in_force


def test_a_plan_goes_from_creation_to_superseded_through_the_api(admin, coordinator, member,
                                                                 board_a):
    board_id = board_a["id"]
    ok(coordinator.post(f"{API}/boards/{board_id}/members", json={
        "organisation": "Northshire County Council", "partner_type": "local_authority",
        "statutory": True, "joined_on": "2010-04-01"}), 201)
    first = new_plan(coordinator, board_id, "2011-04-01", "2014-03-31", "CYPP 2011-2014")
    assert first["state"] == "drafting"
    assert first["available_events"] == ["open_consultation", "withdraw"]

    first = to_in_force(coordinator, first, 2011)
    assert (first["state"], first["published_on"]) == ("in_force", "2011-03-15")

    first = review_and_revise(coordinator, member, board_id, first)
    reviews = ok(coordinator.get(f"{API}/plans/{first['id']}/reviews"))
    assert [(r["opened_on"], r["concluded_on"]) for r in reviews] == [("2012-01-10", "2012-02-01")]
    assert [c["name"] for c in reviews[0]["consultees"]] == ["Youth Council"]

    second = new_plan(coordinator, board_id, "2014-04-01", "2017-03-31", "CYPP 2014-2017")
    assert second["predecessor_id"] == first["id"]
    second = to_in_force(coordinator, second, 2014)
    assert second["state"] == "in_force"

    first = ok(coordinator.get(f"{API}/plans/{first['id']}"))
    assert (first["state"], first["superseded_on"]) == ("superseded", "2014-03-15")
    assert first["available_events"] == []


def test_every_change_made_through_the_api_is_audited_under_the_caller(admin, coordinator,
                                                                       board_a):
    plan = new_plan(coordinator, board_a["id"], "2011-04-01", "2014-03-31")
    fire(coordinator, plan, "withdraw", reason="merged into the county plan")

    page = ok(admin.get(f"{API}/audit", query_string={"plan_id": plan["id"]}))
    assert [(r["actor"], r["event"]) for r in page["records"]] == [
        ("cora", "plan.created"), ("cora", "withdraw")]


def review_and_revise(coordinator, member, board_id: int, plan: dict) -> dict:
    """Review in 2011/12, consult the youth council, revise for a new partner (reg 8(4))."""
    first = fire(coordinator, plan, "start_review", "2012-01-10")
    youth = ok(coordinator.post(f"{API}/plans/{first['id']}/consultees", json={
        "category": "c", "name": "Youth Council", "invited_on": "2012-01-12"}), 201)
    ok(member.patch(f"{API}/plans/{first['id']}/consultees/{youth['id']}",
                    json={"responded_on": "2012-01-25", "summary": "More youth clubs"}))
    ok(coordinator.post(f"{API}/boards/{board_id}/members", json={
        "organisation": "Northshire Police", "partner_type": "police", "statutory": True,
        "joined_on": "2012-01-20"}), 201)
    first = fire(coordinator, ok(coordinator.get(f"{API}/plans/{first['id']}")),
                 "begin_revision", "2012-02-01", reason="new duties")
    assert first["state"] == "revising"

    changes = ok(coordinator.get(f"{API}/plans/{first['id']}/membership-changes"))
    assert [(c["organisation"], c["acknowledged"]) for c in changes] == [
        ("Northshire Police", False)]
    acknowledged = ok(coordinator.post(
        f"{API}/plans/{first['id']}/membership-changes/acknowledge",
        json={"change_ids": [c["id"] for c in changes], "note": "police join the board"}))
    assert all(c["acknowledged"] for c in acknowledged)
    publish_channels(coordinator, first["id"], "2012-03-01", partner=False)
    first = fire(coordinator, ok(coordinator.get(f"{API}/plans/{first['id']}")),
                 "publish_revision", "2012-03-01")
    assert (first["state"], first["revision"]) == ("in_force", 1)
    assert [w["citation"] for w in first["warnings"]] == [
        "reg 6(b)", "guidance 8.45", "guidance 8.45"]
    return first

