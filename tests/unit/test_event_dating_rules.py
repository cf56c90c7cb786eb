"""The rules of "Time, and what an event may rely on": facts count only if dated by the event,
events in date order, publication not before approval, product rules cited as such."""
from datetime import date

from lifecycle.model import ChecklistItem, Consultee, Plan, PublicationChannel
from lifecycle.rules import checklist, consultees, event_dates, plan_period, publication

ON = date(2011, 2, 1)


def lscb(**dates) -> Consultee:
    values = dict(category="e", name="Northshire LSCB", invited_on=date(2010, 12, 1),
                  response_due=date(2011, 2, 28), responded_on=None, declined=False,
                  none_in_area=False, note=None)
    return Consultee(**(values | dates))


def channel(name: str, done_on: date) -> PublicationChannel:
    return PublicationChannel(channel=name, done_on=done_on)


def unmet(findings) -> list[tuple[str, str]]:
    return [(r.citation, r.requirement) for r in findings.unmet]


def test_close_consultation_ignores_a_response_dated_after_the_event():
    findings = consultees.consultation_complete([lscb(responded_on=date(2011, 2, 10))], ON)
    assert unmet(findings) == [("reg 7(1)(e)", "Northshire LSCB's response is dated 2011-02-10, "
                                               "after this event (2011-02-01)")]


def test_a_response_dated_on_the_event_day_counts():
    assert consultees.consultation_complete([lscb(responded_on=ON)], ON).ok


def test_a_late_response_does_not_matter_once_the_response_date_has_passed():
    late = lscb(response_due=date(2011, 1, 31), responded_on=date(2011, 2, 10))
    assert consultees.consultation_complete([late], ON).ok


def test_an_invitation_dated_after_the_event_does_not_count_and_is_named():
    findings = consultees.consultation_complete([lscb(invited_on=date(2011, 2, 2))], ON)
    assert unmet(findings) == [("reg 7(1)(e)", "Northshire LSCB's invitation is dated "
                                               "2011-02-02, after this event (2011-02-01)")]


def test_approval_rechecks_every_mandatory_category():
    findings = consultees.mandatory_categories_consulted([lscb()], ON)
    assert [c for c, _ in unmet(findings)] == [f"reg 7(1)({c})" for c in "abfhjklm"]


def test_an_event_dated_before_the_previous_event_is_out_of_order():
    plan = Plan(last_event="open_consultation", last_event_on=date(2010, 9, 1))
    findings = event_dates.in_date_order(plan, "close_consultation", date(2010, 8, 31))
    assert unmet(findings) == [("product rule", "close_consultation (2010-08-31) cannot be dated "
                                "before the plan's previous event, open_consultation on 2010-09-01")]
    assert event_dates.in_date_order(plan, "close_consultation", date(2010, 9, 1)).ok


def test_an_automatic_event_never_moves_the_last_event_backwards():
    plan = Plan(last_event="start_review", last_event_on=date(2014, 5, 1))
    event_dates.record_event(plan, "expire", date(2014, 4, 1))
    assert (plan.last_event, plan.last_event_on) == ("start_review", date(2014, 5, 1))


def test_publication_does_not_count_a_channel_dated_after_the_event():
    channels = [channel("authority_website", date(2011, 3, 1)),
                channel("pct_website", date(2011, 3, 20)),
                channel("public_place", date(2011, 3, 1))]
    findings = publication.publication_complete(channels, date(2011, 3, 15), date(2011, 1, 27))
    assert unmet(findings) == [("reg 6(a)", "the pct_website record is dated 2011-03-20, after "
                                            "this event (2011-03-15)")]


def test_publication_does_not_count_a_channel_dated_before_approval():
    channels = [channel(n, date(2011, 1, 10)) for n in publication.MANDATORY]
    channels.append(channel("authority_website", date(2011, 2, 1)))
    floor = date(2011, 1, 27)
    assert [c for c, _ in unmet(publication.publication_complete(channels, ON, floor))] == [
        "reg 6(a)", "reg 6(c)"]
    assert publication.publication_date(channels, ON, floor) is None


def test_publication_date_is_the_later_6a_record_and_the_first_6c_deposit():
    channels = [channel("authority_website", date(2011, 3, 10)),
                channel("pct_website", date(2011, 3, 12)),
                channel("public_place", date(2011, 3, 11)),
                channel("public_place", date(2011, 3, 14))]
    assert publication.publication_date(channels, date(2011, 3, 31), None) == date(2011, 3, 12)


def test_guidance_8_45_warns_until_a_child_friendly_version_and_dissemination_are_recorded():
    channels = [channel(n, ON) for n in publication.MANDATORY + ("partner_website",)]
    findings = publication.publication_complete(channels, ON, None)
    assert findings.ok
    assert [(w.citation, w.requirement) for w in findings.warnings] == [
        ("guidance 8.45", "no child-friendly version of the plan is recorded"),
        ("guidance 8.45", "the plan's dissemination to those consulted is not recorded")]
    channels += [channel("child_friendly_version", ON), channel("disseminated_to_consultees", ON)]
    assert publication.publication_complete(channels, ON, None).warnings == []


def test_a_report_dated_after_approval_cannot_have_been_taken_into_account():
    items = [ChecklistItem(key=m.key, status="complete", report_ref="LSCB report",
                           report_date=date(2011, 3, 1), no_report_yet=False, note=None)
             for m in checklist.MATTERS]
    findings = checklist.plan_contents_complete(items, ON)
    assert unmet(findings) == [
        ("reg 4(3)(e)", "the report taken into account (LSCB report) is dated 2011-03-01, after "
                        "this event (2011-02-01)"),
        ("reg 4(3)(f)", "the report taken into account (LSCB report) is dated 2011-03-01, after "
                        "this event (2011-02-01)")]


def test_a_successor_starting_too_early_is_a_product_rule_not_reg_5_2():
    predecessor = Plan(period_start=date(2011, 4, 1))
    successor = Plan(period_start=date(2011, 4, 1), period_end=date(2014, 3, 31),
                     predecessor=predecessor)
    assert [c for c, _ in unmet(plan_period.plan_period_valid(successor))] == ["product rule"]


def test_drafting_the_needs_assessment_first_is_a_product_rule():
    items = [ChecklistItem(key="needs_assessment", status="missing")]
    assert [c for c, _ in unmet(checklist.needs_assessment_drafted(items))] == [
        "product rule (guidance 8.15)"]
