"""Board composition through the API (s12A(2), (4), (5); guidance 7.3, 7.14): relevant
partners, whom members represent, findings on a date, and the warnings they raise."""
from __future__ import annotations

import pytest

from tests.api.journey import API, consult, fire, new_plan, ok

COUNCIL = "Northshire County Council"


def partner(caller, board_id: int, name: str, kind: str, status=201, **extra):
    return ok(caller.post(f"{API}/boards/{board_id}/relevant-partners",
                          json={"name": name, "partner_type": kind, **extra}), status)


def member(caller, board_id: int, organisation: str, joined="2010-04-01", **extra):
    return ok(caller.post(f"{API}/boards/{board_id}/members", json={
        "organisation": organisation, "partner_type": "other", "statutory": True,
        "joined_on": joined, **extra}), 201)


@pytest.fixture
def partners(coordinator, board_a) -> dict:
    """Police and two district councils from 1 April 2010, and an exempt SHA."""
    board_id = board_a["id"]
    found = {name: partner(coordinator, board_id, name, kind, since="2010-04-01")
             for name, kind in (("Northshire Constabulary", "police"),
                                ("Eastvale DC", "district_council"),
                                ("Westvale DC", "district_council"),
                                ("NHS North East", "strategic_health_authority"))}
    member(coordinator, board_id, COUNCIL)
    return found


def composition(caller, board_id: int, as_of: str) -> list[tuple[str, str, str | None]]:
    board = ok(caller.get(f"{API}/boards/{board_id}", query_string={"as_of": as_of}))
    assert board["composition_on"] == as_of
    return [(c["citation"], c["body"], c["unrepresented_since"]) for c in board["composition"]]


def test_the_board_lists_each_unrepresented_body_on_a_date(coordinator, board_a, partners):
    board_id = board_a["id"]
    districts = member(coordinator, board_id, "Northshire District Councils", joined="2010-06-01",
                       represents_partners=[partners["Eastvale DC"]["id"],
                                            partners["Westvale DC"]["id"]])
    assert districts["represents_partners"] == [partners["Eastvale DC"]["id"],
                                                partners["Westvale DC"]["id"]]
    member(coordinator, board_id, "Northshire Constabulary", joined="2010-04-01",
           left_on="2012-03-31")
    assert composition(coordinator, board_id, "2010-05-01") == [
        ("s12A(2)", "Eastvale DC", "2010-04-01"), ("s12A(2)", "Westvale DC", "2010-04-01")]
    assert composition(coordinator, board_id, "2011-01-01") == []
    assert composition(coordinator, board_id, "2012-03-31") == [
        ("s12A(2)", "Northshire Constabulary", "2012-03-31")]


def test_relevant_partners_are_listed_with_who_represents_them_and_may_end(coordinator, board_a,
                                                                          partners):
    board_id = board_a["id"]
    police = partners["Northshire Constabulary"]
    ended = ok(coordinator.patch(f"{API}/boards/{board_id}/relevant-partners/{police['id']}",
                                 json={"ended_on": "2011-01-01"}))
    assert ended["ended_on"] == "2011-01-01"
    listed = ok(coordinator.get(f"{API}/boards/{board_id}/relevant-partners"))
    assert [(p["name"], p["exempt"]) for p in listed] == [
        ("Northshire Constabulary", False), ("Eastvale DC", False), ("Westvale DC", False),
        ("NHS North East", True)]
    assert [c["body"] for c in ok(coordinator.get(f"{API}/boards/{board_id}"))["composition"]] \
        == ["Eastvale DC", "Westvale DC"]


def test_a_relevant_partner_of_an_unknown_type_is_refused_naming_the_field(coordinator, board_a):
    body = partner(coordinator, board_a["id"], "Fire service", "fire", status=400)
    assert "partner_type" in body["error"]["fields"]


def test_a_member_cannot_represent_another_boards_partner(coordinator, board_a, board_b,
                                                          uow):
    from lifecycle import services
    other = services.add_relevant_partner(uow(), "tester", board_b["id"], name="Probation",
                                          partner_type="probation")
    body = ok(coordinator.post(f"{API}/boards/{board_a['id']}/members", json={
        "organisation": "Probation", "partner_type": "probation", "statutory": True,
        "joined_on": "2010-04-01", "represents_partners": [other["id"]]}), 422)
    assert "represents_partners" in body["error"]["fields"]


def test_the_obligations_show_a_composition_finding_while_a_body_is_unrepresented(
        coordinator, board_a, partners):
    board_id = board_a["id"]
    rows = ok(coordinator.get(f"{API}/boards/{board_id}/obligations",
                              query_string={"as_of": "2010-09-01"}))
    [finding] = [r for r in rows if r["kind"] == "board_composition"]
    assert (finding["status"], finding["citation"], finding["due_on"]) == (
        "overdue", "s12A(2)", "2010-04-01")
    assert "Northshire Constabulary" in finding["reason"]
    member(coordinator, board_id, "Northshire Constabulary",
           represents_partners=[partners["Eastvale DC"]["id"], partners["Westvale DC"]["id"]])
    rows = ok(coordinator.get(f"{API}/boards/{board_id}/obligations",
                              query_string={"as_of": "2010-09-01"}))
    assert "board_composition" not in [r["kind"] for r in rows]


def test_open_consultation_warns_of_unrepresented_bodies_and_partner_consultees(
        coordinator, board_a, partners):
    board_id = board_a["id"]
    member(coordinator, board_id, "Academy Trust", joined="2010-06-01")  # builders' (b) consultee
    plan = new_plan(coordinator, board_id, "2011-04-01", "2014-03-31")
    ok(coordinator.put(f"{API}/plans/{plan['id']}/checklist/needs_assessment",
                       json={"status": "drafted", "text": "JSNA"}))
    consult(coordinator, plan["id"], "2010-09-01", "2010-10-29", "2010-10-20")
    opened = fire(coordinator, plan, "open_consultation", "2010-09-01")
    assert opened["state"] == "consultation"
    warned = [(w["citation"], w["requirement"]) for w in opened["warnings"]]
    assert ("s12A(2)", "no Board member represents Eastvale DC (district_council), a relevant "
                       "partner of the establishing authority") in warned
    assert ("reg 7(1)(b)", "Academy Trust is a Board partner on 2010-09-01, but reg 7(1)(b) is "
                           "for bodies that are not Board partners") in warned
    flagged = [(c["category"], c["name"]) for c in opened["consultees"] if c["board_partner"]]
    assert flagged == [("b", "Academy Trust")]


def test_the_calendar_feed_shows_the_composition_finding(coordinator, board_a, partners):
    feed = coordinator.get(f"{API}/boards/{board_a['id']}/calendar.ics").get_data(as_text=True)
    unfolded = feed.replace("\r\n ", "")
    assert "SUMMARY:Board composition: a representative of each body the Board must include " \
           "(s12A(2)) - overdue" in unfolded
