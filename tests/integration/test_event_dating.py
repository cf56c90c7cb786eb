"""Events judged on the facts of their own date, in date order, with publication after approval
and the consultation record fixed at close; the dry-run check runs the same guard, changing nothing."""
from datetime import date

import pytest

from lifecycle import services
from lifecycle.errors import Forbidden, GuardRefused, InvalidInput
from lifecycle.model import Plan
from lifecycle.services.audit_log import list_audit
from tests.support import builders


def refusal(uow, plan_id, event, **kw) -> list[tuple[str, str]]:
    with pytest.raises(GuardRefused) as refused:
        builders.fire(uow, plan_id, event, **kw)
    return [(r.citation, r.requirement) for r in refused.value.findings.unmet]


def in_consultation(uow, responded=date(2010, 10, 20)) -> int:
    plan_id = builders.plan_in_state(uow, "drafting")
    services.update_checklist_item(uow(), "tester", plan_id, "needs_assessment",
                                   status="drafted", text="JSNA")
    builders.consultees(uow, plan_id, responded=responded)
    builders.fire(uow, plan_id, "open_consultation", on=date(2010, 9, 1))
    return plan_id


def test_close_consultation_is_refused_while_responses_are_dated_after_the_event(uow):
    plan_id = in_consultation(uow, responded=date(2010, 10, 20))
    unmet = refusal(uow, plan_id, "close_consultation", on=date(2010, 10, 1))
    assert unmet[0] == ("reg 7(1)(e)", "Northshire LSCB's response is dated 2010-10-20, after "
                                       "this event (2010-10-01)")
    assert len(unmet) == len(builders.MANDATORY)
    view = builders.fire(uow, plan_id, "close_consultation", on=date(2010, 10, 20))
    assert view["state"] == "finalising"


def test_an_event_dated_before_the_previous_event_is_refused(uow):
    plan_id = in_consultation(uow)
    assert refusal(uow, plan_id, "close_consultation", on=date(2010, 8, 31))[0] == (
        "product rule", "close_consultation (2010-08-31) cannot be dated before the plan's "
                        "previous event, open_consultation on 2010-09-01")


