"""Facts carry the day they happened: earlier than recorded is fine, later than today never."""
from datetime import date

import pytest

from lifecycle import services
from lifecycle.errors import InvalidInput
from tests.support import builders


def test_a_fact_dated_after_today_is_refused_naming_the_field(uow, clock):
    plan_id = builders.plan_in_state(uow, "drafting")
    with pytest.raises(InvalidInput) as refused:
        services.add_consultee(uow(), "tester", plan_id, category="e", name="LSCB",
                               invited_on=date(2026, 11, 26))
    assert refused.value.fields == {"invited_on": ["Must not be later than 2026-11-25."]}
    assert services.get_plan(uow(), plan_id)["consultees"] == []


def test_an_event_dated_in_the_future_is_refused(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    with pytest.raises(InvalidInput, match="later than today"):
        builders.fire(uow, plan_id, "start_review", on=date(2027, 1, 1))


def test_an_event_defaults_to_today(uow, clock):
    plan_id = builders.plan_in_state(uow, "in_force")
    view = builders.fire(uow, plan_id, "start_review")
    assert view["reviews"][0]["opened_on"] == date(2026, 11, 25)


def test_publication_needs_each_channel_done_by_today(uow, clock):
    plan_id = builders.plan_in_state(uow, "approved")
    with pytest.raises(InvalidInput, match="done_on"):
        builders.publication(uow, plan_id, date(2026, 12, 1), channels=("pct_website",))


def test_a_review_cannot_conclude_before_it_opened(uow):
    plan_id = builders.plan_in_state(uow, "under_review")
    with pytest.raises(Exception, match="previous event, start_review on 2012-01-10"):
        builders.fire(uow, plan_id, "conclude_review", on=date(2012, 1, 1),
                      outcome="no_revision_needed", reason="fine")


def test_a_member_cannot_leave_before_joining(uow):
    board_id = builders.board(uow)["id"]
    member = services.add_member(uow(), "tester", board_id, organisation="Police",
                                 partner_type="police", statutory=True,
                                 joined_on=date(2010, 4, 1))
    with pytest.raises(InvalidInput) as refused:
        services.update_member(uow(), "tester", board_id, member["id"], left_on=date(2009, 1, 1))
    assert "left_on" in refused.value.fields
    assert services.list_members(uow(), board_id)[0]["left_on"] is None
