"""Every obligation the service lists as pending or overdue can be met by an event that is
available (docs/rules.md "Time"): each kind and status, fired through the services."""
from datetime import date

import pytest

from lifecycle import services
from tests.support import builders


def _status(uow, board_id: int, kind: str, as_of: date) -> dict:
    return next(o for o in services.board_obligations(uow(), board_id, as_of)
                if o["kind"] == kind and o["status"] != "not_required"
                and (o["year_start"] is None or o["year_start"] <= as_of <= o["year_end"]
                     or o["status"] == "overdue"))


def _publish(uow, plan_id: int, on: date) -> list[str]:
    builders.publication(uow, plan_id, on)
    builders.fire(uow, plan_id, "publish", on=on)
    return ["publish"]


def _review(uow, plan_id: int, on: date, revise: bool = False) -> list[str]:
    builders.fire(uow, plan_id, "start_review", on=on)
    if revise:
        builders.fire(uow, plan_id, "begin_revision", on=on, reason="new duties")
        return ["start_review", "begin_revision"]
    builders.fire(uow, plan_id, "conclude_review", on=on, outcome="no_revision_needed",
                  reason="on track")
    return ["start_review", "conclude_review"]


def first_plan(uow, on: date):
    plan_id = builders.plan_in_state(uow, "approved")
    return services.get_plan(uow(), plan_id)["board_id"], plan_id, lambda: _publish(uow, plan_id, on)


def successor_plan(uow, on: date):
    plan_id = builders.plan_in_state(uow, "in_force")
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    successor = builders.plan(uow, board_id, start=date(2014, 4, 1), end=date(2017, 3, 31),
                              predecessor_id=plan_id)["id"]
    builders.to_state(uow, successor, "approved")
    return board_id, successor, lambda: _publish(uow, successor, on)


def review_in_force(uow, on: date):
    plan_id = builders.plan_in_state(uow, "in_force")
    return services.get_plan(uow(), plan_id)["board_id"], plan_id, lambda: _review(uow, plan_id, on)


def review_expired(uow, on: date, revise: bool = False):
    """A period ending 28 February 2014: the financial year's review is due 31 March."""
    board_id = builders.board(uow)["id"]
    plan_id = builders.plan(uow, board_id, start=date(2011, 3, 1), end=date(2014, 2, 28))["id"]
    builders.to_state(uow, plan_id, "in_force")
    for year_start in (date(2011, 6, 1), date(2012, 6, 1)):
        _review(uow, plan_id, year_start)
    services.run_automatic_events(uow())
    assert services.get_plan(uow(), plan_id)["state"] == "expired"
    return board_id, plan_id, lambda: _review(uow, plan_id, on, revise)


CASES = [
    ("first_plan_publication", "pending", first_plan, date(2011, 3, 1)),
    ("first_plan_publication", "overdue", first_plan, date(2011, 6, 1)),
    ("successor_plan_publication", "pending", successor_plan, date(2014, 5, 1)),
    ("successor_plan_publication", "overdue", successor_plan, date(2014, 6, 1)),
    ("annual_review", "pending", review_in_force, date(2011, 6, 1)),
    ("annual_review", "overdue", review_in_force, date(2012, 4, 2)),
    ("annual_review", "pending", review_expired, date(2014, 3, 10)),
    ("annual_review", "overdue", review_expired, date(2014, 4, 5)),
    ("annual_review", "pending",
     lambda uow, on: review_expired(uow, on, revise=True), date(2014, 3, 10)),
]


@pytest.mark.parametrize("kind, status, scenario, on", CASES,
                         ids=[f"{k}-{s}-{f.__name__}" for k, s, f, _ in CASES])
def test_every_pending_or_overdue_obligation_is_met_by_an_available_event(
        uow, kind, status, scenario, on):
    board_id, plan_id, act = scenario(uow, on)
    before = _status(uow, board_id, kind, on)
    assert before["status"] == status
    available = services.get_plan(uow(), plan_id)["available_events"]
    fired = act()
    assert fired[0] in available
    after = next(o for o in services.board_obligations(uow(), board_id, on)
                 if o["key"] == before["key"])
    assert (after["status"], after["met_on"], after["late"]) == ("met", on, status == "overdue")


def test_a_review_of_an_expired_plan_returns_it_to_expired(uow):
    board_id, plan_id, act = review_expired(uow, date(2014, 3, 10))
    act()
    assert services.get_plan(uow(), plan_id)["state"] == "expired"
