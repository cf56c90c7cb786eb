"""The dashboard and the next-action card over HTTP: marks in words, overdue first, paging."""
from __future__ import annotations

from datetime import date

from lifecycle import services
from lifecycle.services.evaluation import evaluate_boards
from tests.api.journey import API, ok
from tests.support import builders


def three_boards(uow, clock) -> dict:
    """On 10 March 2012: one board never planned (first plan missed), one whose first review
    is due within the month, one that has done its review (nothing due for a year)."""
    clock.advance_to(date(2012, 3, 10))
    missed = builders.board(uow, name="Missed CTB")["id"]
    reviewing = builders.board(uow, name="Reviewing CTB")["id"]
    builders.to_state(uow, builders.plan(uow, reviewing)["id"], "in_force")
    reviewed = builders.board(uow, name="Reviewed CTB")["id"]
    plan_id = builders.plan(uow, reviewed)["id"]
    builders.to_state(uow, plan_id, "under_review")
    builders.fire(uow, plan_id, "conclude_review", on=date(2012, 2, 1),
                  outcome="no_revision_needed", reason="still fits")
    return {"missed": missed, "reviewing": reviewing, "reviewed": reviewed}


def test_the_dashboard_lists_a_missed_deadline_first_in_red_with_words(admin, uow, clock):
    boards = three_boards(uow, clock)
    found = ok(admin.get(f"{API}/dashboard"))
    assert [b["board_id"] for b in found["boards"]] == [
        boards["missed"], boards["reviewing"], boards["reviewed"]]
    missed, reviewing, reviewed = found["boards"]
    assert missed["plans"] == []
    assert {"kind": "first_plan_publication", "status": "overdue", "citation": "reg 5(1)",
            "due_on": "2011-04-01", "countdown": "overdue by 344 days"}.items() <= \
        missed["next_obligation"].items()
    assert missed["next_obligation"]["mark"] == {"rag": "red", "words": "overdue"}
    assert reviewing["next_obligation"]["mark"] == {"rag": "amber",
                                                    "words": "due within 30 days"}
    assert reviewing["next_obligation"]["citation"] == "reg 8(1)"
    [plan] = reviewing["plans"]
    assert (plan["state"], plan["period_start"], plan["next_obligation"]["due_on"]) == (
        "in_force", "2011-04-01", "2012-03-31")
    assert reviewed["next_obligation"]["mark"] == {"rag": "green", "words": "fine"}


def test_dashboard_pages_follow_the_stored_order_across_pages(admin, uow, clock):
    boards = three_boards(uow, clock)
    evaluate_boards(uow(), list(boards.values()), email=False)
    pages = [ok(admin.get(f"{API}/dashboard", query_string={"page": n, "per_page": 1}))
             for n in (1, 2, 3)]
    assert [p["boards"][0]["board_id"] for p in pages] == [
        boards["missed"], boards["reviewing"], boards["reviewed"]]
    assert (pages[0]["total"], pages[0]["pages"]) == (3, 3)


def test_a_coordinator_sees_only_their_own_boards_on_the_dashboard(user, uow, clock):
    boards = three_boards(uow, clock)
    cora = user("cora", "coordinator", boards["reviewing"])
    found = ok(cora.get(f"{API}/dashboard"))
    assert (found["total"], [b["board_id"] for b in found["boards"]]) == (
        1, [boards["reviewing"]])


def test_dashboard_paging_out_of_range_is_a_400_naming_the_field(admin):
    response = admin.get(f"{API}/dashboard", query_string={"per_page": 1000})
    assert response.status_code == 400
    assert list(response.get_json()["error"]["fields"]) == ["per_page"]


def test_the_next_action_card_names_the_step_deadline_citation_and_countdown(
        coordinator, board_a, uow, clock):
    clock.advance_to(date(2011, 3, 10))
    plan_id = builders.plan(uow, board_a["id"])["id"]
    card = ok(coordinator.get(f"{API}/plans/{plan_id}/next-action"))
    assert card["action"] == "finish the draft and open consultation under reg 7"
    assert {"title": "Publication of the Board's first plan", "due_on": "2011-04-01",
            "deadline": "on or before 1 April 2011", "citation": "reg 5(1)",
            "countdown": "due in 22 days"}.items() <= card["obligation"].items()
    clock.advance_to(date(2011, 4, 4))
    card = ok(coordinator.get(f"{API}/plans/{plan_id}/next-action"))
    assert (card["obligation"]["countdown"], card["obligation"]["status"]) == (
        "overdue by 3 days", "overdue")


def test_a_missed_review_comes_before_the_later_successor_deadline_on_the_card(
        coordinator, board_a, uow):
    plan_id = builders.plan(uow, board_a["id"])["id"]
    builders.to_state(uow, plan_id, "in_force")
    services.run_automatic_events(uow())
    card = ok(coordinator.get(f"{API}/plans/{plan_id}/next-action"))
    assert card["state"] == "expired"
    assert {"kind": "annual_review", "due_on": "2012-03-31", "status": "overdue",
            "citation": "reg 8(1)"}.items() <= card["obligation"].items()
    assert card["action"].startswith("open and conclude this year's review under reg 8(1)")
    timeline = ok(coordinator.get(f"{API}/plans/{plan_id}/obligations"))
    assert [o["due_on"] for o in timeline] == sorted(o["due_on"] for o in timeline)
    assert (timeline[0]["kind"], timeline[0]["status"], timeline[0]["met_on"],
            timeline[0]["met_by"]) == ("first_plan_publication", "met", "2011-03-15",
                                       f"plan {plan_id} published")
    assert {"kind": "successor_plan_publication", "plan_id": None, "previous_plan_id": plan_id,
            "due_on": "2014-05-12", "status": "overdue"}.items() <= next(
        o for o in timeline if o["kind"] == "successor_plan_publication").items()


def test_another_boards_next_action_card_is_not_found(user, board_a, board_b, uow):
    plan_id = builders.plan(uow, board_b["id"])["id"]
    outsider = user("olly", "coordinator", board_a["id"])
    assert outsider.get(f"{API}/plans/{plan_id}/next-action").status_code == 404
