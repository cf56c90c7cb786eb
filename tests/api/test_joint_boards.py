"""Joint Boards through the API (s12A(6); guidance 7.29): several authorities and PCTs, reg
6(a) for each, reg 7(1)(e), (k), (l) for each authority area."""
from __future__ import annotations

import pytest

from lifecycle.rules.checklist import MATTERS
from tests.api.journey import API, fire, new_plan, ok

AUTHORITIES = ["Riverside Borough Council", "Dale County Council"]
PCTS = ["NHS Riverside", "NHS Dale"]
FORUMS = [("e", "LSCB"), ("k", "Schools Forum"), ("l", "Admission Forum")]
OTHERS = [("a", "Connexions"), ("b", "Academy Trust"), ("f", "Children's Centre AB"),
          ("h", "Diocese"), ("j", "Independent Schools Group"), ("c", "Youth Council")]


@pytest.fixture
def joint(admin) -> dict:
    return ok(admin.post(f"{API}/boards", json={
        "name": "Riverside and Dale Children's Trust Board", "authorities": AUTHORITIES,
        "pcts": PCTS}), 201)


@pytest.fixture
def joint_coordinator(user, joint):
    return user("jo", "coordinator", joint["id"])


def consultee(caller, plan_id: int, letter: str, name: str, authority=None, status=201):
    body = {"category": letter, "name": name, "invited_on": "2010-09-01",
            "response_due": "2010-10-29", "responded_on": "2010-10-20"}
    return ok(caller.post(f"{API}/plans/{plan_id}/consultees",
                          json=body | ({"authority": authority} if authority else {})), status)


def drafted(caller, board_id: int) -> dict:
    plan = new_plan(caller, board_id, "2011-04-01", "2014-03-31")
    ok(caller.put(f"{API}/plans/{plan['id']}/checklist/needs_assessment",
                  json={"status": "drafted", "text": "JSNA"}))
    for letter, name in OTHERS:
        consultee(caller, plan["id"], letter, name)
    ok(caller.post(f"{API}/plans/{plan['id']}/consultees", json={
        "category": "m", "none_in_area": True, "note": "None in either area"}), 201)
    return plan


def test_a_board_is_created_with_two_authorities_and_two_pcts(joint):
    assert (joint["authorities"], joint["pcts"]) == (AUTHORITIES, PCTS)
    assert (joint["authority"], joint["pct"]) == (AUTHORITIES[0], PCTS[0])


def test_the_single_name_fields_still_make_a_board_of_one_authority(admin):
    board = ok(admin.post(f"{API}/boards", json={"name": "Westshire CTB",
                                                 "authority": "Westshire Council",
                                                 "pct": "NHS Westshire"}), 201)
    assert (board["authorities"], board["pcts"]) == (["Westshire Council"], ["NHS Westshire"])


def test_a_board_without_an_authority_is_refused_naming_the_field(admin):
    body = ok(admin.post(f"{API}/boards", json={"name": "Nowhere CTB", "pct": "NHS X"}), 400)
    assert "authority" in body["error"]["fields"]


def test_open_consultation_names_each_authority_area_missing_a_forum(joint_coordinator, joint):
    plan = drafted(joint_coordinator, joint["id"])
    for letter, name in FORUMS:
        consultee(joint_coordinator, plan["id"], letter, f"Riverside {name}", AUTHORITIES[0])
    consultee(joint_coordinator, plan["id"], "e", "Dale LSCB", AUTHORITIES[1])
    body = ok(joint_coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "open_consultation", "on": "2010-09-01", "version": plan["version"]}), 422)
    assert body["error"]["unmet"] == [
        {"citation": "reg 7(1)(k)",
         "requirement": "the schools forum for Dale County Council has no consultee record"},
        {"citation": "reg 7(1)(l)",
         "requirement": "the admission forum for Dale County Council has no consultee record"}]


def test_a_joint_boards_forum_must_name_its_authority_area(joint_coordinator, joint):
    plan = new_plan(joint_coordinator, joint["id"], "2011-04-01", "2014-03-31")
    body = consultee(joint_coordinator, plan["id"], "e", "An LSCB", status=422)
    assert "authority" in body["error"]["fields"]
    body = consultee(joint_coordinator, plan["id"], "e", "An LSCB", "Hillshire", status=422)
    assert "authority" in body["error"]["fields"]


