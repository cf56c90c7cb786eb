"""Guards refuse an event with every unmet requirement, each cited; warnings never block."""
from datetime import date

import pytest

from lifecycle import services
from lifecycle.errors import GuardRefused
from tests.support import builders


def refusal(uow, plan_id, event, **kw) -> GuardRefused:
    with pytest.raises(GuardRefused) as refused:
        builders.fire(uow, plan_id, event, **kw)
    return refused.value


def citations(refused: GuardRefused) -> list[str]:
    return [r.citation for r in refused.findings.unmet]


def test_open_consultation_lists_the_needs_assessment_and_every_mandatory_category(uow):
    plan_id = builders.plan_in_state(uow, "drafting")
    refused = refusal(uow, plan_id, "open_consultation")
    assert citations(refused) == ["product rule (guidance 8.15)"] + [
        f"reg 7(1)({c})" for c in "abefhjklm"]
    assert [w.citation for w in refused.findings.warnings] == ["reg 7(1)(c)"]


def test_none_in_the_area_satisfies_an_all_in_area_category_but_not_the_lscb(uow):
    plan_id = builders.plan_in_state(uow, "drafting")
    for letter in "abfhjm":
        services.add_consultee(uow(), "tester", plan_id, category=letter, none_in_area=True,
                               note="none here")
    with pytest.raises(Exception, match="none_in_area"):
        services.add_consultee(uow(), "tester", plan_id, category="e", none_in_area=True,
                               note="no LSCB")
    assert citations(refusal(uow, plan_id, "open_consultation")) == [
        "product rule (guidance 8.15)", "reg 7(1)(e)", "reg 7(1)(k)", "reg 7(1)(l)"]


def test_a_successor_must_start_after_its_predecessor_starts(uow):
    board_id = builders.board(uow)["id"]
    first = builders.plan(uow, board_id)["id"]
    with pytest.raises(Exception, match="after its predecessor starts"):
        builders.plan(uow, board_id, start=date(2011, 4, 1), end=date(2015, 3, 31),
                      predecessor_id=first)


def test_close_consultation_is_refused_until_the_lscb_has_been_consulted(uow):
    plan_id = builders.plan_in_state(uow, "drafting")
    services.update_checklist_item(uow(), "tester", plan_id, "needs_assessment",
                                   status="drafted", text="JSNA")
    builders.consultees(uow, plan_id)
    services.add_consultee(uow(), "tester", plan_id, category="e", name="Westshire LSCB")
    services.add_consultee(uow(), "tester", plan_id, category="k", name="Late forum",
                           invited_on=date(2010, 9, 1), response_due=date(2010, 12, 1))
    builders.fire(uow, plan_id, "open_consultation", on=date(2010, 9, 1))
    refused = refusal(uow, plan_id, "close_consultation", on=date(2010, 11, 5))
    assert [(r.citation, r.requirement) for r in refused.findings.unmet] == [
        ("reg 7(1)(e)", "Westshire LSCB (the Local Safeguarding Children Board) has not been "
                        "consulted"),
        ("reg 7(1)(k)", "Late forum has not responded and its response date has not passed")]


