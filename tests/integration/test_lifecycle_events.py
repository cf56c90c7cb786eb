"""Every event from every state: allowed events move the plan, all others are refused."""
from datetime import date

import pytest

from lifecycle import services
from lifecycle.errors import EventNotAllowed
from lifecycle.machine import EVENTS, STEPS, PlanState
from tests.support import builders

ALLOWED = {(source.value, step.event) for step in STEPS for source in step.sources}
REFUSED = [(state.value, event) for state in PlanState for event in EVENTS
           if (state.value, event) not in ALLOWED]
AUTOMATIC = {step.event for step in STEPS if step.automatic}


@pytest.mark.parametrize("state,event", REFUSED)
def test_an_event_not_leaving_the_current_state_is_refused(uow, state, event):
    plan_id = builders.plan_in_state(uow, state)
    before = services.get_plan(uow(), plan_id)
    with pytest.raises(EventNotAllowed) as refused:
        builders.fire(uow, plan_id, event, reason="because", outcome="no_revision_needed")
    assert event in refused.value.message
    after = services.get_plan(uow(), plan_id)
    assert (after["state"], after["version"]) == (before["state"], before["version"])


@pytest.mark.parametrize("state,event", sorted(p for p in ALLOWED if p[1] in AUTOMATIC))
def test_automatic_events_cannot_be_fired_by_a_user(uow, state, event):
    plan_id = builders.plan_in_state(uow, state)
    with pytest.raises(EventNotAllowed, match="automatic"):
        builders.fire(uow, plan_id, event)


def _prepare_and_fire(uow, plan_id: int, event: str, on: date = date(2012, 3, 2)) -> dict:
    """Meet the event's requirements the way a coordinator would, then fire it."""
    if event == "open_consultation":
        return builders.fire(uow, plan_id, event, on=date(2010, 9, 1))
    if event == "approve":
        builders.complete_checklist(uow, plan_id)
        services.record_approval(uow(), "tester", plan_id, approved_on=date(2011, 1, 27),
                                 minute_ref="CTB/1")
    if event == "publish":
        builders.publication(uow, plan_id, date(2011, 3, 15))
    if event == "publish_revision":
        builders.publication(uow, plan_id, date(2012, 3, 1))
    return builders.fire(uow, plan_id, event, on=on, reason="a reason",
                         outcome="no_revision_needed")


USER_MOVES = sorted((s, step.event, step.dest.value) for step in STEPS if not step.automatic
                    for s in (src.value for src in step.sources))


@pytest.mark.parametrize("state,event,dest", USER_MOVES)
def test_an_allowed_event_with_its_requirements_met_moves_the_plan(uow, state, event, dest):
    plan_id = builders.plan_in_state(uow, state)
    if state == "drafting":
        services.update_checklist_item(uow(), "tester", plan_id, "needs_assessment",
                                       status="drafted", text="JSNA")
        builders.consultees(uow, plan_id)
    # An expired plan is reviewed after its expiry (events in date order), while a year is owed.
    on = date(2014, 5, 1) if state == "expired" else date(2012, 3, 2)
    view = _prepare_and_fire(uow, plan_id, event, on)
    assert view["state"] == dest


def test_a_plan_expires_by_itself_once_its_period_has_ended(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    fired = services.run_automatic_events(uow())
    assert [(f["plan_id"], f["event"], f["on"]) for f in fired] == [
        (plan_id, "expire", date(2014, 4, 1))]
    assert services.get_plan(uow(), plan_id)["state"] == "expired"


@pytest.mark.parametrize("state", ["under_review", "revising"])
def test_a_plan_under_review_or_revision_at_the_end_of_its_period_waits_to_expire(uow, state):
    plan_id = builders.plan_in_state(uow, state)
    assert services.run_automatic_events(uow()) == []
    assert services.get_plan(uow(), plan_id)["state"] == state


def test_a_review_open_at_expiry_can_still_be_concluded_and_the_plan_then_expires(uow):
    plan_id = builders.plan_in_state(uow, "under_review")
    view = builders.fire(uow, plan_id, "conclude_review", on=date(2014, 4, 10),
                         outcome="no_revision_needed", reason="on track")
    assert view["state"] == "expired"
    [review] = view["reviews"]
    assert review["concluded_on"] == date(2014, 4, 10)


@pytest.mark.parametrize("state", ["in_force", "under_review", "revising", "expired"])
def test_publishing_a_successor_supersedes_its_predecessor(uow, state):
    plan_id = builders.plan_in_state(uow, state)
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    builders.publish_successor(uow, board_id, plan_id)
    view = services.get_plan(uow(), plan_id)
    assert (view["state"], view["superseded_on"]) == ("superseded", date(2014, 4, 20))
