"""Obligations computed from stored facts, as they stood on any day."""
from datetime import date

from lifecycle import services
from tests.support import builders


def kinds(rows):
    return [(r["kind"], r["due_on"], r["status"], r["met_on"]) for r in rows]


def test_a_board_without_a_plan_owes_its_first_plan_by_1_april_2011(uow):
    board_id = builders.board(uow)["id"]
    assert kinds(services.board_obligations(uow(), board_id, date(2011, 1, 1))) == [
        ("first_plan_publication", date(2011, 4, 1), "pending", None)]
    rows = services.board_obligations(uow(), board_id, date(2011, 4, 2))
    assert (rows[0]["status"], rows[0]["citation"]) == ("overdue", "reg 5(1)")


def test_a_first_plan_published_late_is_overdue_then_met_late(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    builders.publication(uow, plan_id, date(2011, 5, 3))
    builders.fire(uow, plan_id, "publish")
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    before = services.board_obligations(uow(), board_id, date(2011, 4, 20))[0]
    after = services.board_obligations(uow(), board_id, date(2011, 6, 1))[0]
    assert (before["status"], before["met_on"]) == ("overdue", None)
    assert (after["status"], after["met_on"], after["late"]) == ("met", date(2011, 5, 3), True)


def test_obligations_as_of_a_past_day_ignore_later_reviews(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    builders.fire(uow, plan_id, "start_review", on=date(2012, 1, 10))
    builders.fire(uow, plan_id, "conclude_review", on=date(2012, 2, 20),
                  outcome="no_revision_needed", reason="on track")
    board_id = services.get_plan(uow(), plan_id)["board_id"]

    def review(as_of):
        return next(r for r in services.board_obligations(uow(), board_id, as_of)
                    if r["kind"] == "annual_review")

    assert review(date(2012, 2, 1))["status"] == "pending"
    assert (review(date(2012, 3, 1))["status"], review(date(2012, 3, 1))["met_on"]) == (
        "met", date(2012, 2, 20))


def test_a_local_policy_switch_closes_later_statutory_obligations(uow, clock):
    clock.advance_to(date(2012, 5, 1))
    plan_id = builders.plan_in_state(uow, "in_force")
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    services.switch_rulebook(uow(), "tester", board_id, effective_from=date(2012, 6, 1),
                             successor_grace_days=90)
    rows = services.board_obligations(uow(), board_id, date(2013, 1, 1))
    closed = [r for r in rows if r["status"] == "not_required"]
    assert closed and all(r["rulebook"] == "statutory-2010" and "rulebook changed" in r["reason"]
                          for r in closed)
    successor = [r for r in rows if r["kind"] == "successor_plan_publication"
                 and r["status"] != "not_required"]
    assert [(r["due_on"], r["citation"]) for r in successor] == [
        (date(2014, 6, 29), "local policy")]


def test_overdue_obligations_are_found_across_boards(uow):
    first = builders.board(uow)["id"]
    second = builders.board(uow, name="Westshire Children's Trust Board")["id"]
    builders.plan_in_state(uow, "in_force")
    overdue = services.find_obligations(uow(), status="overdue", as_of=date(2011, 6, 1),
                                        board_ids={first, second})
    assert [(r["board_id"], r["kind"]) for r in overdue] == [
        (first, "first_plan_publication"), (second, "first_plan_publication")]