def test_approve_lists_all_fourteen_matters_the_two_reports_and_the_board_approval(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    refused = refusal(uow, plan_id, "approve")
    assert citations(refused) == [
        "reg 4(1)", "reg 4(2)(a)", "reg 4(2)(b)", "reg 4(2)(b)(i)", "reg 4(2)(b)(ii)",
        "reg 4(2)(b)(iii)", "reg 4(3)(a)", "reg 4(3)(b)", "reg 4(3)(c)", "reg 4(3)(d)",
        "reg 4(3)(e)", "reg 4(3)(f)", "reg 4(3)(g)", "reg 4(3)(h)",
        "reg 4(3)(e)", "reg 4(3)(f)", "product rule"]


def test_no_report_yet_for_the_lscb_report_warns_but_does_not_block_approval(uow):
    plan_id = builders.plan_in_state(uow, "finalising")
    builders.complete_checklist(uow, plan_id)
    services.update_checklist_item(uow(), "tester", plan_id, "safeguarding", status="complete",
                                   text="Safeguarding", no_report_yet=True,
                                   note="The LSCB's first s14A report is due in 2011")
    services.record_approval(uow(), "tester", plan_id, approved_on=date(2011, 1, 27),
                             minute_ref="CTB/1")
    view = builders.fire(uow, plan_id, "approve", on=date(2011, 1, 27))
    assert view["state"] == "approved"
    assert [w["citation"] for w in view["warnings"]] == ["reg 4(3)(f)"]


def test_publish_is_refused_without_the_pct_website_and_a_public_deposit(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    builders.publication(uow, plan_id, date(2011, 3, 15), channels=("authority_website",))
    refused = refusal(uow, plan_id, "publish")
    assert [(r.citation, r.requirement) for r in refused.findings.unmet] == [
        ("reg 6(a)", "the plan is not on the relevant PCT's website"),
        ("reg 6(c)", "no copies have been deposited in a public library or other public place")]


def test_publish_without_a_partner_website_warns_and_dates_publication_by_the_last_step(uow):
    plan_id = builders.plan_in_state(uow, "approved")
    builders.publication(uow, plan_id, date(2011, 3, 10), channels=("authority_website",))
    builders.publication(uow, plan_id, date(2011, 3, 14), channels=("public_place",))
    builders.publication(uow, plan_id, date(2011, 3, 12), channels=("pct_website",))
    view = builders.fire(uow, plan_id, "publish")
    assert view["published_on"] == date(2011, 3, 14)
    assert [w["citation"] for w in view["warnings"]] == [
        "reg 6(b)", "guidance 8.45", "guidance 8.45"]


def test_conclude_review_needs_the_outcome_and_a_reason_and_warns_when_nobody_was_consulted(uow):
    plan_id = builders.plan_in_state(uow, "under_review")
    refused = refusal(uow, plan_id, "conclude_review", on=date(2012, 2, 1))
    assert citations(refused) == ["reg 8(3)", "product rule"]
    assert [w.citation for w in refused.findings.warnings] == ["reg 8(2)"]
    view = builders.fire(uow, plan_id, "conclude_review", on=date(2012, 2, 1),
                         outcome="no_revision_needed", reason="On track")
    assert view["state"] == "in_force" and view["warnings"][0]["citation"] == "reg 8(2)"


def test_publish_revision_needs_every_membership_change_acknowledged(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    police = services.add_member(uow(), "tester", board_id, organisation="Constabulary",
                                 partner_type="police", statutory=True,
                                 joined_on=date(2010, 4, 1))
    services.update_member(uow(), "tester", board_id, police["id"], left_on=date(2011, 6, 30))
    builders.fire(uow, plan_id, "start_review", on=date(2012, 1, 10))
    builders.fire(uow, plan_id, "begin_revision", on=date(2012, 2, 1), reason="new duties")
    builders.publication(uow, plan_id, date(2012, 3, 1))
    refused = refusal(uow, plan_id, "publish_revision")
    assert [(r.citation, r.requirement) for r in refused.findings.unmet] == [
        ("reg 8(4)", 'the Board membership change "Constabulary left on 2011-06-30" has not '
                     "been taken into account")]
    changes = services.list_membership_changes(uow(), plan_id)
    services.acknowledge_membership_changes(uow(), "tester", plan_id,
                                            change_ids=[c["id"] for c in changes], note="noted")
    view = builders.fire(uow, plan_id, "publish_revision", on=date(2012, 3, 1))
    assert (view["state"], view["revision"]) == ("in_force", 1)
    assert view["revisions"][0]["published_on"] == date(2012, 3, 1)


@pytest.mark.parametrize("state", ["drafting", "approved"])
def test_withdraw_needs_a_reason(uow, state):
    plan_id = builders.plan_in_state(uow, state)
    assert citations(refusal(uow, plan_id, "withdraw")) == ["product rule"]


def test_a_membership_change_on_the_day_of_publication_is_listed_for_acknowledgement(uow):
    plan_id = builders.plan_in_state(uow, "in_force")
    board_id = services.get_plan(uow(), plan_id)["board_id"]
    services.add_member(uow(), "tester", board_id, organisation="Probation Trust",
                        partner_type="probation", statutory=True, joined_on=date(2011, 3, 15))
    builders.fire(uow, plan_id, "start_review", on=date(2012, 1, 10))
    builders.fire(uow, plan_id, "begin_revision", on=date(2012, 2, 1), reason="new duties")
    changes = services.list_membership_changes(uow(), plan_id)
    assert [(c["organisation"], c["change"], c["on"]) for c in changes] == [
        ("Probation Trust", "joined", date(2011, 3, 15))]


def test_an_abandoned_draft_does_not_make_the_first_published_plan_late(uow):
    board_id = builders.board(uow)["id"]
    builders.plan(uow, board_id, start=date(2010, 9, 1), end=date(2013, 8, 31))
    published = builders.plan(uow, board_id)["id"]
    builders.to_state(uow, published, "in_force")
    first = next(o for o in services.board_obligations(uow(), board_id, date(2011, 6, 1))
                 if o["kind"] == "first_plan_publication")
    assert (first["plan_id"], first["status"], first["late"]) == (published, "met", False)