def test_approve_is_refused_before_the_recorded_board_approval_date(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    builders.complete_checklist(uow, plan_id)
    services.record_approval(uow(), "tester", plan_id, approved_on=date(2011, 1, 27),
                             minute_ref="CTB/1")
    assert refusal(uow, plan_id, "approve", on=date(2011, 1, 20)) == [
        ("product rule", "the Board's approval is dated 2011-01-27, after this event "
                         "(2011-01-20)")]


def test_approve_rechecks_the_mandatory_consultees(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    builders.complete_checklist(uow, plan_id)
    services.record_approval(uow(), "tester", plan_id, approved_on=date(2011, 1, 27),
                             minute_ref="CTB/1")
    with uow() as u:  # a record changed behind the service's back (defence in depth)
        plan = u.session.get(Plan, plan_id)
        plan.consultees.remove(next(c for c in plan.consultees if c.category == "k"))
        u.commit()
    assert refusal(uow, plan_id, "approve", on=date(2011, 1, 27)) == [
        ("reg 7(1)(k)", "the schools forum has no consultee record")]


def test_expiry_after_a_review_concluded_past_the_period_end_is_dated_by_that_review(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    builders.fire(uow, plan_id, "start_review", on=date(2014, 3, 20))
    view = builders.fire(uow, plan_id, "conclude_review", on=date(2014, 5, 2),
                         outcome="no_revision_needed", reason="still fit for purpose")
    assert view["state"] == "expired"
    expiry = list_audit(uow(), {"plan_id": plan_id, "event": "expire"})["records"]
    assert [str(e["payload"]["on"]) for e in expiry] == ["2014-05-02"]


def test_a_publication_channel_dated_before_approval_is_refused_naming_done_on(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    with pytest.raises(InvalidInput) as refused:
        builders.publication(uow, plan_id, date(2010, 12, 1), channels=("pct_website",))
    assert list(refused.value.fields) == ["done_on"]
    assert "publication cannot precede approval" in refused.value.message
    assert services.get_plan(uow(), plan_id)["publication_channels"] == []


def test_a_revision_channel_dated_before_begin_revision_is_refused(uow):
    plan_id = builders.plan_in_state(uow, "revising")
    with pytest.raises(InvalidInput, match="revision 1 was begun"):
        builders.publication(uow, plan_id, date(2012, 1, 31), channels=("authority_website",))


def test_publish_is_refused_while_a_channel_is_dated_after_the_event(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    builders.publication(uow, plan_id, date(2011, 3, 1), channels=("authority_website",
                                                                   "public_place"))
    builders.publication(uow, plan_id, date(2011, 3, 20), channels=("pct_website",))
    assert refusal(uow, plan_id, "publish", on=date(2011, 3, 15)) == [
        ("reg 6(a)", "the pct_website record is dated 2011-03-20, after this event (2011-03-15)")]


def test_publishing_with_the_guidance_8_45_items_gives_no_8_45_warning(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    builders.publication(uow, plan_id, date(2011, 3, 15), channels=(
        "authority_website", "pct_website", "public_place", "partner_website",
        "child_friendly_version"))
    services.record_publication_channel(uow(), "tester", plan_id,
                                        channel="disseminated_to_consultees",
                                        done_on=date(2011, 3, 16), place="emailed to each consultee")
    view = builders.fire(uow, plan_id, "publish", on=date(2011, 3, 16))
    assert view["warnings"] == [] and view["published_on"] == date(2011, 3, 15)


def test_consultees_cannot_be_added_once_consultation_has_closed(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    with pytest.raises(InvalidInput, match="fixed when consultation closes"):
        services.add_consultee(uow(), "tester", plan_id, category="d", name="Parent Forum")


def test_consultee_dates_are_fixed_at_close_until_consultation_is_reopened(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    lscb = services.get_plan(uow(), plan_id)["consultees"][0]["id"]
    with pytest.raises(InvalidInput, match="fixed when consultation closes"):
        services.update_consultee(uow(), "tester", plan_id, lscb, responded_on=date(2010, 10, 1))
    services.update_consultee(uow(), "tester", plan_id, lscb, summary="Supports the priorities")
    builders.fire(uow, plan_id, "reopen_consultation", on=date(2010, 11, 10), reason="late reply")
    view = services.update_consultee(uow(), "tester", plan_id, lscb,
                                     responded_on=date(2010, 10, 1))
    assert view["responded_on"] == date(2010, 10, 1)


def test_review_consultees_stay_editable_while_the_review_is_open(uow):
    plan_id = builders.plan_in_state(uow, "under_review")
    youth = services.add_consultee(uow(), "tester", plan_id, category="c", name="Youth Council",
                                   invited_on=date(2012, 1, 12))
    view = services.update_consultee(uow(), "tester", plan_id, youth["id"],
                                     invited_on=date(2012, 1, 11))
    assert view["invited_on"] == date(2012, 1, 11)
    builders.fire(uow, plan_id, "conclude_review", on=date(2012, 2, 1),
                  outcome="no_revision_needed", reason="On track")
    with pytest.raises(InvalidInput, match="review this consultee belongs to is concluded"):
        services.update_consultee(uow(), "tester", plan_id, youth["id"],
                                  responded_on=date(2012, 1, 20))


def test_a_caller_limited_to_responses_cannot_move_invitation_dates(uow):
    plan_id = in_consultation(uow)
    lscb = services.get_plan(uow(), plan_id)["consultees"][0]["id"]
    with pytest.raises(Forbidden, match="invited_on"):
        services.update_consultee(uow(), "mo", plan_id, lscb, only=frozenset({"summary"}),
                                  invited_on=date(2010, 9, 2))


def test_check_event_runs_the_guard_and_changes_nothing(uow):
    plan_id = in_consultation(uow)
    before = services.get_plan(uow(), plan_id)
    audit = services.verify_audit_log(uow())
    check = services.check_event(uow(), plan_id, "close_consultation", on=date(2010, 10, 1))
    assert check["allowed"] is False and check["on"] == date(2010, 10, 1)
    assert check["unmet"][0] == {"requirement": "Northshire LSCB's response is dated 2010-10-20, "
                                                "after this event (2010-10-01)",
                                 "citation": "reg 7(1)(e)"}
    assert services.check_event(uow(), plan_id, "close_consultation",
                                on=date(2010, 11, 5))["allowed"] is True
    assert services.get_plan(uow(), plan_id) == before
    assert services.verify_audit_log(uow()) == audit


def test_check_of_an_event_not_available_from_the_state_is_not_allowed(uow):
    plan_id = builders.plan_in_state(uow, "drafting")
    check = services.check_event(uow(), plan_id, "publish")
    assert check["allowed"] is False
    assert check["unmet"] == [{"requirement": "publish is not available while the plan is "
                                              "drafting (available: open_consultation, withdraw)",
                               "citation": "product rule"}]


def test_check_available_events_covers_each_user_event_of_the_state(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    checks = services.check_available_events(uow(), plan_id, on=date(2010, 11, 6))
    assert [(c["event"], c["allowed"]) for c in checks] == [
        ("reopen_consultation", False), ("approve", False), ("withdraw", False)]


def test_the_dry_run_check_allows_reviewing_an_expired_plan_while_a_year_is_owed(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    services.run_automatic_events(uow())
    check = services.check_event(uow(), plan_id, "start_review", on=date(2014, 5, 1))
    assert check["allowed"], check["unmet"]
    assert builders.fire(uow, plan_id, "start_review", on=date(2014, 5, 1))["state"] == "under_review"