def approved(caller, board_id: int) -> dict:
    plan = drafted(caller, board_id)
    for area in AUTHORITIES:
        for letter, name in FORUMS:
            consultee(caller, plan["id"], letter, f"{area} {name}", area)
    plan = fire(caller, plan, "open_consultation", "2010-09-01")
    plan = fire(caller, plan, "close_consultation", "2010-11-05")
    for matter in MATTERS:
        body = {"status": "complete", "text": matter.matter}
        if matter.takes_report:
            body |= {"report_ref": "Report 2010", "report_date": "2010-10-01"}
        ok(caller.put(f"{API}/plans/{plan['id']}/checklist/{matter.key}", json=body))
    ok(caller.post(f"{API}/plans/{plan['id']}/approval",
                   json={"approved_on": "2011-01-27", "minute_ref": "RD/1"}))
    return fire(caller, ok(caller.get(f"{API}/plans/{plan['id']}")), "approve", "2011-01-27")


def channel(caller, plan_id: int, name: str, on: str, organisation=None, status=201):
    where = {"place": "Riverside Library"} if name == "public_place" else {
        "url": f"https://{name}.example/cypp"}
    body = {"channel": name, "done_on": on, **where}
    return ok(caller.post(f"{API}/plans/{plan_id}/publication-channels",
                          json=body | ({"organisation": organisation} if organisation else {})),
              status)


def test_publish_is_refused_naming_each_missing_authority_and_pct_website(joint_coordinator,
                                                                          joint):
    plan = approved(joint_coordinator, joint["id"])
    channel(joint_coordinator, plan["id"], "authority_website", "2011-03-10", AUTHORITIES[0])
    channel(joint_coordinator, plan["id"], "pct_website", "2011-03-10", PCTS[1])
    channel(joint_coordinator, plan["id"], "public_place", "2011-03-10")
    body = ok(joint_coordinator.post(f"{API}/plans/{plan['id']}/events", json={
        "event": "publish", "on": "2011-03-15", "version": plan["version"]}), 422)
    assert body["error"]["unmet"] == [
        {"citation": "reg 6(a)", "requirement": "the plan is not on the website of Dale County "
                                                "Council (an establishing authority)"},
        {"citation": "reg 6(a)", "requirement": "the plan is not on the website of NHS Riverside "
                                                "(a relevant PCT)"}]


def test_a_joint_plan_is_published_on_the_day_of_the_last_of_its_four_websites(
        joint_coordinator, joint):
    plan = approved(joint_coordinator, joint["id"])
    for name, on, organisation in (("authority_website", "2011-03-01", AUTHORITIES[0]),
                                   ("authority_website", "2011-03-09", AUTHORITIES[1]),
                                   ("pct_website", "2011-03-04", PCTS[0]),
                                   ("pct_website", "2011-03-07", PCTS[1]),
                                   ("public_place", "2011-03-02", None)):
        channel(joint_coordinator, plan["id"], name, on, organisation)
    plan = fire(joint_coordinator, plan, "publish", "2011-03-15")
    assert (plan["state"], plan["published_on"]) == ("in_force", "2011-03-09")
    organisations = {(c["channel"], c["organisation"]) for c in plan["publication_channels"]}
    assert ("authority_website", "Dale County Council") in organisations


def test_a_joint_boards_website_record_must_say_whose_it_is(joint_coordinator, joint):
    plan = approved(joint_coordinator, joint["id"])
    body = channel(joint_coordinator, plan["id"], "pct_website", "2011-03-01", status=422)
    assert body["error"]["fields"] == {"organisation": [
        "Required: the board has several (NHS Riverside, NHS Dale)."]}
    body = channel(joint_coordinator, plan["id"], "pct_website", "2011-03-01",
                   "Riverside Borough Council", status=422)
    assert "organisation" in body["error"]["fields"]


def test_a_single_boards_website_record_defaults_to_its_one_organisation(coordinator, board_a):
    from tests.api.journey import to_in_force
    plan = to_in_force(coordinator, new_plan(coordinator, board_a["id"], "2011-04-01",
                                             "2014-03-31"), 2011)
    assert {c["organisation"] for c in plan["publication_channels"]
            if c["channel"] == "authority_website"} == {"Northshire County Council"}


def test_a_joint_boards_lead_cannot_be_changed_to_one_of_its_other_authorities(admin, joint):
    body = ok(admin.patch(f"{API}/boards/{joint['id']}", json={"authority": AUTHORITIES[1]}), 422)
    assert "authority" in body["error"]["fields"]
